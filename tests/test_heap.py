"""heap.settle: a large catalog's objects leave the collector's full passes, and come back."""

import gc
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
