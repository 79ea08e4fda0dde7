"""Connecting Qt-free model signals to Qt objects for exactly as long as the objects live."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject

from geohist.observable import Signal


def bind(owner: QObject, pairs: Iterable[tuple[Signal, Callable[..., Any]]]) -> None:
    """Connect model signals to ``owner``'s handlers until ``owner`` is destroyed.

    :class:`geohist.observable.Signal` holds strong references, so without this a state
    that outlives a widget would keep calling into a deleted C++ object.
    """
    pairs = list(pairs)
    for signal, slot in pairs:
        signal.connect(slot)

    def _disconnect(*_: object) -> None:
        for signal, slot in pairs:
            signal.disconnect(slot)

    owner.destroyed.connect(_disconnect)
