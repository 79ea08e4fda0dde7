"""Date values found in texts: partial dates before resolution, spans after it.

A mention is tagged before its document is understood, so its value can still miss the year
("awal Februari", "(23/11)"): :class:`Partial` holds what the words say, and resolution turns it
into a :class:`DateValue` of geohist's own :class:`~geohist.model.time.HistoricalDate`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from geohist.errors import DateError
from geohist.model.time import (
    HistoricalDate,
    Part,
    Precision,
    TimeSpan,
    civil_from_days,
    days_from_civil,
    days_in_month,
)

MOD_APPROX = "approx"


@dataclass(frozen=True, slots=True)
class Partial:
    """What a date expression says: any of year, month, day (None = not said)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def with_year(self, year: int) -> Partial:
        return replace(self, year=year)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date or span; ``mod`` is early/mid/late (on ``start``) or approx."""

    start: HistoricalDate
    end: HistoricalDate | None = None

    @property
    def mod(self) -> str | None:
        if self.start.part:
            return self.start.part.value
        return MOD_APPROX if self.start.approximate else None

    @property
    def precision(self) -> Precision:
        return self.span.precision

    @property
    def span(self) -> TimeSpan:
        return TimeSpan(self.start, self.end)

    @property
    def first_day(self) -> int:
        return self.span.first_day

    @property
    def last_day(self) -> int:
        return self.span.last_day

    def iso(self) -> tuple[str, str | None]:
        """``start``/``end`` as the gold annotation writes them: decades as 1950..1959."""
        start, end = self.start, self.end
        if end is None and start.precision in (Precision.DECADE, Precision.CENTURY):
            width = 10 if start.precision is Precision.DECADE else 100
            return _year(start.year), _year(start.year + width - 1)
        return iso_of(start), iso_of(end) if end else None

    def approximate(self) -> DateValue:
        """The same value marked approximate (relative or vague wording)."""
        end = replace(self.end, approximate=True) if self.end else None
        return DateValue(replace(self.start, approximate=True), end)

    def with_part(self, part: Part | None) -> DateValue:
        return DateValue(replace(self.start, part=part), self.end) if part else self


def _year(year: int) -> str:
    return f"-{abs(year):04d}" if year < 0 else f"{year:04d}"


def iso_of(date: HistoricalDate) -> str:
    text = _year(date.year)
    if date.precision <= Precision.MONTH and date.month:
        text += f"-{date.month:02d}"
    if date.precision is Precision.DAY and date.day:
        text += f"-{date.day:02d}"
    return text


def make_date(partial: Partial, precision: Precision | None = None) -> HistoricalDate | None:
    """A HistoricalDate from a partial with a year, or None when the calendar forbids it."""
    if partial.year is None:
        return None
    if precision is None:
        precision = (
            Precision.DAY if partial.day else Precision.MONTH if partial.month else Precision.YEAR
        )
    month = partial.month if precision <= Precision.MONTH else None
    day = partial.day if precision is Precision.DAY else None
    year = partial.year
    if precision is Precision.DECADE:
        year -= year % 10
    try:
        return HistoricalDate(year, month, day, precision)
    except DateError:
        return None


def day_value(day: int, approximate: bool = False) -> DateValue:
    """The single day ``day`` (a day number) as a value."""
    y, m, d = civil_from_days(day)
    return DateValue(HistoricalDate(y, m, d, Precision.DAY, approximate=approximate))


def days_value(first: int, last: int, approximate: bool = False) -> DateValue:
    if first == last:
        return day_value(first, approximate)
    return DateValue(day_value(first, approximate).start, day_value(last, approximate).start)


def month_value(year: int, month: int) -> DateValue:
    return DateValue(HistoricalDate(year, month, None, Precision.MONTH))


def year_value(year: int) -> DateValue:
    return DateValue(HistoricalDate(year, None, None, Precision.YEAR))


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_of(day: int) -> int:
    """Python's weekday (Monday 0) of a day number (0001-01-01, day 1, was a Monday)."""
    return (day - 1) % 7


def week_start(day: int) -> int:
    return day - weekday_of(day)


def clamp_day(year: int, month: int, day: int) -> int:
    return days_from_civil(year, month, min(day, days_in_month(year, month)))
