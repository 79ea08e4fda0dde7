"""The offscreen map page every export grabs its map pixels from.

:class:`SnapshotRenderer` owns one ``MapView`` that is shown (Chromium gives hidden pages no
animation frames) but never on screen (``WA_DontShowOnScreen``). Its page is laid out at the
export's layout size and zoomed with ``setZoomFactor`` *before* the page loads, so the map has
the same framing at every scale while Leaflet draws its canvas at the zoomed device pixel
ratio (Leaflet reads the ratio once, at load): 1920×1080 at scale 2 is a crisp 3840×2160, and
a preview at zoom 0.25 is the same picture in miniature.

A frame is: fit the view, select the event, set the time, then grab until the widget shows
that step (a stamp colour below the map, cropped off), so the same inputs give the same
pixels. The overlays are painted afterwards (``geohist.gui.snapshot_paint``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from geohist.export.plan import Bounds
from geohist.gui import pyside_fixes
from geohist.gui.map_widget import MapView

READY_TIMEOUT_MS = 60_000  # a cold QtWebEngine start on two busy cores can take seconds
FRAME_TIMEOUT_MS = 30_000
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
        pyside_fixes.apply_all()
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
