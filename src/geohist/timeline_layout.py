"""Where the timeline draws each event: pixel spans, lanes, and which marks paint alike — no Qt.

A view change (zoom, pan, resize) lays out every event in view. At 100k events that was 1.7 s
of Python per step, building an object per event; here it is arithmetic on columns (numpy
arrays) of the catalog's days. Marks snap to whole pixels, so painting can skip exact repeats:
zoomed out over 100k events, most marks are repeats.

numpy is imported by this module only, and the widget imports it on first paint: ~80 ms that
the launch path does not wait for.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from geohist.model.catalog import EventCatalog
from geohist.model.event import Event

MIN_BAR_PX = 12.0  # narrower spans are drawn as point markers
POINT_PX = 10.0
LANE_GAP = 3.0
MAX_LANE_H = 15.0
MIN_LANE_H = 4.0
WIDE_PX = 40  # bars at least this wide carry their title


@dataclass(frozen=True, eq=False)
class EventColumns:
    """The catalog's events in start order, with their days as arrays (built once per catalog)."""

    events: Sequence[Event]
    first: np.ndarray  # first day of each event
    end: np.ndarray  # the day after its last
    soft_start: np.ndarray  # the start (end) is uncertain: the bar fades there
    soft_end: np.ndarray
    position: dict[str, int] = field(repr=False)

    @classmethod
    def of(cls, catalog: EventCatalog) -> EventColumns:
        events = list(catalog)  # the catalog keeps them sorted by (first day, last day, id)
        whens = [e.when for e in events]
        return cls(
            events=events,
            first=np.fromiter((e.first_day for e in events), np.int64, len(events)),
            end=np.fromiter((e.last_day + 1 for e in events), np.int64, len(events)),
            soft_start=np.fromiter((w.start.soft for w in whens), bool, len(events)),
            soft_end=np.fromiter(((w.end or w.start).soft for w in whens), bool, len(events)),
            position={e.id: i for i, e in enumerate(events)},
        )

    def overlapping(self, first_day: int, last_day: int) -> np.ndarray:
        """Positions (ascending) of the events that overlap ``[first_day, last_day]``."""
        started = int(np.searchsorted(self.first, last_day, side="right"))
        return np.flatnonzero(self.end[:started] > first_day)


@dataclass(frozen=True, eq=False)
class MarkLayout:
    """One mark per event in view, in start order: diamonds (``point``) or bars.

    ``positions`` index :attr:`EventColumns.events`; the other arrays are per mark, in pixels.
    """

    columns: EventColumns
    positions: np.ndarray
    left: np.ndarray
    right: np.ndarray
    top: np.ndarray
    height: float
    point: np.ndarray
    piled: np.ndarray | None = None  # marks in the shared last row, when the lanes overflowed

    def __len__(self) -> int:
        return len(self.positions)

    def index_of(self, event_id: str | None) -> int | None:
        """The mark of an event, or None when it is not in view."""
        found = self.indices_of([event_id])
        return found[0] if found else None

    def indices_of(self, event_ids: Sequence[str | None]) -> list[int]:
        """The marks of those events that are in view, in the order given."""
        position_of = self.columns.position
        positions = np.array([position_of.get(i, -1) for i in event_ids], np.int64)
        return self._marks_at(positions).tolist()

    def active_at(self, day: int) -> np.ndarray:
        """The marks of the events in view whose span contains ``day``, in start order."""
        return self._marks_at(self.columns.overlapping(day, day))

    def _marks_at(self, positions: np.ndarray) -> np.ndarray:
        """The marks of those of ``positions`` that are in view, in the order given."""
        if not len(self.positions):
            return np.zeros(0, np.int64)
        at = np.minimum(np.searchsorted(self.positions, positions), len(self.positions) - 1)
        return at[self.positions[at] == positions]

    def hit(self, x: float, y: float, slack: float = 2.0) -> int | None:
        """The topmost (last painted) mark within ``slack`` pixels of ``(x, y)``."""
        inside = (
            (self.left - slack <= x)
            & (x <= self.right + slack)
            & (self.top - slack <= y)
            & (y <= self.top + self.height + slack)
        )
        found = np.flatnonzero(inside)
        return int(found[-1]) if len(found) else None

    def looks(self, indices: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Per mark, what it paints: two marks paint the same pixels in the same style (given
        the same active state) exactly when their rows are equal."""
        positions = self.positions[indices]
        left, width = self.left[indices], self.right[indices] - self.left[indices]
        return np.column_stack(
            [
                left,
                np.rint(self.top[indices]),
                width,
                self.point[indices],
                self.columns.soft_start[positions] & ~self.point[indices],  # diamonds: no fade
                self.columns.soft_end[positions] & ~self.point[indices],
                width >= WIDE_PX,
            ]
        ).astype(np.int64)

    def distinct(self, indices: Sequence[int] | np.ndarray | None = None) -> np.ndarray:
        """Of ``indices`` (default: every mark), those that no earlier one of them paints
        exactly alike, in the order given."""
        chosen = np.arange(len(self)) if indices is None else np.asarray(indices, np.int64)
        if not len(chosen):
            return chosen
        looks = self.looks(chosen)
        order = np.lexsort(looks.T[::-1])  # stable: the first of equal rows is the earliest
        in_order = looks[order]
        starts_group = np.any(in_order[1:] != in_order[:-1], axis=1)
        return chosen[np.sort(order[np.concatenate(([True], starts_group))])]

    def resting(self) -> np.ndarray:
        """The distinct marks to paint one by one: all but those in the pile (see ``pile``)."""
        return self.distinct(None if self.piled is None else np.flatnonzero(~self.piled))

    def pile(self) -> tuple[float, float, list[tuple[float, float]], list[tuple[float, float]]]:
        """The shared last row of an overflowing layout as spans to fill: its top and height,
        the union of its bars and the union of its diamonds (each as wide as it is drawn).

        Zoomed out over 100k events ~77% of the distinct marks are in this row, overlapping
        into a band; painting them one by one was most of a view change's paint time.
        """
        if self.piled is None or not self.piled.any():
            return 0.0, 0.0, [], []
        top = float(self.top[self.piled][0])
        point, left, right = self.point[self.piled], self.left[self.piled], self.right[self.piled]
        middle, half = (left + right) / 2, min(POINT_PX, self.height) / 2
        bars = _union(left[~point], right[~point])
        diamonds = _union(middle[point] - half, middle[point] + half)
        return top, self.height, bars, diamonds


def _union(lefts: np.ndarray, rights: np.ndarray) -> list[tuple[float, float]]:
    """Intervals merged where they overlap or touch, in order."""
    if not len(lefts):
        return []
    order = np.argsort(lefts, kind="stable")
    lefts, reach = lefts[order], np.maximum.accumulate(rights[order])
    starts = np.flatnonzero(np.concatenate(([True], lefts[1:] > reach[:-1])))
    ends = reach[np.concatenate((starts[1:] - 1, [len(lefts) - 1]))]
    return list(zip(lefts[starts].tolist(), ends.tolist(), strict=True))


def lay_out(
    columns: EventColumns, view: tuple[float, float], width: float, top: float, height: float
) -> MarkLayout:
    """Marks for the events in ``view`` drawn ``width`` pixels wide, in lanes inside the band
    ``height`` pixels tall from ``top``: spans narrower than :data:`MIN_BAR_PX` become points,
    lanes never overlap, and when they cannot all fit the deepest share the last row."""
    first, last = view
    positions = columns.overlapping(int(first) - 1, int(last) + 1)
    scale = max(width, 1.0) / max(last - first, 1e-9)
    x0 = (columns.first[positions] - first) * scale
    x1 = (columns.end[positions] - first) * scale
    point = x1 - x0 < MIN_BAR_PX
    mid = (x0 + x1) / 2
    left = np.where(point, mid - POINT_PX / 2, x0)
    right = np.where(point, mid + POINT_PX / 2, x1)
    # Lanes from the exact spans: in exact start order the points of a day and the bars starting
    # that day interleave, so a crowded view shows a mix of both in its lanes.
    depth = overlap_depth(left, right, LANE_GAP)
    rows_fit = max(1, int((height + LANE_GAP) // (MIN_LANE_H + LANE_GAP)))
    rows = min(depth, rows_fit)
    lanes = assign_lanes(left, right, LANE_GAP, max_lanes=max(rows, 1))
    if depth > rows_fit:
        lane_h = MIN_LANE_H
    else:
        lane_h = min(MAX_LANE_H, (height + LANE_GAP) / max(depth, 1) - LANE_GAP)
    return MarkLayout(
        columns,
        positions,
        np.rint(left),
        np.rint(right),
        top + lanes * (lane_h + LANE_GAP),
        lane_h,
        point,
        piled=lanes == rows - 1 if depth > rows_fit else None,
    )


def overlap_depth(starts: np.ndarray, ends: np.ndarray, gap: float = 4.0) -> int:
    """The most intervals covering one point, each taken ``gap`` longer (touching is not
    overlapping): the fewest lanes any stacking needs."""
    if not len(starts):
        return 0
    starts, ends = np.sort(starts), np.sort(np.asarray(ends) + gap)
    begun = np.searchsorted(starts, starts, side="right")
    over = np.searchsorted(ends, starts, side="right")
    return int((begun - over).max())


def assign_lanes(
    starts: Sequence[float] | np.ndarray,
    ends: Sequence[float] | np.ndarray,
    gap: float = 4.0,
    max_lanes: int | None = None,
) -> np.ndarray:
    """Stack intervals into the fewest lanes where none overlap (``gap`` apart in a lane).

    First fit in start order (ties in the order given) is optimal for interval partitioning,
    and keeps an event in its lane while the view pans. A free lane is kept in a heap by
    number, a busy one by end. With ``max_lanes``, the lanes from ``max_lanes - 1`` on are
    reported as that last lane: the lanes above it fill exactly as without a limit, because
    later lanes never take part in first fit's choice. So once every lane above the last is
    busy, all intervals starting before the first of them frees go to the last lane in one
    jump: zoomed out over 100k events, a few thousand placements instead of 100k.
    """
    starts, ends = np.asarray(starts, float), np.asarray(ends, float)
    count = len(starts)
    last_lane = count if max_lanes is None else max(max_lanes, 1) - 1
    lanes = np.full(count, last_lane, np.int64)
    if last_lane == 0:
        return lanes
    order = np.argsort(starts, kind="stable")
    in_order_starts, in_order_ends = starts[order].tolist(), ends[order].tolist()
    placed: list[int] = []  # indices into the start order
    placed_lanes: list[int] = []
    free: list[int] = []  # lanes whose last interval ended at least ``gap`` before this start
    busy: list[tuple[float, int]] = []  # (end + gap, lane)
    opened = i = 0
    while i < count:
        start = in_order_starts[i]
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        elif opened < last_lane:
            lane, opened = opened, opened + 1
        else:  # every lane above the last is busy until busy[0] frees
            i = bisect_left(in_order_starts, busy[0][0], lo=i + 1)
            continue
        placed.append(i)
        placed_lanes.append(lane)
        heapq.heappush(busy, (in_order_ends[i] + gap, lane))
        i += 1
    lanes[order[placed]] = placed_lanes
    return lanes
