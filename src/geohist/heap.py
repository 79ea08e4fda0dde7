"""Keeping a large catalog out of the garbage collector's full passes.

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
