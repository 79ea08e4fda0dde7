"""Places: named locations with a point, an optional area, and names that change over time."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

PLACE_KINDS = ("city", "landmark", "country", "polity", "region", "islands", "water", "river")


@dataclass(frozen=True, slots=True)
class DatedName:
    """A name a place carried between two days (inclusive): Port Arthur, Dairen, Leningrad."""

    name: str
    first_day: int
    last_day: int


@dataclass(frozen=True, slots=True)
class Place:
    """A location events happen at. ``geometry`` (WGS84) is set for areas, lines and groups."""

    id: str
    kind: str
    names: Mapping[str, str]
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    geometry: BaseGeometry | None = None
    countries: tuple[str, ...] = ()
    historical_names: tuple[DatedName, ...] = ()
    source: str = ""

    def name(self, lang: str = "en", day: int | None = None) -> str:
        """The name to show: the dated name in force at ``day`` if any, else the modern one."""
        if day is not None:
            for dated in self.historical_names:
                if dated.first_day <= day <= dated.last_day:
                    return dated.name
        return self.names.get(lang) or self.names.get("en") or self.id

    def all_names(self) -> Iterator[str]:
        yield self.id
        yield from self.names.values()
        yield from self.aliases
        yield from (d.name for d in self.historical_names)


def name_key(text: str) -> str:
    """Fold case, accents and spacing so "Lüshun", "lushun" and " LUSHUN " meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("-", " ").split())


@dataclass
class Gazetteer:
    """Places by id, and by every name and alias they are known by."""

    places: dict[str, Place] = field(default_factory=dict)
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, places: Iterable[Place]) -> Gazetteer:
        gazetteer = cls()
        for place in places:
            gazetteer.add(place)
        return gazetteer

    def add(self, place: Place) -> None:
        """Add or replace a place; a later place wins names it shares with an earlier one."""
        self.places[place.id] = place
        for name in place.all_names():
            self._by_name[name_key(name)] = place.id

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def __getitem__(self, place_id: str) -> Place:
        return self.places[place_id]

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def resolve(self, token: str) -> Place | None:
        """The place a cell of an events file means: an id first, then any name or alias."""
        token = token.strip()
        if token in self.places:
            return self.places[token]
        place_id = self._by_name.get(name_key(token))
        return self.places.get(place_id) if place_id else None

    def merged(self, other: Gazetteer) -> Gazetteer:
        """A new gazetteer with ``other``'s places added over ours (user files override)."""
        return Gazetteer.of([*self, *other])
