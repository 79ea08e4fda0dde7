"""Date vocabulary of Indonesian and English news prose.

Month and weekday names come from CLDR (babel), so spelling follows the same data the rest of
geohist uses; babel only ships the current forms, so older spellings Indonesian papers still
print ("Pebruari", "Nopember", "Jum'at") and the modifier/relative words are ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from geohist.model.time import Part

LANGS = ("id", "en")

# Old or informal spellings babel does not know, and longer abbreviations.
EXTRA_MONTHS = {
    "Pebruari": 2, "Nopember": 11, "Agt": 8, "Ags": 8, "Sept": 9, "Okt": 10, "Des": 12,
    "Djanuari": 1, "Djuni": 6, "Djuli": 7,
}  # fmt: skip
EXTRA_WEEKDAYS = {"Jum'at": 4, "Jum’at": 4, "Ahad": 6}

# "awal 1960-an", "pertengahan Mei", "akhir 1921", "early 1960s", "mid-1990s".
PART_WORDS = {
    "awal": Part.EARLY, "permulaan": Part.EARLY, "paruh pertama": Part.EARLY,
    "pertengahan": Part.MID, "medio": Part.MID, "tengah": Part.MID,
    "akhir": Part.LATE, "penghujung": Part.LATE, "ujung": Part.LATE, "paruh kedua": Part.LATE,
    "early": Part.EARLY, "the early": Part.EARLY, "the beginning of": Part.EARLY,
    "mid": Part.MID, "the mid": Part.MID, "the middle of": Part.MID, "middle of": Part.MID,
    "late": Part.LATE, "the late": Part.LATE, "the end of": Part.LATE, "end of": Part.LATE,
}  # fmt: skip
# Words that make a date approximate: "sekitar 1950", "circa 1950", "menjelang 1950".
APPROX_WORDS = ("sekitar", "kira-kira", "kurang lebih", "menjelang", "circa", "ca.", "c.",
                "around", "about", "approximately", "roughly")  # fmt: skip

NUMBER_WORDS = {
    "se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

UNIT_WORDS = {
    "hari": "day", "pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year",
    "dekade": "decade", "dasawarsa": "decade", "abad": "century",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
}  # fmt: skip

# Direction words after a unit: "tahun lalu" (-1), "bulan depan" (+1), "pekan ini" (0).
DIRECTION_WORDS = {
    "lalu": -1, "silam": -1, "kemarin": -1, "sebelumnya": -1, "yang lalu": -1,
    "depan": 1, "mendatang": 1, "berikutnya": 1, "ini": 0,
    "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "this": 0,
}  # fmt: skip

# "kemarin", "hari ini", "yesterday": day offsets from the story date.
DAY_WORDS = {
    "kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "esok": 1, "lusa": 2,
    "tadi malam": -1, "semalam": -1, "yesterday": -1, "today": 0, "tomorrow": 1,
}  # fmt: skip

INDONESIAN_MARKERS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "pada",
        "dengan",
        "untuk",
        "ini",
        "itu",
        "tidak",
        "akan",
        "dalam",
        "oleh",
        "adalah",
        "bahwa",
        "juga",
    ]
)
ENGLISH_MARKERS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "on",
        "with",
        "for",
        "is",
        "was",
        "that",
        "by",
        "from",
        "at",
        "as",
        "were",
        "has",
        "have",
        "which",
    ]
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that "Agustus" wins over "Agu"."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@cache
def month_numbers() -> dict[str, int]:
    """Every month name and abbreviation of both languages (as written), to its number."""
    from babel.dates import get_month_names

    names: dict[str, int] = dict(EXTRA_MONTHS)
    for lang in LANGS:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=lang).items():
                names[name.rstrip(".")] = number
    return names


@cache
def full_month_names() -> frozenset[str]:
    """Month names that are safe alone (no day, no year): not "Mar", "Jan", "May"."""
    from babel.dates import get_month_names

    names = {n for lang in LANGS for n in get_month_names("wide", locale=lang).values()}
    return frozenset((names | {"Pebruari", "Nopember"}) - {"May", "March"})


@cache
def weekday_numbers() -> dict[str, int]:
    """Weekday names of both languages to Python's numbering (Monday is 0)."""
    from babel.dates import get_day_names

    names: dict[str, int] = dict(EXTRA_WEEKDAYS)
    for lang in LANGS:
        names.update({n: i for i, n in get_day_names("wide", locale=lang).items()})
    return names


def cased(words: Iterable[str]) -> list[str]:
    """Names as written and in capitals (headlines): "Februari", "FEBRUARI"."""
    return [v for w in words for v in (w, w.upper())]


def guess_language(text: str) -> str:
    """``id`` or ``en`` from the commonest function words of the first few thousand chars."""
    words = re.findall(r"[a-z]+", text[:4000].lower())
    indonesian = sum(w in INDONESIAN_MARKERS for w in words)
    english = sum(w in ENGLISH_MARKERS for w in words)
    return "en" if english > indonesian else "id"
