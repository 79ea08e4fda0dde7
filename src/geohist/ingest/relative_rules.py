"""Rules for dates that need an anchor: weekdays, "tahun lalu", "sehari setelah", named events.

They only record what the words say (which weekday, how many units, which direction, from the
story date or from the date in context); :mod:`geohist.ingest.resolve` does the arithmetic.
"""

from __future__ import annotations

import re
from functools import cache
from re import Match

from geohist.ingest.date_rules import DIGITS, WORD, full_months, month_of, months, words
from geohist.ingest.lexicon import (
    DAY_WORDS,
    DIRECTION_WORDS,
    NUMBER_WORDS,
    UNIT_WORDS,
    alternation,
    month_numbers,
    weekday_numbers,
)
from geohist.ingest.mention import ABSOLUTE, ANAPHORA, EVENT, RELATIVE, WEEKDAY, Mention, Rule
from geohist.ingest.named_events import EVENTS, OLYMPIC_NAMES
from geohist.ingest.values import Partial
from geohist.model.time import Part, Precision

# A week word after "Minggu" means the week, not Sunday: "Minggu ini", "Minggu lalu".
WEEK_FOLLOWERS = re.compile(r"\s+(?:ini|lalu|depan|kemarin|terakhir|berikutnya|pertama|kedua)\b")
UNTIL_BEFORE = re.compile(r"(?:hingga|sampai|sampai dengan|until|to|till|sejak|since)\s+$", re.I)
# "sehari setelah <clause>": the clause's event is that far *before* the date in context.
COMPLEMENT_DIRECTIONS = {"setelah": -1, "sesudah": -1, "after": -1, "sebelum": 1, "before": 1}
CONTEXT_DIRECTIONS = {
    "kemudian": 1, "berikutnya": 1, "sesudahnya": 1, "setelahnya": 1, "later": 1,
    "sebelumnya": -1, "earlier": -1,
}  # fmt: skip
STORY_DIRECTIONS = {"lalu": -1, "silam": -1, "yang lalu": -1, "ago": -1, "lagi": 1, "mendatang": 1}
PART_OF_EVENT = {
    "hari-hari terakhir": "late", "masa-masa akhir": "late", "akhir": "late",
    "final days of": "late", "last days of": "late", "the final days of": "late",
    "the last days of": "late", "the end of": "late", "hari-hari pertama": "early",
    "hari-hari awal": "early", "masa-masa awal": "early", "awal": "early",
    "the start of": "early", "the beginning of": "early", "the outbreak of": "early",
}  # fmt: skip
TRIGGERS = (
    "pada", "selama", "saat", "ketika", "semasa", "sewaktu", "di sela-sela", "di tengah",
    "dalam", "menjelang", "during", "in", "at", "amid", "throughout",
    "on the sidelines of", "at the time of",
)  # fmt: skip


def either_case(words) -> str:
    """Alternation accepting a capital or small first letter ("Pada", "pada")."""
    forms = {v for w in words for v in (w, w[0].upper() + w[1:], w[0].lower() + w[1:])}
    return alternation(forms)


HARI_BEFORE = re.compile(r"(?<!\w)(?:[Hh]ari|HARI)\s+$")
PADA_BEFORE = re.compile(r"(?<!\w)(?:[Pp]ada|PADA)\s+$")


def _weekday(m: Match[str], text: str) -> Mention | None:
    wd = weekday_numbers().get(m["wd"]) or weekday_numbers()[m["wd"].capitalize()]
    hari = HARI_BEFORE.search(text, max(0, m.start() - 8), m.start())
    minggu = m["wd"].lower() == "minggu" and not hari and not m["date"]
    if minggu and WEEK_FOLLOWERS.match(text, m.end()):
        return None
    mention = _dated_weekday(m, wd) if m["pd"] or m["d"] or m["d2"] else None
    if mention is None:
        mention = Mention(m.start(), m.end(), WEEKDAY, precision=Precision.DAY, weekday=wd)
    if hari:
        mention.start = hari.start()
    if mention.kind != WEEKDAY:
        return mention
    direction = m["dir"] or m.groupdict().get("dirw")
    if direction:
        mention.offset = DIRECTION_WORDS[direction.lower()]
    return mention


def _dated_weekday(m: Match[str], wd: int) -> Mention:
    if m["pd"]:
        raw = m["py"]
        year = None if not raw else int(raw) if len(raw) == 4 else 2000 + int(raw)
        first = Partial(year, int(m["pm"]), int(m["pd"]))
    elif m["d"]:
        first = Partial(int(m["y"]), month_of(m["m"]), int(m["d"]))
    else:
        first = Partial(int(m["y2"]), month_of(m["m2"]), int(m["d2"]))
    mention = Mention(m.start(), m.end(), ABSOLUTE, first, None, Precision.DAY, weekday=wd)
    mention.flags.add("weekday-dated")
    return mention


ENGLISH = re.compile(
    r"\b(?:ago|later|earlier|before|after|last|next|this|past|coming|week|month|"
    r"year|days?|weeks|months|years|decades?|yesterday|today|tomorrow|the)\b",
    re.I,
)


def _language(mention: Mention | None, words: str) -> Mention | None:
    """Mark mentions written with English words: an Indonesian text quoting "Today In History"
    does not mean today."""
    if mention is not None:
        mention.flags.add("en" if ENGLISH.search(words) else "id")
    return mention


def _counted(m: Match[str], text: str) -> Mention | None:
    return _language(_counted_value(m), m[0])


def _counted_value(m: Match[str]) -> Mention | None:
    raw = (m["n"] or "se").lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
    unit = UNIT_WORDS[(m["u1"] or m["u2"]).lower()]
    direction = m["dir"].lower()
    if count is None or count > 500:
        return None
    mention = Mention(m.start(), m.end(), RELATIVE, unit=unit, approx=True)
    if direction in STORY_DIRECTIONS:
        mention.offset = STORY_DIRECTIONS[direction] * count
    elif direction in CONTEXT_DIRECTIONS:
        mention.offset, mention.anchor = CONTEXT_DIRECTIONS[direction] * count, "context"
    else:
        mention.offset, mention.anchor = COMPLEMENT_DIRECTIONS[direction] * count, "context"
        mention.approx = unit != "day"
        mention.flags.add("complement")  # the clause after it is the event
    return mention


def _unit_direction(m: Match[str], text: str) -> Mention | None:
    return _language(_unit_direction_value(m), m[0])


def _unit_direction_value(m: Match[str]) -> Mention | None:
    unit = UNIT_WORDS[m["u"].lower()]
    offset = DIRECTION_WORDS[m["dir"].lower()]
    mention = Mention(m.start(), m.end(), RELATIVE, unit=unit, offset=offset)
    mention.approx = unit == "week"
    if offset == 0:
        mention.flags.add("this")
    return mention


def _month_direction(m: Match[str], text: str) -> Mention | None:
    direction = (m["dir"] or m["ydir"] or "").lower()
    offset = DIRECTION_WORDS.get(direction, 0)
    unit = f"month:{month_of(m['m'])}" + (":year" if m["ydir"] else "")
    mention = Mention(m.start(), m.end(), RELATIVE, unit=unit, offset=offset)
    return _language(mention, m["dir"] or m["ydir"] or "")


def _day_word(m: Match[str], text: str) -> Mention | None:
    if UNTIL_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return None
    word = m[0].lower()
    offset, anchor = DAY_WORDS.get(word, 0), "story"
    if word in ("keesokan harinya", "the next day", "the following day", "the day after"):
        offset, anchor = 1, "context"
    elif word in ("the day before", "the previous day"):
        offset, anchor = -1, "context"
    mention = Mention(m.start(), m.end(), RELATIVE, unit="day", offset=offset, anchor=anchor)
    return _language(mention, word)


@cache
def _trigger_before() -> re.Pattern[str]:
    parts = alternation([*PART_OF_EVENT, "pertengahan", "puncak", "masa"])
    return re.compile(
        rf"(?<!\w)(?:{alternation(TRIGGERS)})\s+(?:(?P<epart>{parts})\s+)?(?:the\s+)?$", re.I
    )


def _named_event(m: Match[str], text: str) -> Mention | None:
    """A named period, only behind a word that puts the event inside it ("selama", "during")."""
    trigger = _trigger_before().search(text, max(0, m.start() - 48), m.start())
    if trigger is None:
        return None
    start = trigger.start("epart") if trigger["epart"] else m.start("name")
    key = _event_key(m["name"])
    part = PART_OF_EVENT.get(" ".join((trigger["epart"] or "").lower().split()))
    mention = Mention(start, m.end(), EVENT, event=key, part=Part(part) if part else None)
    mention.approx = True
    if m["year"]:
        mention.first = Partial(int(m["year"]))
    return mention


def _event_key(name: str) -> str:
    folded = name.casefold()
    for key, names in OLYMPIC_NAMES.items():
        if folded in {n.casefold() for n in names}:
            return key
    return next(e.key for e in EVENTS if folded in {n.casefold() for n in e.names})


def _anaphora(m: Match[str], text: str) -> Mention | None:
    pada = PADA_BEFORE.search(text, max(0, m.start() - 8), m.start())
    return Mention(pada.start() if pada else m.start(), m.end(), ANAPHORA)


@cache
def relative_rules() -> list[Rule]:
    """Weekday, relative, named-event and anaphora rules, compiled once."""
    wd = alternation([*weekday_numbers(), *(w.upper() for w in weekday_numbers())])
    full, mon = full_months(), months()
    number = alternation([*NUMBER_WORDS, *(w.capitalize() for w in NUMBER_WORDS)])
    units = alternation([*UNIT_WORDS, *(u.capitalize() for u in UNIT_WORDS)])
    se_units = "(?:hari|pekan|minggu|bulan|tahun|abad|dekade|dasawarsa)"
    directions = alternation([*STORY_DIRECTIONS, *CONTEXT_DIRECTIONS, *COMPLEMENT_DIRECTIONS])
    names = [n for e in EVENTS for n in e.names] + [n for v in OLYMPIC_NAMES.values() for n in v]
    day_words = [*DAY_WORDS, "keesokan harinya", "the next day", "the following day",
                 "the day after", "the day before", "the previous day"]  # fmt: skip
    english = frozenset({"last", "next", "this", "past", "coming"})
    se_words = frozenset("se" + u for u in se_units.strip("(?:)").split("|"))
    specs = [
        (rf"(?P<wd>{wd})\b(?:\s+(?P<tod>pagi|siang|sore|malam|dini\s+hari|morning|afternoon|"
         r"evening|night)\b)?(?:\s+(?P<dir>lalu|kemarin|depan|mendatang)\b)?(?P<date>\s*,?\s*\("
         r"(?P<pd>[0-3]?\d)/(?P<pm>[01]?\d)(?:/(?P<py>\d{4}|\d\d))?\)|,?\s+(?P<d>[0-3]?\d)\s+"
         rf"(?P<m>{mon})\.?\s+(?P<y>\d{{4}})|,?\s+(?P<m2>{mon})\.?\s+(?P<d2>[0-3]?\d),?\s+"
         r"(?P<y2>\d{4}))?", _weekday, WORD, words(weekday_numbers())),
        (rf"(?P<dirw>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<wd>{wd})\b(?P<tod>)(?P<dir>)(?P<date>)(?P<pd>)"
         r"(?P<pm>)(?P<py>)(?P<d>)(?P<m>)(?P<y>)(?P<m2>)(?P<d2>)(?P<y2>)", _weekday, WORD, english),
        (rf"(?:(?P<se>[Ss]e)(?P<u1>{se_units})|(?P<n>\d{{1,3}}|{number})\s+(?P<u2>{units}))\s+"
         rf"(?:(?:yang|the)\s+)?(?P<dir>{directions})\b", _counted, WORD,
         DIGITS | words(NUMBER_WORDS) | se_words),
        (r"(?P<u>[Tt]ahun|[Bb]ulan|[Pp]ekan|minggu|[Ww]eek|[Mm]onth|[Yy]ear)\s+"
         r"(?P<dir>lalu|kemarin|silam|depan|mendatang|berikutnya|ini)\b", _unit_direction, WORD,
         frozenset({"tahun", "bulan", "pekan", "minggu", "week", "month", "year"})),
        (r"(?P<dir>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+(?P<u>week|month|year)\b",
         _unit_direction, WORD, english),
        (rf"(?P<m>{full})\s+(?:(?P<dir>lalu|kemarin|silam|depan|mendatang)|tahun\s+"
         r"(?P<ydir>lalu|depan|ini))\b", _month_direction, WORD, words(month_numbers())),
        (rf"(?P<dir>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<m>{full})\b(?P<ydir>)", _month_direction, WORD,
         english),
        (rf"{either_case(day_words)}\b", _day_word, WORD, words(day_words)),
        (rf"(?P<name>{either_case(names)})\b(?:\s+(?P<year>\d{{4}})\b)?", _named_event, WORD,
         words(names)),
        (r"(?:[Ss]aat|[Ww]aktu|[Kk]ala|[Kk]etika|[Mm]asa)\s+itu\b|[Aa]t\s+(?:that|the)\s+time\b",
         _anaphora, WORD, frozenset({"saat", "waktu", "kala", "ketika", "masa", "at"})),
    ]  # fmt: skip
    return [Rule(re.compile(spec[0]), *spec[1:]) for spec in specs]
