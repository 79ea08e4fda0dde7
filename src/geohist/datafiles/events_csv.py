"""The events file: a CSV a person can edit in a spreadsheet (see docs/formats.md).

Reading never stops at the first problem: every bad row is reported with its line and
field, and the good rows are kept, so a mostly good file can still be opened.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geohist.atomic import atomic_path
from geohist.datafiles.rows import RowParser
from geohist.datafiles.textfile import read_text
from geohist.errors import Problem
from geohist.model.event import Event
from geohist.model.place import Gazetteer

REQUIRED_COLUMNS = ("id", "start", "end", "title", "places")
OPTIONAL_COLUMNS = ("mod", "summary", "tags", "source", "quote_start", "quote_end", "quote")
LOCALIZED_COLUMN = re.compile(r"^(title|summary):([a-z]{2,3})$")
# A line with its ending, split where io.StringIO(newline="") splits: at \n, \r and \r\n only
# (not at U+2028 and the other breaks str.splitlines knows, which are data inside a cell).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


@dataclass
class LoadResult:
    """The events that could be read and every problem found on the way."""

    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_events_csv(path: Path, gazetteer: Gazetteer, label: str | None = None) -> LoadResult:
    """Read an events CSV; quotes are checked against source texts beside the file."""
    name = label or str(path)
    text, problems = read_text(path, name)
    if text is None:
        return LoadResult([], problems)
    return parse_events_csv(text, name, gazetteer, base_dir=Path(path).parent)


def parse_events_csv(
    text: str, name: str, gazetteer: Gazetteer, base_dir: Path | None = None
) -> LoadResult:
    result = LoadResult()
    rows = _numbered_rows(text, name, result.problems)
    header = next(rows, None)
    if header is None:
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in header[1]]
    if missing:
        first = text.splitlines()[0][:60] if text.strip() else ""
        message = f"missing column(s) {', '.join(missing)}; first line is {first!r}"
        result.problems.append(Problem(name, 1, None, message))
        return result
    parser = RowParser(name, gazetteer, base_dir)
    width = len(header[1])
    for line, cells in rows:
        if not "".join(cells).strip():
            continue
        if len(cells) != width:
            message = f"row has {len(cells)} fields but the header has {width}"
            result.problems.append(Problem(name, line, None, message))
            continue
        event = parser.parse(line, dict(zip(header[1], cells, strict=True)))
        if event is not None:
            result.events.append(event)
    result.problems.extend(parser.problems)
    return result


def _numbered_rows(
    text: str, name: str, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line they start on; the header's cells are stripped."""
    # Lines are cut from ``text`` one at a time: io.StringIO would copy the whole file into a
    # buffer of 4 bytes a character, the largest part of the peak while loading.
    reader = csv.reader((m[0] for m in _LINE.finditer(text)), strict=True)
    line = 1
    try:
        for index, cells in enumerate(reader):
            yield line, [c.strip() for c in cells] if index == 0 else cells
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, None, f"not valid CSV: {exc}"))


def event_row(event: Event) -> dict[str, str]:
    """The CSV cells of an event, the inverse of reading it."""
    when = event.when
    row = {
        "id": event.id,
        "start": when.start.to_edtf(),
        "end": when.end.to_edtf() if when.end else "",
        "mod": when.start.part.value if when.start.part else "",
        "title": event.title,
        "places": ";".join(event.place_ids),
        "summary": event.summary,
        "tags": ";".join(event.tags),
    }
    for lang, texts in event.translations.items():
        for key, value in texts.items():
            row[f"{key}:{lang}"] = value
    if event.provenance:
        prov = event.provenance
        row.update(source=prov.source, quote_start=str(prov.start), quote_end=str(prov.end))
        row["quote"] = prov.quote
    return row


def write_events_csv(events: Iterable[Event], path: Path) -> None:
    """Write events atomically, in the column order of docs/formats.md."""
    rows = [event_row(e) for e in events]
    columns = _columns(rows)
    with atomic_path(Path(path)) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _columns(rows: Iterable[Mapping[str, str]]) -> list[str]:
    extra = sorted({k for r in rows for k in r if LOCALIZED_COLUMN.match(k)})
    return [
        *REQUIRED_COLUMNS[:3],
        "mod",
        "title",
        *extra,
        *REQUIRED_COLUMNS[4:],
        *OPTIONAL_COLUMNS[1:],
    ]
