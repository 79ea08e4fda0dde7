"""Import texts: ingest in a worker thread, review drafts, and the accepted ones join the window."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import Qt as GuiQt  # the Qt namespace with mightBeRichText
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from geohist import paths
from geohist.datafiles.load import bundled_gazetteer
from geohist.gui.import_dialog import ReviewDialog, run_ingest
from geohist.ingest.pipeline import ingest
from geohist.ingest.sources import read_documents

SEED = paths.seeds_dir() / "000_2475bb2bef9d1e7c.txt"


@pytest.fixture(scope="module")
def drafts() -> list:
    return list(ingest(read_documents([SEED])))


def answer_warning() -> list[tuple[str, Qt.TextFormat]]:
    """Press OK on the next message box as soon as it opens; the list gets its text and format."""
    seen: list[tuple[str, Qt.TextFormat]] = []
    deadline = time.monotonic() + 60

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # the progress dialog is modal too
            if time.monotonic() < deadline:
                QTimer.singleShot(20, poll)
            return
        seen.append((box.text(), box.textFormat()))
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, poll)
    return seen


def shown_as(tooltip: str) -> str:
    """The text a tooltip shows: Qt renders it as rich text when it looks like markup."""
    if not GuiQt.mightBeRichText(tooltip):
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_worker_thread_reads_texts_with_progress(qtbot: Any) -> None:
    from PySide6.QtWidgets import QMainWindow

    parent = QMainWindow()
    qtbot.addWidget(parent)
    got: list = []
    run_ingest(parent, [SEED], {}, got.extend)
    qtbot.waitUntil(lambda: bool(got), timeout=60_000)
    assert {d.doc for d in got} == {SEED.name}
    assert any(d.value.span.start.year == 1950 for d in got)


def test_review_accept_reject_and_edit(qtbot: Any, drafts: list) -> None:
    dialog = ReviewDialog(drafts, bundled_gazetteer(), "en")
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == len(drafts) >= 3
    table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # reject the second draft
    table.item(0, 2).setText("late 1921")
    assert table.item(0, 3).text() == "late 1921"  # "reads as" follows the edit
    table.item(0, 4).setText("An edited title")
    table.item(0, 5).setText("Moskow; Ankara")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(dialog.events) == len(drafts) - 1
    first = dialog.events[0]
    assert first.title == "An edited title"
    assert first.place_ids == ("moscow", "ankara")
    assert first.when.start.year == 1921 and first.when.start.part.value == "late"
    assert first.provenance.quote in SEED.read_text(encoding="utf-8")


def test_bad_edit_keeps_the_dialog_open_and_marks_the_row(qtbot: Any, drafts: list) -> None:
    dialog = ReviewDialog(drafts, bundled_gazetteer(), "en")
    qtbot.addWidget(dialog)
    dialog.table.item(0, 2).setText("1950-02-30")
    dialog.table.item(0, 5).setText("Atlantis")
    shown = answer_warning()
    dialog.accept()
    assert len(shown) == 1
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "has no day 30" in shown[0][0] and "unknown place 'Atlantis'" in shown[0][0]
    assert "has no day 30" in shown_as(dialog.table.item(0, 2).toolTip())


MARKUP = "<b>x</b>"  # bold if Qt took it for rich text


def test_names_and_problems_show_literally(qtbot: Any, drafts: list) -> None:
    named = [dataclasses.replace(d, doc=f"{MARKUP}.txt", quote=f"{MARKUP} said") for d in drafts]
    dialog = ReviewDialog(named, bundled_gazetteer(), "en")
    qtbot.addWidget(dialog)
    dialog.table.item(0, 5).setText(MARKUP)
    shown = answer_warning()
    dialog.accept()
    assert shown == [(shown[0][0], Qt.TextFormat.PlainText)]
    assert f"unknown place '{MARKUP}'" in shown[0][0] and f"{MARKUP}.txt" in shown[0][0]
    table = dialog.table
    assert shown_as(table.item(0, 1).toolTip()) == f"{MARKUP}.txt"
    assert shown_as(table.item(0, 6).toolTip()) == f"{MARKUP} said"
    assert f"places: unknown place '{MARKUP}'" in shown_as(table.item(0, 5).toolTip()).splitlines()
    assert table.item(1, 5).toolTip() == ""  # a good row has no tip, not an empty one


def test_failed_read_names_the_file_literally(qtbot: Any, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    missing = tmp_path / f"{MARKUP}.txt"
    shown = answer_warning()
    run = run_ingest(parent, [missing], {}, lambda drafts: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert shown == [(f"{missing}: no such file or folder", Qt.TextFormat.PlainText)]
    assert run.dialog.findChild(QLabel).textFormat() == Qt.TextFormat.PlainText


@pytest.mark.webengine
def test_accepted_events_join_the_window(qtbot: Any, drafts: list, tmp_path: Path) -> None:
    from geohist.gui.main_window import MainWindow
    from geohist.ingest.review import accepted_events, review_rows

    QStandardPaths.setTestModeEnabled(True)
    window = MainWindow(lang="en", remember=False)
    window.open_file(None, interactive=False)
    before = len(window.catalog)
    events, places, problems = accepted_events(review_rows(drafts), window.catalog.gazetteer)
    assert problems == [] or all(p.message.startswith("places") for p in problems)
    window.add_events(events, places)
    assert len(window.catalog) == before + len(events)
    saved = tmp_path / "with-ingest.csv"
    window.save_events(saved)
    reopened = MainWindow(lang="en", remember=False)
    assert reopened.open_file(saved, interactive=False)
    assert len(reopened.catalog) == before + len(events)
    for win in (window, reopened):
        win.close()
        win.deleteLater()
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
