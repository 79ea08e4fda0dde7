"""Document -> draft events: one per dated mention that is an event, with its places and quote.

The steps, each in its own module: the page's layout (:mod:`layout`), date mentions
(:mod:`dates`), which of them are events (:mod:`judge`), the reference and story dates and every
value (:mod:`resolve`), place names (:mod:`places`) and their roles (:mod:`roles`), and the
places of each event (:mod:`placing`).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geohist.ingest.dates import tag_dates
from geohist.ingest.judge import (
    EVENT,
    REFERENCE,
    SECTION,
    duplicates,
    is_reference_candidate,
    judge,
)
from geohist.ingest.layout import Layout, Sentence, analyse
from geohist.ingest.lexicon import guess_language
from geohist.ingest.mention import ABSOLUTE, Mention
from geohist.ingest.places import Token, find_places, tokenize
from geohist.ingest.placing import Placed, Surroundings, choose, segments
from geohist.ingest.resolve import Anchors, Context, find_story_day, resolve
from geohist.ingest.roles import DATELINE, place_roles
from geohist.ingest.sources import Document
from geohist.ingest.values import DateValue, Partial, make_date
from geohist.ingest.world import PlaceIndex, place_index
from geohist.model.place import Place
from geohist.model.time import days_from_civil


@dataclass(frozen=True, slots=True)
class DraftEvent:
    """An event found in a text, for a person to review."""

    doc: str
    path: Path
    date_text: str
    date_offset: int
    value: DateValue
    places: tuple[Place, ...]
    place_texts: tuple[str, ...]
    quote: str
    quote_offset: int


DRAFT_FIELDS = [f for f in DraftEvent.__dataclass_fields__ if f != "places"]


PARALLEL_FROM = 64  # documents: for fewer, starting worker processes costs more than it saves


def ingest(
    documents: Iterable[Document],
    reference: dt.date | None = None,
    lang: str | None = None,
    workers: int | None = None,
) -> Iterator[DraftEvent]:
    """Draft events of every document, in document and reading order.

    Many documents are shared among worker processes (one per core, forked after the gazetteer
    index is built, so they share it); ``workers=1`` keeps everything in this process.
    """
    index = place_index()
    documents = list(documents)
    count = workers if workers is not None else _default_workers(len(documents))
    if count <= 1:
        for document in documents:
            yield from ingest_document(document, reference, lang, index)
        return
    jobs = [(document, reference, lang) for document in documents]
    gc.freeze()  # keep the shared index out of the workers' collections (no copy-on-write)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            for packed in pool.imap(_work, jobs, chunksize=8):
                for fields, place_ids in packed:
                    places = tuple(index.place(i) for i in place_ids)
                    yield DraftEvent(**dict(zip(DRAFT_FIELDS, fields, strict=True)), places=places)
    finally:
        gc.unfreeze()


def _default_workers(documents: int) -> int:
    if documents < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, 4)


def _work(job: tuple[Document, dt.date | None, str | None]) -> list[tuple[tuple, tuple[str, ...]]]:
    """One document in a worker: events without their Place objects (ids travel lighter)."""
    drafts = ingest_document(*job)
    return [(_fields(d), tuple(p.id for p in d.places)) for d in drafts]


def _fields(draft: DraftEvent) -> tuple:
    return tuple(getattr(draft, f) for f in DRAFT_FIELDS)


def ingest_document(
    document: Document,
    reference: dt.date | None = None,
    lang: str | None = None,
    index: PlaceIndex | None = None,
) -> list[DraftEvent]:
    index = index or place_index()
    text = document.text
    language = lang or guess_language(text)
    layout = analyse(text)
    tokens = tokenize(text)
    mentions = tag_dates(text, language, tokens)
    where = [layout.sentence_at(m.start) for m in mentions]
    verdicts = [judge(m, s, layout) for m, s in zip(mentions, where, strict=True)]
    anchors = _anchors(mentions, verdicts, reference)
    events = _resolve_events(mentions, where, verdicts, anchors, layout)
    dropped = duplicates(events, text)
    events = [e for i, e in enumerate(events) if i not in dropped]
    placed = _by_sentence(_placed(layout, tokens, index, language), layout)
    return [_draft(document, m, s, events, placed, layout, index) for m, s in events]


def _anchors(mentions: list[Mention], verdicts: list[str], given: dt.date | None) -> Anchors:
    given_day = days_from_civil(given.year, given.month, given.day) if given else None
    reference = None
    for mention, verdict in zip(mentions, verdicts, strict=True):
        if verdict == REFERENCE and is_reference_candidate(mention):
            reference = _day(mention.first, given_day)
            if reference is not None:
                break
    if reference is None:
        dated = [m for m, v in zip(mentions, verdicts, strict=True) if v == EVENT]
        weekday_dated = [m for m in dated if "weekday-dated" in m.flags and m.first.year]
        reference = _day(weekday_dated[0].first, None) if weekday_dated else given_day
    events = [m for m, v in zip(mentions, verdicts, strict=True) if v == EVENT]
    return Anchors(reference, find_story_day(events, reference))


def _day(partial: Partial, fallback: int | None) -> int | None:
    year = partial.year
    if year is None and fallback is not None:
        from geohist.model.time import civil_from_days

        year = civil_from_days(fallback)[0]
    date = make_date(Partial(year, partial.month, partial.day)) if year else None
    return date.first_day if date else None


def _resolve_events(
    mentions: list[Mention],
    where: list[Sentence | None],
    verdicts: list[str],
    anchors: Anchors,
    layout: Layout,
) -> list[tuple[Mention, Sentence]]:
    """Resolve event mentions in reading order, each one's value becoming context."""
    context, events = Context(), []
    for mention, sentence, verdict in zip(mentions, where, verdicts, strict=True):
        if verdict not in (EVENT, SECTION) or sentence is None:
            continue
        sentence_text = layout.text[sentence.start : sentence.end]
        resolve(mention, sentence.index, sentence_text, anchors, context)
        if verdict == SECTION:
            context.section, context.seen = mention.value, []
            continue
        if mention.value is not None:
            context.add(sentence.index, mention.value)
            events.append((mention, sentence))
    return events


def _placed(layout: Layout, tokens: list[Token], index: PlaceIndex, lang: str) -> list[Placed]:
    found = find_places(layout.text, tokens, index, lang)
    roles = place_roles(layout, tokens, found)
    return [Placed(m, r) for m, r in zip(found, roles, strict=True)]


def _by_sentence(placed: list[Placed], layout: Layout) -> dict[int, list[Placed]]:
    """Place mentions grouped by the sentence they are in (index), plus "dateline"."""
    groups: dict[int, list[Placed]] = {}
    for p in placed:
        sentence = layout.sentence_at(p.mention.start)
        if sentence is not None:
            groups.setdefault(sentence.index, []).append(p)
    return groups


def _draft(
    document: Document,
    mention: Mention,
    sentence: Sentence,
    events: list[tuple[Mention, Sentence]],
    placed: dict[int, list[Placed]],
    layout: Layout,
    index: PlaceIndex,
) -> DraftEvent:
    text = layout.text
    starts = [m.start for m, s in events if s is sentence]
    segment = segments(sentence, starts, text)[starts.index(mention.start)]
    inside = placed.get(sentence.index, [])
    chosen = choose(inside, sentence, segment, mention, layout, _around(sentence, placed, layout))
    assert mention.value is not None
    return DraftEvent(
        doc=document.name,
        path=document.path,
        date_text=mention.text,
        date_offset=mention.start,
        value=mention.value,
        places=tuple(index.place(p.mention.place_id) for p in chosen),
        place_texts=tuple(text[p.mention.start : p.mention.end] for p in chosen),
        quote=text[sentence.start : sentence.end],
        quote_offset=sentence.start,
    )


def _around(sentence: Sentence, placed: dict[int, list[Placed]], layout: Layout) -> Surroundings:
    def within(other: Sentence | None) -> list[Placed]:
        return placed.get(other.index, []) if other is not None else []

    first = layout.sentence_at(layout.dateline[0]) if layout.dateline else None
    dateline = [p for p in within(first) if p.role == DATELINE]
    return Surroundings(
        within(layout.previous(sentence)),
        within(layout.body_before(sentence)),
        dateline,
        layout.paragraph_of_dateline(),
    )


__all__ = ["ABSOLUTE", "DraftEvent", "ingest", "ingest_document"]
