"""Opening a bad events file from the window: the real problems dialog, each answer, the map."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QStandardPaths, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from geohist.gui import loading
from geohist.gui.strings import tr
from geohist.model.time import days_from_civil

pytestmark = pytest.mark.webengine
TIMEOUT = 60_000  # two busy cores and a real web page: generous
DAY_1950 = days_from_civil(1950, 2, 15)
MID_1950 = days_from_civil(1950, 6, 1)  # every good row below is active on this day
BUNDLED_1950 = "1950-02-15-sino-soviet-treaty"
HEADER = "id,start,end,title,places"
GOOD_IDS = ["good-1", "good-2", "good-3", "good-4", "good-5"]
# Five good rows around two bad ones: the bad rows are on lines 4 and 6 (the header is line 1).
MOSTLY_GOOD = [
    HEADER,
    "good-1,1950-01-01,1950-12-31,Good one,moscow",
    "good-2,1950-02-01,1950-12-31,Good two,ankara",
    "bad-date,1950-02-30,,Bad date,moscow",
    "good-3,1950-03-01,1950-12-31,Good three,moscow",
    "bad-place,1950-04-01,1950-12-31,Bad place,atlantis",
    "good-4,1950-04-01,1950-12-31,Good four,moscow",
    "good-5,1950-05-01,1950-12-31,Good five,ankara",
]
MOSTLY_GOOD_PROBLEMS = [
    "{path}:4: start: 1950-02 has no day 30 (it has 28)",
    "{path}:6: places: unknown place 'atlantis'",
]


@dataclass
class Shown:
    """What a message box showed, read before the test pressed one of its buttons."""

    text: str
    informative: str
    detailed: str
    buttons: list[str]
    text_format: Qt.TextFormat


def wait_until(condition: Callable[[], bool], timeout_ms: int = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        QTest.qWait(20)


@pytest.fixture(scope="module")
def window(qapp):
    """One window with a ready map for the module: each web view costs seconds to start."""
    from geohist.gui.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)  # never touch the user's real QSettings
    win = MainWindow(lang="en", remember=False)
    win.resize(1400, 900)
    win.show()
    win.open_file(None, interactive=False)
    wait_until(win.is_map_ready)
    yield win
    if shiboken6.isValid(win):
        win.close()
        win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def before(qtbot: Any, window) -> tuple[list[str], str]:
    """The bundled history on screen and on the map; its event ids and the window title."""
    assert window.open_file(None, interactive=False)
    assert BUNDLED_1950 in page_active(qtbot, window, DAY_1950)
    return window.event_list.visible_event_ids(), window.windowTitle()


def js(qtbot: Any, win, expr: str) -> Any:
    with qtbot.waitCallback(timeout=TIMEOUT) as callback:
        win.map.eval_js(f"JSON.stringify({expr})", callback)
    return json.loads(callback.args[0])


def page_active(qtbot: Any, win, day: int) -> list[str]:
    """The events the map page lights on ``day``: proof of the payload it was last sent."""
    win.state.set_day(day)
    state = js(qtbot, win, "geohist.state()")  # runs after the setTime call, in order
    assert state["time"] == win.state.day
    return sorted(state["active"])


def answer(press: Callable[[QMessageBox], QAbstractButton | None]) -> list[Shown]:
    """Read the next message box as soon as it opens, then click ``press(box)``."""
    seen: list[Shown] = []
    deadline = time.monotonic() + TIMEOUT / 1000

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # the progress dialog is modal too
            if time.monotonic() < deadline:
                QTimer.singleShot(20, poll)
            return
        buttons = [b.text() for b in box.buttons()]
        seen.append(
            Shown(box.text(), box.informativeText(), box.detailedText(), buttons, box.textFormat())
        )
        button = press(box)
        if button is None:  # not the dialog the test expects: the asserts on ``seen`` say so
            box.close()
        else:
            button.click()

    QTimer.singleShot(0, poll)
    return seen


def ok(box: QMessageBox) -> QAbstractButton | None:
    return box.button(QMessageBox.StandardButton.Ok)


def cancel(box: QMessageBox) -> QAbstractButton | None:
    return box.button(QMessageBox.StandardButton.Cancel)


def open_skipping(box: QMessageBox) -> QAbstractButton | None:
    return next((b for b in box.buttons() if b.text() == tr("open_skipping", "en")), None)


def open_answering(qtbot: Any, window, path: Path, press: Callable[[QMessageBox], Any]) -> Shown:
    """``open_file(path)`` as from the menu; the one dialog it shows is answered with ``press``."""
    seen = answer(press)
    assert window.open_file(path, interactive=True)
    qtbot.waitUntil(
        lambda: bool(seen) and QApplication.activeModalWidget() is None, timeout=TIMEOUT
    )
    qtbot.waitUntil(lambda: not loading.running(window), timeout=TIMEOUT)
    qtbot.wait(50)  # anything still queued from the load would land now
    assert len(seen) == 1
    return seen[0]


@pytest.fixture
def mostly_good(tmp_path: Path) -> Path:
    path = tmp_path / "mostly-good.csv"
    path.write_text("\n".join(MOSTLY_GOOD) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (
            [HEADER, "x,1950-02-30,,T,moscow", "y,1950-03-01,,U,atlantis"],
            [
                "{path}:2: start: 1950-02 has no day 30 (it has 28)",
                "{path}:3: places: unknown place 'atlantis'",
            ],
        ),
        (
            ["just some text", "not a csv at all"],
            [
                "{path}:1: missing column(s) id, start, end, title, places; "
                "first line is 'just some text'"
            ],
        ),
    ],
    ids=["every-row-bad", "not-a-table"],
)
def test_malformed_file_is_refused_and_the_old_data_stays(
    qtbot: Any, window, before, tmp_path: Path, rows: list[str], problems: list[str]
) -> None:
    path = tmp_path / "<b>bad.csv"  # a file name is data, never markup
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    shown = open_answering(qtbot, window, path, ok)

    assert shown.detailed.splitlines() == [p.format(path=path) for p in problems]
    assert str(path) in shown.text and "no usable event" in shown.text
    assert shown.informative == problems[0].format(path=path)
    assert shown.text_format == Qt.TextFormat.PlainText
    assert tr("open_skipping", "en") not in shown.buttons  # nothing good to open
    assert (window.event_list.visible_event_ids(), window.windowTitle()) == before
    assert window.source is None
    assert BUNDLED_1950 in page_active(qtbot, window, DAY_1950)


def test_mostly_good_file_cancelled_keeps_the_old_data(
    qtbot: Any, window, before, mostly_good: Path
) -> None:
    shown = open_answering(qtbot, window, mostly_good, cancel)

    assert shown.detailed.splitlines() == [p.format(path=mostly_good) for p in MOSTLY_GOOD_PROBLEMS]
    assert "2 problem(s)" in shown.text and "5 good event(s)" in shown.informative
    assert tr("open_skipping", "en") in shown.buttons
    assert (window.event_list.visible_event_ids(), window.windowTitle()) == before
    assert BUNDLED_1950 in page_active(qtbot, window, DAY_1950)


def test_mostly_good_file_opened_skipping_shows_the_good_rows(
    qtbot: Any, window, before, mostly_good: Path
) -> None:
    shown = open_answering(qtbot, window, mostly_good, open_skipping)

    assert shown.detailed.splitlines() == [p.format(path=mostly_good) for p in MOSTLY_GOOD_PROBLEMS]
    assert sorted(e.id for e in window.catalog) == GOOD_IDS
    assert sorted(window.event_list.visible_event_ids()) == GOOD_IDS
    assert window.windowTitle() == "mostly-good.csv — geohist"
    assert window.source == mostly_good
    assert page_active(qtbot, window, MID_1950) == GOOD_IDS  # the page got these five only
