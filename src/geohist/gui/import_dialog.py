"""File ▸ Import texts…: run ingest off the GUI thread, then let the user review the drafts.

Nothing joins the timeline until the user accepts it; rejected or broken rows stay in the dialog
with their problems shown, and each text's reference date can be corrected and the text re-read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from geohist.gui.plain_text import plain_label, plain_tooltip, warn
from geohist.gui.strings import tr
from geohist.ingest.review import ReviewRow, accepted_events, parse_when, review_rows
from geohist.model.wording import format_span

COLUMNS = ("use", "document", "date", "reads_as", "title", "places", "quote")
BAD = QBrush(QColor("#fde2dc"))


class IngestWorker(QObject):
    """Reads and tags the texts in a worker thread; only plain Python objects leave it."""

    progress = Signal(int, int, str)
    finished = Signal(list)
    failed = Signal(str)

    def __init__(self, paths: list[Path], references: dict[str, dt.date | None]) -> None:
        super().__init__()
        self._paths, self._references = paths, references
        self.cancelled = False

    def run(self) -> None:
        from geohist.errors import GeohistError
        from geohist.ingest.pipeline import ingest_document
        from geohist.ingest.sources import read_documents
        from geohist.ingest.world import place_index

        try:
            documents = list(read_documents(self._paths))
            index, drafts = place_index(), []
            for number, document in enumerate(documents, start=1):
                if self.cancelled:
                    return
                self.progress.emit(number, len(documents), document.name)
                reference = self._references.get(document.name)
                drafts += ingest_document(document, reference, None, index)
        except GeohistError as exc:
            self.failed.emit(str(exc))
            return
        self.finished.emit(drafts)


class IngestRun(QObject):
    """Owns one worker thread and its progress dialog; lives in the GUI thread.

    The worker's signals reach these slots as queued calls, so the dialog is only ever touched
    from the GUI thread.
    """

    def __init__(self, parent, paths: list[Path], references: dict, on_done) -> None:
        super().__init__(parent)
        self._parent, self._on_done = parent, on_done
        self._lang = getattr(parent, "lang", "en")
        self.dialog = QProgressDialog(
            tr("import_reading", self._lang), tr("cancel", self._lang), 0, 0, parent
        )
        self.dialog.setLabel(plain_label(tr("import_reading", self._lang)))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.thread, self.worker = QThread(self), IngestWorker(paths, references)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.dialog.canceled.connect(self._on_cancel)
        self.thread.finished.connect(self.worker.deleteLater)

    def start(self) -> None:
        self.dialog.show()
        self.thread.start()

    @Slot(int, int, str)
    def _on_progress(self, number: int, total: int, name: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(number - 1)
        self.dialog.setLabelText(name)

    @Slot(list)
    def _on_finished(self, drafts: list) -> None:
        self._stop()
        if not self.worker.cancelled:
            self._on_done(drafts)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop()
        if not self.worker.cancelled:
            warn(self._parent, tr("import", self._lang), message)

    def _on_cancel(self) -> None:
        self.worker.cancelled = True  # read by the worker between texts
        self._stop()

    def _stop(self) -> None:
        self.dialog.reset()
        self.thread.quit()

    def stop(self) -> None:
        """Cancel and wait until the worker is done with the text it is reading."""
        self._on_cancel()
        self.thread.wait()


def stop_runs(window) -> None:
    """Stop the imports of a closing window: a QThread deleted while running aborts the app."""
    for run in window.findChildren(IngestRun):
        if run.thread.isRunning():
            run.stop()


def run_ingest(parent, paths: list[Path], references: dict, on_done) -> IngestRun:
    """Read ``paths`` in a worker thread with a cancellable progress dialog, then ``on_done``."""
    run = IngestRun(parent, paths, references, on_done)
    run.start()
    return run


class ReviewDialog(QDialog):
    """Accept, reject or edit each draft; ``events``/``places`` hold the result after OK."""

    reread = Signal(dict)  # {document name: reference date}

    def __init__(self, drafts: list, gazetteer, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("review_title", lang))
        self.resize(1200, 700)
        self._gazetteer, self._lang = gazetteer, lang
        self.events: list = []
        self.places: list = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.references = QLineEdit()
        self._layout()
        self.set_drafts(drafts)

    def _layout(self) -> None:
        lang = self._lang
        keys = [f"review_{c}" if c != "title" else "review_title_column" for c in COLUMNS]
        self.table.setHorizontalHeaderLabels([tr(k, lang) for k in keys])
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)
        self.references.setPlaceholderText(tr("review_reference_hint", lang))
        again = QPushButton(tr("review_reread", lang))
        again.clicked.connect(self._on_reread)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("review_help", lang)))
        layout.addWidget(self.table)
        layout.addWidget(QLabel(tr("review_reference", lang)))
        layout.addWidget(self.references)
        layout.addWidget(again)
        layout.addWidget(buttons)

    def set_drafts(self, drafts: list) -> None:
        self.rows: list[ReviewRow] = review_rows(drafts, self._lang)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            self._fill(r, row)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()

    def _fill(self, r: int, row: ReviewRow) -> None:
        use = QTableWidgetItem()
        use.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        use.setCheckState(Qt.CheckState.Checked if row.accepted else Qt.CheckState.Unchecked)
        cells = [
            use,
            _fixed(row.draft.doc),
            QTableWidgetItem(row.when),
            _fixed(""),
            QTableWidgetItem(row.title),
            QTableWidgetItem(row.places),
            _fixed(row.draft.quote),
        ]
        for column, item in enumerate(cells):
            self.table.setItem(r, column, item)
        self._show_reading(r)

    def _show_reading(self, r: int) -> None:
        try:
            text = format_span(parse_when(self.table.item(r, 2).text()), self._lang)
        except Exception as exc:  # DateError: shown in the cell rather than raised
            text = str(exc)
        self.table.item(r, 3).setText(text)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        row = self.rows[item.row()]
        column = COLUMNS[item.column()]
        if column == "use":
            row.accepted = item.checkState() == Qt.CheckState.Checked
        elif column in ("date", "title", "places"):
            setattr(row, {"date": "when"}.get(column, column), item.text())
            if column == "date":
                self.table.blockSignals(True)
                self._show_reading(item.row())
                self.table.blockSignals(False)

    def _on_reread(self) -> None:
        references: dict[str, dt.date | None] = {}
        for entry in filter(None, (e.strip() for e in self.references.text().split(","))):
            name, _, day = entry.rpartition("=")
            try:
                references[name.strip()] = dt.date.fromisoformat(day.strip())
            except ValueError:
                warn(self, tr("import", self._lang), f"{entry!r}: name=YYYY-MM-DD")
                return
        self.reread.emit(references)

    def accept(self) -> None:
        events, places, problems = accepted_events(self.rows, self._gazetteer)
        self._mark_problems()
        if problems:
            text = "\n".join(str(p) for p in problems[:30])
            warn(self, tr("import", self._lang), text)
            return
        self.events, self.places = events, places
        super().accept()

    def _mark_problems(self) -> None:
        self.table.blockSignals(True)
        for r, row in enumerate(self.rows):
            for column in (2, 4, 5):
                item = self.table.item(r, column)
                item.setBackground(BAD if row.problems else QBrush())
                item.setToolTip(_tip("\n".join(row.problems)))
        self.table.blockSignals(False)


def _fixed(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(_tip(text))
    return item


# Qt shows a label or message box text as rich text when it "looks like" HTML; document names,
# quotes and problems are data, so every such widget here is plain text.


def _tip(text: str) -> str:
    return plain_tooltip(text) if text else ""  # "<qt></qt>" would still pop up an empty tip


def import_texts(window, paths: list[Path] | None = None) -> None:
    """Ask for texts (unless given), read them in the background, review, add to the timeline."""
    if paths is None:
        names, _ = QFileDialog.getOpenFileNames(
            window, tr("import", window.lang), str(Path.home()), "Text (*.txt)"
        )
        paths = [Path(n) for n in names]
    if not paths:
        return

    def review(drafts: list) -> None:
        dialog = ReviewDialog(drafts, window.catalog.gazetteer, window.lang, window)
        dialog.reread.connect(lambda refs: run_ingest(window, paths, refs, dialog.set_drafts))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.events:
            window.add_events(dialog.events, dialog.places)

    run_ingest(window, paths, {}, review)
