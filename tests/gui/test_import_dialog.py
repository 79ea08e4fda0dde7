"""Import texts: ingest in a worker thread, review drafts, and the accepted ones join the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt

from geohist import paths
from geohist.datafiles.load import bundled_gazetteer
from geohist.gui.import_dialog import ReviewDialog, run_ingest
from geohist.ingest.pipeline import ingest
from geohist.ingest.sources import read_documents

SEED = paths.seeds_dir() / "000_2475bb2bef9d1e7c.txt"


@pytest.fixture(scope="module")
def drafts() -> list:
    return list(ingest(read_documents([SEED])))


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


def test_bad_edit_keeps_the_dialog_open_and_marks_the_row(
    qtbot: Any, drafts: list, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = ReviewDialog(drafts, bundled_gazetteer(), "en")
    qtbot.addWidget(dialog)
    dialog.table.item(0, 2).setText("1950-02-30")
    dialog.table.item(0, 5).setText("Atlantis")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "has no day 30" in shown[0] and "unknown place 'Atlantis'" in shown[0]
    assert "has no day 30" in dialog.table.item(0, 2).toolTip()


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
