"""A minimal, Qt-free signal so core state can be observed by Qt views and by tests alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Signal:
    """Call every connected callback with the emitted arguments, in connection order."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        if slot not in self._slots:
            self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)
