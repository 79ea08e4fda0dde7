"""Dates in words, in Indonesian and English, at the precision they are known.

Month names come from the Unicode CLDR via babel. babel's date formatting needs
``datetime.date`` (no year 0 or BCE), so we compose the few patterns ourselves from its names.
"""

from __future__ import annotations

from functools import cache

from geohist.model.time import HistoricalDate, Part, Precision, TimeSpan, civil_from_days

LANGUAGES = ("en", "id")

_PART_WORDS = {
    "en": {Part.EARLY: "early {}", Part.MID: "mid-{}", Part.LATE: "late {}"},
    "id": {Part.EARLY: "awal {}", Part.MID: "pertengahan {}", Part.LATE: "akhir {}"},
}
_APPROX = {"en": "c. {}", "id": "sekitar {}"}
_BCE = {"en": "{} BCE", "id": "{} SM"}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


@cache
def month_names(lang: str) -> tuple[str, ...]:
    """Wide stand-alone month names, index 1..12 (index 0 is empty)."""
    from babel.dates import get_month_names

    names = get_month_names("wide", context="stand-alone", locale=check_lang(lang))
    return ("", *(names[m] for m in range(1, 13)))


def year_text(year: int, lang: str) -> str:
    """Astronomical year as people write it: 0 is 1 BCE."""
    return str(year) if year > 0 else _BCE[lang].format(1 - year)


def _bare(date: HistoricalDate, lang: str) -> str:
    p = date.precision
    if p is Precision.DAY:
        return f"{date.day} {month_names(lang)[date.month or 1]} {year_text(date.year, lang)}"
    if p is Precision.MONTH:
        return f"{month_names(lang)[date.month or 1]} {year_text(date.year, lang)}"
    if p is Precision.YEAR:
        return year_text(date.year, lang)
    if p is Precision.DECADE:
        return f"{date.year}s" if lang == "en" else f"{date.year}-an"
    century = date.year // 100 + 1
    if lang == "id":
        return f"abad ke-{century}"
    return f"{century}{_ordinal_suffix(century)} century"


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def format_date(date: HistoricalDate, lang: str = "en") -> str:
    """ "15 Februari 1950", "awal 1960-an", "late 1921", "c. 1918", "1956?"."""
    check_lang(lang)
    text = _bare(date, lang)
    if date.part is not None and date.precision is not Precision.DAY:
        text = _PART_WORDS[lang][date.part].format(text)
    if date.approximate:
        text = _APPROX[lang].format(text)
    if date.uncertain:
        text += "?"
    return text


def format_span(span: TimeSpan, lang: str = "en") -> str:
    """A date or a range, sharing the year or month where both ends have them."""
    start, end = span.start, span.end
    if end is None or end == start:
        return format_date(start, lang)
    plain = not (start.soft or end.soft or start.part or end.part)
    if plain and start.precision is end.precision is Precision.DAY and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{format_date(end, lang)}"
        head = f"{start.day} {month_names(lang)[start.month or 1]}"
        return f"{head} – {format_date(end, lang)}"
    if plain and start.precision is end.precision is Precision.YEAR:
        return f"{year_text(start.year, lang)}–{year_text(end.year, lang)}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def format_day(day: int, precision: Precision = Precision.DAY, lang: str = "en") -> str:
    """A point on the day axis (the timeline's cursor) at the given precision."""
    year, month, dom = civil_from_days(day)
    if precision is Precision.DECADE:
        year -= year % 10
    elif precision is Precision.CENTURY:
        year -= year % 100
    date = HistoricalDate(
        year,
        month if precision <= Precision.MONTH else None,
        dom if precision is Precision.DAY else None,
        precision,
    )
    return format_date(date, lang)
