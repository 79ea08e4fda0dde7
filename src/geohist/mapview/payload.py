"""The JSON the map page receives once: places and events on the day axis.

Only JSON primitives cross the bridge. Titles and names are plain strings here; the page
puts them into the DOM as text, never as markup.
"""

from __future__ import annotations

from typing import Any

from geohist.model.catalog import EventCatalog
from geohist.model.place import Place
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
        "events": [
            {
                "id": e.id,
                "title": e.title_in(lang),
                "date_label": format_span(e.when, lang),
                "first_day": e.first_day,
                "last_day": e.last_day,
                "soft": e.when.soft,
                "places": [p for p in e.place_ids if p in gazetteer],
            }
            for e in catalog
        ],
    }
