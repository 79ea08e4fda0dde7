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


def read_sources_without_caching() -> bool:
    """Answer PySide6's "does this module use PySide?" from the file, keeping nothing; True
    if its check was replaced.

    PySide6's import hook (PYSIDE-2029, for ``from __feature__ import ...``, which geohist does
    not use) asks this of every module imported after PySide6 through ``inspect.getsource``,
    which keeps every line of every such module in ``linecache`` for the life of the process:
    measured here, ~137,000 lines from 241 modules by the first frame of a 100k-event catalog
    (numpy, babel, typing, ...), 35 MB in a tracemalloc run. The same question (is "PySide6" in
    the source?) is answered from the file's bytes; modules without a ``.py`` file still go to
    PySide's own check. What was cached before is dropped.
    """
    global _FEATURE_CHECK_REPLACED
    feature = sys.modules.get("shibokensupport.feature")
    pyside_check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or pyside_check is None or _FEATURE_CHECK_REPLACED:
        return False

    def uses_pyside(module: ModuleType) -> bool:
        source_file = getattr(module, "__file__", None)
        if not (isinstance(source_file, str) and source_file.endswith(".py")):
            return pyside_check(module)
        try:
            with open(source_file, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return pyside_check(module)

    feature._mod_uses_pyside = uses_pyside
    _FEATURE_CHECK_REPLACED = True
    linecache.clearcache()
    return True


def apply_all() -> None:
    """Every work-around here, for the app, the headless renderer and the benchmarks."""
    guard_singleton_refcounts()
    read_sources_without_caching()
