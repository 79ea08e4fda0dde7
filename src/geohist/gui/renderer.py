"""The one renderer behind every export, for the window and ``geohist export`` alike.

:class:`ExportJob` walks a plan asynchronously — no blocking waits, cancellable: for each frame
it has :class:`~geohist.gui.snapshot_renderer.SnapshotRenderer` draw the map, composes the
overlays (``geohist.gui.snapshot_paint``) and hands the picture to the sinks of
``geohist.export.formats``. Encoding runs on one worker thread (PNG encoding costs ~60 ms a
frame at 1920×1080 and releases the GIL). Importing this module registers the still-image
writers (``geohist.gui.export_writers``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from geohist import paths
from geohist.export import formats, layout
from geohist.export.layout import ExportSpec
from geohist.export.plan import ExportRequest, Frame

# Also re-exported for callers from before the split: tests/test_atomic.py takes Picture,
# compose, write_pdf and _raster_writer from here, tests/gui/test_xss.py SnapshotRenderer.
from geohist.gui.export_writers import Picture, _raster_writer, write_pdf  # noqa: F401
from geohist.gui.snapshot_paint import compose, qt_measure
from geohist.gui.snapshot_renderer import SnapshotRenderer
from geohist.mapview.payload import catalog_payload
from geohist.model.catalog import EventCatalog

MAX_IN_FLIGHT = 2  # pictures waiting for the encoder (a 4K frame is 33 MB)
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
