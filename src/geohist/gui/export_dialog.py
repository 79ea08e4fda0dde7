"""The export dialogs (File ▸ Export…, File ▸ Export animation…): a thin form over the CLI.

The dialog fills the same options the command line has (``geohist.commands.export.options``)
and builds its request with the command's own ``build_request``; the preview and the export run
through ``geohist.gui.renderer``, the renderer the CLI uses. So a picture exported here and one
exported with the same options from a terminal have the same pixels.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from geohist.commands import export as command
from geohist.errors import GeohistError
from geohist.export.layout import OVERLAYS, SIZE_PRESETS
from geohist.gui import renderer
from geohist.model.time import civil_from_days

PREVIEW_WIDTH = 480
PREVIEW_DELAY_MS = 400

_TEXT = {
    "en": {
        "title": "Export", "title_animation": "Export animation", "what": "Export",
        "what_still": "This date ({date})", "what_each": "Every event: one image each",
        "what_deck": "Every event: PowerPoint slides", "format": "Format", "size": "Size",
        "custom": "Custom…", "scale": "Scale", "language": "Language", "overlays": "Overlays",
        "title_ov": "Title", "date_ov": "Date", "legend_ov": "Legend", "citation_ov": "Source",
        "credit_ov": "Data credit", "zoom": "Zoom to the events", "from": "From", "to": "To",
        "tag": "Tag", "all_tags": "All tags", "fps": "Frames per second", "pace": "Timing",
        "length": "Total length (s)", "per_event": "Seconds per event", "save_to": "Save to",
        "choose": "Choose…", "export": "Export", "preview": "Preview", "rendering": "Rendering…",
        "working": "Exporting…", "cancel": "Cancel", "done": "Export finished",
        "failed": "Export failed", "no_data": "There are no events to export.",
        "need_target": "Choose where to save.", "folder": "Folder for the images",
    },
    "id": {
        "title": "Ekspor", "title_animation": "Ekspor animasi", "what": "Ekspor",
        "what_still": "Tanggal ini ({date})", "what_each": "Setiap peristiwa: satu gambar",
        "what_deck": "Setiap peristiwa: salindia PowerPoint", "format": "Format",
        "size": "Ukuran", "custom": "Khusus…", "scale": "Skala", "language": "Bahasa",
        "overlays": "Lapisan", "title_ov": "Judul", "date_ov": "Tanggal",
        "legend_ov": "Keterangan", "citation_ov": "Sumber", "credit_ov": "Kredit data",
        "zoom": "Perbesar ke peristiwa", "from": "Dari", "to": "Sampai", "tag": "Label",
        "all_tags": "Semua label", "fps": "Bingkai per detik", "pace": "Waktu",
        "length": "Panjang total (detik)", "per_event": "Detik per peristiwa",
        "save_to": "Simpan ke", "choose": "Pilih…", "export": "Ekspor", "preview": "Pratinjau",
        "rendering": "Sedang menggambar…", "working": "Sedang mengekspor…", "cancel": "Batal",
        "done": "Ekspor selesai", "failed": "Ekspor gagal",
        "no_data": "Tidak ada peristiwa untuk diekspor.", "need_target": "Pilih tempat menyimpan.",
        "folder": "Folder untuk gambar",
    },
}  # fmt: skip


def iso_day(day: int) -> str:
    """A day number as ``YYYY-MM-DD`` (``-0043-03-15`` before year 1), as ``--at`` reads it."""
    year, month, dom = civil_from_days(day)
    return f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}-{dom:02d}"


class ExportDialog(QDialog):
    """Options, a live preview, a destination and a progress dialog with Cancel."""

    preview_ready = Signal()

    def __init__(self, window, mode: str = "still") -> None:
        super().__init__(window)
        self.window_, self.mode = window, mode  # mode: "still" or "animation"
        self.lang = getattr(window, "lang", "en")
        self._preview_job: renderer.ExportJob | None = None
        self._job: renderer.ExportJob | None = None
        self._progress: QProgressDialog | None = None
        self._pages: dict[str, Path] = {}
        self.setWindowTitle(self.t("title_animation" if mode == "animation" else "title"))
        self._build()
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render_preview)
        self._on_changed()

    def t(self, key: str) -> str:
        return _TEXT.get(self.lang, _TEXT["en"])[key]

    # -- form ---------------------------------------------------------------------------------

    def _build(self) -> None:
        form = self._form = QFormLayout()
        self.what = QComboBox()
        if self.mode == "still":
            date = iso_day(self.window_.state.day)
            for key, value in (
                ("what_still", "still"),
                ("what_each", "each"),
                ("what_deck", "deck"),
            ):
                self.what.addItem(self.t(key).format(date=date), value)
            form.addRow(self.t("what"), self.what)
        self.format = QComboBox()
        form.addRow(self.t("format"), self.format)
        self.size = QComboBox()
        for preset in SIZE_PRESETS:
            self.size.addItem(preset.label, (preset.width, preset.height))
        self.size.addItem(self.t("custom"), None)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, value in ((self.width_box, 1920), (self.height_box, 1080)):
            box.setRange(160, 8000)
            box.setValue(value)
        form.addRow(self.t("size"), _row(self.size, self.width_box, QLabel("×"), self.height_box))
        self.scale = QComboBox()
        self.scale.addItem("1×", 1)
        self.scale.addItem("2×", 2)
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.setCurrentIndex(max(0, self.language.findData(self.lang)))
        form.addRow(self.t("scale"), _row(self.scale, QLabel(self.t("language")), self.language))
        self.overlays = {name: QCheckBox(self.t(f"{name}_ov")) for name in OVERLAYS}
        for box in self.overlays.values():
            box.setChecked(True)
        form.addRow(self.t("overlays"), _row(*self.overlays.values()))
        self.zoom = QCheckBox(self.t("zoom"))
        self.zoom.setChecked(True)
        form.addRow("", self.zoom)
        self._build_range(form)
        self._build_animation(form)
        self.target = QLineEdit()
        choose = QPushButton(self.t("choose"))
        choose.clicked.connect(self._choose_target)
        form.addRow(self.t("save_to"), _row(self.target, choose))
        self.preview = QLabel(self.t("rendering"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 9 // 16)
        self.preview.setStyleSheet("background: #eceae4; color: #52606d;")
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it shows file names and titles
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(
            self.t("export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self._start_export)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.message)
        column.addWidget(buttons)
        self._fill_formats()
        for signal in self._change_signals():
            signal.connect(self._on_changed)

    def _build_range(self, form: QFormLayout) -> None:
        bounds = self.window_.catalog.bounds()
        self.first, self.last = QLineEdit(), QLineEdit()
        if bounds is not None:
            self.first.setText(iso_day(bounds[0]))
            self.last.setText(iso_day(bounds[1]))
        self.tag = QComboBox()
        self.tag.addItem(self.t("all_tags"), "")
        for tag in sorted({t for e in self.window_.catalog for t in e.tags}):
            self.tag.addItem(tag, tag)
        self.range_row = _row(self.first, QLabel(self.t("to")), self.last, self.tag)
        form.addRow(self.t("from"), self.range_row)

    def _build_animation(self, form: QFormLayout) -> None:
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(10)
        self.pace = QComboBox()
        self.pace.addItem(self.t("length"), "seconds")
        self.pace.addItem(self.t("per_event"), "per_event")
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.1, 600)
        self.seconds.setValue(10)
        self.animation_row = _row(QLabel(self.t("fps")), self.fps, self.pace, self.seconds)
        form.addRow(self.t("pace"), self.animation_row)
        form.setRowVisible(self.animation_row, self.mode == "animation")

    def _change_signals(self):
        boxes = [self.what, self.format, self.size, self.scale, self.language, self.tag, self.pace]
        yield from (b.currentIndexChanged for b in boxes)
        yield from (b.valueChanged for b in (self.width_box, self.height_box, self.fps))
        yield self.seconds.valueChanged
        yield from (b.toggled for b in [*self.overlays.values(), self.zoom])
        yield from (e.editingFinished for e in (self.first, self.last))

    def _scope(self) -> str:
        return "animation" if self.mode == "animation" else self.what.currentData()

    def _fill_formats(self) -> None:
        names = {"animation": ("mp4", "gif"), "deck": ("pptx",)}.get(
            self._scope(), ("png", "jpeg", "pdf")
        )
        if [self.format.itemData(i) for i in range(self.format.count())] == list(names):
            return
        self.format.blockSignals(True)
        self.format.clear()
        for name in names:
            self.format.addItem(name.upper(), name)
        self.format.blockSignals(False)

    def _on_changed(self) -> None:
        self._fill_formats()
        scope = self._scope()
        custom = self.size.currentData() is None
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        self._form.setRowVisible(self.range_row, scope != "still")
        self.format.setEnabled(scope != "deck")
        self.overlays["title"].setEnabled(scope != "deck")  # slide text on a deck
        self.overlays["date"].setEnabled(scope != "deck")
        self.overlays["citation"].setEnabled(scope != "deck")  # in the speaker notes
        self._preview_timer.start()

    # -- options → the CLI's request ----------------------------------------------------------

    def options(self, target: Path | None = None):
        """The export as ``geohist export`` options (see ``geohist.commands.export``)."""
        scope = self._scope()
        size = self.size.currentData() or (self.width_box.value(), self.height_box.value())
        values = {
            "size": f"{size[0]}x{size[1]}",
            "scale": self.scale.currentData(),
            "lang": self.language.currentData(),
            "overlays": ",".join(n for n, box in self.overlays.items() if box.isChecked()),
            "frame": "events" if self.zoom.isChecked() else "data",
            "afterglow": getattr(self.window_, "afterglow_days", 365),
        }
        if scope == "still":
            values["at"] = iso_day(self.window_.state.day)
            values["output"] = target
        else:
            values.update(
                first=self.first.text().strip() or None, last=self.last.text().strip() or None
            )
            values["tag"] = [self.tag.currentData()] if self.tag.currentData() else []
        if scope == "each":
            values.update(each_event=True, output=target, format=self.format.currentData())
        elif scope == "deck":
            values.update(each_event=True, pptx=target)
        elif scope == "animation":
            pace = self.pace.currentData()
            values.update(fps=float(self.fps.value()), output=target)
            values[pace] = self.seconds.value()
        return command.options(**values)

    def _request(self, preview: bool):
        target = Path(self.target.text()).expanduser() if self.target.text().strip() else None
        if not preview and target is None:
            raise GeohistError(self.t("need_target"))
        return command.build_request(self.options(target), self.window_.catalog, preview=preview)

    # -- preview ------------------------------------------------------------------------------

    def _page_path(self, basemap: str) -> Path:
        if basemap not in self._pages:
            cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
            folder = Path(cache or ".") / f"export-page-{basemap}"
            self._pages[basemap] = renderer.export_page(folder, basemap)
        return self._pages[basemap]

    def _render_preview(self) -> None:
        if self._job is not None:
            return  # one web view at a time while exporting
        try:
            request, catalog = self._request(preview=True)
        except GeohistError as exc:
            self._say(str(exc))
            self.export_button.setEnabled(False)
            return
        self.message.clear()
        self.export_button.setEnabled(True)
        _cancel(self._preview_job)
        first = request.frames[:1]
        small = type(request)(request.spec, first, (), request.fps)
        zoom = renderer.preview_zoom(request.spec, PREVIEW_WIDTH)
        job = renderer.start_export(
            small, catalog, self._page_path(request.spec.basemap), zoom=zoom, parent=self
        )
        job.pictureReady.connect(self._show_preview)
        job.finished.connect(lambda *_: job.deleteLater())
        self._preview_job = job

    def _show_preview(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image).scaled(
            self.preview.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pixmap)
        self.preview_ready.emit()

    @property
    def current_job(self) -> renderer.ExportJob | None:
        """The export running now (not the preview), if any."""
        return self._job

    # -- export -------------------------------------------------------------------------------

    def _choose_target(self) -> None:
        scope, fmt = self._scope(), self.format.currentData()
        start = self.target.text() or str(Path.home())
        if scope == "each":
            folder = QFileDialog.getExistingDirectory(self, self.t("folder"), start)
            if folder:
                self.target.setText(folder)
            return
        suffix = {"jpeg": ".jpg"}.get(fmt, f".{fmt}")
        name, _ = QFileDialog.getSaveFileName(
            self, self.t("save_to"), start, f"{fmt.upper()} (*{suffix})"
        )
        if name:
            self.target.setText(name if name.lower().endswith(suffix) else name + suffix)

    def _start_export(self) -> None:
        try:
            request, catalog = self._request(preview=False)
        except GeohistError as exc:
            self._say(str(exc))
            return
        _cancel(self._preview_job)
        progress = QProgressDialog(self.t("working"), self.t("cancel"), 0, request.total, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)
        job = renderer.start_export(
            request, catalog, self._page_path(request.spec.basemap), parent=self
        )
        job.progress.connect(lambda done, _total: progress.setValue(done))
        progress.canceled.connect(job.cancel)
        job.finished.connect(self._on_finished)
        self._job, self._progress = job, progress
        self.export_button.setEnabled(False)

    def _on_finished(self, ok: bool, message: str) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
        job, self._job, self._progress = self._job, None, None
        if job is not None:
            job.deleteLater()
        self.export_button.setEnabled(True)
        if ok:
            self._say(f"{self.t('done')}: {message}", error=False)
        elif message != renderer.CANCELLED:
            self._say(f"{self.t('failed')}: {message}")

    def _say(self, text: str, error: bool = True) -> None:
        self.message.setStyleSheet(f"color: {'#b3261e' if error else '#2f6f3e'};")
        self.message.setText(text)

    def reject(self) -> None:
        """Closing cancels any work: unfinished files are removed."""
        _cancel(self._job)
        _cancel(self._preview_job)
        super().reject()


def _cancel(job: renderer.ExportJob | None) -> None:
    """Cancel ``job`` if it still exists and runs (finished jobs delete themselves)."""
    if job is not None and shiboken6.isValid(job) and job.running:
        job.cancel()


def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    return row


def open_export_dialog(window) -> ExportDialog:
    """File ▸ Export… (Ctrl+E): this date, one image per event, or a slide deck."""
    dialog = ExportDialog(window, "still")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_animation_dialog(window) -> ExportDialog:
    """File ▸ Export animation…: the timeline playback as MP4 or GIF."""
    dialog = ExportDialog(window, "animation")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
