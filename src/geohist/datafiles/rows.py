"""Turn one row of an events file (a dict of cells) into an Event, or into Problems."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Hashable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from geohist.datafiles.textfile import read_text
from geohist.errors import GeohistError, Problem
from geohist.model.event import NO_TRANSLATIONS, Event, Provenance
from geohist.model.place import Gazetteer
from geohist.model.time import HistoricalDate, Part, TimeSpan

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_PARTS = frozenset(p.value for p in Part)
_LOCALIZED = re.compile(r"^(title|summary):([a-z]{2,3})$")
_T = TypeVar("_T", bound=Hashable)


class RowParser:
    """Parses rows of one file, remembering ids seen and source texts already read.

    Equal immutable values (dates, spans, place and tag tuples) are shared between the events
    of a file: a catalog holds 100k of them and most repeat, so sharing roughly halves the
    memory an event costs. The memos live only as long as the parser.
    """

    def __init__(self, name: str, gazetteer: Gazetteer, base_dir: Path | None) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        self._seen: dict[str, int] = {}
        self._sources: dict[str, str | None] = {}
        self._dates: dict[tuple[str, str | None], HistoricalDate] = {}
        self._shared: dict[Any, Any] = {}
        # Cells already read without a problem, by their text: most repeat across a file (a
        # 100k-event file has ~40k distinct dates, far fewer place and tag lists).
        self._spans: dict[tuple[str, str, str], TimeSpan] = {}
        self._place_cells: dict[str, tuple[str, ...]] = {}
        self._tag_cells: dict[str, tuple[str, ...]] = {}

    def _problem(self, line: int, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.name, line, column, message))

    def _share(self, value: _T) -> _T:
        """The first value equal to ``value`` this parser has seen (``value`` if none)."""
        return self._shared.setdefault(value, value)

    def _date(self, text: str, part: str | None = None) -> HistoricalDate:
        """``HistoricalDate.parse``, once per distinct cell; errors are not remembered."""
        key = (text, part)
        date = self._dates.get(key)
        if date is None:
            date = self._dates[key] = HistoricalDate.parse(text, part)
        return date

    def parse(self, line: int, row: dict[str, str]) -> Event | None:
        before = len(self.problems)
        event_id = self._id(line, row.get("id", "").strip())
        when = self._when(line, row)
        title = row.get("title", "").strip()
        if not title:
            self._problem(line, "title", "empty title")
        places = self._places(line, row.get("places", ""))
        provenance = self._provenance(line, row)
        if len(self.problems) > before or event_id is None or when is None:
            return None
        return Event(
            id=event_id,
            title=title,
            when=when,
            place_ids=places,
            summary=(row.get("summary") or "").strip(),
            tags=self._tags(row.get("tags") or ""),
            provenance=provenance,
            translations=_translations(row),
        )

    def _id(self, line: int, event_id: str) -> str | None:
        if not event_id:
            self._problem(line, "id", "empty id")
            return None
        if not _ID.match(event_id):
            self._problem(line, "id", f"{event_id!r}: use letters, digits, '-', '_', '.', ':'")
            return None
        if event_id in self._seen:
            self._problem(
                line, "id", f"duplicate id {event_id!r} (first on line {self._seen[event_id]})"
            )
            return None
        self._seen[event_id] = line
        return event_id

    def _tags(self, cell: str) -> tuple[str, ...]:
        tags = self._tag_cells.get(cell)
        if tags is None:
            tags = self._tag_cells[cell] = self._share(tuple(sys.intern(t) for t in _split(cell)))
        return tags

    def _when(self, line: int, row: dict[str, str]) -> TimeSpan | None:
        key = (row.get("start", ""), row.get("end", ""), row.get("mod") or "")
        span = self._spans.get(key)
        if span is None:
            before = len(self.problems)
            span = self._new_when(line, row)
            if span is not None and len(self.problems) == before:  # a bad mod still gives one
                self._spans[key] = span
        return span

    def _new_when(self, line: int, row: dict[str, str]) -> TimeSpan | None:
        mod = (row.get("mod") or "").strip().lower()
        part = mod if mod in _PARTS else None
        if mod and mod != "approx" and part is None:
            self._problem(line, "mod", f"{mod!r}: expected early, mid, late or approx")
        start, end = row.get("start", "").strip(), row.get("end", "").strip()
        if mod == "approx" and start and start[-1] not in "~?%":
            start += "~"
        try:
            first = self._date(start, part)
        except GeohistError as exc:
            self._problem(line, "start", str(exc))
            return None
        try:
            return self._share(TimeSpan(first, self._date(end) if end else None))
        except GeohistError as exc:
            self._problem(line, "end", str(exc))
            return None

    def _places(self, line: int, cell: str) -> tuple[str, ...]:
        known = self._place_cells.get(cell)
        if known is not None:
            return known
        tokens = _split(cell)
        if not tokens:
            self._problem(line, "places", "no place given")
        ids: list[str] = []
        found_all = bool(tokens)
        for token in tokens:
            place = self.gazetteer.resolve(token)
            if place is None:
                self._problem(line, "places", f"unknown place {token!r}{self._suggest(token)}")
                found_all = False
            elif place.id not in ids:
                ids.append(place.id)
        if not found_all:
            return tuple(ids)
        known = self._place_cells[cell] = self._share(tuple(ids))
        return known

    def _suggest(self, token: str) -> str:
        close = difflib.get_close_matches(token, list(self.gazetteer.places), n=1, cutoff=0.75)
        return f" (did you mean {close[0]!r}?)" if close else ""

    def _provenance(self, line: int, row: dict[str, str]) -> Provenance | None:
        source = (row.get("source") or "").strip()
        quote = row.get("quote") or ""
        if not source:
            if quote.strip():
                self._problem(line, "source", "a quote needs its source file")
            return None
        offsets = self._offsets(line, row)
        if offsets is None:
            return None
        start, end = offsets
        text = self._source_text(line, source)
        if text is not None and text[start:end] != quote:
            found = text[start:end][:40]
            self._problem(
                line, "quote", f"does not match {source} at {start}-{end} (text there: {found!r})"
            )
        return Provenance(sys.intern(source), start, end, quote)

    def _offsets(self, line: int, row: dict[str, str]) -> tuple[int, int] | None:
        values = []
        for column in ("quote_start", "quote_end"):
            cell = (row.get(column) or "").strip()
            if not cell.isdigit():
                self._problem(line, column, f"{cell!r} is not a character offset (0, 1, 2, ...)")
                return None
            values.append(int(cell))
        if values[1] < values[0]:
            self._problem(line, "quote_end", "ends before quote_start")
            return None
        return values[0], values[1]

    def _source_text(self, line: int, source: str) -> str | None:
        if source not in self._sources:
            path = (self.base_dir or Path()) / source
            text, problems = read_text(path, str(path))
            self._sources[source] = text
            if problems:
                self._problem(line, "source", f"{source}: {problems[0].message}")
        return self._sources[source]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(filter(None, map(str.strip, cell.split(";"))))


@lru_cache(maxsize=256)  # column names; a GeoJSON file may have any number of keys
def _localized(column: str) -> tuple[str, str] | None:
    """(language, field) of a column such as ``title:id``, else None."""
    m = _LOCALIZED.match(column)
    return (m[2], m[1]) if m else None


def _translations(row: dict[str, str]) -> Mapping[str, Mapping[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for column, value in row.items():
        localized = _localized(column or "")
        if localized and value and value.strip():
            result.setdefault(localized[0], {})[localized[1]] = value.strip()
    return result or NO_TRANSLATIONS
