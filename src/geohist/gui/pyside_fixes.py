"""Work-arounds for bugs in the PySide6 we run on, each with how it was measured."""

from __future__ import annotations

import ctypes
import linecache
import sys
from types import ModuleType

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    signal = Signal()


_GUARDED = False


def guard_singleton_refcounts() -> bool:
    """Keep None/True/False alive despite PySide6 6.12's reference-count bugs; True if needed.

    Measured here with PySide6 6.12.0 on CPython 3.11: every Python ``Signal.emit()`` drops a
    reference to ``True``, and every call from Qt into a Python callable returning None (slot,
    lambda, timer callback) drops one to ``None``. After ~1,000-5,000 callbacks CPython frees
    True or None and aborts ("bool_dealloc", "none_dealloc"): a minute of playback is enough.
    From CPython 3.12 these objects are immortal and nothing happens. The fix, applied only when
    a probe shows the bug: add 2**30 references to each (``ob_refcnt`` is the first field of
    every CPython object), far more than a session can drop.
    """
    global _GUARDED
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if _GUARDED:
        return True
    probe = _Probe()  # held: a temporary would be deleted before it emits
    before = sys.getrefcount(True)
    probe.signal.emit()
    if sys.getrefcount(True) >= before:
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 30
    _GUARDED = True
    return True


_FEATURE_CHECK_REPLACED = False


def skip_feature_source_reads() -> bool:
    """Give every later import PySide6's normal API without reading its source; True if
    PySide's check was replaced.

    PySide6's import hook (PYSIDE-2029, for ``from __feature__ import snake_case`` and the like)
    asks of every module imported after PySide6 whether its source contains "PySide6", through
    ``inspect.getsource``: a module that does gets feature set 0 (the normal API), the others
    are "ignored" and see whatever set is current. geohist selects no feature, so 0 is the right
    answer for all of them, and reading is the cost: measured here, ~137,000 lines from 241
    modules kept in ``linecache`` for the process's life (35 MB in a tracemalloc run), and,
    even reading the bytes only, 30 ms for the 316 modules a window imports, at launch. A
    module that selects a feature itself still has its selection: PySide records it during
    the import, before this check runs. What was cached before is dropped.
    """
    global _FEATURE_CHECK_REPLACED
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside") or _FEATURE_CHECK_REPLACED:
        return False

    def uses_pyside(_module: ModuleType) -> bool:
        return True

    feature._mod_uses_pyside = uses_pyside
    _FEATURE_CHECK_REPLACED = True
    linecache.clearcache()
    return True


def apply_all() -> None:
    """Every work-around here, for the app, the headless renderer and the benchmarks."""
    guard_singleton_refcounts()
    skip_feature_source_reads()
