"""A date expression found in a text, before and after its document is understood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from re import Match, Pattern
from typing import NamedTuple

from geohist.ingest.values import DateValue, Partial
from geohist.model.time import Part, Precision

# What a mention is, which decides how it is resolved.
ABSOLUTE = "absolute"  # the words give the date, maybe without the year
WEEKDAY = "weekday"  # "pada hari Kamis": a day near the story date
RELATIVE = "relative"  # "tahun lalu", "sehari setelah": an offset from an anchor date
EVENT = "event"  # "selama Perang Dunia II": a named period
ANAPHORA = "anaphora"  # "Pada saat itu": the date of the sentence before


@dataclass(slots=True)
class Mention:
    """One date expression; offsets are 0-based ``str`` indexes into the document."""

    start: int
    end: int
    kind: str
    first: Partial = field(default_factory=Partial)
    last: Partial | None = None
    precision: Precision = Precision.YEAR
    part: Part | None = None
    approx: bool = False
    weekday: int | None = None
    unit: str | None = None  # RELATIVE: day, week, month, year, decade, or "month:11"
    offset: int = 0  # RELATIVE: signed number of units
    anchor: str = "story"  # RELATIVE: "story" (publication/story date) or "context"
    event: str | None = None  # EVENT: key of geohist.ingest.named_events
    flags: set[str] = field(default_factory=set)
    text: str = ""
    value: DateValue | None = None  # set by resolution

    @property
    def length(self) -> int:
        return self.end - self.start


Handler = Callable[[Match[str], str], Mention | None]


class Rule(NamedTuple):
    """A regex and a handler that turns its match (and the whole text) into a mention or None.

    ``left`` matches a character that may not come just before a match; ``anchors`` are the
    folded tokens a match can start at ("#digit": any number, "#bracket": "(" before a number);
    ``shape`` (shortest and longest number, characters that may follow it) lets the tagger skip
    a number rule without running its regex.
    """

    pattern: Pattern[str]
    handler: Handler
    left: Pattern[str] | None
    anchors: frozenset[str]
    shape: tuple[int, int, str] | None = None
