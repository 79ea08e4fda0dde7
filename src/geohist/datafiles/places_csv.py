"""The gazetteer file (see docs/formats.md): places with names, a point and an optional area."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from geohist.datafiles.textfile import read_text
from geohist.errors import GeohistError, Problem
from geohist.model.place import PLACE_KINDS, DatedName, Place
from geohist.model.time import HistoricalDate

PLACE_COLUMNS = (
    "id",
    "kind",
    "name_en",
    "name_id",
    "aliases",
    "lat",
    "lon",
    "geometry",
    "countries",
    "historical_names",
    "source",
)
_REQUIRED = ("id", "name_en", "lat", "lon")


def read_places_csv(path: Path, label: str | None = None) -> tuple[list[Place], list[Problem]]:
    """Every place that could be read, and a Problem for every row or cell that could not."""
    name = label or str(path)
    text, problems = read_text(path, name)
    if text is None:
        return [], problems
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f.strip() for f in reader.fieldnames or []]
    missing = [c for c in _REQUIRED if c not in fields]
    if missing:
        return [], [Problem(name, 1, None, f"missing column(s) {', '.join(missing)}")]
    reader.fieldnames = fields
    places: list[Place] = []
    for line, row in _numbered(reader):
        place = _place(row, name, line, problems)
        if place is not None:
            places.append(place)
    return places, problems


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str]]]:
    line = 2
    for row in reader:
        yield line, row
        line = reader.line_num + 1


def _place(row: dict[str, str], name: str, line: int, problems: list[Problem]) -> Place | None:
    def problem(column: str, message: str) -> None:
        problems.append(Problem(name, line, column, message))

    place_id = (row.get("id") or "").strip()
    if not place_id:
        problem("id", "empty id")
        return None
    kind = (row.get("kind") or "city").strip()
    if kind not in PLACE_KINDS:
        problem("kind", f"{kind!r}: expected one of {', '.join(PLACE_KINDS)}")
    lat, lon = _coordinate(row, "lat", 90, problem), _coordinate(row, "lon", 180, problem)
    geometry = _geometry((row.get("geometry") or "").strip(), problem)
    dated = _dated_names(row.get("historical_names") or "", problem)
    if lat is None or lon is None or geometry is False or dated is None:
        return None
    names = {"en": (row.get("name_en") or "").strip(), "id": (row.get("name_id") or "").strip()}
    return Place(
        id=place_id,
        kind=kind,
        names={k: v for k, v in names.items() if v},
        lat=lat,
        lon=lon,
        aliases=_split(row.get("aliases") or ""),
        geometry=geometry,
        countries=_split(row.get("countries") or ""),
        historical_names=dated,
        source=(row.get("source") or "").strip(),
    )


def _coordinate(row: dict[str, str], column: str, limit: float, problem) -> float | None:
    cell = (row.get(column) or "").strip()
    try:
        value = float(cell)
    except ValueError:
        problem(column, f"{cell!r} is not a number")
        return None
    if not -limit <= value <= limit:
        problem(column, f"{value} is outside -{limit}..{limit}")
        return None
    return value


def _geometry(wkt: str, problem):
    """A shapely geometry, None when the cell is empty, False when it is broken."""
    if not wkt:
        return None
    import shapely
    from shapely import wkt as shapely_wkt

    try:
        geometry = shapely_wkt.loads(wkt)
    except (shapely.errors.ShapelyError, ValueError) as exc:
        problem("geometry", f"not WKT: {exc}")
        return False
    if not geometry.is_valid:
        problem("geometry", f"invalid geometry: {shapely.is_valid_reason(geometry)}")
        return False
    return geometry


def _dated_names(cell: str, problem) -> tuple[DatedName, ...] | None:
    names = []
    for entry in _split(cell):
        label, _, years = entry.rpartition("@")
        first, _, last = years.partition("/")
        try:
            start = HistoricalDate.parse(first)
            end = HistoricalDate.parse(last) if last else start
        except GeohistError as exc:
            problem("historical_names", f"{entry!r}: {exc} (write Name@START/END)")
            return None
        if not label.strip():
            problem("historical_names", f"{entry!r}: write Name@START/END")
            return None
        names.append(DatedName(label.strip(), start.first_day, end.last_day))
    return tuple(names)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in cell.split(";") if t.strip())
