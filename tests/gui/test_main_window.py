"""The whole window on the bundled history, with the real map page (no mocks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from tests.map_labels import LABEL_TEXTS_JS

from geohist.model.time import days_from_civil

pytestmark = pytest.mark.webengine
TIMEOUT = 60_000
HIGHLIGHT = QColor("#e4572e")
DAY_1950 = days_from_civil(1950, 2, 15)
DAY_1921 = days_from_civil(1921, 3, 16)


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


def js(qtbot: Any, win, expr: str) -> Any:
    with qtbot.waitCallback(timeout=TIMEOUT) as callback:
        win.map.eval_js(f"JSON.stringify({expr})", callback)
    return json.loads(callback.args[0])


def go(qtbot: Any, win, day: int) -> dict[str, Any]:
    """Move the timeline and wait until the page has painted that step."""
    with qtbot.waitSignal(win.map.bridge.framePainted, timeout=TIMEOUT):
        win.state.set_day(day)
    return js(qtbot, win, "geohist.state()")


def test_scrubbing_lights_the_right_places(qtbot: Any, window) -> None:
    state = go(qtbot, window, DAY_1950)
    assert "moscow" in state["lit"] and "lushun" in state["lit"]
    assert "ankara" not in state["lit"]
    assert "1950-02-15-sino-soviet-treaty" in state["active"]
    assert "15 February 1950" in window.status_label.text()

    state = go(qtbot, window, DAY_1921)
    assert {"moscow", "ankara"} <= set(state["lit"])


def test_window_screenshot_shows_moscow_lit(qtbot: Any, window, tmp_path: Path) -> None:
    go(qtbot, window, DAY_1950)
    window.map.set_options(auto_frame=False)
    point = js(qtbot, window, "geohist.map.latLngToContainerPoint([55.7522, 37.6156])")
    qtbot.wait(300)  # let the compositor hand the last frame to the widget
    image = window.grab().toImage()
    image.save(str(tmp_path / "window-1950.png"))
    origin = window.map.mapTo(window, QPoint(0, 0))
    ratio = image.devicePixelRatio()
    x, y = (origin.x() + point["x"]) * ratio, (origin.y() + point["y"]) * ratio
    assert _has_colour(image, x, y, radius=int(8 * ratio)), "Moscow is not highlighted"
    assert not _is_uniform(image), "the window image is blank"


def _has_colour(image: QImage, x: float, y: float, radius: int, tolerance: int = 45) -> bool:
    for py in range(int(y) - radius, int(y) + radius + 1):
        for px in range(int(x) - radius, int(x) + radius + 1):
            if image.rect().contains(px, py):
                c = image.pixelColor(px, py)
                if (
                    abs(c.red() - HIGHLIGHT.red())
                    + abs(c.green() - HIGHLIGHT.green())
                    + abs(c.blue() - HIGHLIGHT.blue())
                ) <= tolerance:
                    return True
    return False


def _is_uniform(image: QImage) -> bool:
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)
    }
    return len(colours) < 5


def test_keys_and_list_move_time(qtbot: Any, window) -> None:
    window.state.set_day(DAY_1950)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Right)
    nxt = window.catalog.next_event(DAY_1950)
    assert window.state.day == nxt.first_day

    window.select_event("1921-03-16-treaty-of-moscow")
    assert window.state.day == DAY_1921
    text = window.details.toPlainText()
    assert "Treaty of Moscow" in text and "Pada 16 Maret 1921" in text
    assert "002_050fd7a8cd1f8dcd.txt" in text


def test_playback_advances_time(qtbot: Any, window) -> None:
    window.state.set_day(DAY_1921)
    window.playback.toggle()
    qtbot.waitUntil(lambda: window.state.day > DAY_1921, timeout=10_000)
    window.playback.toggle()
    assert not window.state.playing


def test_language_switch_rewords_everything(qtbot: Any, window) -> None:
    window.state.set_day(DAY_1950)
    window.set_lang("id")
    assert "15 Februari 1950" in window.status_label.text()
    assert window.menuBar().actions()[0].text() == "&Berkas"
    window.select_event("1950-02-15-sino-soviet-treaty")
    assert "Februari 1950" in window.details.toPlainText()


LABEL_TEXTS = LABEL_TEXTS_JS + ".sort()"
MAP_VIEW = "[geohist.map.getCenter(), geohist.map.getZoom()]"


def test_language_switch_keeps_the_map_view_and_words_it_as_a_fresh_load(
    qtbot: Any, window
) -> None:
    go(qtbot, window, DAY_1950)
    js(qtbot, window, "geohist.map.setView([45, 120], 4, {animate: false}) && true")
    view = js(qtbot, window, MAP_VIEW)
    english = js(qtbot, window, LABEL_TEXTS)
    with qtbot.waitSignal(window.map.bridge.framePainted, timeout=TIMEOUT):
        window.set_lang("id")
    assert js(qtbot, window, MAP_VIEW) == view  # a new payload would have re-framed the map
    relabelled = js(qtbot, window, LABEL_TEXTS)
    assert relabelled != english and any("Februari 1950" in t for t in relabelled)
    window._push_payload()  # the whole catalog again, in Indonesian, seen from the same view
    js(qtbot, window, "geohist.map.setView([45, 120], 4, {animate: false}) && true")
    js(qtbot, window, "geohist.setOptions({}) || true")
    assert js(qtbot, window, LABEL_TEXTS) == relabelled


def test_hostile_titles_show_as_text(qtbot: Any, window, tmp_path: Path) -> None:
    payload = "<img src=x onerror=window.__xss=1>"
    path = tmp_path / "xss.csv"
    path.write_text(
        f'id,start,end,title,places\nxss,1950-02-15,,"{payload}",moscow\n', encoding="utf-8"
    )
    assert window.open_file(path, interactive=False)
    state = go(qtbot, window, DAY_1950)
    assert state["active"] == ["xss"]
    window.select_event("xss")
    assert payload in window.details.toPlainText()
    labels = js(qtbot, window, LABEL_TEXTS_JS)
    assert any(payload in label for label in labels)
    assert js(qtbot, window, "typeof window.__xss") == "undefined"
    assert js(qtbot, window, "document.querySelectorAll('img[src=x]').length") == 0


def test_bad_file_keeps_the_current_data(qtbot: Any, window, tmp_path: Path) -> None:
    before = len(window.catalog)
    path = tmp_path / "bad.csv"
    path.write_text("id,start,end,title,places\na,1950-02-30,,T,moscow\n", encoding="utf-8")
    assert not window.open_file(path, interactive=False)
    assert len(window.catalog) == before


def test_no_request_leaves_the_machine(qtbot: Any, window) -> None:
    for year in range(1918, 2025, 12):
        go(qtbot, window, days_from_civil(year, 6, 1))
    assert window.map.requests.remote_urls() == []


def test_the_app_reads_a_named_file_in_the_background_then_goes_to_the_date(
    qtbot: Any, monkeypatch
) -> None:
    """`geohist FILE --at DATE`: the file arrives from another thread, then the cursor moves."""
    from geohist import paths
    from geohist.cli import main
    from geohist.gui import loading
    from geohist.gui.main_window import MainWindow

    seen: dict[str, Any] = {}

    def run_until_shown(_app: QApplication) -> int:
        win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        seen["reading"] = [run.show_after_ms for run in loading.running(win)]
        qtbot.waitUntil(lambda: len(win.catalog) > 0, timeout=TIMEOUT)
        seen["day"], seen["source"] = win.state.day, win.source
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_shown)
    seed = paths.seeds_dir() / "seed_history.csv"
    assert main(["gui", str(seed), "--at", "1950-02-15"]) == 0
    # read in the background, with no progress dialog over the appearing window at 300 ms
    reading = [loading.AT_LAUNCH_SHOW_AFTER_MS]
    assert seen == {"reading": reading, "day": DAY_1950, "source": seed}


def test_a_named_file_that_shows_nothing_leaves_what_a_plain_launch_shows(
    qtbot: Any, monkeypatch, tmp_path: Path
) -> None:
    """`geohist missing.csv`: the problem is shown, then the usual history, not an empty map."""
    from geohist.cli import main
    from geohist.gui.main_window import MainWindow

    missing = tmp_path / "missing.csv"
    seen: dict[str, Any] = {}

    def close_the_dialog() -> None:  # from a timer: the dialog runs its own event loop
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close_the_dialog)
            return
        seen["said"] = box.text()
        box.close()

    def run_until_shown(_app: QApplication) -> int:
        win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        close_the_dialog()
        qtbot.waitUntil(lambda: len(win.catalog) > 0, timeout=TIMEOUT)
        seen["title"] = win.windowTitle()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_shown)
    assert main(["gui", str(missing)]) == 0
    assert str(missing) in seen["said"] and "cannot be opened" in seen["said"]
    assert seen["title"].endswith("— geohist")


def test_screenshot_mode_writes_a_png_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "s.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "geohist.cli",
            "--at",
            "1950-02-15",
            "--screenshot",
            str(out),
            "--size",
            "1280x800",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert not _is_uniform(image)


def test_killed_web_process_is_restored_where_the_user_was(qtbot: Any, window) -> None:
    import os
    import signal

    window.select_event("1950-02-15-sino-soviet-treaty")
    go(qtbot, window, DAY_1950)
    pid = window.map.page().renderProcessPid()
    assert pid > 0
    # Meanwhile another version of geohist was launched and pruned this page from the cache.
    window._page_path.unlink()
    with qtbot.waitSignal(window.map_ready, timeout=TIMEOUT):
        os.kill(pid, signal.SIGKILL)
    assert window.map.page().renderProcessPid() != pid
    state = go(qtbot, window, window.state.day)
    assert state["time"] == DAY_1950
    assert "moscow" in state["lit"] and "ankara" not in state["lit"]
    assert state["selected"] == "1950-02-15-sino-soviet-treaty"
    assert len(window.catalog) >= 30  # nothing was lost on the Python side
