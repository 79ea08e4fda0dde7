"""Screenshot mode: wait until the map has painted the chosen time, save the window, finish."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

# Generous: a cold QtWebEngine start on a busy 2-core machine can take several seconds.
TIMEOUT_MS = 60_000
SETTLE_MS = 150  # let Qt composite the last web frame into the widget before grabbing


class ScreenshotJob(QObject):
    """Emits ``finished(exit_code)``: 0 when the PNG is written, 3 on timeout or write error."""

    finished = Signal(int)

    def __init__(self, window, out: Path) -> None:
        super().__init__(window)
        self._window, self._out = window, out
        self._timeout = QTimer(self, singleShot=True, interval=TIMEOUT_MS)
        self._timeout.timeout.connect(self._on_timeout)
        self._timeout.start()
        window.map_ready.connect(self._on_map_ready)
        if window.is_map_ready():
            QTimer.singleShot(0, self._on_map_ready)

    def _on_map_ready(self) -> None:
        self._window.map.bridge.framePainted.connect(self._on_frame_painted)
        self._window.map.set_time(self._window.state.day)

    def _on_frame_painted(self, _seq: int) -> None:
        self._window.map.bridge.framePainted.disconnect(self._on_frame_painted)
        QTimer.singleShot(SETTLE_MS, self._save)

    def _save(self) -> None:
        self._timeout.stop()
        from geohist.atomic import atomic_path

        image = self._window.grab()
        try:
            with atomic_path(self._out) as tmp:
                if not image.save(str(tmp), "PNG"):
                    raise OSError("Qt could not encode the PNG")
        except Exception as exc:
            print(f"geohist: {self._out}: {exc}", file=sys.stderr)
            self.finished.emit(3)
            return
        print(f"geohist: saved {self._out} ({image.width()}x{image.height()})", file=sys.stderr)
        self.finished.emit(0)

    def _on_timeout(self) -> None:
        print(
            f"geohist: the map did not become ready within {TIMEOUT_MS // 1000} s", file=sys.stderr
        )
        self.finished.emit(3)
