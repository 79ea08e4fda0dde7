"""Give every mention a value: find the document's reference and story dates, inherit years.

Two dates anchor a news text. The *reference* date is when it was written: a page date at the
top, a citation ("Mengutip dari laman History pada Rabu (13/2/2018)"), or one the user gives.
The *story* date is the day the reported events happen around, which is not always the page
date (a page dated 24 July can report "on Thursday" 16 May): a bare weekday is matched to a
full date of the same weekday in the text. Relative words count from the story date; a date
without a year takes the year of the dates just before it, else the story date's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geohist.ingest.mention import ABSOLUTE, ANAPHORA, EVENT, RELATIVE, WEEKDAY, Mention
from geohist.ingest.named_events import OLYMPIC_NAMES, event_value, olympics_value
from geohist.ingest.relative_values import relative_value
from geohist.ingest.values import DateValue, Partial, day_value, make_date, weekday_of
from geohist.model.time import Precision, civil_from_days, days_from_civil

CONTEXT_SENTENCES = 3  # a year is inherited from at most this many sentences back
STORY_WINDOW_DAYS = 183  # a weekday's full date must be this close before the reference


@dataclass
class Anchors:
    """Day numbers of the reference (publication) date and the story date, when known."""

    reference: int | None = None
    story: int | None = None

    @property
    def weekday_anchor(self) -> int | None:
        """The day a bare weekday is counted back from: the page date when the story is that
        week ("Senin (21/11)" on a page of Tuesday 22/11: "Selasa" is the 22nd), else the story."""
        ref, story = self.reference, self.story
        if ref is not None and story is not None and 0 <= ref - story <= 6:
            return ref
        return story


@dataclass
class Context:
    """The values of the event mentions read so far, with the sentence each was in."""

    seen: list[tuple[int, DateValue]] = field(default_factory=list)
    section: DateValue | None = None  # the date of the section header ("1945") we are under

    def add(self, sentence: int, value: DateValue) -> None:
        self.seen.append((sentence, value))

    def recent(self, sentence: int, window: int = CONTEXT_SENTENCES) -> DateValue | None:
        """The latest value at most ``window`` sentences back, else the section's."""
        if self.seen and sentence - self.seen[-1][0] <= window:
            return self.seen[-1][1]
        return self.section

    def latest(self) -> DateValue | None:
        return self.seen[-1][1] if self.seen else None


def find_story_day(mentions: list[Mention], reference: int | None) -> int | None:
    """The story date: a "Sabtu (23/11)" date, else a full date matching a bare weekday."""
    for mention in mentions:
        if mention.kind == ABSOLUTE and "weekday-dated" in mention.flags:
            day = _complete_day(mention.first, reference)
            if day is not None:
                return day
    weekdays = [m.weekday for m in mentions if m.kind == WEEKDAY and m.offset == 0]
    if weekdays:
        candidates = [d for d in _full_days(mentions) if weekday_of(d) == weekdays[0]]
        if reference is not None:
            candidates = [d for d in candidates if 0 <= reference - d <= STORY_WINDOW_DAYS]
        if candidates:
            return max(candidates)
    return reference


def _full_days(mentions: list[Mention]) -> list[int]:
    days = []
    for m in mentions:
        p = m.first
        if m.kind == ABSOLUTE and m.last is None and p.year and p.month and p.day:
            days.append(days_from_civil(p.year, p.month, p.day))
    return days


def _complete_day(partial: Partial, reference: int | None) -> int | None:
    if partial.month is None or partial.day is None:
        return None
    year = partial.year or _nearest_year(partial, reference)
    date = make_date(Partial(year, partial.month, partial.day)) if year else None
    return date.first_day if date else None


def _nearest_year(partial: Partial, anchor: int | None) -> int | None:
    """The year that puts a day-month (or a month) nearest to the anchor day."""
    if anchor is None or partial.month is None:
        return None
    year = civil_from_days(anchor)[0]
    best = None
    for candidate in (year - 1, year, year + 1):
        date = make_date(Partial(candidate, partial.month, partial.day))
        if date is None:
            continue
        distance = abs((date.first_day + date.last_day) // 2 - anchor)
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1] if best else None


def resolve(mention: Mention, sentence: int, text: str, anchors: Anchors, ctx: Context) -> None:
    """Set ``mention.value`` (None when nothing in the document can date it)."""
    resolver = {
        ABSOLUTE: _absolute,
        WEEKDAY: _weekday,
        RELATIVE: _relative,
        EVENT: _event,
        ANAPHORA: _anaphora,
    }[mention.kind]
    value = resolver(mention, sentence, text, anchors, ctx)
    if value is not None and mention.approx and mention.kind != EVENT and not mention.part:
        value = value.approximate()
    if (
        value is not None
        and mention.kind in (ABSOLUTE, RELATIVE)
        and value.start.precision is not Precision.DAY  # a week's part is already in its days
    ):
        value = value.with_part(mention.part)
    mention.value = value


def _absolute(m: Mention, sentence: int, text: str, anchors: Anchors, ctx: Context):
    first, last = m.first, m.last
    if first.year is None:
        year = _context_year(sentence, ctx) or _nearest_year(first, anchors.story)
        if year is None:
            return None
        first = first.with_year(year)
    if "two-digit-year" in m.flags:
        first = first.with_year(_century_of(first.year, anchors.reference))
    if last is not None and last.year is None:
        last = last.with_year(first.year)
    start = make_date(first, m.precision if last is None else None)
    end = make_date(last) if last is not None else None
    if start is None or (last is not None and end is None):
        return None
    if end is not None and end.last_day < start.first_day:
        return None
    return DateValue(start, end)


def _context_year(sentence: int, ctx: Context) -> int | None:
    value = ctx.recent(sentence)
    return value.start.year if value is not None else None


def _century_of(year: int, reference: int | None) -> int:
    short = year % 100
    this_year = civil_from_days(reference)[0] if reference is not None else 2029
    return 2000 + short if 2000 + short <= this_year else 1900 + short


def _weekday(m: Mention, sentence: int, text: str, anchors: Anchors, ctx: Context):
    anchor = anchors.weekday_anchor
    if anchor is None or m.weekday is None:
        return None
    back = (weekday_of(anchor) - m.weekday) % 7
    day = anchor - back
    if m.offset < 0 and back == 0:
        day -= 7
    elif m.offset > 0:
        day = anchor + ((m.weekday - weekday_of(anchor)) % 7 or 7)
    return day_value(day)


def _relative(m: Mention, sentence: int, text: str, anchors: Anchors, ctx: Context):
    if m.anchor == "context":
        recent = ctx.recent(sentence) or ctx.latest()
        if recent is None:
            anchor = anchors.story
        else:  # "dua tahun kemudian" counts from the end of "1966 hingga 1998"
            anchor = recent.last_day if m.offset > 0 else recent.first_day
    else:
        anchor = anchors.story
    if anchor is None or m.unit is None:
        return None
    return relative_value(m, anchor)


def _event(m: Mention, sentence: int, text: str, anchors: Anchors, ctx: Context):
    if m.event in OLYMPIC_NAMES:
        return olympics_value(m.event, m.first.year, text, anchors.story or anchors.reference)
    return event_value(m.event or "", m.part.value if m.part else None)


def _anaphora(m: Mention, sentence: int, text: str, anchors: Anchors, ctx: Context):
    return ctx.recent(sentence, window=2)
