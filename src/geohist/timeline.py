"""The timeline's state: the cursor day, the visible window, playback, language — no Qt.

:class:`TimelineState` is the single truth that the timeline widget, the playback bar, the
map and the menus all read and change; they mirror it through its signals (napari's Dims ↔
QtDims). The pure helpers it uses live in :mod:`geohist.timeline_axis` (ticks, day↔pixel,
calendar steps) and :mod:`geohist.timeline_playback` (the playback step), and are
re-exported here so callers need one import.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geohist.errors import DateError
from geohist.model.catalog import EventCatalog
from geohist.model.time import HistoricalDate, Precision, days_from_civil
from geohist.model.wording import LANGUAGES, check_lang, format_date, format_day, month_names
from geohist.observable import Signal
from geohist.timeline_axis import (
    Tick,
    View,
    choose_tick_unit,
    context_label,
    day_to_x,
    label_precision,
    shift_calendar,
    step_unit,
    ticks,
    x_to_day,
)
from geohist.timeline_playback import (
    PlaybackSettings,
    PlaybackStep,
    advance,
    at_end,
    start_playback,
)

__all__ = [
    "PlaybackSettings",
    "PlaybackStep",
    "Tick",
    "TimelineState",
    "View",
    "advance",
    "at_end",
    "choose_tick_unit",
    "context_label",
    "day_to_x",
    "label_precision",
    "parse_typed_date",
    "shift_calendar",
    "start_playback",
    "step_unit",
    "ticks",
    "x_to_day",
]

MIN_SPAN = 30.0  # days: below this a 1000 px axis shows hours, which we do not have
MAX_SPAN_FACTOR = 1.5  # × the data span, so zooming out never loses the data in empty space
_EMPTY_RANGE = (days_from_civil(1900), days_from_civil(2030))


class TimelineState:
    """Where the user is in time and what part of history they are looking at."""

    def __init__(self, catalog: EventCatalog, lang: str = "en") -> None:
        self.day_changed = Signal()  # (day: int)
        self.view_changed = Signal()  # (first: float, last: float)
        self.playing_changed = Signal()  # (playing: bool)
        self.lang_changed = Signal()  # (lang: str)
        self.playback_changed = Signal()  # (settings: PlaybackSettings)
        self.catalog_changed = Signal()  # (catalog: EventCatalog)
        self._lang = check_lang(lang)
        self._playing = False
        self._playback = PlaybackSettings()
        self._label: tuple[tuple | None, str] = (None, "")
        self._reset(catalog)

    def _reset(self, catalog: EventCatalog) -> None:
        self.catalog = catalog
        self._day = self._data_range()[0]
        self._view = self._fit_view()

    def set_catalog(self, catalog: EventCatalog) -> None:
        """Show other events: stop playing, put the cursor on the first event, fit the view."""
        self.set_playing(False)
        self._reset(catalog)
        self.catalog_changed.emit(catalog)
        self.view_changed.emit(*self._view)
        self.day_changed.emit(self._day)

    # -- read-only fields -----------------------------------------------------------------

    @property
    def day(self) -> int:
        return self._day

    @property
    def view(self) -> View:
        return self._view

    @property
    def span(self) -> float:
        return self._view[1] - self._view[0]

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def playback(self) -> PlaybackSettings:
        return self._playback

    # -- limits ---------------------------------------------------------------------------

    def _data_range(self) -> tuple[int, int]:
        return self.catalog.bounds() or _EMPTY_RANGE

    def _data_span(self) -> float:
        lo, hi = self._data_range()
        return max(hi - lo, 365.0)

    def day_limits(self) -> tuple[int, int]:
        """The cursor may go a little past the data (5 %), so the first event is not at the edge."""
        lo, hi = self._data_range()
        margin = round(0.05 * self._data_span())
        return lo - margin, hi + margin

    def view_limits(self) -> View:
        """The farthest the view can pan or zoom out: the data centred in 1.5 × its span."""
        lo, hi = self._data_range()
        half = MAX_SPAN_FACTOR * self._data_span() / 2
        return (lo + hi) / 2 - half, (lo + hi) / 2 + half

    # -- the cursor -----------------------------------------------------------------------

    def set_day(self, day: int) -> None:
        """Move the cursor (clamped to :meth:`day_limits`) and pan so it stays visible."""
        lo, hi = self.day_limits()
        day = min(max(int(day), lo), hi)
        if day == self._day:
            return
        self._day = day
        self._follow(day)
        self.day_changed.emit(day)

    def _follow(self, day: int) -> None:
        first, last = self._view
        if first <= day <= last:
            return
        span, pad = last - first, 0.1 * (last - first)
        start = day - pad if day < first else day + pad - span
        self._set_view(start, start + span)

    def next_event(self) -> None:
        """Jump to the start of the first event starting after the cursor."""
        event = self.catalog.next_event(self._day)
        if event is not None:
            self.set_day(event.first_day)

    def previous_event(self) -> None:
        """Jump to the start of the last event starting before the cursor."""
        event = self.catalog.previous_event(self._day)
        if event is not None:
            self.set_day(event.first_day)

    def home(self) -> None:
        """Jump to the start of the first event."""
        if len(self.catalog):
            self.set_day(next(iter(self.catalog)).first_day)

    def end(self) -> None:
        """Jump to the start of the last event (not its end: that is where playback stops)."""
        if len(self.catalog):
            self.set_day(self.catalog.events[-1].first_day)

    def fine_step(self, direction: int) -> None:
        """Move by one unit of the current zoom: a day, month, year or decade."""
        unit = step_unit(self.span)
        self.set_day(shift_calendar(self._day, unit, 1 if direction > 0 else -1))

    def go_to(self, text: str) -> HistoricalDate:
        """Move the cursor to a typed date; :class:`DateError` says why when it cannot."""
        date = parse_typed_date(text)
        lo, hi = self.day_limits()
        if not lo <= date.first_day <= hi:
            first, last = format_day(lo, Precision.YEAR, "en"), format_day(hi, Precision.YEAR, "en")
            raise DateError(f"{format_date(date, 'en')} is outside this timeline ({first}–{last})")
        self.set_day(date.first_day)
        return date

    def current_label(self) -> str:
        """The cursor date in words: as an event states it when one starts here, else by zoom."""
        key = (self._day, label_precision(self.span), self._lang, self.catalog)
        if self._label[0] != key:
            starting = self.catalog.starting_on(self._day)
            if starting:
                label = format_date(starting[0].when.start, self._lang)
            else:
                label = format_day(self._day, key[1], self._lang)
            self._label = (key, label)  # asked by the ruler, the status line and the bar alike
        return self._label[1]

    # -- the view -------------------------------------------------------------------------

    def _set_view(self, first: float, last: float) -> None:
        lo, hi = self.view_limits()
        span = min(max(last - first, MIN_SPAN), hi - lo)
        first = min(max(first, lo), hi - span)
        view = (first, first + span)
        if view != self._view:
            self._view = view
            self.view_changed.emit(*view)

    def _fit_view(self) -> View:
        lo, hi = self._data_range()
        margin = 0.05 * self._data_span()
        return lo - margin, hi + margin

    def fit(self) -> None:
        """Show all the events."""
        self._set_view(*self._fit_view())

    def zoom(self, factor: float, anchor_day: float | None = None) -> None:
        """Zoom in (``factor`` > 1) or out, keeping ``anchor_day`` at the same place on screen."""
        first, last = self._view
        anchor = (first + last) / 2 if anchor_day is None else anchor_day
        lo, hi = self.view_limits()
        span = min(max((last - first) / factor, MIN_SPAN), hi - lo)
        start = anchor - (anchor - first) / (last - first) * span
        self._set_view(start, start + span)

    def pan(self, delta_days: float) -> None:
        """Slide the view later (positive) or earlier in time."""
        first, last = self._view
        self._set_view(first + delta_days, last + delta_days)

    # -- playback and language ------------------------------------------------------------

    def set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def toggle_playing(self) -> None:
        self.set_playing(not self._playing)

    def set_playback(self, settings: PlaybackSettings) -> None:
        if settings != self._playback:
            self._playback = settings
            self.playback_changed.emit(settings)

    def update_playback(self, **changes: object) -> None:
        """Change some playback fields, e.g. ``update_playback(loop=True)``."""
        self.set_playback(replace(self._playback, **changes))

    def set_lang(self, lang: str) -> None:
        if check_lang(lang) != self._lang:
            self._lang = lang
            self.lang_changed.emit(lang)


# -- typed dates ------------------------------------------------------------------------------

_ERA = r"(?:\s*(BCE|BC|SM|B\.C\.|S\.M\.))?"
_DAY_MONTH_YEAR = re.compile(rf"^(?:(\d{{1,2}})\s+)?([^\W\d_]+)\.?\s+(\d{{1,4}}){_ERA}$", re.I)
_MONTH_DAY_YEAR = re.compile(rf"^([^\W\d_]+)\.?\s+(\d{{1,2}}),?\s+(\d{{1,4}}){_ERA}$", re.I)
_YEAR_ERA = re.compile(rf"^(\d{{1,4}}){_ERA}$", re.I)
_ISO_LIKE = re.compile(r"^-?\d[\d-]*$")
_FORMS = "try 1950, 1950-02-15, Feb 1950, 15 Februari 1950, March 16, 1921 or 44 BCE"


def parse_typed_date(text: str) -> HistoricalDate:
    """A date as people type it into a "go to" box, in English or Indonesian.

    ISO and EDTF forms go to :meth:`HistoricalDate.parse` (whose errors already say what is
    wrong, e.g. "1950-02 has no day 30"); word forms use the CLDR month names of both
    languages, and any unambiguous prefix of three letters or more ("Feb", "Agu", "Okt").
    """
    raw = " ".join(text.split())
    if not raw:
        raise DateError(f"type a date: {_FORMS}")
    if _ISO_LIKE.match(raw):
        return HistoricalDate.parse(raw)
    if m := _YEAR_ERA.match(raw):
        return HistoricalDate(_year(m[1], m[2]))
    if m := _DAY_MONTH_YEAR.match(raw):
        return _words_date(m[1], m[2], m[3], m[4])
    if m := _MONTH_DAY_YEAR.match(raw):
        return _words_date(m[2], m[1], m[3], m[4])
    try:
        return HistoricalDate.parse(raw)  # EDTF extras: 196X, 1950~, 1950?
    except DateError:
        raise DateError(f"not a date: {text.strip()!r} ({_FORMS})") from None


def _words_date(day: str | None, month_word: str, year: str, era: str | None) -> HistoricalDate:
    month = _month_number(month_word)
    if day is None:
        return HistoricalDate(_year(year, era), month, precision=Precision.MONTH)
    return HistoricalDate(_year(year, era), month, int(day), Precision.DAY)


def _year(digits: str, era: str | None) -> int:
    year = int(digits)
    if era and year == 0:
        raise DateError("there is no year 0 BCE: 1 BCE is followed by 1")
    return 1 - year if era else year  # astronomical: 1 BCE is year 0


def _month_number(word: str) -> int:
    key = word.casefold()
    names = [(m, name.casefold()) for lang in LANGUAGES for m, name in enumerate(month_names(lang))]
    exact = {m for m, name in names if m and name == key}
    found = exact or {m for m, name in names if m and len(key) >= 3 and name.startswith(key)}
    if len(found) != 1:
        raise DateError(f"{word!r} is not a month name in English or Indonesian ({_FORMS})")
    return found.pop()
