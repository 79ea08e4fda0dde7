"""Offline folium pages of a synthetic catalog, for ``scrub.py``'s comparison children.

Both pages use Leaflet from the installed ``django-js-lib-leaflet`` (as the app does), the app's
110m countries as a GeoJSON base map, no tiles, and the plugins' JavaScript fetched once with
``npm pack`` into the benchmark cache: nothing is vendored into the repository and a rendered
page names no ``http`` URL (checked when the page is written).

- ``tgj_page``: folium's ``TimestampedGeoJson`` (Leaflet.TimeDimension 1.1.1).
- ``timeline_page``: folium's ``Timeline`` + ``TimelineSlider`` (leaflet.timeline 1.6.0).
"""

from __future__ import annotations

import json
import subprocess
import tarfile
from datetime import date
from pathlib import Path

# package → (version, file inside the tarball). Versions are the ones folium's plugins name in
# their CDN URLs (folium/plugins/timestamped_geo_json.py, folium/plugins/timeline.py); jQuery UI
# 1.10.2 is not on npm, 1.13.3 stands in. leaflet.timeline 1.6.0's tarball has no
# ``leaflet.timeline.min.js`` (jsDelivr minifies on the fly); its ``leaflet.timeline.js`` is
# already minified and bundles its one dependency (diesal's IntervalTree).
NPM = {
    "jquery": ("3.7.1", "package/dist/jquery.min.js"),
    "jquery-ui": ("1.13.3", "package/dist/jquery-ui.min.js"),
    "iso8601-js-period": ("0.2.1", "package/iso8601.js"),
    "leaflet-timedimension": ("1.1.1", "package/dist/leaflet.timedimension.min.js"),
    "moment": ("2.18.1", "package/min/moment.min.js"),
    "leaflet.timeline": ("1.6.0", "package/dist/leaflet.timeline.js"),
}
EXTRA = {  # further files taken from a tarball: package → [(member, cached name)]
    "leaflet-timedimension": [
        ("package/dist/leaflet.timedimension.control.css", "timedimension.css"),
    ],
}
TGJ_JS = ("jquery", "jquery-ui", "iso8601-js-period", "moment", "leaflet-timedimension")
TIMELINE_JS = ("leaflet.timeline", "moment")
MARKER = {"radius": 6, "fillColor": "#e4572e", "fillOpacity": 1, "color": "#ffffff", "weight": 2}
LAND = {"fillColor": "#f4f1ea", "fillOpacity": 1, "color": "#b9b0a0", "weight": 0.6}
DAY_MS = 86_400_000


def npm_assets(cache: Path) -> dict[str, Path]:
    """Local copies of the plugins' JS/CSS under ``cache/npm``, fetched once with ``npm pack``."""
    out = cache / "npm"
    out.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, (version, member) in NPM.items():
        target = out / f"{name}-{version}{Path(member).suffix}"
        extras = EXTRA.get(name, [])
        if not target.is_file() or not all((out / cached).is_file() for _m, cached in extras):
            tgz = out / f"{name}-{version}.tgz"
            if not tgz.is_file():
                subprocess.run(
                    ["npm", "pack", "--silent", f"{name}@{version}"],
                    cwd=out,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            with tarfile.open(tgz) as tar:
                target.write_bytes(tar.extractfile(member).read())
                for extra, cached in extras:
                    (out / cached).write_bytes(tar.extractfile(extra).read())
        found[name] = target
    found["timedimension.css"] = out / "timedimension.css"
    return found


def iso_day(day: int) -> str:
    return date.fromordinal(day).isoformat()


def day_ms(day: int) -> int:
    """Rata Die day → milliseconds since 1970-01-01 UTC (what both plugins compare)."""
    return (day - date(1970, 1, 1).toordinal()) * DAY_MS


def _catalog(path: Path):
    from geohist.gui import opening

    cat, _problems = opening.load(path, [path.with_suffix(".places.csv")])
    return cat


def _base_map():
    """A folium map with local Leaflet, no tiles, and the app's 110m countries."""
    import folium

    from geohist import paths
    from geohist.mapview.page import leaflet_dir

    fmap = folium.Map(tiles=None, location=[30, 40], zoom_start=2)
    leaflet = leaflet_dir()
    fmap.default_js = [("leaflet", (leaflet / "leaflet.js").as_uri())]
    fmap.default_css = [("leaflet_css", (leaflet / "leaflet.css").as_uri())]
    folium.GeoJson(
        json.loads(paths.basemap_file("110m").read_text(encoding="utf-8")),
        style_function=lambda _f: LAND,
    ).add_to(fmap)
    return fmap


def _write(fmap, page: Path) -> Path:
    html = fmap.get_root().render()
    if "http://" in html or "https://" in html:
        raise RuntimeError(f"{page.name} would load something from the network")
    page.write_text(html, encoding="utf-8")
    return page


def _tgj_times(event) -> list[str]:
    """The times of an event's point features: its first and last day.

    TimeDimension shows a feature at time t when its first time is <= t and its last time is
    >= t - duration (``_getFeatureBetweenDates`` in leaflet-timedimension 1.1.1); with
    ``duration=P1Y`` that is the event's active days plus a year after its end, the days geohist
    shows the place lit or fading (default afterglow 365 days).
    """
    first, last = iso_day(event.first_day), iso_day(event.last_day)
    return [first] if first == last else [first, last]


def tgj_page(path: Path, cache: Path) -> tuple[Path, int, int, str]:
    """A TimestampedGeoJson page of the events; returns (page, lo_ms, hi_ms, map variable)."""
    from folium.plugins import TimestampedGeoJson

    cat = _catalog(path)
    gaz = cat.gazetteer
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [gaz[pid].lon, gaz[pid].lat]},
            "properties": {"times": _tgj_times(e), "icon": "circle", "iconstyle": MARKER},
        }
        for e in cat
        for pid in e.place_ids
        if pid in gaz
    ]
    fmap = _base_map()
    tgj = TimestampedGeoJson(
        {"type": "FeatureCollection", "features": features},
        period="P1D",
        duration="P1Y",  # without a duration TimeDimension hides everything before 1970
        add_last_point=False,
        auto_play=False,
        loop=False,
    )
    assets = npm_assets(cache)
    tgj.default_js = [(k, assets[k].as_uri()) for k in TGJ_JS]
    tgj.default_css = [("timedimension_css", assets["timedimension.css"].as_uri())]
    tgj.add_to(fmap)
    page = _write(fmap, cache / f"tgj-{path.stem}.html")
    # from the first start to the last end: the span geohist scrubs
    first, last = min(e.first_day for e in cat), max(e.last_day for e in cat)
    return page, day_ms(first), day_ms(last), fmap.get_name()


def timeline_page(path: Path, cache: Path) -> tuple[Path, int, int, str, str]:
    """A Timeline + TimelineSlider page of the events.

    One point feature per event place with ``start`` = the event's first day and ``end`` = its
    last day + the app's default afterglow (365 days), so a marker is shown on the days geohist
    shows the place lit or fading (ISO dates, which leaflet.timeline turns into ms with
    ``new Date``); drawn as the same SVG circle markers as the TimestampedGeoJson page. The
    slider keeps folium's defaults except ``auto_play=False`` (so ``show_ticks=True``: one
    ``<option>`` per distinct start/end time).
    Returns (page, lo_ms, hi_ms, timeline variable, slider variable).
    """
    from folium.plugins import Timeline, TimelineSlider
    from folium.utilities import JsCode

    from geohist.mapview.payload import DEFAULT_AFTERGLOW_DAYS

    cat = _catalog(path)
    gaz = cat.gazetteer
    glow = DEFAULT_AFTERGLOW_DAYS
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [gaz[pid].lon, gaz[pid].lat]},
            "properties": {"start": iso_day(e.first_day), "end": iso_day(e.last_day + glow)},
        }
        for e in cat
        for pid in e.place_ids
        if pid in gaz
    ]
    fmap = _base_map()
    assets = npm_assets(cache)
    js = [(k.replace(".", "_"), assets[k].as_uri()) for k in TIMELINE_JS]
    timeline = Timeline(
        {"type": "FeatureCollection", "features": features},
        point_to_layer=JsCode(
            f"function (feature, latlng) {{ return L.circleMarker(latlng, {json.dumps(MARKER)}); }}"
        ),
    )
    timeline.default_js = js
    timeline.add_to(fmap)
    slider = TimelineSlider(auto_play=False)
    slider.default_js = js
    slider.add_timelines(timeline).add_to(fmap)
    page = _write(fmap, cache / f"timeline-{path.stem}.html")
    first, last = min(e.first_day for e in cat), max(e.last_day for e in cat)
    return page, day_ms(first), day_ms(last), timeline.get_name(), slider.get_name()
