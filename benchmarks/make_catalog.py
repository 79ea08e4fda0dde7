"""Write a deterministic synthetic events file for scale tests.

    python benchmarks/make_catalog.py --events 100000 --seed 1 -o /tmp/events-100k.csv

Events fall between 1900 and 2025 at real places: the bundled gazetteer plus the world's
cities from geodata/world_cities.tsv (GeoNames), written beside the events as
``<name>.places.csv`` (pass it with ``--places``). The mix of precisions follows the seed
history and news prose: mostly days, then months and years, some decades, ~15 % spans.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from geohist import paths
from geohist.model.time import days_in_month

PRECISIONS = (("day", 0.50), ("month", 0.20), ("year", 0.22), ("decade", 0.08))
SPAN_SHARE = 0.15
SOFT_SHARE = 0.10
WORDS = (
    "treaty",
    "visit",
    "summit",
    "border",
    "railway",
    "loan",
    "talks",
    "declaration",
    "offensive",
    "ceasefire",
    "forum",
    "embassy",
    "accord",
    "crisis",
    "election",
)


def places(limit: int) -> list[tuple[str, str, float, float]]:
    """(id, English name, lat, lon) of the bundled places and the largest world cities."""
    found: dict[str, tuple[str, str, float, float]] = {}
    with paths.gazetteer_file().open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            found[row["id"]] = (row["id"], row["name_en"], float(row["lat"]), float(row["lon"]))
    world = paths.geodata_dir() / "world_cities.tsv"
    with world.open(encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f, delimiter="\t"), key=lambda r: -int(r["population"] or 0))
    for row in rows[:limit]:
        key = f"gn-{row['id']}"
        found.setdefault(key, (key, row["name_en"], float(row["lat"]), float(row["lon"])))
    return sorted(found.values())


def date_text(rng: random.Random, precision: str, year: int) -> str:
    if precision == "decade":
        return f"{year // 10:03d}X"
    if precision == "year":
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, days_in_month(year, month)):02d}"


def event_row(rng: random.Random, index: int, pool: list[tuple[str, str, float, float]]) -> dict:
    precision = rng.choices([p for p, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]
    year = rng.randint(1900, 2024)
    start = date_text(rng, precision, year)
    end = ""
    if precision != "decade" and rng.random() < SPAN_SHARE:
        end = date_text(rng, precision, min(2025, year + rng.choice((0, 0, 1, 2, 5))))
        if end < start:
            start, end = end, start
    if rng.random() < SOFT_SHARE:
        start += rng.choice("~?")
    chosen = rng.sample(pool, rng.choice((1, 1, 2, 2, 3)))
    title = f"{rng.choice(WORDS).title()} in {chosen[0][1]}"
    return {
        "id": f"e{index:06d}",
        "start": start,
        "end": end,
        "title": title,
        "places": ";".join(p[0] for p in chosen),
        "tags": rng.choice(WORDS),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cities", type=int, default=5_000, help="world cities to draw from")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = places(args.cities)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f, ["id", "start", "end", "title", "places", "tags"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(event_row(rng, i, pool) for i in range(args.events))
    sidecar = args.output.with_suffix(".places.csv")
    with sidecar.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["id", "kind", "name_en", "lat", "lon", "source"])
        for place_id, name, lat, lon in pool:
            if place_id.startswith("gn-"):
                writer.writerow([place_id, "city", name, lat, lon, "GeoNames (CC BY 4.0)"])
    print(f"wrote {args.events} events to {args.output} and {len(pool)} places ({sidecar.name})")


if __name__ == "__main__":
    main()
