"""What to render: one date, one frame per event, or an animation's frames — pure, no Qt.

A plan is a list of :class:`Frame`: the day to show, the event to emphasise, the words of the
overlays, the file name (for one image per event) and how many output frames repeat it (an
animation holding an event for a second renders it once). The renderer walks the list; tests
check it without a window.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from geohist.errors import GeohistError
from geohist.export.layout import Caption, ExportSpec, more_events, words
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.time import Precision, civil_from_days
from geohist.model.wording import format_date, format_day, format_span

MAX_ANIMATION_FRAMES = 10_000
MIN_SPAN = (16.0, 28.0)  # degrees of latitude and longitude a framed view shows at least
Bounds = tuple[float, float, float, float]  # south, west, north, east
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Frame:
    """One picture of a plan."""

    day: int
    caption: Caption
    selected: str | None = None  # event drawn emphasised
    stem: str = ""  # file name without suffix (one image per event)
    repeat: int = 1  # output frames showing this picture (animations)
    event: Event | None = None
    bounds: Bounds | None = None  # what to frame (ExportSpec.framing "events")


def frame_count(frames: Iterable[Frame]) -> int:
    """Output frames of a plan (an animation's length in frames)."""
    return sum(f.repeat for f in frames)


# -- captions -----------------------------------------------------------------------------------


def primary_event(catalog: EventCatalog, day: int) -> Event | None:
    """The active event that names a date: the latest to start, the shortest on a tie."""
    active = catalog.active_at(day)
    return max(active, key=lambda e: (e.first_day, e.first_day - e.last_day), default=None)


def date_label(
    catalog: EventCatalog, day: int, lang: str, precision: Precision = Precision.DAY
) -> str:
    """The date as an event starting that day states it, else the day at ``precision``."""
    for event in catalog.active_at(day):
        if event.first_day == day:
            return format_date(event.when.start, lang)
    return format_day(day, precision, lang)


def place_names(event: Event, catalog: EventCatalog, lang: str) -> str:
    gazetteer = catalog.gazetteer
    names = [gazetteer[p].name(lang, event.first_day) for p in event.place_ids if p in gazetteer]
    return " · ".join(dict.fromkeys(names))


def caption_for_event(event: Event, catalog: EventCatalog, lang: str) -> Caption:
    """Title, places, the event's own date (at its precision) and its quote."""
    prov = event.provenance
    return Caption(
        title=event.title_in(lang),
        subtitle=place_names(event, catalog, lang),
        date=format_span(event.when, lang),
        quote=prov.quote if prov else "",
        source=prov.source if prov else "",
    )


def caption_at(
    catalog: EventCatalog, day: int, lang: str, precision: Precision = Precision.DAY
) -> Caption:
    """The words for a day: the primary active event, how many others, the date."""
    date = date_label(catalog, day, lang, precision)
    event = primary_event(catalog, day)
    if event is None:
        return Caption(title=words("no_event", lang), date=date)
    others = len(catalog.active_at(day)) - 1
    base = caption_for_event(event, catalog, lang)
    subtitle = more_events(others, lang) if others else base.subtitle
    return Caption(base.title, subtitle, date, base.quote, base.source)


# -- framing ----------------------------------------------------------------------------------


def events_bounds(catalog: EventCatalog, events: Iterable[Event]) -> Bounds | None:
    """The area to show for ``events``: their places (areas whole), at least ``MIN_SPAN``."""
    gazetteer = catalog.gazetteer
    lats: list[float] = []
    lons: list[float] = []
    for place_id in dict.fromkeys(p for e in events for p in e.place_ids):
        if place_id not in gazetteer:
            continue
        place = gazetteer[place_id]
        lats.append(place.lat)
        lons.append(place.lon)
        if place.geometry is not None and not place.geometry.is_empty:
            west, south, east, north = place.geometry.bounds
            lats += [south, north]
            lons += [west, east]
    if not lats:
        return None
    south, north = _widen(min(lats), max(lats), MIN_SPAN[0])
    west, east = _widen(min(lons), max(lons), MIN_SPAN[1])
    return max(south, -80.0), west, min(north, 84.0), east


def _widen(lo: float, hi: float, span: float) -> tuple[float, float]:
    if hi - lo >= span:
        return lo, hi
    middle = (lo + hi) / 2
    return middle - span / 2, middle + span / 2


# -- selecting events ---------------------------------------------------------------------------


def with_tags(catalog: EventCatalog, tags: Sequence[str]) -> EventCatalog:
    """Only the events carrying one of ``tags`` (case-insensitive); all when ``tags`` is empty."""
    if not tags:
        return catalog
    wanted = {t.strip().casefold() for t in tags if t.strip()}
    kept = [e for e in catalog if wanted & {t.casefold() for t in e.tags}]
    if not kept:
        known = sorted({t for e in catalog for t in e.tags})
        raise GeohistError(
            f"no event has the tag {', '.join(sorted(wanted))}"
            + (f" (tags in this file: {', '.join(known)})" if known else "")
        )
    return EventCatalog(kept, catalog.gazetteer)


def events_between(
    catalog: EventCatalog, first_day: int | None = None, last_day: int | None = None
) -> list[Event]:
    """Events overlapping ``[first_day, last_day]`` (either end open when None)."""
    bounds = catalog.bounds()
    if bounds is None:
        return []
    lo = bounds[0] if first_day is None else first_day
    hi = bounds[1] if last_day is None else last_day
    if lo > hi:
        raise GeohistError("--from is after --to")
    return catalog.in_range(lo, hi)


# -- file names ---------------------------------------------------------------------------------


def date_key(day: int) -> str:
    """``YYYY-MM-DD`` that sorts in time order as text, BCE included.

    BCE years (astronomical, ≤ -1) are written ``-`` plus 10000 + year, so 15 March 44 BCE
    (-0043) is ``-9957-03-15``: it sorts before every CE date ("-" < "0") and before 43 BCE.
    """
    year, month, dom = civil_from_days(day)
    if year < 0:
        return f"-{10000 + year:04d}-{month:02d}-{dom:02d}"
    return f"{year:04d}-{month:02d}-{dom:02d}"


def event_stem(event: Event) -> str:
    """``1950-02-15_<id>``: the event's first day and its id made safe for any file system."""
    safe = _UNSAFE.sub("-", event.id).strip(".-") or "event"
    return f"{date_key(event.first_day)}_{safe}"


# -- plans --------------------------------------------------------------------------------------


def still_plan(
    catalog: EventCatalog, day: int, lang: str, precision: Precision = Precision.DAY
) -> list[Frame]:
    """One picture of ``day``; the date is worded at ``precision`` unless an event starts then."""
    bounds = events_bounds(catalog, catalog.active_at(day))
    return [Frame(day, caption_at(catalog, day, lang, precision), bounds=bounds)]


def each_event_plan(catalog: EventCatalog, events: Sequence[Event], lang: str) -> list[Frame]:
    """One picture per event, at its first day, with the event emphasised, in time order."""
    ordered = sorted(events, key=lambda e: (e.first_day, e.last_day, e.id))
    return [
        Frame(
            e.first_day,
            caption_for_event(e, catalog, lang),
            selected=e.id,
            stem=event_stem(e),
            event=e,
            bounds=events_bounds(catalog, [e]),
        )
        for e in ordered
    ]


def animation_days(first_day: int, last_day: int, count: int) -> list[int]:
    """``count`` days evenly spread from ``first_day`` to ``last_day``, both included."""
    if count < 1:
        raise GeohistError("an animation needs at least one frame")
    if count == 1:
        return [first_day]
    span, steps = last_day - first_day, count - 1
    return [first_day + (2 * i * span + steps) // (2 * steps) for i in range(count)]


def step_precision(days: Sequence[int]) -> Precision:
    """The finest precision at which consecutive frame dates never read the same."""
    step = min((b - a for a, b in itertools.pairwise(days)), default=0)
    if step >= 366:
        return Precision.YEAR
    if step >= 31:
        return Precision.MONTH
    return Precision.DAY


def _merged(frames: list[Frame]) -> list[Frame]:
    out: list[Frame] = []
    for frame in frames:
        if out and out[-1].day == frame.day and out[-1].caption == frame.caption:
            out[-1] = replace(out[-1], repeat=out[-1].repeat + 1)
        else:
            out.append(frame)
    return out


def animation_plan(
    catalog: EventCatalog,
    lang: str,
    first_day: int,
    last_day: int,
    fps: float,
    *,
    seconds: float | None = None,
    per_event: float | None = None,
) -> list[Frame]:
    """Frames of a timeline playback: ``fps × seconds`` evenly in time, or each event start held
    ``per_event`` seconds (``fps × per_event`` frames), with the date banner of every frame."""
    if fps <= 0 or fps > 120:
        raise GeohistError(f"--fps {fps:g}: use a number of frames per second from 1 to 120")
    if first_day > last_day:
        raise GeohistError("--from is after --to")
    if (seconds is None) == (per_event is None):
        raise GeohistError("give either --seconds or --per-event")
    if per_event is not None:
        frames = _per_event_frames(catalog, lang, first_day, last_day, fps, per_event)
    else:
        assert seconds is not None
        count = round(fps * seconds)
        _check_count(count)
        days = animation_days(first_day, last_day, count)
        precision = step_precision(days)
        frames = _merged([Frame(d, caption_at(catalog, d, lang, precision)) for d in days])
    bounds = events_bounds(catalog, catalog.in_range(first_day, last_day))  # one view throughout
    return [replace(f, bounds=bounds) for f in frames]


def _per_event_frames(
    catalog: EventCatalog, lang: str, first_day: int, last_day: int, fps: float, per_event: float
) -> list[Frame]:
    hold = round(fps * per_event)
    if hold < 1:
        raise GeohistError(f"--per-event {per_event:g} s is less than one frame at {fps:g} fps")
    starts = sorted({e.first_day for e in catalog.in_range(first_day, last_day)})
    starts = [d for d in starts if first_day <= d <= last_day] or [first_day]
    _check_count(hold * len(starts))
    return [Frame(d, caption_at(catalog, d, lang), repeat=hold) for d in starts]


def _check_count(count: int) -> None:
    if count < 1:
        raise GeohistError("the animation would have no frames: raise --fps or --seconds")
    if count > MAX_ANIMATION_FRAMES:
        raise GeohistError(f"{count} frames is too many (at most {MAX_ANIMATION_FRAMES})")


# -- a whole export -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Output:
    """One file to write (an image, animation or deck), or a folder of one image per frame."""

    format: str  # a name from geohist.export.formats
    target: Path
    folder: bool = False  # one file per frame inside ``target``, named by the frame's stem


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """Everything an export needs besides the catalog: the window and the CLI both build one
    and hand it to the same renderer (``geohist.gui.renderer.start_export``)."""

    spec: ExportSpec
    frames: tuple[Frame, ...]
    outputs: tuple[Output, ...]
    fps: float = 0.0  # animations only

    @property
    def total(self) -> int:
        return frame_count(self.frames)
