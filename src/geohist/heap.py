"""Memory of a long-running window: the garbage collector and the C heap.

Python's cyclic garbage collector walks every tracked object in a full (oldest-generation)
pass. With 100k events that is millions of objects and 140-200 ms with the GUI frozen, and it
came five times in 300 scrub steps: the steps it hit took 230 ms instead of ~45. The catalog
lives until the next file is opened, so once it is loaded its objects are moved to the
permanent generation, which full passes skip (``gc.freeze``); measured, full passes then took
0-9 ms. The next catalog first moves them back (``gc.unfreeze``), so the old one's objects can
still be collected, before everything alive is frozen again.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

LARGE_CATALOG = 10_000  # events; below this a full pass is short, and freezing is not worth it


def settle(event_count: int) -> bool:
    """After a catalog of ``event_count`` events is installed: collect, then freeze what lives.

    Returns whether it froze. Costs one full collection (~0.2 s at 100k events), once per file.
    """
    gc.unfreeze()
    if event_count < LARGE_CATALOG:
        return False
    gc.collect()
    gc.freeze()
    return True


_pauses = 0  # collector_paused blocks open now, in any thread
_resume = False  # whether the collector was on when the first of them began
_pauses_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside: for reading a file, whose rows make no reference cycles.

    Reading 100k events makes millions of objects, and the collector kept passing over them
    (~690 passes, 4 of them full): 0.6-0.9 s of ~5 s of CPU here. Objects dropped meanwhile are
    still freed at once by their reference counts; only cycles wait for the end. Reads overlap
    (a new file is opened while an older read, which cannot be stopped, goes on in its thread):
    the collector comes back when the last of them ends, and only if it was on when the first
    began (it stays off if the caller had turned it off).
    """
    global _pauses, _resume
    with _pauses_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


# glibc's mallopt parameter: blocks at least this big get their own mmap, unmapped when freed.
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, made fixed


def return_big_blocks() -> bool:
    """Make glibc give freed big blocks back to the system at once. Returns whether it could.

    glibc serves a block of 128 KiB or more with its own mmap, but the first time such a block
    is freed it raises that threshold to the block's size (up to 32 MiB), so later big blocks
    come from the heap and stay there, fragmented, after they are freed. Qt and QtWebEngine's
    browser side, in this process, allocate and free big buffers as the map paints: at 100k
    events the Python process held ~35 MB more after 200 steps than with the threshold fixed
    (PSS 338-388 vs 305 MB). Setting the threshold turns the raising off. A no-op outside glibc.
    """
    import platform
    import sys

    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
