"""Timeline marks without Qt: lanes (first fit, capped), overlap depth, the layout of a view."""

import itertools
import random

import numpy as np
import pytest

from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.time import TimeSpan, days_from_civil
from geohist.timeline_layout import (
    LANE_GAP,
    MAX_LANE_H,
    MIN_BAR_PX,
    MIN_LANE_H,
    POINT_PX,
    EventColumns,
    assign_lanes,
    lay_out,
    overlap_depth,
)


def _first_fit_scan(spans: list[tuple[float, float]], gap: float) -> list[int]:
    """First fit by definition: each interval, in the order given, to the first lane it fits."""
    lane_ends: list[float] = []
    lanes = []
    for start, end in spans:
        for i, lane_end in enumerate(lane_ends):
            if lane_end + gap <= start:
                lane_ends[i] = end
                lanes.append(i)
                break
        else:
            lane_ends.append(end)
            lanes.append(len(lane_ends) - 1)
    return lanes


def _depth(spans: list[tuple[float, float]], gap: float) -> int:
    """The most intervals (half-open, each ``gap`` longer) covering one point."""
    edges = sorted([(s, 1) for s, _ in spans] + [(e + gap, -1) for _, e in spans])
    depth = best = 0
    for _, step in edges:  # at equal positions ends (-1) come first: touching is not overlapping
        depth += step
        best = max(best, depth)
    return best


def _lanes(spans, gap=4.0, max_lanes=None):
    starts, ends = zip(*spans, strict=True) if spans else ((), ())
    return assign_lanes(starts, ends, gap, max_lanes).tolist()


def _random_spans(rng: random.Random, count: int) -> list[tuple[float, float]]:
    """Many exact repeats and ties, as marks snapped to pixels have."""
    starts = [rng.choice([rng.uniform(0, 300), float(rng.randint(0, 30))]) for _ in range(count)]
    return [(s, s + rng.choice([0.5, 1.0, 10.0, rng.uniform(0.5, 80)])) for s in starts]


def test_assign_lanes_stacks_overlaps_and_reuses_free_lanes():
    spans = [(0, 100), (10, 50), (20, 30), (60, 90), (105, 200)]
    assert _lanes(spans, gap=4) == [0, 1, 2, 1, 0]
    assert _lanes([], gap=4) == []


def test_assign_lanes_is_first_fit_at_any_scale():
    """Input in start order: exactly the lanes of first fit by definition. Any order: no two
    intervals of a lane overlap, and no more lanes than the deepest overlap needs."""
    rng = random.Random(3)
    for _ in range(200):
        spans = _random_spans(rng, 60)
        gap = rng.choice([0.0, 4.0])
        lanes = _lanes(spans, gap)
        in_order = sorted(spans, key=lambda span: span[0])  # ties stay in the order given
        assert _lanes(in_order, gap) == _first_fit_scan(in_order, gap)
        assert max(lanes) + 1 == _depth(spans, gap)
        starts, ends = np.array(spans).T
        assert overlap_depth(starts, ends, gap) == _depth(spans, gap)
        for lane in set(lanes):
            mine = sorted(span for span, n in zip(spans, lanes, strict=True) if n == lane)
            assert all(a[1] + gap <= b[0] for a, b in itertools.pairwise(mine))
    # 20k events squeezed into 400 px: thousands of lanes
    spans = sorted(
        (s, s + rng.uniform(0, 40)) for s in (rng.uniform(0, 400) for _ in range(20_000))
    )
    lanes = _lanes(spans)
    assert max(lanes) > 1000 and lanes == _first_fit_scan(spans, 4.0)


def test_capped_lanes_are_first_fit_with_the_deepest_in_the_last_lane():
    rng = random.Random(5)
    for _ in range(200):
        spans = sorted(_random_spans(rng, 80), key=lambda span: span[0])
        cap = rng.randint(1, 12)
        expected = [min(lane, cap - 1) for lane in _first_fit_scan(spans, 3.0)]
        assert _lanes(spans, 3.0, max_lanes=cap) == expected


def _catalog(spans: list[tuple[str, str]]) -> EventCatalog:
    return EventCatalog(
        Event(f"e{i}", f"Event {i}", TimeSpan.parse(start, end), ("moscow",))
        for i, (start, end) in enumerate(spans)
    )


def _day(year, month=1, dom=1):
    return days_from_civil(year, month, dom)


def test_columns_find_the_same_events_as_the_catalog():
    rng = random.Random(8)
    spans = []
    for _ in range(300):
        year = rng.randint(1900, 2020)
        kind = rng.choice(["day", "year", "span", "decade"])
        if kind == "day":
            spans.append((f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", ""))
        elif kind == "year":
            spans.append((str(year), ""))
        elif kind == "decade":
            spans.append((f"{year // 10}X", ""))
        else:
            spans.append((str(year), str(year + rng.randint(0, 40))))
    catalog = _catalog(spans)
    columns = EventColumns.of(catalog)
    for _ in range(100):
        first = _day(rng.randint(1890, 2030), rng.randint(1, 12))
        last = first + rng.choice([0, 1, 40, 4000, 40000])
        found = [columns.events[i] for i in columns.overlapping(first, last)]
        assert found == catalog.in_range(first, last)


def _band_rows(layout):
    return np.rint((layout.top - 30) / (layout.height + LANE_GAP)).astype(int)


def test_layout_draws_short_spans_as_points_and_long_ones_as_bars():
    catalog = _catalog([("1950-02-15", ""), ("1947", "1991"), ("1950-02", "")])
    columns = EventColumns.of(catalog)
    view = (_day(1940), _day(2000))
    layout = lay_out(columns, view, 1200, top=30, height=80)
    by_id = {columns.events[p].id: i for i, p in enumerate(layout.positions)}
    day_px = 1200 / (view[1] - view[0])
    bar = by_id["e1"]
    assert not layout.point[bar]
    assert layout.left[bar] == round((_day(1947) - view[0]) * day_px)
    assert layout.right[bar] == round((_day(1992) - view[0]) * day_px)
    for i in (by_id["e0"], by_id["e2"]):  # a day, a month: both far under MIN_BAR_PX here
        assert layout.point[i] and layout.right[i] - layout.left[i] == POINT_PX
    # three overlapping marks, three lanes of the largest height that fits
    assert sorted(_band_rows(layout).tolist()) == [0, 1, 2]
    assert layout.height == MAX_LANE_H
    assert np.all(layout.left == np.rint(layout.left))


def test_layout_keeps_lanes_apart_and_piles_the_overflow_in_the_last_row():
    rng = random.Random(11)
    spans = [(f"{rng.randint(1900, 2000)}-{rng.randint(1, 12):02d}", "") for _ in range(3000)]
    spans += [(str(y), str(y + 30)) for y in range(1900, 1990, 3)]
    columns = EventColumns.of(_catalog(spans))
    height = 60.0
    layout = lay_out(columns, (_day(1900), _day(2025)), 900, top=30, height=height)
    rows_fit = int((height + LANE_GAP) // (MIN_LANE_H + LANE_GAP))
    rows = _band_rows(layout)
    assert layout.height == MIN_LANE_H and rows.max() == rows_fit - 1
    assert layout.top.max() + layout.height <= 30 + height
    for row in range(rows_fit - 1):  # real lanes: no two marks touch
        mine = sorted(zip(layout.left[rows == row], layout.right[rows == row], strict=True))
        assert all(a[1] + LANE_GAP <= b[0] for a, b in itertools.pairwise(mine))
    assert len(layout) == len(columns.events)
    assert all((layout.right - layout.left)[~layout.point] >= MIN_BAR_PX - 1)  # snapped to pixels


def test_distinct_marks_cover_every_look_once():
    spans = [("1950-02-15", "")] * 5 + [("1950-02-16", "")] * 3 + [("1950", "1960")] * 2
    columns = EventColumns.of(_catalog(spans))
    layout = lay_out(columns, (_day(1900), _day(2025)), 300, top=30, height=8)
    looks = layout.looks()
    distinct = layout.distinct()
    assert distinct.tolist() == sorted(distinct.tolist())
    assert {tuple(row) for row in looks.tolist()} == {tuple(looks[i]) for i in distinct}
    assert len(distinct) == len({tuple(row) for row in looks.tolist()}) < len(layout)
    backwards = list(range(len(layout)))[::-1]  # of given marks, the first of each look, in order
    first_of: dict[tuple, int] = {}
    for i in backwards:
        first_of.setdefault(tuple(looks[i]), i)
    assert layout.distinct(backwards).tolist() == list(first_of.values())
    assert layout.distinct([]).tolist() == []


def test_hit_finds_the_topmost_mark_and_index_of_finds_marks_in_view():
    columns = EventColumns.of(_catalog([("1950", "1960"), ("1955-06-01", ""), ("1990", "")]))
    layout = lay_out(columns, (_day(1940), _day(1970)), 600, top=30, height=80)
    events = columns.events
    for i in range(len(layout)):
        x = (layout.left[i] + layout.right[i]) / 2
        y = layout.top[i] + layout.height / 2
        assert layout.hit(x, y) == i
        assert layout.index_of(events[layout.positions[i]].id) == i
    assert layout.hit(-50, 40) is None
    assert layout.index_of("e2") is None  # 1990: outside the view
    assert layout.index_of("no-such-event") is None and layout.index_of(None) is None
    in_view = [layout.index_of("e1"), layout.index_of("e0")]
    assert layout.indices_of(["e1", "e2", None, "e0"]) == in_view  # in the order asked


def test_active_at_gives_the_marks_in_view_of_the_catalog_s_active_events():
    rng = random.Random(3)
    spans = []
    for _ in range(400):
        year = rng.randint(1900, 2020)
        spans.append((str(year), str(year + rng.choice([0, 0, 1, 5, 30]))))
    catalog = _catalog(spans)
    columns = EventColumns.of(catalog)
    layout = lay_out(columns, (_day(1940), _day(1980)), 800, top=30, height=80)
    checked = 0
    for year in range(1890, 2031, 3):  # before, inside and after the view
        day = _day(year, 7, 1)
        in_view = layout.indices_of([e.id for e in catalog.active_at(day)])
        assert layout.active_at(day).tolist() == in_view
        checked += len(in_view)
    assert checked > 100  # the view holds many of them
    empty = lay_out(columns, (_day(1500), _day(1600)), 800, top=30, height=80)
    assert len(empty) == 0 and empty.active_at(_day(1550)).tolist() == []


@pytest.mark.parametrize("count", [0, 1])
def test_layout_of_few_or_no_events(count):
    columns = EventColumns.of(_catalog([("1950", "")] * count))
    layout = lay_out(columns, (_day(1900), _day(2000)), 500, top=30, height=80)
    assert len(layout) == count and len(layout.distinct()) == count


def test_an_overflowing_last_row_is_painted_as_the_union_of_its_marks():
    rng = random.Random(13)
    spans = [(f"{rng.randint(1900, 2000)}-{rng.randint(1, 12):02d}", "") for _ in range(3000)]
    spans += [(str(y), str(y + rng.randint(1, 30))) for y in range(1900, 1990, 2)]
    columns = EventColumns.of(_catalog(spans))
    layout = lay_out(columns, (_day(1900), _day(2025)), 900, top=30, height=60.0)
    assert layout.piled is not None and layout.piled.any()
    resting = layout.resting()
    assert not layout.piled[resting].any()
    assert set(resting.tolist()) == set(layout.distinct(np.flatnonzero(~layout.piled)).tolist())
    top, height, bars, diamonds = layout.pile()
    assert height == layout.height
    assert top == layout.top[layout.piled].max() == layout.top.max()
    half = min(POINT_PX, layout.height) / 2  # a diamond is as wide as it is tall
    piled_bars = np.flatnonzero(layout.piled & ~layout.point)
    piled_points = np.flatnonzero(layout.piled & layout.point)
    middles = (layout.left[piled_points] + layout.right[piled_points]) / 2
    for spans, lefts, rights in (
        (bars, layout.left[piled_bars], layout.right[piled_bars]),
        (diamonds, middles - half, middles + half),
    ):
        assert 0 < len(spans) <= len(lefts)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))  # disjoint, in order
        for lo, hi in zip(lefts.tolist(), rights.tolist(), strict=True):  # every mark covered
            assert any(a <= lo and hi <= b for a, b in spans)
        for a, b in spans:  # and nothing else: each span is the union of marks inside it
            inside = (lefts >= a) & (rights <= b)
            ordered = sorted(zip(lefts[inside].tolist(), rights[inside].tolist(), strict=True))
            reach = a
            for lo, hi in ordered:
                assert lo <= reach  # no gap between marks inside a span
                reach = max(reach, hi)
            assert ordered[0][0] == a and reach == b


def test_a_layout_that_fits_has_no_pile():
    columns = EventColumns.of(_catalog([("1950", "1960"), ("1955-06-01", "")]))
    layout = lay_out(columns, (_day(1940), _day(1970)), 600, top=30, height=80)
    assert layout.piled is None and layout.pile() == (0.0, 0.0, [], [])
    assert layout.resting().tolist() == layout.distinct().tolist()
