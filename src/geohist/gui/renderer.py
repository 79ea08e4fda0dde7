"""The one renderer behind every export, for the window and ``geohist export`` alike.

:class:`SnapshotRenderer` owns one ``MapView`` that is shown (Chromium gives hidden pages no
animation frames) but never on screen (``WA_DontShowOnScreen``). Its page is laid out at the
export's layout size and zoomed with ``setZoomFactor`` *before* the page loads, so the map has
the same framing at every scale while Leaflet draws its canvas at the zoomed device pixel
ratio (Leaflet reads the ratio once, at load): 1920×1080 at scale 2 is a crisp 3840×2160, and
a preview at zoom 0.25 is the same picture in miniature.

A frame is: fit the view, select the event, set the time, then grab until the widget shows
that step (a stamp colour below the map, cropped off), so the same inputs give the same
pixels. Overlays are painted with QPainter from ``geohist.export.layout``. :class:`ExportJob`
walks a plan asynchronously — no blocking waits, cancellable — and hands pictures to sinks;
encoding runs on one worker thread (PNG encoding costs ~60 ms a frame at 1920×1080 and
releases the GIL). Files are written with ``atomic_path``.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QIODevice,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from geohist import paths
from geohist.atomic import WriteError, atomic_path
from geohist.export import formats, layout
from geohist.export.layout import ExportSpec, Layout
from geohist.export.plan import Bounds, ExportRequest, Frame
from geohist.gui.map_widget import MapView
from geohist.gui.pyside_fixes import guard_singleton_refcounts
from geohist.mapview.payload import catalog_payload
from geohist.model.catalog import EventCatalog

READY_TIMEOUT_MS = 60_000  # a cold QtWebEngine start on two busy cores can take seconds
FRAME_TIMEOUT_MS = 30_000
MAX_IN_FLIGHT = 2  # pictures waiting for the encoder (a 4K frame is 33 MB)
PDF_DPI = 144  # layout pixels per inch: 1920×1080 is a 13.33×7.5 in page (a 16:9 slide)
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica", "Arial"]
STAMP_CSS_PX = 6
POLL_MS = 15
_STAMPS = ((255, 0, 0), (0, 200, 0), (0, 0, 255))
# Export set-up, run once the page is ready: hide the zoom buttons and the page's own legend
# (the export paints its legend itself), make room for the stamp strip below the map.
_SETUP_JS = """(function () {
  var controls = document.querySelector('.leaflet-control-container');
  if (controls) controls.style.display = 'none';
  var map = geohist.map, box = map.getContainer();
  box.style.height = 'calc(100% - STRIPpx)';
  var stamp = document.createElement('div');
  stamp.id = 'gh-export-stamp';
  stamp.style.cssText = 'position:fixed;left:0;right:0;bottom:0;height:STRIPpx;' +
    'background:#000;z-index:2147483647';
  document.body.appendChild(stamp);
  map.invalidateSize({animate: false, pan: false});
  return true;
})()"""
_STAMP_JS = """requestAnimationFrame(function () { requestAnimationFrame(function () {
  document.getElementById('gh-export-stamp').style.background = 'COLOUR';
}); });"""
# Share of the map kept free around fitted places (left, top, right, bottom): labels open to
# the right of their place and the legend sits bottom right.
FIT_MARGINS = (0.08, 0.14, 0.2, 0.2)


# -- the page renderer --------------------------------------------------------------------------


class SnapshotRenderer(QObject):
    """An offscreen map of exactly ``pixel_size`` pixels, ``zoom`` pixels per CSS pixel.

    Knowing when a step is in the widget: after ``framePainted`` the page shows a stamp, a
    colour strip below the map whose colour changes every step; the grab that shows the new
    colour holds the whole step (canvas and labels are painted in that same frame or before).
    The strip is cropped off. Waiting for two equal grabs instead fails at 4K, where a frame can
    take longer to arrive than the wait between grabs.
    """

    ready = Signal()
    failed = Signal(str)

    def __init__(
        self, page: Path, pixel_size: tuple[int, int], zoom: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        guard_singleton_refcounts()
        self._page, self.pixel_size, self._zoom = Path(page), pixel_size, float(zoom)
        self.view: MapView | None = None
        self._strip = max(2, round(STAMP_CSS_PX * self._zoom))  # device pixels below the map
        self._start_args: tuple[dict[str, Any], str, int] | None = None
        self._callback: Callable[[QImage], None] | None = None
        self._wanted = self._steps = self._grabs = 0
        self._bounds: Bounds | None = None
        self._deadline = QTimer(self, singleShot=True)
        self._deadline.timeout.connect(self._on_timeout)
        self._poll = QTimer(self, singleShot=True, interval=POLL_MS)
        self._poll.timeout.connect(self._grab_when_stamped)

    def start(self, payload: dict[str, Any], *, lang: str, afterglow_days: int) -> None:
        """Create the view and load the page; the data follow once it is set up; then ``ready``."""
        view = MapView()
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        view.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app open
        ratio = view.devicePixelRatioF() or 1.0  # a HiDPI screen multiplies what grab() returns
        width, height = self.pixel_size
        view.setZoomFactor(self._zoom / ratio)  # before loading: Leaflet reads the ratio once
        view.resize(math.ceil(width / ratio), math.ceil((height + self._strip) / ratio))
        view.show()
        view.bridge.ready.connect(self._on_ready)
        view.bridge.framePainted.connect(self._on_painted)
        self.view = view
        self._start_args = (payload, lang, afterglow_days)
        view.load_page(self._page)
        self._deadline.start(READY_TIMEOUT_MS)

    def render(
        self,
        day: int,
        selected: str | None,
        bounds: Bounds | None,
        callback: Callable[[QImage], None],
    ) -> None:
        """Show ``day`` with ``selected`` emphasised, fitted to ``bounds`` (south, west, north,
        east) unless None; ``callback`` gets the map's pixels."""
        assert self.view is not None and self._callback is None
        self._callback, self._grabs = callback, 0
        if bounds is not None and bounds != self._bounds:  # before the step, without animation
            self._bounds = bounds
            south, west, north, east = bounds
            corners = json.dumps([[south, west], [north, east]])
            self.view.eval_js(f"geohist.map.fitBounds({corners}, {self._fit_options()});")
        self.view.select_event(selected)
        self._wanted = self.view.set_time(day)
        self._steps += 1
        colour = "rgb({},{},{})".format(*_STAMPS[self._steps % len(_STAMPS)])
        self.view.eval_js(_STAMP_JS.replace("COLOUR", colour))
        self._deadline.start(FRAME_TIMEOUT_MS)

    def _fit_options(self) -> str:
        width, height = (side / self._zoom for side in self.pixel_size)  # CSS pixels
        left, top, right, bottom = FIT_MARGINS
        return json.dumps(
            {
                "animate": False,
                "paddingTopLeft": [round(left * width), round(top * height)],
                "paddingBottomRight": [round(right * width), round(bottom * height)],
                "maxZoom": 5,
            }
        )

    def close(self) -> None:
        """Delete the view (before the QApplication goes: QtWebEngine crashes at exit else)."""
        self._deadline.stop()
        self._poll.stop()
        self._callback = None
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
            self.view = None

    def _on_ready(self) -> None:
        assert self.view is not None and self._start_args is not None
        self._deadline.stop()
        payload, lang, afterglow_days = self._start_args
        css = self._strip / self._zoom
        self.view.eval_js(_SETUP_JS.replace("STRIP", f"{css:.4f}"))
        # After the set-up, so that the page frames the data in the map's final size.
        self.view.set_options(afterglow_days=afterglow_days, auto_frame=False, lang=lang)
        self.view.set_payload(payload)
        self.view.eval_js("true", lambda _result: self.ready.emit())

    def _on_painted(self, seq: int) -> None:
        if self._callback is not None and seq >= self._wanted and not self._poll.isActive():
            self._poll.start()

    def _grab_when_stamped(self) -> None:
        if self._callback is None or self.view is None:
            return
        image = self.view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        self._grabs += 1
        if not self._stamped(image):
            self._poll.start()
            return
        self._deadline.stop()
        callback, self._callback = self._callback, None
        callback(self._map_pixels(image))

    def _stamped(self, image: QImage) -> bool:
        ratio = image.height() / (self.pixel_size[1] + self._strip)
        y = image.height() - max(1, round(self._strip * ratio / 2))
        colour = image.pixelColor(image.width() // 2, y)
        want = _STAMPS[self._steps % len(_STAMPS)]
        got = (colour.red(), colour.green(), colour.blue())
        return all(abs(a - b) < 60 for a, b in zip(got, want, strict=True))

    def _map_pixels(self, image: QImage) -> QImage:
        ratio = image.height() / (self.pixel_size[1] + self._strip)
        image = image.copy(0, 0, image.width(), round(self.pixel_size[1] * ratio))
        image.setDevicePixelRatio(1.0)
        width, height = self.pixel_size
        if (image.width(), image.height()) != (width, height):  # fractional screen ratios
            image = image.scaled(width, height, mode=Qt.TransformationMode.SmoothTransformation)
        return image

    def _on_timeout(self) -> None:
        what = "draw the date" if self._callback else "become ready"
        self._callback = None
        self.failed.emit(f"the map page did not {what} in time")


# -- overlays -----------------------------------------------------------------------------------


def overlay_font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same at every scale
    return font


def qt_measure(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Text width in layout pixels with the font the overlays are painted in."""
    return QFontMetricsF(overlay_font(size, bold, italic)).horizontalAdvance(text)


def compose(map_image: QImage, frame_layout: Layout, zoom: float) -> QImage:
    """The finished picture: the map in its rectangle and the overlays around and over it."""
    size = round(frame_layout.width * zoom), round(frame_layout.height * zoom)
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(layout.FOOTER_FILL))
    painter = QPainter(image)
    paint_frame(painter, map_image, frame_layout, zoom)
    painter.end()
    return image


def paint_frame(painter: QPainter, map_image: QImage, frame_layout: Layout, zoom: float) -> None:
    """Paint onto any device whose units are output pixels (an image, or a PDF page)."""
    hints = QPainter.RenderHint
    painter.setRenderHints(
        hints.Antialiasing | hints.TextAntialiasing | hints.SmoothPixmapTransform
    )
    r = frame_layout.map_rect
    painter.drawImage(QRectF(r.x * zoom, r.y * zoom, r.w * zoom, r.h * zoom), map_image)
    painter.save()
    painter.scale(zoom, zoom)
    _paint_overlays(painter, frame_layout)
    painter.restore()


def _rect(r: layout.Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def _paint_overlays(painter: QPainter, lay: Layout) -> None:
    rule = QPen(QColor("#d9d4c7"), max(1.0, lay.height / 1080))
    if lay.header is not None:
        painter.fillRect(_rect(lay.header), QColor(layout.HEADER_FILL))
        painter.setPen(rule)
        painter.drawLine(QPointF(0, lay.header.bottom), QPointF(lay.width, lay.header.bottom))
    if lay.footer is not None:
        painter.fillRect(_rect(lay.footer), QColor(layout.FOOTER_FILL))
        painter.setPen(rule)
        painter.drawLine(QPointF(0, lay.footer.y), QPointF(lay.width, lay.footer.y))
    if lay.date_pill is not None:
        pill = _rect(lay.date_pill)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(layout.ACCENT))
        painter.drawRoundedRect(pill, pill.height() * 0.22, pill.height() * 0.22)
    if lay.legend is not None:
        _paint_legend(painter, lay.legend)
    for text in lay.texts:
        _paint_text(painter, text)


def _paint_text(painter: QPainter, text: layout.Text) -> None:
    font = overlay_font(text.size, text.bold, text.italic)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(QColor(text.color))
    align = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight}.get(
        text.align, Qt.AlignmentFlag.AlignHCenter
    )
    r = text.rect
    for i, line in enumerate(text.lines):
        box = QRectF(r.x, r.y + i * text.line_height, r.w, text.line_height)
        shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, r.w + 0.5)
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


def _paint_legend(painter: QPainter, legend: layout.Legend) -> None:
    box = _rect(legend.rect)
    painter.setPen(QPen(QColor("#d9d4c7"), legend.size / 15))
    painter.setBrush(QColor(layout.PANEL_FILL))
    painter.drawRoundedRect(box, legend.padding / 2, legend.padding / 2)
    x, y = box.x() + legend.padding, box.y() + legend.padding
    painter.setFont(overlay_font(legend.size, bold=True))
    painter.setPen(QColor(layout.INK))
    title_h = legend.size * 1.4
    painter.drawText(
        QRectF(x, y, box.width(), title_h), int(Qt.AlignmentFlag.AlignVCenter), legend.title
    )
    painter.setFont(overlay_font(legend.size))
    for i, (kind, label) in enumerate(legend.rows):
        top = y + title_h + i * legend.row_height
        centre = QPointF(x + legend.swatch / 2, top + legend.row_height / 2)
        _paint_swatch(painter, kind, centre, legend.swatch)
        painter.setPen(QColor("#323f4b"))
        text_x = x + legend.swatch + legend.size * 0.6
        row = QRectF(text_x, top, box.right() - text_x, legend.row_height)
        painter.drawText(row, int(Qt.AlignmentFlag.AlignVCenter), label)


def _paint_swatch(painter: QPainter, kind: str, centre: QPointF, size: float) -> None:
    """The page's legend swatches (resources/geohist-map.css), drawn with QPainter."""
    accent, r = QColor(layout.ACCENT), size / 2
    painter.save()
    if kind == "region":
        painter.setPen(QPen(accent, size / 10))
        painter.setBrush(QColor(228, 87, 46, 77))
        painter.drawRoundedRect(QRectF(centre.x() - r, centre.y() - r, size, size), 2, 2)
    elif kind == "place":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(95, 107, 122, 180))
        painter.drawEllipse(centre, size * 0.2, size * 0.2)
    else:
        fill, pen = {
            "active": (accent, QPen(QColor("white"), size / 7.5)),
            "fading": (QColor(228, 87, 46, 90), QPen(QColor(255, 255, 255, 153), size / 7.5)),
            "soft": (QColor(240, 147, 122, 140), QPen(accent, size / 7.5, Qt.PenStyle.DashLine)),
        }[kind]
        if kind == "active":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(228, 87, 46, 64))
            painter.drawEllipse(centre, r + size / 5, r + size / 5)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(centre, r - size / 15, r - size / 15)
    painter.restore()


# -- still-image writers (registered in geohist.export.formats) ---------------------------------


@dataclass(frozen=True, slots=True)
class Picture:
    """A rendered frame: the map's pixels, the overlay layout and the composed image."""

    map_image: QImage
    layout: Layout
    zoom: float
    image: QImage

    @property
    def size(self) -> tuple[int, int]:
        return self.image.width(), self.image.height()

    def rgb(self) -> bytes:
        """The composed image as packed RGB24 rows (what GIF and MP4 writers take)."""
        image = self.image.convertToFormat(QImage.Format.Format_RGB888)
        width, height, line = image.width(), image.height(), image.bytesPerLine()
        data = bytes(image.constBits())
        if line == width * 3:
            return data[: line * height]
        return b"".join(data[y * line : y * line + width * 3] for y in range(height))


def _raster_writer(qt_format: str) -> Callable[[Picture, Path, ExportSpec], None]:
    def write(picture: Picture, target: Path, spec: ExportSpec) -> None:
        quality = spec.jpeg_quality if qt_format == "JPEG" else -1
        with atomic_path(target) as tmp:
            if not picture.image.save(str(tmp), qt_format, quality):
                raise WriteError(f"{target}: Qt could not encode the {qt_format} image")

    return write


def write_pdf(picture: Picture, target: Path, spec: ExportSpec) -> None:
    """A one-page PDF: the map as a raster image, the overlay text as vector text.

    The page is the layout size at ``PDF_DPI`` (1920×1080 → 13.33×7.5 in), so the map image
    has 144 dpi at scale 1 and 288 dpi at scale 2.
    """
    lay, zoom = picture.layout, picture.zoom
    # QPdfWriter ignores failed writes (a full disk gives a truncated "success"), so the PDF is
    # made in memory and written by Python, whose writes raise.
    pdf = QBuffer()
    pdf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(pdf)
    writer.setCreator("geohist")
    writer.setTitle(next((t.lines[0] for t in lay.texts if t.role == "title"), "geohist map"))
    writer.setResolution(round(PDF_DPI * zoom))
    page = QSizeF(lay.width / PDF_DPI, lay.height / PDF_DPI)
    exact = QPageSize.SizeMatchPolicy.ExactMatch
    writer.setPageSize(QPageSize(page, QPageSize.Unit.Inch, "geohist", exact))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter(writer)
    if not painter.isActive():
        raise WriteError(f"{target}: Qt could not start a PDF")
    painter.fillRect(QRectF(0, 0, lay.width * zoom, lay.height * zoom), QColor("white"))
    paint_frame(painter, picture.map_image, lay, zoom)
    painter.end()
    del writer
    with atomic_path(target) as tmp:
        tmp.write_bytes(pdf.data().data())


formats.register_writer("png", _raster_writer("PNG"))
formats.register_writer("jpeg", _raster_writer("JPEG"))
formats.register_writer("pdf", write_pdf)


# -- a whole export -----------------------------------------------------------------------------

CANCELLED = "cancelled"


def export_page(directory: Path, basemap: str = "50m") -> Path:
    """Build (or reuse) the map page for exports in ``directory``."""
    from geohist.mapview.page import build_map_page

    return build_map_page(Path(directory), basemap=paths.basemap_file(basemap))


class ExportJob(QObject):
    """Renders the frames of an ``ExportRequest`` into its outputs, one frame at a time.

    ``progress(done, total)`` counts output frames written; ``finished(ok, message)`` comes
    exactly once (``message`` is a summary, an error, or ``"cancelled"``). A request with no
    outputs only emits ``pictureReady`` (the dialog's preview). The job deletes its view when it
    finishes.
    """

    progress = Signal(int, int)
    pictureReady = Signal(QImage)
    finished = Signal(bool, str)
    _settled = Signal()  # a worker-thread task completed (emitted from that thread)

    def __init__(
        self,
        request: ExportRequest,
        catalog: EventCatalog,
        page: Path,
        *,
        zoom: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.request, self._catalog = request, catalog
        spec = request.spec
        self.zoom = float(zoom or spec.scale)  # output pixels per layout pixel
        area = layout.map_rect(spec)
        size = round(area.w * self.zoom), round(area.h * self.zoom)
        page_zoom = min(5.0, max(0.25, self.zoom * layout.page_zoom(spec)))  # Chromium's range
        self.renderer = SnapshotRenderer(page, size, page_zoom, self)
        self.renderer.ready.connect(self._next)
        self.renderer.failed.connect(self._fail)
        self._sinks: list[formats.Sink] = []
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="geohist-export")
        self._tasks: list[tuple[Future, str, int]] = []  # (future, kind, output frames)
        self._index = 0
        self.done = 0
        self._state = "idle"  # loading, rendering, waiting, closing, ended
        self._error: str | None = None
        self._settled.connect(self._on_settled, Qt.ConnectionType.QueuedConnection)

    @property
    def total(self) -> int:
        return self.request.total

    @property
    def running(self) -> bool:
        return self._state not in ("idle", "ended")

    def start(self) -> None:
        """Open the outputs, then load the page; errors arrive through ``finished``."""
        spec = self.request.spec
        try:
            self._sinks = formats.open_sinks(self.request, self._catalog)
        except Exception as exc:  # reported to the user as one line
            self._state = "closing"
            message = _message(exc)
            QTimer.singleShot(0, lambda: self._end(False, message))
            return
        self._state = "loading"
        payload = catalog_payload(self._catalog, spec.lang, spec.afterglow_days)
        self.renderer.start(payload, lang=spec.lang, afterglow_days=spec.afterglow_days)

    def cancel(self) -> None:
        """Stop as soon as possible; unfinished output files are removed."""
        self._fail(CANCELLED)

    def _next(self) -> None:
        if self._state in ("closing", "ended"):
            return
        in_flight = sum(1 for _f, kind, _n in self._tasks if kind == "frame")
        done = self._index >= len(self.request.frames)
        if in_flight >= MAX_IN_FLIGHT or (done and in_flight):
            self._state = "waiting"  # for the encoder; finishing waits for every frame
            return
        if done:
            self._state = "closing"
            self._submit("finish", self._finish_sinks, main=False)
            return
        self._state = "rendering"
        frame = self.request.frames[self._index]
        bounds = frame.bounds if self.request.spec.framing == "events" else None
        self.renderer.render(frame.day, frame.selected, bounds, self._on_map)

    def _on_map(self, map_image: QImage) -> None:
        frame = self.request.frames[self._index]
        self._index += 1
        frame_layout = layout.layout_overlays(self.request.spec, frame.caption, qt_measure)
        image = compose(map_image, frame_layout, self.zoom)
        self.pictureReady.emit(image)
        picture = Picture(map_image, frame_layout, self.zoom, image)
        main = any(sink.main_thread for sink in self._sinks)
        self._submit("frame", lambda: self._add(frame, picture), main=main, count=frame.repeat)
        QTimer.singleShot(0, self._next)

    def _add(self, frame: Frame, picture: Picture) -> None:
        for sink in self._sinks:
            sink.add(frame, picture)

    def _finish_sinks(self) -> str:
        return "; ".join(sink.finish() for sink in self._sinks)

    def _abort_sinks(self) -> None:
        for sink in self._sinks:
            sink.abort()

    def _submit(self, kind: str, work: Callable[[], Any], *, main: bool, count: int = 0) -> None:
        if main:  # QPainter text on a PDF belongs to the GUI thread
            future: Future = Future()
            try:
                future.set_result(work())
            except Exception as exc:
                future.set_exception(exc)
            QTimer.singleShot(0, self._on_settled)
        else:
            future = self._executor.submit(work)
            future.add_done_callback(lambda _f: self._emit_settled())
        self._tasks.append((future, kind, count))

    def _emit_settled(self) -> None:
        """Called on the worker thread; the job may be gone if its dialog was closed."""
        if shiboken6.isValid(self):
            self._settled.emit()

    def _on_settled(self) -> None:
        while self._tasks and self._tasks[0][0].done() and self._state != "ended":
            future, kind, count = self._tasks.pop(0)
            error = future.exception()
            if kind == "abort":
                self._end(False, self._error or CANCELLED)
            elif error is not None:
                self._fail(_message(error))
            elif kind == "finish":
                self._end(True, future.result() or "done")
            elif self._error is None:
                self.done += count
                self.progress.emit(self.done, self.total)
        if self._state == "waiting":
            self._next()

    def _fail(self, message: str) -> None:
        if self._state in ("ended",) or self._error is not None:
            return
        self._error = message
        self._state = "closing"
        self.renderer.close()
        self._submit("abort", self._abort_sinks, main=False)

    def _end(self, ok: bool, message: str) -> None:
        if self._state == "ended":
            return
        self._state = "ended"
        self.renderer.close()
        self._executor.shutdown(wait=False)
        self.finished.emit(ok, message)


def _message(exc: BaseException) -> str:
    from geohist.errors import GeohistError

    if isinstance(exc, GeohistError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return f"{type(exc).__name__}: {exc}"


def start_export(
    request: ExportRequest,
    catalog: EventCatalog,
    page: Path,
    *,
    zoom: float | None = None,
    parent: QObject | None = None,
) -> ExportJob:
    """Create and start the job: the one code path of the window and the CLI."""
    job = ExportJob(request, catalog, page, zoom=zoom, parent=parent)
    job.start()
    return job


def preview_zoom(spec: ExportSpec, width: int = 960) -> float:
    """A zoom that shows the spec's layout about ``width`` pixels wide (Chromium: 0.25–5)."""
    return min(1.0, max(0.25 / layout.page_zoom(spec), width / spec.width))


def temporary_page_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="geohist-page-")
