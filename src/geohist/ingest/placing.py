"""Which places an event happens at: the places of its own clause and sentence.

The event's *region* is its part of the sentence: a sentence with two dated events is cut
between them; a dashed aside is its own part; a relative clause (", yang ...") describes a
noun, so its places belong to the event only when the date is in it; a purpose or cause clause
right after the date ("di Kyiv awal pekan ini untuk ...") says why, not where; "sehari setelah
<clause>" dates the clause after it, so that clause is the region.

In order of preference: places where things happen (role ``core``) in the region, then in the
whole sentence; then, in the dateline's paragraph, the dateline's place; then the sentence's
modifiers ("Presiden Rusia" locates Putin's acts when nothing else does); then the previous
sentence of the same paragraph. The dateline's city is added to the first sentence when it
names no city of its own. A sentence opening with "Wilayah ini" (this region) is about the
region the sentence before named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from geohist.ingest.layout import Layout, Sentence
from geohist.ingest.mention import Mention
from geohist.ingest.places import PlaceMention
from geohist.ingest.roles import CORE, DATELINE, MODIFIER

CLAUSE_BREAK = re.compile(
    r",\s+(?:dan\s+|and\s+)?|\s+(?:dan|and|sementara|sedangkan|while)\s+|;\s+"
)
DASH = re.compile(r"\s[–—-]{1,2}\s")
ASIDE = re.compile(r",\s+(?:yang|which|who)\b[^,;]*")
PURPOSE = re.compile(r"\s(?:untuk|agar|guna|supaya|karena|sebab|sehingga|because|so that)\s")
DEMONSTRATIVE = re.compile(
    r"^(?P<noun>Wilayah|Daerah|Kawasan|Provinsi|Kota|Negara|Pulau|Kepulauan)\s+(?:ini|itu|tersebut)\b"
)
ANTECEDENT_KINDS = {
    "wilayah": {"region", "islands"}, "daerah": {"region", "islands"},
    "kawasan": {"region", "islands", "water"}, "provinsi": {"region"}, "kota": {"city"},
    "negara": {"country", "polity"}, "pulau": {"islands"}, "kepulauan": {"islands"},
}  # fmt: skip
CITY_KINDS = frozenset(["city", "landmark"])
PURPOSE_REACH = 20  # characters between a date and the "untuk" of its purpose clause


@dataclass(frozen=True, slots=True)
class Placed:
    """A place mention with its role."""

    mention: PlaceMention
    role: str


@dataclass(frozen=True, slots=True)
class Surroundings:
    """Places around a sentence: the one before it, and the dateline's."""

    previous: list[Placed]  # the sentence before, in the same paragraph
    before: list[Placed]  # the body sentence before, in any paragraph
    dateline: list[Placed]
    dateline_paragraph: int | None


def segments(sentence: Sentence, starts: list[int], text: str) -> list[tuple[int, int]]:
    """Cut a sentence into one part per dated mention, at the last clause break between them."""
    bounds = [sentence.start]
    for previous_start, start in pairwise(starts):
        cut = None
        for m in CLAUSE_BREAK.finditer(text, previous_start, start):
            cut = m.end()
        bounds.append(cut if cut is not None else start)
    bounds.append(sentence.end)
    return list(pairwise(bounds))


def region(sentence: Sentence, segment: tuple[int, int], mention: Mention, text: str):
    """The stretches of the sentence that are the event's own (see the module docstring)."""
    start, end = segment
    if "complement" in mention.flags:
        start = mention.start
    for m in DASH.finditer(text, sentence.start, sentence.end):
        if m.end() <= mention.start:
            start = max(start, m.end())
        elif m.start() >= mention.end:
            end = min(end, m.start())
            break
    asides = [(m.start(), m.end()) for m in ASIDE.finditer(text, start, end)]
    own = [a for a in asides if a[0] <= mention.start < a[1]]
    if own:
        return [own[0]]
    spans, cursor = [], start
    for s, e in asides:
        spans.append((cursor, s))
        cursor = e
    spans.append((cursor, end))
    return spans


def choose(
    inside: list[Placed],
    sentence: Sentence,
    segment: tuple[int, int],
    mention: Mention,
    layout: Layout,
    around: Surroundings,
) -> list[Placed]:
    """The places of one event (see the module docstring); ``inside``: the sentence's places."""
    text = layout.text
    referred = _antecedents(text[sentence.start : sentence.end], around.before)
    if referred:
        return _unique(referred)
    own = _in_spans(inside, region(sentence, segment, mention, text))
    own = _before_purpose(own, mention, text)
    in_segment = [p for p in inside if segment[0] <= p.mention.start < segment[1]]
    dateline = around.dateline if sentence.paragraph == around.dateline_paragraph else []
    chosen = (
        _with(own, CORE)
        or _with(in_segment, CORE)
        or _with(dateline, DATELINE)
        or _with(in_segment, MODIFIER)
        or _with(around.previous, CORE)
    )
    datelined = [p for p in inside if p.role == DATELINE and p.mention.kind in CITY_KINDS]
    if datelined and not any(p.mention.kind in CITY_KINDS for p in chosen):
        chosen = chosen + datelined
    return _unique(chosen)


def _in_spans(placed: list[Placed], spans: list[tuple[int, int]]) -> list[Placed]:
    return [p for p in placed if any(s <= p.mention.start < e for s, e in spans)]


def _before_purpose(placed: list[Placed], mention: Mention, text: str) -> list[Placed]:
    """Drop places of an "untuk/karena ..." clause after the date if the date's clause has some."""
    after = [p for p in placed if p.mention.start >= mention.end]
    if not after:
        return placed
    cut = PURPOSE.search(text, mention.end, after[-1].mention.start)
    if cut is None or cut.start() - mention.end > PURPOSE_REACH:
        return placed  # "menawarkan untuk memberi": a verb's complement, not a purpose
    kept = [p for p in placed if p.mention.start < cut.start()]
    return kept if _with(kept, CORE) else placed


def _antecedents(sentence_text: str, previous: list[Placed]) -> list[Placed]:
    m = DEMONSTRATIVE.match(sentence_text)
    if not m:
        return []
    kinds = ANTECEDENT_KINDS[m["noun"].lower()]
    return [p for p in previous if p.role == CORE and p.mention.kind in kinds]


def _with(placed: list[Placed], role: str) -> list[Placed]:
    return [p for p in placed if p.role == role]


def _unique(placed: list[Placed]) -> list[Placed]:
    seen: set[str] = set()
    kept = []
    for p in placed:
        if p.mention.place_id not in seen:
            seen.add(p.mention.place_id)
            kept.append(p)
    return kept
