"""Checks on the shipped base map (geodata/basemap-*.geojson), built by tools/build_basemap.py.

Qt-free and fast: only json and shapely.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
# Lower bounds catch a truncated build, upper bounds a bloated one.
SIZE_BOUNDS = {"110m": (100_000, 1_000_000), "50m": (500_000, 3_000_000)}
RESOLUTIONS = sorted(SIZE_BOUNDS)


def _path(resolution: str) -> Path:
    return GEODATA / f"basemap-{resolution}.geojson"


@functools.cache
def _collection(resolution: str) -> dict[str, Any]:
    return json.loads(_path(resolution).read_text(encoding="utf-8"))


@functools.cache
def _shapes(resolution: str) -> dict[str, BaseGeometry]:
    features = _collection(resolution)["features"]
    return {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in features}


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_is_a_feature_collection(resolution: str) -> None:
    collection = _collection(resolution)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) > 150
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_every_feature_has_a_code_and_a_name(resolution: str) -> None:
    features = _collection(resolution)["features"]
    codes = [f["properties"]["iso_a3"] for f in features]
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert len(codes) == len(set(codes)), "one feature per country"
    assert all(isinstance(f["properties"]["name"], str) for f in features)
    assert all(f["properties"]["name"].strip() for f in features)


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_key_countries_present(resolution: str) -> None:
    assert {"RUS", "JPN", "CHN", "TUR", "UKR"} <= _shapes(resolution).keys()


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_non_iso_units_are_folded_in(resolution: str) -> None:
    # Natural Earth's Northern Cyprus, Somaliland, Siachen, Ashmore & Cartier.
    assert not {"CYN", "SOL", "KAS", "ATC", "IOA"} & _shapes(resolution).keys()


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_geometries_are_valid(resolution: str) -> None:
    invalid = [code for code, geom in _shapes(resolution).items() if not geom.is_valid]
    assert invalid == []


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_no_segment_jumps_across_the_antimeridian(resolution: str) -> None:
    # A jump of more than 180° of longitude is drawn by Leaflet as a stripe across the map.
    offenders = set()
    for code, geom in _shapes(resolution).items():
        for polygon in getattr(geom, "geoms", [geom]):
            for ring in (polygon.exterior, *polygon.interiors):
                xs = [x for x, _ in ring.coords]
                if any(abs(b - a) > 180.0 for a, b in itertools.pairwise(xs)):
                    offenders.add(code)
    assert offenders == set()


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_russia_stays_on_its_side_of_the_bering_strait(resolution: str) -> None:
    shapes = _shapes(resolution)
    russia = shapes["RUS"]
    assert not russia.contains(Point(-169.0, 65.8))  # Seward Peninsula side
    assert not russia.contains(Point(-170.0, 60.0))  # Bering Sea south of it
    assert russia.contains(Point(-175.0, 66.5))  # Chukotka, east of 180°, is kept
    assert shapes["USA"].contains(Point(-155.0, 65.0))


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_crimea_is_shown_with_ukraine(resolution: str) -> None:
    simferopol = Point(34.1, 44.95)
    shapes = _shapes(resolution)
    assert shapes["UKR"].contains(simferopol)
    assert not shapes["RUS"].contains(simferopol)


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_file_size_within_bounds(resolution: str) -> None:
    low, high = SIZE_BOUNDS[resolution]
    assert low <= _path(resolution).stat().st_size <= high
