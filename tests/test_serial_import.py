"""serial_import: two threads never import at the same time, whatever the modules."""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from geohist.serial_import import serial_import

SLOW_MODULE = """
import time
import import_spans

start = time.monotonic()
time.sleep(0.15)
import_spans.spans.append((start, time.monotonic()))
"""


@pytest.fixture
def slow_modules(tmp_path: Path, monkeypatch) -> list[str]:
    """Two modules whose import takes 150 ms; each notes when it ran in ``import_spans.spans``."""
    (tmp_path / "import_spans.py").write_text("spans = []\n", encoding="utf-8")
    names = ["slow_import_a", "slow_import_b"]
    for name in names:
        (tmp_path / f"{name}.py").write_text(SLOW_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield names
    for name in [*names, "import_spans"]:
        sys.modules.pop(name, None)


def import_together(names: list[str], importer: Callable[[str], object]) -> list[tuple]:
    """Import each module in its own thread, all released at once; the spans they ran."""
    start = threading.Barrier(len(names))

    def run(name: str) -> None:
        start.wait()
        importer(name)

    threads = [threading.Thread(target=run, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return sorted(importlib.import_module("import_spans").spans)


def test_imports_from_two_threads_run_one_after_the_other(slow_modules: list[str]) -> None:
    (_, first_end), (second_start, _) = import_together(slow_modules, serial_import)
    assert second_start >= first_end


def test_plain_imports_of_two_modules_do_overlap(slow_modules: list[str]) -> None:
    """What the lock is for: Python's import lock is per module, so these run at once."""
    (_, first_end), (second_start, _) = import_together(slow_modules, importlib.import_module)
    assert second_start < first_end


def test_it_returns_the_module() -> None:
    assert serial_import("json") is sys.modules["json"]
