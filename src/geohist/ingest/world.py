"""The names ingest matches: the bundled gazetteer first, then geodata/world_cities.tsv.

The world file holds ~32,000 places, so its rows become :class:`Place` objects only when a text
names them, and the index is built once per process (about half a second).
Precedence on a shared name: the curated ``places.csv`` (tier 0), then curated world rows and
countries (tier 1), then GeoNames cities (tier 2), the bigger population first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from geohist import paths
from geohist.ingest.wordlists import STOP_NAMES
from geohist.model.place import Gazetteer, Place

WORLD_FILE = "world_cities.tsv"
WORLD_SOURCE = "GeoNames cities15000 (CC BY 4.0) via geohist world_cities.tsv"
TOKEN = re.compile(r"\w+(?:['’]\w+)*")
ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """What one name (as a token sequence) may mean."""

    place_id: str
    kind: str
    tier: int
    population: int
    caps: tuple[bool, ...]  # tokens that must be written with a capital
    acronym: str | None  # exact spelling required ("AS", "USSR")
    common: bool  # also an ordinary word or first name: wants "di", "kota"... before it


def fold(token: str) -> str:
    """name_key for one token, with a fast path for plain ASCII."""
    if token.isascii():
        return token.lower().replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", token.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens_of(name: str) -> list[str]:
    return TOKEN.findall(name)


class PlaceIndex:
    """Name -> best candidate, and the places behind them."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.names: dict[str, Candidate] = {}
        self.max_tokens: dict[str, int] = {}
        self.lower_starts: set[str] = set()  # first words a name may write in small letters
        self._gazetteer = gazetteer
        self._rows: dict[str, list[str]] = {}
        self._made: dict[str, Place] = {}

    def place(self, place_id: str) -> Place:
        if place_id in self._gazetteer:
            return self._gazetteer[place_id]
        if place_id not in self._made:
            self._made[place_id] = _place_of_row(self._rows[place_id])
        return self._made[place_id]

    def add(self, name: str, place_id: str, kind: str, tier: int, population: int = 0) -> None:
        words = TOKEN.findall(name)
        if not words:
            return
        joined = " ".join(words)
        key = joined.lower() if joined.isascii() else " ".join(fold(w) for w in words)
        old = self.names.get(key)
        better = old is not None and (old.tier, -old.population) <= (tier, -population)
        if better and old.place_id != place_id:
            return
        caps = tuple(w[0].isupper() for w in words)
        acronym = name if ACRONYM.match(name) else None
        new = Candidate(
            place_id, kind, tier, population, caps, acronym, tier > 0 and key in STOP_NAMES
        )
        if old is not None and old.place_id == place_id:
            new = _lenient(old, new)
        self.names[key] = new
        first = key.split(" ", 1)[0]
        if self.max_tokens.get(first, 0) < len(words):
            self.max_tokens[first] = len(words)
        if not new.caps[0]:
            self.lower_starts.add(first)

    def add_row(self, row: list[str]) -> None:
        place_id, kind, _, _, names = row[:5]
        population = int(row[8] or 0)
        if place_id in self._gazetteer:  # more names for a curated place
            tier, kind = 0, self._gazetteer[place_id].kind
        else:
            self._rows[place_id] = row
            tier = 2 if kind == "city" else 1
        for name in names.split(";"):
            self.add(name, place_id, kind, tier, population)


def _lenient(old: Candidate, new: Candidate) -> Candidate:
    """Two spellings of one place's name: accept the looser capitalisation and case."""
    caps = tuple(a and b for a, b in zip(old.caps, new.caps, strict=False))
    acronym = old.acronym if old.acronym == new.acronym else None
    best = old if (old.tier, -old.population) <= (new.tier, -new.population) else new
    return Candidate(
        best.place_id, best.kind, best.tier, best.population, caps, acronym, best.common
    )


def _place_of_row(row: list[str]) -> Place:
    place_id, kind, name_en, name_id, names, lat, lon = row[:7]
    label = {"en": name_en, "id": name_id or name_en}
    aliases = tuple(n for n in names.split(";") if n and n not in label.values())
    return Place(
        place_id, kind, label, float(lat), float(lon), aliases=aliases, source=WORLD_SOURCE
    )


@cache
def place_index() -> PlaceIndex:
    """The index over the bundled gazetteer and the world file, built on first use."""
    from geohist.datafiles.load import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    index = PlaceIndex(gazetteer)
    for place in gazetteer:
        for name in (
            *place.names.values(),
            *place.aliases,
            *(d.name for d in place.historical_names),
        ):
            index.add(name, place.id, place.kind, 0)
    world = paths.geodata_dir() / WORLD_FILE
    if world.is_file():
        with world.open(encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                index.add_row(line.rstrip("\n").split("\t"))
    return index
