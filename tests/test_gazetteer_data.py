"""Checks of the shipped gazetteer geodata/places.csv (csv + shapely only, no Qt, no geohist)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from shapely import wkt
from shapely.geometry import Point

GEODATA = Path(__file__).resolve().parents[1] / "geodata"
COLUMNS = [
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
]
KINDS = {"city", "landmark", "country", "polity", "region", "islands", "water", "river"}

# The English place names of the hand annotation of the seed texts (seed_events.json), with the
# place each must resolve to.
GOLD_PLACES = {
    "Anatolia": "anatolia",
    "Ankara": "ankara",
    "Beijing": "beijing",
    "Caucasus": "caucasus",
    "China": "china",
    "Gediz River": "gediz-river",
    "Great Hall of the People": "great-hall-of-the-people",
    "Harbin": "harbin",
    "Heilongjiang": "heilongjiang",
    "Istanbul": "istanbul",
    "Japan": "japan",
    "Kharkiv Oblast": "kharkiv-oblast",
    "Kuril Islands": "kuril-islands",
    "Kyiv": "kyiv",
    "Moscow": "moscow",
    "Nagoya": "nagoya",
    "Pacific Ocean": "pacific-ocean",
    "Russia": "russia",
    "Russian Far East": "russian-far-east",
    "Sea of Okhotsk": "sea-of-okhotsk",
    "Soviet Russia": "soviet-russia",
    "Soviet Union": "soviet-union",
    "Switzerland": "switzerland",
    "Tiananmen Square": "tiananmen-square",
    "Tokyo": "tokyo",
    "Turkey": "turkey",
    "Ukraine": "ukraine",
    "United States": "united-states",
    "Washington, D.C.": "washington-dc",
}
# Place names as the Indonesian seed texts write them.
SEED_TEXTS = {
    "Uni Soviet": "soviet-union",
    "USSR": "soviet-union",
    "Republik Rakyat China": "china",
    "Tiongkok": "china",
    "Moskow": "moscow",
    "Manchuria": "manchuria",
    "Dairen": "dalian",
    "Port Arhur": "lushun",
    "Selat Bering": "bering-strait",
    "Jepang": "japan",
    "Rusia": "russia",
    "Amerika Serikat": "united-states",
    "AS": "united-states",
    "Kremlin": "kremlin",
    "Hiroshima": "hiroshima",
    "Nagasaki": "nagasaki",
    "Hokkaido": "hokkaido",
    "Laut Okhotsk": "sea-of-okhotsk",
    "Samudra Pasifik": "pacific-ocean",
    "Kuril": "kuril-islands",
    "Wilayah Utara": "kuril-islands",
    "Washington": "washington-dc",
    "Kekaisaran Ottoman": "ottoman-empire",
    "Inggris": "united-kingdom",
    "Prancis": "france",
    "Turki": "turkey",
    "Republik Turki": "turkey",
    "Soviet Rusia": "soviet-russia",
    "sungai Ermos": "gediz-river",
    "Republik Demokratik Armenia": "democratic-republic-of-armenia",
    "Asia Kecil": "anatolia",
    "Kaukasus": "caucasus",
    "Hongkong": "hong-kong",
    "Balai Besar Rakyat": "great-hall-of-the-people",
    "Aula Besar Rakyat": "great-hall-of-the-people",
    "Lapangan Tiananmen": "tiananmen-square",
    "Ukraina": "ukraine",
    "Taiwan": "taiwan",
    "Timur Tengah": "middle-east",
    "Eropa": "europe",
    "Swiss": "switzerland",
    "wilayah Kharkiv": "kharkiv-oblast",
    "Timur Jauh Rusia": "russian-far-east",
    "Institut Teknologi Harbin": "harbin-institute-of-technology",
    "Gedung Putih": "white-house",
    "Monumen Republik": "republic-monument",
}
# Names deliberately shared by two places (folded); document each one in geodata/README.md.
DOCUMENTED_SHARED_NAMES: set[str] = set()


def name_key(text: str) -> str:
    """Fold case, accents, hyphens and spacing (as geohist.model.place.name_key)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("-", " ").split())


def split(cell: str) -> list[str]:
    return [t.strip() for t in cell.split(";") if t.strip()]


@cache
def read(name: str) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    with (GEODATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return tuple(reader.fieldnames or ()), tuple(reader)


def rows() -> tuple[dict[str, str], ...]:
    return read("places.csv")[1]


def names_of(row: dict[str, str]) -> list[str]:
    dated = [entry.rpartition("@")[0] for entry in split(row["historical_names"])]
    return [row["id"], row["name_en"], row["name_id"], *split(row["aliases"]), *dated]


def by_id() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows()}


def resolve(token: str) -> str | None:
    """The id a name means: an id first, then any folded name or alias (unique by test)."""
    if token in by_id():
        return token
    matches = {row["id"] for row in rows() if name_key(token) in map(name_key, names_of(row))}
    return matches.pop() if len(matches) == 1 else None


@pytest.mark.parametrize("name", ["places.csv", "places_curated.csv"])
def test_columns_exactly(name: str) -> None:
    fields, _ = read(name)
    assert list(fields) == COLUMNS


def test_ids_unique_slugs_and_sorted() -> None:
    ids = [row["id"] for row in rows()]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_curated_rows_are_shipped_verbatim() -> None:
    shipped = by_id()
    for row in read("places_curated.csv")[1]:
        assert row["id"] in shipped
        assert {k: v for k, v in shipped[row["id"]].items() if k not in ("lat", "lon")} == {
            k: v for k, v in row.items() if k not in ("lat", "lon")
        }


def test_required_cells_and_kinds() -> None:
    for row in rows():
        assert row["kind"] in KINDS, row["id"]
        assert row["name_en"] and row["name_id"] and row["source"], row["id"]
        for code in split(row["countries"]):
            assert re.fullmatch(r"[A-Z]{3}", code), (row["id"], code)


def test_coordinates_in_range() -> None:
    for row in rows():
        assert -90 <= float(row["lat"]) <= 90, row["id"]
        assert -180 <= float(row["lon"]) <= 180, row["id"]


def test_historical_names_are_dated() -> None:
    pattern = re.compile(r"[^@;]+@-?\d{4}(-\d\d(-\d\d)?)?/-?\d{4}(-\d\d(-\d\d)?)?")
    for row in rows():
        for entry in split(row["historical_names"]):
            assert pattern.fullmatch(entry), (row["id"], entry)


def test_geometries_parse_are_valid_and_hold_their_point() -> None:
    with_geometry = [row for row in rows() if row["geometry"]]
    assert len(with_geometry) >= 10
    for row in with_geometry:
        shape = wkt.loads(row["geometry"])
        assert shape.is_valid, row["id"]
        assert shape.geom_type in {"Polygon", "MultiPolygon", "MultiPoint", "LineString"}
        point = Point(float(row["lon"]), float(row["lat"]))
        assert shape.distance(point) < 1.0, row["id"]
        if shape.geom_type in {"Polygon", "MultiPolygon"}:
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in _coords(shape)), row["id"]


def _coords(shape) -> list[tuple[float, float]]:
    parts = getattr(shape, "geoms", [shape])
    return [xy for part in parts for xy in part.exterior.coords]


def test_no_name_shared_by_two_places() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows():
        for name in names_of(row):
            owners[name_key(name)].add(row["id"])
    shared = {k: v for k, v in owners.items() if len(v) > 1 and k not in DOCUMENTED_SHARED_NAMES}
    assert shared == {}


@pytest.mark.parametrize(("name", "place_id"), sorted(GOLD_PLACES.items()))
def test_gold_place_resolves_by_english_name_or_alias(name: str, place_id: str) -> None:
    row = by_id()[place_id]
    assert name_key(name) in {name_key(n) for n in [row["name_en"], *split(row["aliases"])]}
    assert resolve(name) == place_id


@pytest.mark.parametrize(("text", "place_id"), sorted(SEED_TEXTS.items()))
def test_seed_text_resolves(text: str, place_id: str) -> None:
    assert resolve(text) == place_id


def test_dated_names_of_lushun_dalian_and_st_petersburg() -> None:
    places = by_id()
    assert {"Port Arthur", "Ryojun"} <= {
        e.partition("@")[0] for e in split(places["lushun"]["historical_names"])
    }
    assert {"Dairen", "Dalny"} <= {
        e.partition("@")[0] for e in split(places["dalian"]["historical_names"])
    }
    assert {"Petrograd", "Leningrad"} <= {
        e.partition("@")[0] for e in split(places["st-petersburg"]["historical_names"])
    }


def test_kuril_islands_cover_the_four_disputed_islands() -> None:
    shape = wkt.loads(by_id()["kuril-islands"]["geometry"])
    iturup, kunashir, shikotan, habomai = (
        (147.7, 45.0),
        (145.9, 44.0),
        (146.75, 43.8),
        (146.1, 43.5),
    )
    for lon, lat in (iturup, kunashir, shikotan, habomai):
        assert shape.distance(Point(lon, lat)) < 0.5, (lon, lat)


def test_soviet_union_is_its_fifteen_republics() -> None:
    countries = split(by_id()["soviet-union"]["countries"])
    assert len(countries) == len(set(countries)) == 15
    assert {"RUS", "UKR", "BLR", "KAZ", "GEO", "ARM", "AZE", "EST", "LVA", "LTU"} <= set(countries)


def test_every_base_map_country_has_a_country_row() -> None:
    basemap = GEODATA / "basemap-110m.geojson"
    if not basemap.exists():
        pytest.skip("no base map")
    import json

    codes = {f["properties"]["iso_a3"] for f in json.loads(basemap.read_text("utf-8"))["features"]}
    country_codes = {row["countries"] for row in rows() if row["kind"] == "country"}
    assert codes <= country_codes
