"""Work-arounds for bugs in the PySide6 we run on, each with how it was measured."""

from __future__ import annotations

import ctypes
import sys

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
