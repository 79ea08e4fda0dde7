"""The JSON the map page receives once per catalog: places and events on the day axis; and on a
language switch only their new wording (``label_columns``).

Only JSON primitives cross the bridge. Titles and names are plain strings here; the page
puts them into the DOM as text, never as markup.

Events travel as columns (one list per field, one entry per event), not as one object per event:
at 100k events an object each repeated seven key names and a place-id string per place, and the
page parsed 100k objects only to copy them into its typed arrays. Places are numbered by their
position in ``placeIds``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from geohist.model.catalog import EventCatalog
from geohist.model.place import Place
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
    used = _used_places(catalog)
    return {
        "lang": lang,
        "afterglowDays": afterglow_days,
        "places": {pid: place_payload(gazetteer[pid], lang) for pid in used},
        "placeIds": used,
        "events": event_columns(_event_rows(catalog, lang), used),
    }


def label_columns(catalog: EventCatalog, lang: str) -> dict[str, Any]:
    """What ``lang`` changes in ``catalog_payload(catalog, ...)``: the events' titles and date
    labels (in the same order as its events) and the places' names.

    A language switch sends this instead of a new payload: at 100k events the payload took
    ~0.6 s to build and the page ~0.5 s to index again, and a new payload re-frames the map.
    """
    number = _Numbering()
    titles, labels = [], []
    for row in _event_rows(catalog, lang):
        titles.append(row["title"])
        labels.append(number(row["date_label"]))
    gazetteer = catalog.gazetteer
    return {
        "lang": lang,
        "title": titles,
        "date_label": labels,
        "date_labels": number.texts,
        "place_names": {pid: gazetteer[pid].name(lang) for pid in _used_places(catalog)},
    }


def _used_places(catalog: EventCatalog) -> list[str]:
    return [p for p in catalog.places() if p in catalog.gazetteer]


class _Numbering:
    """Equal texts sent once: each gets the number of its first appearance in ``texts``."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._numbers: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        number = self._numbers.get(text)
        if number is None:
            number = self._numbers[text] = len(self.texts)
            self.texts.append(text)
        return number


def _event_rows(catalog: EventCatalog, lang: str) -> Iterable[Mapping[str, Any]]:
    """One short-lived mapping an event; equal spans share their wording."""
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
            "places": e.place_ids,
        }


def event_columns(events: Iterable[Mapping[str, Any]], place_ids: Sequence[str]) -> dict[str, list]:
    """Events (``id``, ``title``, ``date_label``, ``first_day``, ``last_day``, ``soft``,
    ``places``) as the page's columns.

    Equal date labels are sent once (``date_labels``, indexed by ``date_label``). An event's
    places are ``place_count`` entries of ``place``, numbers into ``place_ids``; ids not in
    ``place_ids`` are left out.
    """
    number = {pid: k for k, pid in enumerate(place_ids)}
    ids, titles, firsts, lasts, softs, labels, counts, places = ([] for _ in range(8))
    label_number = _Numbering()
    for e in events:
        known = [number[p] for p in e["places"] if p in number]
        ids.append(e["id"])
        titles.append(e["title"])
        firsts.append(e["first_day"])
        lasts.append(e["last_day"])
        softs.append(1 if e["soft"] else 0)
        labels.append(label_number(e["date_label"]))
        counts.append(len(known))
        places.extend(known)
    return {
        "id": ids,
        "title": titles,
        "first_day": firsts,
        "last_day": lasts,
        "soft": softs,
        "date_label": labels,
        "date_labels": label_number.texts,
        "place_count": counts,
        "place": places,
    }
