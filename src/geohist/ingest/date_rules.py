"""Rules for absolute dates: "15 Februari 1950", "15-2-1950", "1920—1922", "1960-an", "abad ke-19".

Each rule is a regex and a handler that checks what the regex cannot (a real calendar day, a
number that is a quantity rather than a year) and returns a :class:`Mention` or None.
"""

from __future__ import annotations

import re
from functools import cache
from re import Match

from geohist.ingest.lexicon import alternation, cased, full_month_names, month_numbers
from geohist.ingest.mention import ABSOLUTE, Mention, Rule
from geohist.ingest.values import Partial
from geohist.model.time import Precision, days_in_month

DASH = r"\s*[-–—]\s*"
RANGE_WORDS = r"(?:\s*[-–—]\s*|\s+(?:hingga|sampai(?:\s+dengan)?|s\.\s?d\.?|s/d|to|until|till)\s+)"
# What may not stand just before a match (checked by the tagger: a leading look-behind would
# keep the regex engine from skipping ahead to the first possible character).
WORD = re.compile(r"\w")
NUMBER = re.compile(r"[\w.,/:’'-]")
DECADE = re.compile(r"[\w.,/:]")
# Rules are only tried where a text token could start them (see geohist.ingest.dates).
DIGITS = frozenset({"#digit"})
BRACKET = frozenset({"#bracket"})


SPACE = " \t\n\xa0"
DASHES = "-–—"


def words(names) -> frozenset[str]:
    """The folded first tokens of some names: where a rule for them may start."""
    from geohist.ingest.world import fold, tokens_of

    return frozenset(fold(tokens_of(n)[0]) for n in names if tokens_of(n))


NOT_AFTER = r"(?![\w]|[.,:/-]\d)"
ERA = r"(?:\s*(?P<era>SM|BC|BCE|Sebelum\s+Masehi|M|Masehi|AD|CE)\b)?"
# A number followed by one of these counts things ("1500 orang"), it is not a year.
QUANTITY_AFTER = re.compile(
    r"\s*(?:orang|jiwa|personel|tentara|prajurit|pasukan|unit|buah|ekor|km|kilometer|meter|"
    r"m|kg|ton|liter|hektare|ha|lira|dolar|dollar|rupiah|euro|yen|yuan|rubel|kali|kursi|"
    r"suara|kasus|korban|rumah|senapan|peluru|pesawat|kapal|tank|people|troops|soldiers|"
    r"men|times|miles|dollars|votes|cases|H|Hijriah|Hijriyah|AH)\b",  # 1444 H: a Hijri year
    re.IGNORECASE,
)
QUANTITY_BEFORE = re.compile(
    r"(?:Rp\.?|US\$|\$|€|£|¥|#|No\.|no\.|[Nn]omor|[Pp]asal|[Aa]yat|[Hh]alaman|hlm\.?|[Kk]m|"
    r"ke-|sebanyak|sejumlah|senilai|mencapai|hampir|lebih dari|kurang dari|number|nomor|"
    r"UUD)\s*$"  # "UUD 1945" names the constitution
)


def months() -> str:
    return alternation(cased(month_numbers()))


def full_months() -> str:
    return alternation(cased(full_month_names()))


def month_of(name: str) -> int:
    table = month_numbers()
    return table.get(name.rstrip(".")) or table[name.rstrip(".").capitalize()]


def year_of(text: str, era: str | None = None) -> int:
    """Astronomical year: 500 SM (BC) is -499."""
    year = int(text)
    return 1 - year if era and era.split()[0] in ("SM", "BC", "BCE", "Sebelum") else year


def is_quantity(match: Match[str], text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 14) : start]
    return bool(QUANTITY_BEFORE.search(before) or QUANTITY_AFTER.match(text, end))


def day_ok(partial: Partial) -> bool:
    if partial.month is None or not 1 <= partial.month <= 12:
        return False
    if partial.day is None:
        return True
    return 1 <= partial.day <= days_in_month(partial.year or 2000, partial.month)


def _mention(m: Match[str], first: Partial, last: Partial | None = None, **kw) -> Mention | None:
    if first.month is not None and not day_ok(first):
        return None
    if last is not None and last.month and not day_ok(last):
        return None
    precision = Precision.DAY if first.day else Precision.MONTH if first.month else Precision.YEAR
    return Mention(m.start(), m.end(), ABSOLUTE, first, last, kw.pop("precision", precision), **kw)


def _day_month_year(m: Match[str], text: str) -> Mention | None:
    year = year_of(m["y"], m["era"]) if m["y"] else None
    return _mention(m, Partial(year, month_of(m["m"]), int(m["d"])))


def _month_day_year(m: Match[str], text: str) -> Mention | None:
    year = int(m["y"]) if m["y"] else None
    return _mention(m, Partial(year, month_of(m["m"]), int(m["d"])))


def _numeric(m: Match[str], text: str) -> Mention | None:
    day, month = int(m["d"]), int(m["m"])
    if month > 12 and day <= 12:  # an American month/day/year
        day, month = month, day
    year = None
    if m["y"]:
        year = int(m["y"]) if len(m["y"]) == 4 else 1900 + int(m["y"])
    mention = _mention(m, Partial(year, month, day))
    if mention and m["y"] and len(m["y"]) == 2:
        mention.flags.add("two-digit-year")
    return mention


def _iso(m: Match[str], text: str) -> Mention | None:
    return _mention(m, Partial(int(m["y"]), int(m["m"]), int(m["d"])))


def _day_range(m: Match[str], text: str) -> Mention | None:
    year2 = int(m["y2"]) if m["y2"] else None
    month2 = month_of(m["m2"])
    month1 = month_of(m["m1"]) if m["m1"] else month2
    year1 = int(m["y1"]) if m["y1"] else year2
    first, last = Partial(year1, month1, int(m["d1"])), Partial(year2, month2, int(m["d2"]))
    if year1 is not None and (year1, month1, first.day) >= (year2, month2, last.day):
        return None
    return _mention(m, first, last)


def _month_range(m: Match[str], text: str) -> Mention | None:
    year2 = int(m["y2"])
    year1 = int(m["y1"]) if m["y1"] else year2
    first, last = Partial(year1, month_of(m["m1"])), Partial(year2, month_of(m["m2"]))
    if (year1, first.month) >= (year2, last.month):
        return None
    return _mention(m, first, last)


def _month_year(m: Match[str], text: str) -> Mention | None:
    return _mention(m, Partial(year_of(m["y"]), month_of(m["m"])))


def _month_alone(m: Match[str], text: str) -> Mention | None:
    mention = _mention(m, Partial(None, month_of(m["m"])))
    if mention:
        mention.flags.add("month-only")
    return mention


RANGE_PREFIX = re.compile(
    r"(?<!\w)(?P<pre>antara|between|dari|from|sejak|since|periode|period|tahun)\s+$", re.I
)
DECADE_PREFIX = re.compile(r"(?<!\w)(?P<w>tahun|dekade|dasawarsa|era|periode|the)\s+$", re.I)


def prefix(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    """A word just before ``start`` that belongs to the expression ("antara", "dekade")."""
    return pattern.search(text, max(0, start - 14), start)


def _year_range(m: Match[str], text: str) -> Mention | None:
    y1, raw2 = int(m["y1"]), m["y2"]
    y2 = int(raw2) if len(raw2) == 4 else y1 - y1 % 100 + int(raw2)
    before = prefix(RANGE_PREFIX, text, m.start())
    joiner, pre = (m["join"] or "").strip().lower(), (before["pre"] if before else "").lower()
    if joiner in ("dan", "and") and pre not in ("antara", "between"):
        return None
    if (joiner == "ke" and pre != "dari") or (len(raw2) == 2 and joiner not in "-–—"):
        return None
    if not 0 < y2 - y1 <= 300 or is_quantity(m, text, m.start(), m.end()):
        return None
    mention = _mention(m, Partial(y1), Partial(y2))
    if mention and before:
        mention.start = before.start()
    return mention


def _decade(m: Match[str], text: str) -> Mention | None:
    digits = m["y"].lstrip("'’")
    before = prefix(DECADE_PREFIX, text, m.start())
    if len(digits) == 2:
        if not (before or m["y"][0] in "'’"):
            return None
        digits = "19" + digits
    mention = _mention(m, Partial(int(digits)), precision=Precision.DECADE)
    if mention and before:
        mention.start = before.start()
    return mention


def _century(m: Match[str], text: str) -> Mention | None:
    raw = m["n"]
    number = int(raw) if raw.isdigit() else roman(raw)
    if not 1 <= number <= 21:
        return None
    start = 100 * (number - 1)
    if m["era"] and m["era"].split()[0] in ("SM", "BC", "BCE", "Sebelum"):
        start = -100 * number + 1
    return _mention(m, Partial(start), precision=Precision.CENTURY)


def _year(m: Match[str], text: str) -> Mention | None:
    year = year_of(m["y"], m["era"])
    if not m["w"] and not m["era"] and not 1000 <= year <= 2100:
        return None
    if not m["w"] and is_quantity(m, text, m.start(), m.end()):
        return None
    return _mention(m, Partial(year))


def roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = values.get(char, 0)
        total += -value if following and values.get(following, 0) > value else value
    return total


@cache
def absolute_rules() -> list[Rule]:
    """The absolute-date rules, compiled once."""
    mon, full = months(), full_months()
    day = r"(?P<d>[0-3]?\d)"
    year = r"(?P<y>\d{4})"
    tahun = r"(?:(?:tahun|Tahun|TAHUN)\s+)?"
    month_words = words(month_numbers())
    specs = [
        (rf"(?P<d1>[0-3]?\d)(?:\s+(?P<m1>{mon})\.?(?:\s+(?P<y1>\d{{4}}))?)?"
         rf"{RANGE_WORDS}(?P<d2>[0-3]?\d)\s+(?P<m2>{mon})\.?(?:,?\s+(?P<y2>\d{{4}}))?{NOT_AFTER}",
         _day_range, NUMBER, DIGITS, (1, 2, SPACE + DASHES)),
        (rf"{day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{mon})\.?,?\s+{tahun}{year}{ERA}{NOT_AFTER}",
         _day_month_year, NUMBER, DIGITS, (1, 2, SPACE + "snrt")),
        (rf"{day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{full})(?P<y>)(?P<era>){NOT_AFTER}",
         _day_month_year, NUMBER, DIGITS, (1, 2, SPACE + "snrt")),
        (rf"(?P<m>{mon})\.?\s+{day}(?:st|nd|rd|th)?(?:,\s*|\s+){year}{NOT_AFTER}",
         _month_day_year, WORD, month_words),
        (rf"{day}(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<y>\d{{4}}|\d{{2}}){NOT_AFTER}", _numeric,
         NUMBER, DIGITS, (1, 2, "-/.")),
        (rf"\({day}/(?P<m>[01]?\d)(?:/(?P<y>\d{{4}}|\d{{2}}))?\)", _numeric, None, BRACKET),
        (rf"(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){NOT_AFTER}", _iso, NUMBER, DIGITS,
         (4, 4, "-")),
        (rf"(?P<m1>{mon})\.?(?:\s+(?P<y1>\d{{4}}))?{RANGE_WORDS}(?P<m2>{mon})\.?\s+"
         rf"(?P<y2>\d{{4}}){NOT_AFTER}", _month_range, WORD, month_words),
        (rf"(?P<m>{mon})\.?,?\s+{tahun}(?P<y>\d{{4}}){NOT_AFTER}", _month_year, WORD, month_words),
        (rf"(?P<m>{full})\b", _month_alone, WORD, month_words),
        (r"(?P<y1>1\d{3}|20\d\d)(?P<join>\s*[-–—]\s*|\s+(?:hingga|sampai(?:\s+dengan)?|s\.d\.?|"
         rf"s/d|ke|to|until|till|dan|and)\s+(?:tahun\s+)?)(?P<y2>1\d{{3}}|20\d\d|\d\d){NOT_AFTER}",
         _year_range, NUMBER, DIGITS, (4, 4, SPACE + DASHES)),
        (r"(?P<y>1\d\d0|20\d0|['’]?\d0)(?:-an\b|an\b|['’]?s\b)", _decade, DECADE, DIGITS,
         (2, 4, "-a'’s")),
        (r"(?:[Aa]bad|ABAD)\s+(?:ke-?\s*)?(?P<n>\d{1,2}|[IVXL]+)\b" + ERA, _century, WORD,
         frozenset({"abad"})),
        (r"(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+[Cc]entury\b(?P<era>)", _century, NUMBER, DIGITS,
         (1, 2, "snrt")),
        (rf"(?P<w>tahun|Tahun|TAHUN|thn\.?)\s+(?P<y>\d{{3,4}}){ERA}{NOT_AFTER}", _year, WORD,
         frozenset({"tahun", "thn"})),
        (rf"(?P<w>)(?P<y>\d{{1,4}}){ERA}{NOT_AFTER}", _year, NUMBER, DIGITS),
    ]  # fmt: skip
    return [Rule(re.compile(spec[0]), *spec[1:]) for spec in specs]
