"""Historical time: partial, qualified dates and spans on an integer day axis.

Every date is turned into an inclusive range of *day numbers* (proleptic Gregorian Rata Die:
0001-01-01 is day 1). Integers have no 1970, 1752 or year-1 floor, so ordering and "active at t"
are exact for any precision and any era. Parsing of EDTF strings is delegated to the `edtf`
package; only the plain ISO forms take a fast path because catalogs can hold 100k dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from geohist.errors import DateError

__all__ = [
    "HistoricalDate",
    "Part",
    "Precision",
    "TimeSpan",
    "civil_from_days",
    "days_from_civil",
    "days_in_month",
]


class Precision(IntEnum):
    """How much of a date is known; larger is coarser."""

    DAY = 0
    MONTH = 1
    YEAR = 2
    DECADE = 3
    CENTURY = 4


class Part(StrEnum):
    """The early/mid/late qualifier of Indonesian "awal/pertengahan/akhir" and English prose."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int = 1, day: int = 1) -> int:
    """Day number of a proleptic-Gregorian date (year 0 = 1 BCE); 0001-01-01 is 1.

    Howard Hinnant's era arithmetic: exact for any integer year, no table, no floor.
    """
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 305


def civil_from_days(n: int) -> tuple[int, int, int]:
    """Inverse of :func:`days_from_civil`."""
    z = n + 305
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


_PLAIN_ISO = re.compile(r"^(-?)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)$")
_UNSPECIFIED = re.compile(r"^(\d{2})(\d|X)X([~?%]?)$")  # 196X, 19XX (positive years only)
_SHORT_YEAR = re.compile(r"^(-?)(\d{1,3})([~?%]?)$")
_EDTF_PRECISION = {
    "day": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
    "decade": Precision.DECADE,
    "century": Precision.CENTURY,
}


@dataclass(frozen=True, slots=True, order=False)
class HistoricalDate:
    """A point in history known to some precision, possibly approximate or uncertain.

    ``year`` is astronomical (0 = 1 BCE). For decade/century precision ``year`` is the first
    year of the decade/century (1960 for ``196X``) and month/day are None.
    """

    year: int
    month: int | None = None
    day: int | None = None
    precision: Precision = Precision.YEAR
    approximate: bool = False
    uncertain: bool = False
    part: Part | None = None
    # Computed once: catalogs ask for the bounds of every date on every sort and lookup.
    _first: int = field(default=0, init=False, repr=False, compare=False)
    _last: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._validate()
        first, last = self._bounds()
        object.__setattr__(self, "_first", first)
        object.__setattr__(self, "_last", last)

    def _validate(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} is not 1-12")
        if self.day is not None:
            if self.month is None:
                raise DateError("a day needs a month")
            last = days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise DateError(
                    f"{self.year:04d}-{self.month:02d} has no day {self.day} (it has {last})"
                )

    @classmethod
    def parse(cls, text: str, part: Part | str | None = None) -> HistoricalDate:
        """Parse ``YYYY[-MM[-DD]]``, negative years, EDTF ``~``/``?``/``%``, ``196X``, ``19XX``."""
        part = Part(part) if part else None
        raw = text.strip()
        if not raw:
            raise DateError("empty date")
        # The common forms take a fast path (edtf's pyparsing grammar costs ~10 ms a date);
        # tests check that both paths agree. Everything else goes to the edtf library.
        m = _PLAIN_ISO.match(raw)
        if m:
            return cls._from_iso_match(m, part)
        m = _UNSPECIFIED.match(raw)
        if m:
            return cls._from_unspecified_match(m, part)
        short = _SHORT_YEAR.match(raw)
        if short:  # EDTF wants four digits; people write -44 and 800.
            raw = f"{short[1]}{int(short[2]):04d}{short[3]}"
        return _parse_with_edtf(raw, text, part)

    @classmethod
    def _from_iso_match(cls, m: re.Match[str], part: Part | None) -> HistoricalDate:
        year = int(m[2]) * (-1 if m[1] else 1)
        month = int(m[3]) if m[3] else None
        day = int(m[4]) if m[4] else None
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        return cls(year, month, day, precision, *_qualifiers(m[5]), part=part)

    @classmethod
    def _from_unspecified_match(cls, m: re.Match[str], part: Part | None) -> HistoricalDate:
        if m[2] == "X":
            return cls(int(m[1]) * 100, None, None, Precision.CENTURY, *_qualifiers(m[3]), part)
        year = int(m[1] + m[2]) * 10
        return cls(year, None, None, Precision.DECADE, *_qualifiers(m[3]), part=part)

    @property
    def soft(self) -> bool:
        """True when the date should be drawn as not firmly known."""
        return self.approximate or self.uncertain

    @property
    def first_day(self) -> int:
        return self._first

    @property
    def last_day(self) -> int:
        return self._last

    def _bounds(self) -> tuple[int, int]:
        first, last = self._unqualified_bounds()
        return _narrow(first, last, self) if self.part else (first, last)

    def _unqualified_bounds(self) -> tuple[int, int]:
        y, p = self.year, self.precision
        if p is Precision.DAY:
            d = days_from_civil(y, self.month or 1, self.day or 1)
            return d, d
        if p is Precision.MONTH:
            m = self.month or 1
            return days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))
        span_years = {Precision.YEAR: 1, Precision.DECADE: 10, Precision.CENTURY: 100}[p]
        return days_from_civil(y, 1, 1), days_from_civil(y + span_years, 1, 1) - 1

    def to_edtf(self) -> str:
        """The EDTF form (without the early/mid/late part, which EDTF cannot express)."""
        sign = "-" if self.year < 0 else ""
        y = f"{abs(self.year):04d}"
        if self.precision is Precision.DECADE:
            text = f"{sign}{y[:3]}X"
        elif self.precision is Precision.CENTURY:
            text = f"{sign}{y[:2]}XX"
        else:
            text = sign + y
            if self.month is not None:
                text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            return text + "%"
        return text + ("~" if self.approximate else "?" if self.uncertain else "")


def _qualifiers(mark: str) -> tuple[bool, bool]:
    """(approximate, uncertain) of an EDTF qualification character."""
    return mark in "~%" and mark != "", mark in "?%" and mark != ""


def _narrow(first: int, last: int, date: HistoricalDate) -> tuple[int, int]:
    """Restrict [first, last] to the early, middle or late third of its sub-units.

    Thirds are counted in whole sub-units (years of a decade, months of a year, days of a
    month) so that "awal 1960-an" is 1960-1963 and "akhir 1921" is September-December 1921.
    """
    p = date.precision
    if p is Precision.DAY:
        return first, last
    if p is Precision.MONTH:
        return _third(first, last, date.part)
    if p is Precision.YEAR:
        lo, hi = _third(1, 12, date.part)
        y = date.year
        return days_from_civil(y, lo, 1), days_from_civil(y, hi, days_in_month(y, hi))
    count = 10 if p is Precision.DECADE else 100
    lo, hi = _third(0, count - 1, date.part)
    return days_from_civil(date.year + lo, 1, 1), days_from_civil(date.year + hi + 1, 1, 1) - 1


def _third(lo: int, hi: int, part: Part | None) -> tuple[int, int]:
    n = hi - lo + 1
    early = -(-n // 3)
    mid = n // 3
    if part is Part.EARLY:
        return lo, lo + early - 1
    if part is Part.MID:
        return lo + early, lo + early + mid - 1
    return lo + early + mid, hi


def _parse_with_edtf(raw: str, original: str, part: Part | None) -> HistoricalDate:
    import edtf  # imported lazily: pyparsing grammar costs ~100 ms to build

    try:
        parsed = edtf.parse_edtf(raw)
    except Exception as exc:  # the library raises EDTFParseException and plain ValueError
        raise DateError(f"not a date: {original!r} ({_edtf_hint(original)})") from exc
    approximate = bool(getattr(parsed, "_is_approximate", False))
    uncertain = bool(getattr(parsed, "_is_uncertain", False))
    if getattr(parsed, "_uncertain_and_approximate", False):
        approximate = uncertain = True
    inner = getattr(parsed, "date", parsed)
    kind = type(inner).__name__
    if kind not in ("Date", "Unspecified"):
        raise DateError(f"unsupported date form {original!r}: {kind.lower()} (use start/end)")
    precision = _EDTF_PRECISION.get(getattr(inner, "precision", ""))
    if precision is None:
        raise DateError(f"unsupported date form {original!r}")
    low = inner.lower_strict()
    year, month, day = low.tm_year, low.tm_mon, low.tm_mday
    return HistoricalDate(
        year,
        month if precision <= Precision.MONTH else None,
        day if precision is Precision.DAY else None,
        precision,
        approximate=approximate,
        uncertain=uncertain,
        part=part,
    )


def _edtf_hint(text: str) -> str:
    m = _PLAIN_ISO.match(text.strip().rstrip("~?%"))
    if m and m[3]:
        month = int(m[3])
        if not 1 <= month <= 12:
            return f"month {month} is not 1-12"
        if m[4]:
            year = int(m[2]) * (-1 if m[1] else 1)
            return f"{year:04d}-{month:02d} has no day {int(m[4])}"
    return "expected YYYY, YYYY-MM, YYYY-MM-DD, 196X, 19XX, optionally with ~ or ?"


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """When an event happens: one date, or a start and an end date (both inclusive)."""

    start: HistoricalDate
    end: HistoricalDate | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.last_day < self.start.first_day:
            raise DateError(f"end {self.end.to_edtf()} is before start {self.start.to_edtf()}")

    @classmethod
    def parse(cls, start: str, end: str = "", part: str | None = None) -> TimeSpan:
        """Parse the two cells of an events file; ``part`` applies to the start date."""
        first = HistoricalDate.parse(start, part)
        last = HistoricalDate.parse(end) if end and end.strip() else None
        return cls(first, last)

    @property
    def first_day(self) -> int:
        return self.start.first_day

    @property
    def last_day(self) -> int:
        return (self.end or self.start).last_day

    @property
    def soft(self) -> bool:
        return self.start.soft or (self.end is not None and self.end.soft)

    @property
    def precision(self) -> Precision:
        """The coarser of the two ends' precisions."""
        return max(self.start.precision, self.end.precision if self.end else Precision.DAY)

    def contains(self, day: int) -> bool:
        return self.first_day <= day <= self.last_day

    def overlaps(self, first_day: int, last_day: int) -> bool:
        return self.first_day <= last_day and first_day <= self.last_day

    def sort_key(self) -> tuple[int, int]:
        return self.first_day, self.last_day
