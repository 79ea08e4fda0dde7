"""heap: a large catalog leaves the collector's full passes; reading pauses the collector."""

import gc
import platform
import subprocess
import sys
import weakref

import pytest

from geohist import heap


@pytest.fixture(autouse=True)
def _unfrozen():
    yield
    gc.unfreeze()


def test_a_large_catalog_is_frozen_and_a_small_one_is_not():
    held = [[i] for i in range(heap.LARGE_CATALOG)]  # tracked objects, as events are
    before = gc.get_freeze_count()
    assert heap.settle(len(held))
    assert gc.get_freeze_count() >= before + len(held)
    assert not heap.settle(heap.LARGE_CATALOG - 1)
    assert gc.get_freeze_count() == 0  # the next catalog unfroze the last one's objects


def test_the_next_catalog_lets_the_last_ones_cycles_be_collected():
    class Node:
        pass

    def cycle():
        a, b = Node(), Node()
        a.other, b.other = b, a
        return a

    held = [cycle() for _ in range(heap.LARGE_CATALOG)]
    assert heap.settle(len(held))
    watched = weakref.ref(held[0])
    del held
    gc.collect()
    assert watched() is not None  # frozen cycles are out of the collector's reach
    heap.settle(0)
    gc.collect()
    assert watched() is None  # unfrozen by the next catalog: the dropped cycles go


# Frees 48 blocks of 1 MB that lie between small blocks still in use, after a 4 MB block was
# freed (which makes glibc serve the 1 MB ones from its heap, where the small ones pin them).
_FREED_BIG_BLOCKS = """
import os, sys
from geohist import heap
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')
if sys.argv[1] == 'fixed':
    assert heap.return_big_blocks()
first = bytearray(4 << 20); del first
base = rss()
blocks, keepers = [], []
for _ in range(48):
    blocks.append(bytearray(1 << 20))
    keepers.append(bytearray(64 << 10))
del blocks
print((rss() - base) >> 20)
"""


def _kept_mb(mode: str) -> int:
    run = subprocess.run(
        [sys.executable, "-c", _FREED_BIG_BLOCKS, mode], capture_output=True, text=True, check=True
    )
    return int(run.stdout)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="a glibc setting",
)
def test_freed_big_blocks_go_back_to_the_system():
    """glibc alone keeps most of 48 MB freed between small live blocks; with the threshold fixed
    the big blocks had their own mappings and are gone."""
    assert _kept_mb("default") > 30
    assert _kept_mb("fixed") < 10


def test_the_collector_is_paused_while_reading_and_back_after() -> None:
    assert gc.isenabled()
    with heap.collector_paused():
        assert not gc.isenabled()
        with heap.collector_paused():  # a second load meanwhile leaves it to the first
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_reads_keep_the_collector_off_until_the_last_ends() -> None:
    """An older read that cannot be stopped ends while a newer one is still reading."""
    older, newer = heap.collector_paused(), heap.collector_paused()
    older.__enter__()
    newer.__enter__()
    older.__exit__(None, None, None)
    assert not gc.isenabled()  # the newer read is still making objects
    newer.__exit__(None, None, None)
    assert gc.isenabled()


def test_the_collector_stays_off_when_the_caller_had_turned_it_off() -> None:
    gc.disable()
    try:
        with heap.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_after_a_failed_read() -> None:
    with pytest.raises(ValueError), heap.collector_paused():
        raise ValueError("unreadable")
    assert gc.isenabled()
