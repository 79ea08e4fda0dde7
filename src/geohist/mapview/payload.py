"""The JSON the map page receives once: places and events on the day axis.

Only JSON primitives cross the bridge. Titles and names are plain strings here; the page
puts them into the DOM as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from geohist.model.catalog import EventCatalog
from geohist.model.place import Gazetteer, Place
from geohist.model.time import TimeSpan
from geohist.model.wording import format_span

DEFAULT_AFTERGLOW_DAYS = 365


def place_payload(place: Place, lang: str) -> dict[str, Any]:
    geometry = None
    if place.geometry is not None and place.geometry.geom_type != "Point":
        from shapely.geometry import mapping

        geometry = mapping(place.geometry)
    return {
        "name": place.name(lang),
        "kind": place.kind,
        "lat": place.lat,
        "lon": place.lon,
        "geometry": geometry,
        "countries": list(place.countries) if place.kind in ("country", "polity") else [],
        "names": [
            {"name": d.name, "first_day": d.first_day, "last_day": d.last_day}
            for d in place.historical_names
        ],
    }


def catalog_payload(
    catalog: EventCatalog, lang: str = "en", afterglow_days: int = DEFAULT_AFTERGLOW_DAYS
) -> dict[str, Any]:
    """Everything the page needs to answer any time step without asking Python again."""
    gazetteer = catalog.gazetteer
    used = [p for p in catalog.places() if p in gazetteer]
    return {
        "lang": lang,
        "afterglowDays": afterglow_days,
        "places": {pid: place_payload(gazetteer[pid], lang) for pid in used},
        "events": list(_event_payloads(catalog, lang)),
    }


def _event_payloads(catalog: EventCatalog, lang: str) -> Iterator[dict[str, Any]]:
    """One small dict an event whose values are, where possible, objects the events hold.

    At 100k events the list is the payload's bulk. Labels are shared between equal spans and
    place tuples are the events' own (JSON arrays either way), so each event adds little more
    than its dict.
    """
    gazetteer = catalog.gazetteer
    labels: dict[TimeSpan, str] = {}
    for e in catalog:
        label = labels.get(e.when)
        if label is None:
            label = labels[e.when] = format_span(e.when, lang)
        yield {
            "id": e.id,
            "title": e.title_in(lang),
            "date_label": label,
            "first_day": e.first_day,
            "last_day": e.last_day,
            "soft": e.when.soft,
            "places": _known(e.place_ids, gazetteer),
        }


def _known(place_ids: tuple[str, ...], gazetteer: Gazetteer) -> tuple[str, ...]:
    """The ids the gazetteer knows: the tuple itself when it knows them all (the usual case)."""
    if all(p in gazetteer for p in place_ids):
        return place_ids
    return tuple(p for p in place_ids if p in gazetteer)
