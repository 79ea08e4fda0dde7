"""The event catalog: the questions the timeline and the map ask of the events.

Events are kept sorted by start day. "What is active at t" is a binary search for the events
that started by t, then a scan back over blocks of events, skipping every block whose latest end
is before t: one long event no longer makes every query scan all events that started within its
length. Next/previous are binary searches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from geohist.model.event import Event
from geohist.model.place import Gazetteer

BLOCK = 64  # events per block of the end-day index: ~N/64 block checks per query at most


class EventCatalog:
    """Immutable, time-sorted events with the gazetteer their place ids refer to."""

    def __init__(self, events: Iterable[Event], gazetteer: Gazetteer | None = None) -> None:
        self._events = sorted(events, key=lambda e: (e.first_day, e.last_day, e.id))
        self._starts = [e.first_day for e in self._events]
        self._lasts = [e.last_day for e in self._events]
        self._block_last = [max(self._lasts[i : i + BLOCK]) for i in range(0, len(self), BLOCK)]
        self._by_id = {e.id: e for e in self._events}
        self._longest = max(
            (b - a for a, b in zip(self._starts, self._lasts, strict=True)), default=0
        )
        self._bounds = (self._starts[0], max(self._lasts)) if self._events else None
        self._last_active: tuple[int | None, list[Event]] = (None, [])
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __getitem__(self, event_id: str) -> Event:
        return self._by_id[event_id]

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._by_id

    @property
    def events(self) -> list[Event]:
        return list(self._events)

    def bounds(self) -> tuple[int, int] | None:
        """First and last day any event covers, or None for an empty catalog."""
        return self._bounds

    def active_at(self, day: int) -> list[Event]:
        """Events whose span contains ``day``, in start order.

        The window, the timeline and the status line all ask this for the same day on every
        scrub step; the last answer is kept (a fresh list each time, so callers may keep it).
        """
        if self._last_active[0] != day:
            self._last_active = (day, self.in_range(day, day))
        return list(self._last_active[1])

    def starting_on(self, day: int) -> list[Event]:
        """Events whose first day is ``day``, in start order."""
        return self._events[bisect_left(self._starts, day) : bisect_right(self._starts, day)]

    def in_range(self, first_day: int, last_day: int) -> list[Event]:
        """Events overlapping ``[first_day, last_day]``, in start order."""
        events, lasts, block_last = self._events, self._lasts, self._block_last
        lo = bisect_left(self._starts, first_day - self._longest)
        hi = bisect_right(self._starts, last_day)
        out: list[Event] = []
        for block in range(lo // BLOCK, (hi + BLOCK - 1) // BLOCK):
            if block_last[block] < first_day:
                continue
            start = block * BLOCK
            for i in range(start, min(start + BLOCK, hi)):
                if lasts[i] >= first_day:
                    out.append(events[i])
        return out

    def next_event(self, day: int) -> Event | None:
        """The first event starting after ``day``."""
        i = bisect_right(self._starts, day)
        return self._events[i] if i < len(self._events) else None

    def previous_event(self, day: int) -> Event | None:
        """The last event starting before ``day``."""
        i = bisect_left(self._starts, day)
        return self._events[i - 1] if i > 0 else None

    def at_place(self, place_id: str) -> list[Event]:
        return [e for e in self._events if place_id in e.place_ids]

    def places(self) -> list[str]:
        """Ids of every place some event happens at, in first-appearance order."""
        return list(dict.fromkeys(p for e in self._events for p in e.place_ids))
