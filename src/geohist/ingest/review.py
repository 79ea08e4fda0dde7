"""Reviewing draft events before they join the timeline (the logic behind the review dialog).

A draft becomes an editable row: accepted or not, its date as ``[early|mid|late ]START[/END]``
in EDTF, a title, and its places as names. Turning rows back into events checks every edit and
reports problems per row, so the dialog can mark the cells instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geohist.errors import GeohistError, Problem
from geohist.ingest.pipeline import DraftEvent
from geohist.model.event import Event, Provenance
from geohist.model.place import Gazetteer, Place
from geohist.model.time import HistoricalDate, Part, TimeSpan

TITLE_LENGTH = 80
_PART_PREFIX = re.compile(r"^\s*(early|mid|late)\s+", re.IGNORECASE)


@dataclass
class ReviewRow:
    """What the user sees and may change for one draft event."""

    draft: DraftEvent
    when: str
    title: str
    places: str
    accepted: bool = True
    problems: list[str] = field(default_factory=list)


def when_text(span: TimeSpan) -> str:
    part = f"{span.start.part.value} " if span.start.part else ""
    end = f"/{span.end.to_edtf()}" if span.end else ""
    return f"{part}{span.start.to_edtf()}{end}"


def parse_when(text: str) -> TimeSpan:
    """``late 1921``, ``1950-02-15``, ``1920/1922``, ``early 196X`` → a span (or DateError)."""
    part = None
    m = _PART_PREFIX.match(text)
    if m:
        part, text = Part(m[1].lower()), text[m.end() :]
    start, _, end = text.strip().partition("/")
    return TimeSpan(HistoricalDate.parse(start, part), HistoricalDate.parse(end) if end else None)


def draft_title(quote: str) -> str:
    """The quote on one line, cut at a word near TITLE_LENGTH characters."""
    flat = " ".join(quote.split())
    if len(flat) <= TITLE_LENGTH:
        return flat
    return flat[:TITLE_LENGTH].rsplit(" ", 1)[0] + " …"


def review_rows(drafts: Iterable[DraftEvent], lang: str = "en") -> list[ReviewRow]:
    return [
        ReviewRow(
            draft=d,
            when=when_text(d.value.span),
            title=draft_title(d.quote),
            places="; ".join(p.name(lang) for p in d.places),
        )
        for d in drafts
    ]


def accepted_events(
    rows: list[ReviewRow], gazetteer: Gazetteer, taken_ids: Iterable[str] = ()
) -> tuple[list[Event], list[Place], list[Problem]]:
    """Events of the accepted rows, the places they need beyond ``gazetteer``, and problems.

    Each problem names the document and the row (1-based, as the dialog numbers them).
    """
    local = gazetteer.merged(Gazetteer.of(p for r in rows for p in r.draft.places))
    used_ids, events, problems = set(taken_ids), [], []
    for number, row in enumerate(rows, start=1):
        row.problems = []
        if not row.accepted:
            continue
        event = _event(row, local, used_ids)
        if event is None:
            problems += [Problem(row.draft.doc, None, f"row {number}", m) for m in row.problems]
            continue
        used_ids.add(event.id)
        events.append(event)
    needed = {p for e in events for p in e.place_ids if p not in gazetteer}
    return events, [local[p] for p in sorted(needed)], problems


def _event(row: ReviewRow, gazetteer: Gazetteer, used_ids: set[str]) -> Event | None:
    try:
        when = parse_when(row.when)
    except GeohistError as exc:
        row.problems.append(f"date: {exc}")
        when = None
    place_ids = []
    for name in (t.strip() for t in row.places.split(";")):
        place = gazetteer.resolve(name) if name else None
        if name and place is None:
            row.problems.append(f"places: unknown place {name!r}")
        elif place is not None and place.id not in place_ids:
            place_ids.append(place.id)
    if not place_ids:
        row.problems.append("places: no place given")
    if not row.title.strip():
        row.problems.append("title: empty title")
    if row.problems or when is None:
        return None
    draft = row.draft
    quote_end = draft.quote_offset + len(draft.quote)
    return Event(
        id=_unique_id(draft, used_ids),
        title=row.title.strip(),
        when=when,
        place_ids=tuple(place_ids),
        tags=("ingest",),
        provenance=Provenance(str(draft.path), draft.quote_offset, quote_end, draft.quote),
    )


def _unique_id(draft: DraftEvent, used: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(draft.doc).stem).strip("-.") or "text"
    base = f"{stem}-{draft.date_offset}"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
