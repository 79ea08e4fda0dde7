"""Playback as a pure step function: (day, settings, elapsed seconds, carry) → next day.

The Qt driver (:class:`geohist.gui.timeline_widget.Player`) only measures elapsed time and
applies the result, so every rule here (speed, carry, stop, loop) is tested as a table.
The carry is what a tick could not spend yet: a fraction of a day in "years" mode (30 ms at
1 year/s is 0.37 days, which would round to nothing), seconds towards the next jump in
"events" mode.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from geohist.model.catalog import EventCatalog
from geohist.timeline_axis import DAYS_PER_YEAR

PlaybackMode = Literal["events", "years"]


@dataclass(frozen=True, slots=True)
class PlaybackSettings:
    """How playback moves: one event at a time, or continuously at so many years a second."""

    mode: PlaybackMode = "events"
    years_per_second: float = 1.0
    seconds_per_event: float = 1.5
    loop: bool = False

    def __post_init__(self) -> None:
        if self.mode not in ("events", "years"):
            raise ValueError(f"playback mode must be 'events' or 'years', not {self.mode!r}")
        if self.years_per_second <= 0 or self.seconds_per_event <= 0:
            raise ValueError("playback speeds must be positive")


@dataclass(frozen=True, slots=True)
class PlaybackStep:
    """Where playback is after one tick, whether it has stopped, and the unspent carry."""

    day: int
    stopped: bool
    carry: float = 0.0


def advance(
    day: int,
    settings: PlaybackSettings,
    elapsed_s: float,
    catalog: EventCatalog,
    carry: float = 0.0,
) -> PlaybackStep:
    """Move playback on by ``elapsed_s`` seconds from ``day``."""
    if not len(catalog):
        return PlaybackStep(day, True)
    if settings.mode == "years":
        return _advance_years(day, settings, elapsed_s, catalog, carry)
    return _advance_events(day, settings, elapsed_s, catalog, carry)


def _advance_years(
    day: int, settings: PlaybackSettings, elapsed_s: float, catalog: EventCatalog, carry: float
) -> PlaybackStep:
    first, end = _first_start(catalog), _end_day(catalog)
    if day >= end:  # the end was shown on the previous tick
        return PlaybackStep(first, False) if settings.loop else PlaybackStep(end, True)
    total = carry + settings.years_per_second * DAYS_PER_YEAR * elapsed_s
    whole = math.floor(total)
    if day + whole >= end:
        return PlaybackStep(end, not settings.loop)
    return PlaybackStep(day + whole, False, total - whole)


def _advance_events(
    day: int, settings: PlaybackSettings, elapsed_s: float, catalog: EventCatalog, carry: float
) -> PlaybackStep:
    waited = carry + elapsed_s
    while waited >= settings.seconds_per_event:
        waited -= settings.seconds_per_event
        upcoming = catalog.next_event(day)
        if upcoming is None:
            if not settings.loop:
                return PlaybackStep(day, True)
            upcoming_day = _first_start(catalog)
        else:
            upcoming_day = upcoming.first_day
        day = upcoming_day
    return PlaybackStep(day, False, waited)


def start_playback(day: int, settings: PlaybackSettings, catalog: EventCatalog) -> PlaybackStep:
    """Where pressing play begins, and the carry to begin with.

    At the end it rewinds to the first event and shows it a full interval; elsewhere the
    user has already seen where they are, so in "events" mode the first jump is due at once.
    """
    if not len(catalog):
        return PlaybackStep(day, True)
    if at_end(day, settings, catalog):
        return PlaybackStep(_first_start(catalog), False)
    return PlaybackStep(day, False, settings.seconds_per_event if settings.mode == "events" else 0)


def at_end(day: int, settings: PlaybackSettings, catalog: EventCatalog) -> bool:
    """True when pressing play now would stop at once, so the driver should rewind first."""
    if not len(catalog):
        return True
    if settings.mode == "events":
        return catalog.next_event(day) is None
    return day >= _end_day(catalog)


def _first_start(catalog: EventCatalog) -> int:
    return next(iter(catalog)).first_day


def _end_day(catalog: EventCatalog) -> int:
    bounds = catalog.bounds()
    assert bounds is not None  # callers handle the empty catalog
    return bounds[1]
