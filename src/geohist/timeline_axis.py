"""Pure geometry of the timeline axis: day↔pixel mapping, calendar steps and ticks.

Everything here is a function of numbers (days, pixels) so that tick layout is tested without
a window (lane stacking lives in :mod:`geohist.timeline_layout`); the timeline widget only draws
what these return.
Ticks are aligned to the calendar, not to round day numbers: month ticks fall on the 1st,
BCE year ticks on "500 BCE" (astronomical -499), because those are the dates people read.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from geohist.model.time import (
    HistoricalDate,
    Precision,
    civil_from_days,
    days_from_civil,
    days_in_month,
)
from geohist.model.wording import format_date, month_names, year_text

DAYS_PER_YEAR = 365.2425
MIN_LABEL_PX = 90.0

View = tuple[float, float]


def day_to_x(day: float, view: View, width: float) -> float:
    """Pixel x of ``day`` in a view ``(first, last)`` drawn ``width`` pixels wide."""
    first, last = view
    return (day - first) * max(width, 1.0) / max(last - first, 1e-9)


def x_to_day(x: float, view: View, width: float) -> int:
    """The whole day under pixel ``x``; the inverse of :func:`day_to_x`, rounded."""
    first, last = view
    return round(first + x * (last - first) / max(width, 1.0))


def step_unit(span_days: float) -> Precision:
    """The calendar unit one fine step moves at this zoom (a few dozen steps cross the view)."""
    if span_days <= 90:
        return Precision.DAY
    if span_days <= 6 * DAYS_PER_YEAR:
        return Precision.MONTH
    if span_days <= 150 * DAYS_PER_YEAR:
        return Precision.YEAR
    return Precision.DECADE


def label_precision(span_days: float) -> Precision:
    """How finely to name the cursor date: one unit finer than a fine step, at most a year."""
    unit = step_unit(span_days)
    return Precision(max(min(unit - 1, Precision.YEAR), Precision.DAY))


def shift_calendar(day: int, unit: Precision, count: int) -> int:
    """``day`` moved by ``count`` calendar units; the day of month is clamped (31 Jan → 28 Feb)."""
    if unit is Precision.DAY:
        return day + count
    year, month, dom = civil_from_days(day)
    if unit is Precision.MONTH:
        year, month0 = divmod(year * 12 + month - 1 + count, 12)
        month = month0 + 1
    else:
        year += count * {Precision.YEAR: 1, Precision.DECADE: 10, Precision.CENTURY: 100}[unit]
    return days_from_civil(year, month, min(dom, days_in_month(year, month)))


@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled mark on the axis; ``major`` ticks start the next coarser unit (a new year)."""

    day: int
    label: str
    major: bool = False


# (unit, units per tick, the fewest days two neighbouring ticks can be apart)
_STEPS: tuple[tuple[Precision, int, int], ...] = (
    (Precision.DAY, 1, 1),
    (Precision.DAY, 2, 2),
    (Precision.DAY, 5, 5),
    (Precision.DAY, 10, 10),
    (Precision.MONTH, 1, 28),
    (Precision.MONTH, 2, 59),
    (Precision.MONTH, 3, 89),
    (Precision.MONTH, 6, 181),
    (Precision.YEAR, 1, 365),
    (Precision.YEAR, 2, 730),
    (Precision.YEAR, 5, 1826),
    *((Precision.DECADE, n, 3652 * n) for n in (1, 2, 5)),
    *((Precision.CENTURY, n, 36524 * n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500)),
)
_YEARS_IN = {Precision.YEAR: 1, Precision.DECADE: 10, Precision.CENTURY: 100}


def choose_tick_unit(
    first: float, last: float, width_px: float, min_px: float = MIN_LABEL_PX
) -> tuple[Precision, int]:
    """The finest (unit, count) whose ticks are never closer than ``min_px`` pixels."""
    px_per_day = max(width_px, 1.0) / max(last - first, 1e-9)
    for unit, count, min_days in _STEPS:
        if min_days * px_per_day >= min_px:
            return unit, count
    return _STEPS[-1][0], _STEPS[-1][1]


def ticks(
    first_day: float, last_day: float, width_px: float, lang: str, min_px: float = MIN_LABEL_PX
) -> list[Tick]:
    """Calendar-aligned, labelled ticks inside ``[first_day, last_day]``, ≥ ``min_px`` apart."""
    unit, count = choose_tick_unit(first_day, last_day, width_px, min_px)
    lo, hi = math.ceil(first_day), math.floor(last_day)
    if unit is Precision.DAY:
        return _day_ticks(lo, hi, count, lang)
    if unit is Precision.MONTH:
        return _month_ticks(lo, hi, count, lang)
    return _year_ticks(lo, hi, unit, count, lang)


def context_label(first_day: float, last_day: float, width_px: float, lang: str) -> str:
    """The coarser unit around the left edge ("August 1945" over day ticks, "1950" over
    months), so a zoomed-in ruler still says which month or year it shows."""
    unit, _ = choose_tick_unit(first_day, last_day, width_px)
    year, month, _ = civil_from_days(math.ceil(first_day))
    if unit is Precision.DAY:
        return f"{month_names(lang)[month]} {year_text(year, lang)}"
    if unit is Precision.MONTH:
        return year_text(year, lang)
    return ""


def _day_ticks(lo: int, hi: int, count: int, lang: str) -> list[Tick]:
    out = []
    for day in range(lo, hi + 1):
        year, month, dom = civil_from_days(day)
        # Only steps that fit whole in the month, so the gap before the next 1st is ≥ count.
        if (dom - 1) % count or dom + count > days_in_month(year, month) + 1:
            continue
        if dom == 1:
            out.append(Tick(day, f"{month_names(lang)[month]} {year_text(year, lang)}", True))
        else:
            out.append(Tick(day, str(dom)))
    return out


def _month_ticks(lo: int, hi: int, count: int, lang: str) -> list[Tick]:
    year, month, _ = civil_from_days(lo)
    out = []
    while (day := days_from_civil(year, month, 1)) <= hi:
        if day >= lo and (month - 1) % count == 0:
            if month == 1:
                out.append(Tick(day, year_text(year, lang), True))
            else:
                out.append(Tick(day, month_names(lang)[month]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _year_ticks(lo: int, hi: int, unit: Precision, count: int, lang: str) -> list[Tick]:
    every = _YEARS_IN[unit] * count
    major_every = _YEARS_IN[unit] * 10
    decade_words = unit is Precision.DECADE and count == 1
    out = []
    for year in aligned_years(civil_from_days(lo)[0], civil_from_days(hi)[0] + 1, every):
        day = days_from_civil(year)
        if not lo <= day <= hi:
            continue
        if decade_words and year > 0:
            label = format_date(HistoricalDate(year, precision=Precision.DECADE), lang)
        else:
            label = year_text(year, lang)
        out.append(Tick(day, label, _is_aligned(year, major_every)))
    return out


def _is_aligned(year: int, every: int) -> bool:
    """On the grid people count on: 1900, 2000 after Christ; 500 BCE (= -499), 1000 BCE before."""
    return year % every == 0 if year > 0 else (1 - year) % every == 0


def aligned_years(first_year: int, last_year: int, every: int) -> Iterator[int]:
    """Astronomical years in ``[first_year, last_year]`` on an ``every``-year grid, ascending."""
    if first_year <= 0:
        # BCE side: the historian's year b = 1 - y is a multiple of ``every``.
        b_lo, b_hi = 1 - min(last_year, 0), 1 - first_year
        yield from (1 - b for b in range(b_hi // every * every, b_lo - 1, -every))
    if last_year >= 1:
        a_lo = max(first_year, 1)
        yield from range(-(-a_lo // every) * every, last_year + 1, every)
