"""No script from data (issue #7) in the real window, map page, export renderer and dialogs.

Each payload of ``tests/xss_payloads.py`` is an event title, summary, tag and quote, a place name
and a source file name, all on one day. The page is asked whether any payload ran (a marker) or
became markup (elements it would create), and what text it shows; Qt widgets are asked what text
a user sees. Positive controls in the same tests prove the probes can see a hit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QStandardPaths, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from tests.map_labels import label_lines_js
from tests.xss_payloads import (
    FILE_NAME_PAYLOADS,
    INJECTED_NODES_JS,
    MARKER_SET_JS,
    PAYLOADS,
    cell_values,
    write_xss_data,
)

from geohist.model.time import days_from_civil

pytestmark = pytest.mark.webengine

TIMEOUT = 120_000  # ms: Chromium, 24 labels and a 24-slide deck on two busy cores
DAY = days_from_civil(1950, 2, 15)
TITLES = label_lines_js("gh-label-title")  # the painted labels' titles, as text
IDS = [f"xss-{i}" for i in range(len(PAYLOADS))]
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The pointer moves over a place's dot: the hover tip's text (the page shows one tip at a time).
HOVER_NAME_JS = """(function (ll) {
  geohist.map.fire('mousemove', {containerPoint: geohist.map.latLngToContainerPoint(ll)});
  var tip = document.querySelector('.gh-hover');
  return tip ? tip.textContent : null;
})"""


@pytest.fixture(scope="module", autouse=True)
def _test_settings():
    QStandardPaths.setTestModeEnabled(True)  # never touch the user's real QSettings


@pytest.fixture
def window(qtbot: Any):
    from geohist.gui.main_window import MainWindow

    win = MainWindow(lang="en", remember=False)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.map_ready, timeout=TIMEOUT):
        win.open_initial()
    yield win
    if shiboken6.isValid(win):
        win.close()
        win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def js(qtbot: Any, view, expr: str) -> Any:
    with qtbot.waitCallback(timeout=TIMEOUT) as callback:
        view.eval_js(f"JSON.stringify({expr})", callback)
    return json.loads(callback.args[0])


def assert_clean_page(qtbot: Any, view) -> None:
    """No payload ran or became an element; then prove both probes do see a hit."""
    qtbot.wait(500)  # time for a (wrongly) created <img> to fail and fire onerror
    assert js(qtbot, view, MARKER_SET_JS) is False
    assert js(qtbot, view, INJECTED_NODES_JS) == 0
    js(qtbot, view, "window.__xss = 1")  # runJavaScript is not bound by the page's CSP
    assert js(qtbot, view, MARKER_SET_JS) is True
    probe = "document.querySelector('.leaflet-container').appendChild(document.createElement('b'))"
    js(qtbot, view, f"{probe} && 1")
    assert js(qtbot, view, INJECTED_NODES_JS) == 1
    js(
        qtbot,
        view,
        "(delete window.__xss, document.querySelector('.leaflet-container > b').remove(), 1)",
    )
    assert js(qtbot, view, MARKER_SET_JS) is False


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a QLabel or tooltip with ``fmt`` shows for ``text`` (AutoText guesses markup)."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text)
    )
    doc = QTextDocument()
    if rich:
        doc.setHtml(text)
    else:
        doc.setPlainText(text)
    return doc.toPlainText()


def plain(text: str) -> str:
    """Text with every run of blanks as one space: Qt's rich text turns U+2028/U+2029 into
    newlines or spaces, and NBSP into spaces (none of that is markup)."""
    return " ".join(text.replace("\xa0", " ").split())


def slide_text(payload: str) -> str:
    """How python-pptx stores ``payload``: XML-illegal controls as visible ``_xHHHH_``."""
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", payload)


def test_window_map_details_and_deck_show_payloads_as_text(
    qtbot: Any, window, tmp_path: Path
) -> None:
    events_file, places_file = write_xss_data(tmp_path / "data")
    assert window.open_file(events_file, [places_file], interactive=False)
    assert window.windowTitle() == f"{events_file.name} — geohist"
    with qtbot.waitSignal(window.map.bridge.framePainted, timeout=TIMEOUT):
        window.state.set_day(DAY)
    assert sorted(js(qtbot, window.map, "geohist.state()")["active"]) == sorted(IDS)

    # The map: every place's label shows its name and its event's title, as text.
    qtbot.waitUntil(lambda: len(js(qtbot, window.map, TITLES)) == 24, timeout=TIMEOUT)
    assert sorted(js(qtbot, window.map, TITLES)) == sorted(PAYLOADS)
    assert sorted(js(qtbot, window.map, label_lines_js("gh-label-name"))) == sorted(PAYLOADS)
    places = window.catalog.gazetteer
    hovered = [
        js(qtbot, window.map, f"{HOVER_NAME_JS}([{places[pid].lat}, {places[pid].lon}])")
        for pid in window.catalog.places()
    ]
    assert sorted(hovered) == sorted(PAYLOADS)  # each dot's hover tip names its place as text
    assert_clean_page(qtbot, window.map)

    # The details panel: escaped rich text, so the user reads every character.
    for event_id, payload in zip(IDS, PAYLOADS, strict=True):
        window.select_event(event_id)
        seen = plain(window.details.toPlainText())
        assert plain(payload) in seen  # title, summary, quote and place name
        assert ", ".join(cell_values(plain(payload))) in seen
        source = window.catalog[event_id].provenance.source
        assert plain(source) in seen
        assert "<img" not in window.details.document().toHtml()
    assert js(qtbot, window.map, MARKER_SET_JS) is False  # selecting redraws the labels

    # The export dialog: a preview with the payload overlays, then a deck named by a payload.
    from geohist.gui.export_dialog import open_export_dialog

    dialog = open_export_dialog(window)
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        pass
    dialog.what.setCurrentIndex(dialog.what.findData("deck"))
    dialog.size.setCurrentIndex(dialog.size.findData((1024, 768)))
    target = tmp_path / f"{FILE_NAME_PAYLOADS[0]}.pptx"  # <img ...>: Qt would take it as HTML
    dialog.target.setText(str(target))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=TIMEOUT)
    message = dialog.message.text()
    assert str(target) in message and QtGui.mightBeRichText(message)  # markup-like...
    assert shown(message, dialog.message.textFormat()) == message  # ...but shown as text
    dialog.reject()

    from pptx import Presentation

    deck = Presentation(str(target))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert sorted(titles) == sorted(slide_text(p) for p in PAYLOADS)
    assert window.map.requests.remote_urls() == []
    assert not [u for u in window.map.requests.urls if u.endswith("/x") or "javascript" in u]


def test_export_renderer_page_and_files_keep_payloads_as_text(qtbot: Any, tmp_path: Path) -> None:
    from geohist.datafiles.load import load_catalog
    from geohist.export import plan
    from geohist.export.layout import ExportSpec
    from geohist.gui import renderer
    from geohist.mapview.payload import catalog_payload

    events_file, places_file = write_xss_data(tmp_path / "data")
    catalog, problems = load_catalog(events_file, [places_file])
    assert problems == []
    page = renderer.export_page(tmp_path / "page", "110m")

    # The page inside the shared renderer, as it is when a frame is grabbed.
    snapshot = renderer.SnapshotRenderer(page, (1280, 720), 1.0)
    try:
        with qtbot.waitSignal(snapshot.ready, timeout=TIMEOUT):
            snapshot.start(catalog_payload(catalog), lang="en", afterglow_days=365)
        with qtbot.waitCallback(timeout=TIMEOUT) as grabbed:
            snapshot.render(DAY, "xss-0", None, grabbed)
        assert not grabbed.args[0].isNull()
        assert sorted(js(qtbot, snapshot.view, TITLES)) == sorted(PAYLOADS)
        assert_clean_page(qtbot, snapshot.view)
        assert snapshot.view.requests.remote_urls() == []
    finally:
        snapshot.close()

    # Files: a PNG and a PDF (overlay title, quote, source) named by payloads.
    spec = ExportSpec(width=1280, height=720, basemap="110m")
    png, pdf = (
        tmp_path / f"{FILE_NAME_PAYLOADS[4]}.png",
        tmp_path / f"{FILE_NAME_PAYLOADS[5]}.pdf",
    )
    request = plan.ExportRequest(
        spec,
        tuple(plan.still_plan(catalog, DAY, "en")),
        (plan.Output("png", png), plan.Output("pdf", pdf)),
    )
    job = renderer.start_export(request, catalog, page)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT) as finished:
        pass
    ok, message = finished.args
    assert ok, message
    assert str(png) in message and str(pdf) in message
    assert png.stat().st_size > 10_000 and pdf.read_bytes().startswith(b"%PDF")


def test_event_table_tooltips_show_summaries_as_text(tmp_path: Path) -> None:
    from geohist.datafiles.load import load_catalog
    from geohist.gui.event_table import COLUMNS, EventTableModel

    events_file, places_file = write_xss_data(tmp_path / "data")
    catalog, _ = load_catalog(events_file, [places_file])
    model = EventTableModel(catalog)
    title = COLUMNS.index("title")
    for row in range(model.rowCount()):
        index = model.index(row, title)
        summary = model.data(index, Qt.ItemDataRole.DisplayRole)  # each summary is its title
        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert plain(shown(tip)) == plain(summary)
