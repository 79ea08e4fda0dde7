"""Write draft events as JSON (for review tools) or as a geohist events file (CSV).

The CSV is an ordinary events file (docs/formats.md) with extra columns for the reviewer
(``doc``, ``date_text``, ``date_offset``, ``precision``, ``place_texts``), so geohist opens it
and checks each quote against its source text. Places from the world gazetteer that the bundled
one lacks go to a places file beside it (``OUT.places.csv``, for ``--places``), and an event
with no place of its own borrows its text's most frequent place, tagged ``place-guessed``.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from geohist.atomic import atomic_path, write_text_atomic
from geohist.datafiles.events_csv import REQUIRED_COLUMNS, event_row
from geohist.datafiles.places_csv import PLACE_COLUMNS
from geohist.ingest.pipeline import DraftEvent
from geohist.model.event import Event, Provenance
from geohist.model.place import Place

TITLE_LENGTH = 100
REVIEW_COLUMNS = ("doc", "date_text", "date_offset", "precision", "place_texts")
CSV_COLUMNS = (*REQUIRED_COLUMNS[:3], "mod", "title", *REQUIRED_COLUMNS[4:], "summary", "tags",
               "source", "quote_start", "quote_end", "quote", *REVIEW_COLUMNS)  # fmt: skip


def event_record(draft: DraftEvent) -> dict:
    """The JSON object of one draft event (schema in the ``geohist ingest`` help)."""
    start, end = draft.value.iso()
    return {
        "doc": draft.doc,
        "date_text": draft.date_text,
        "date_offset": draft.date_offset,
        "start": start,
        "end": end,
        "precision": draft.value.precision.name.lower(),
        "mod": draft.value.mod,
        "places": [{"id": p.id, "name": p.name("en")} for p in draft.places],
        "place_texts": list(draft.place_texts),
        "quote": draft.quote,
        "quote_offset": draft.quote_offset,
    }


def write_json(drafts: Iterable[DraftEvent], path: Path) -> int:
    """A JSON list, one event per line (readable, and fast: no pretty-printing encoder)."""
    lines = [json.dumps(event_record(d), ensure_ascii=False) for d in drafts]
    write_text_atomic(Path(path), "[\n" + ",\n".join(lines) + ("\n]\n" if lines else "]\n"))
    return len(lines)


def write_csv(
    drafts: list[DraftEvent], path: Path, bundled: Iterable[str]
) -> tuple[int, Path | None]:
    """Write the events file; return the number of rows and the places file, if one was needed."""
    path = Path(path)
    main_place = _main_places(drafts)
    rows, extra_places = [], {}
    for number, draft in enumerate(drafts, 1):
        places = draft.places or main_place.get(draft.doc, ())
        if not places:
            continue  # nothing in the whole text is a known place
        extra_places.update({p.id: p for p in places if p.id not in bundled})
        rows.append(_row(draft, number, places, path.parent))
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    places_path = None
    if extra_places:
        places_path = path.with_name(path.stem + ".places.csv")
        write_places(extra_places.values(), places_path)
    return len(rows), places_path


def _main_places(drafts: list[DraftEvent]) -> dict[str, tuple[Place, ...]]:
    counts: dict[str, Counter[str]] = {}
    by_id: dict[str, Place] = {}
    for draft in drafts:
        for place in draft.places:
            counts.setdefault(draft.doc, Counter())[place.id] += 1
            by_id[place.id] = place
    return {doc: (by_id[c.most_common(1)[0][0]],) for doc, c in counts.items()}


def _row(draft: DraftEvent, number: int, places: tuple[Place, ...], base: Path) -> dict[str, str]:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(draft.doc).stem).strip("-.") or "text"
    source = os.path.relpath(draft.path.resolve(), base.resolve())
    end = draft.quote_offset + len(draft.quote)
    event = Event(
        id=f"{stem}-{number:03d}",
        title=_title(draft.quote),
        when=draft.value.span,
        place_ids=tuple(p.id for p in places),
        tags=("ingest",) if draft.places else ("ingest", "place-guessed"),
        provenance=Provenance(Path(source).as_posix(), draft.quote_offset, end, draft.quote),
    )
    row = event_row(event)
    row["mod"] = draft.value.mod or ""
    row.update(
        doc=draft.doc,
        date_text=draft.date_text,
        date_offset=str(draft.date_offset),
        precision=draft.value.precision.name.lower(),
        place_texts=";".join(draft.place_texts),
    )
    return row


def _title(quote: str) -> str:
    """The quote, cut at a word near TITLE_LENGTH characters (titles are one line)."""
    flat = " ".join(quote.split())
    if len(flat) <= TITLE_LENGTH:
        return flat
    return flat[:TITLE_LENGTH].rsplit(" ", 1)[0] + " …"


def write_places(places: Iterable[Place], path: Path) -> None:
    """A gazetteer file (docs/formats.md) with the given places' names and points."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for place in sorted(places, key=lambda p: p.id):
            writer.writerow(
                {
                    "id": place.id,
                    "kind": place.kind,
                    "name_en": place.name("en"),
                    "name_id": place.name("id"),
                    "lat": f"{place.lat:.4f}",
                    "lon": f"{place.lon:.4f}",
                    "source": place.source,
                }
            )
