"""Events as GeoJSON, read and written through geopandas (one feature per event).

Properties use the CSV's columns. A feature without ``places`` but with a geometry gets a
place of its own at that geometry, so data exported from a GIS needs no gazetteer entries.
"""

from __future__ import annotations

import json
from pathlib import Path

from geohist.atomic import atomic_path
from geohist.datafiles.events_csv import LoadResult, event_row
from geohist.datafiles.rows import RowParser
from geohist.errors import Problem
from geohist.model.event import Event
from geohist.model.place import Gazetteer, Place


def read_events_geojson(path: Path, gazetteer: Gazetteer, label: str | None = None) -> LoadResult:
    name = label or str(path)
    frame = _read_frame(Path(path), name)
    if isinstance(frame, Problem):
        return LoadResult([], [frame])
    try:  # geopandas/pandas reject odd property shapes with assorted exception types
        own, cells = _own_places(frame), _cells(frame)
    except Exception as exc:
        return LoadResult([], [Problem(name, None, None, f"not a usable GeoJSON file: {exc}")])
    local = gazetteer.merged(Gazetteer.of(own))
    parser = RowParser(name, local, Path(path).parent)
    result = LoadResult()
    for number, row in enumerate(cells, start=1):
        if not row.get("places") and row.get("id"):
            row["places"] = f"{row['id']}@place" if f"{row['id']}@place" in local else ""
        event = parser.parse(number, row)
        if event is not None:
            result.events.append(event)
    result.problems = [
        Problem(
            p.file,
            None,
            f"feature {p.line}: {p.field}" if p.field else f"feature {p.line}",
            p.message,
        )
        for p in parser.problems
    ]
    return result


def _read_frame(path: Path, name: str):
    """The features as a GeoDataFrame whose properties keep their text exactly.

    GDAL's GeoJSON driver guesses column types and rejects dates such as ``-0043-03-15``, so we
    parse the JSON ourselves and let geopandas build the frame from the features.
    """
    import geopandas as gpd

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data["features"] if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise ValueError("no 'features' list: not a GeoJSON FeatureCollection")
        if not features:
            return Problem(name, None, None, "the FeatureCollection has no features")
        frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    except FileNotFoundError:
        return Problem(name, None, None, "no such file")
    except Exception as exc:  # json, shapely and pandas each raise their own types
        return Problem(name, None, None, f"not a readable GeoJSON file: {exc}")
    return frame


def _cells(frame) -> list[dict[str, str]]:
    """Every property as text, the way the CSV reader sees cells."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    rows = []
    for record in frame[columns].to_dict("records"):
        rows.append({k: "" if _missing(v) else _text(v) for k, v in record.items()})
    return rows


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def _own_places(frame) -> list[Place]:
    places = []
    for record, geometry in zip(frame.to_dict("records"), frame.geometry, strict=True):
        if geometry is None or geometry.is_empty or _missing(record.get("id")):
            continue
        point = geometry.representative_point()
        title = str(record.get("title") or record["id"])
        area = None if geometry.geom_type == "Point" else geometry
        places.append(
            Place(
                f"{record['id']}@place",
                "region" if area else "city",
                {"en": title},
                point.y,
                point.x,
                geometry=area,
            )
        )
    return places


def write_events_geojson(events: list[Event], gazetteer: Gazetteer, path: Path) -> None:
    """One feature per event; its geometry is the points of its places (EPSG:4326)."""
    import geopandas as gpd
    from shapely.geometry import MultiPoint

    rows, geometries = [], []
    for event in events:
        rows.append(event_row(event))
        points = [(gazetteer[p].lon, gazetteer[p].lat) for p in event.place_ids if p in gazetteer]
        geometries.append(MultiPoint(points) if points else None)
    frame = gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    with atomic_path(Path(path)) as tmp:
        frame.to_file(tmp, driver="GeoJSON")
