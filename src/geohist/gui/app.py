"""Start the window: environment, QApplication, data, and the screenshot mode.

QtWebEngine reads its Chromium flags once, before the QApplication exists, so everything
about the environment happens here first. The window and its web view are deleted before the
QApplication goes away: PySide6 + QtWebEngine crash at exit otherwise (see FINDINGS).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from geohist.gui.webengine_env import apply_chromium_flags


def configure_environment(headless: bool) -> None:
    """Offline Chromium flags; no sandbox as root (Chromium refuses to start otherwise); no
    stale PySide6 support files (see ``pyside_files``)."""
    from geohist import heap
    from geohist.gui import pyside_files

    heap.return_big_blocks()
    pyside_files.drop_if_stale()
    extra = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    if headless:
        extra.append("--disable-gpu")
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    apply_chromium_flags(extra)


def qt_application(headless: bool, test_mode: bool = False):
    """The QApplication the window runs in (the existing one, if any), environment set first.

    ``test_mode`` keeps settings and caches apart from the user's (benchmarks).
    """
    configure_environment(headless)
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from geohist.gui import pyside_fixes

    pyside_fixes.apply_all()  # PySide6 6.12 + CPython 3.11 would abort after ~1,000 signals
    if test_mode:
        QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("geohist")
    app.setOrganizationName("geohist")
    return app


def system_lang() -> str:
    """Indonesian when the system locale is Indonesian, else English."""
    from PySide6.QtCore import QLocale

    return "id" if QLocale.system().language() == QLocale.Language.Indonesian else "en"


def parse_size(text: str) -> tuple[int, int]:
    from geohist.errors import GeohistError

    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise GeohistError(f"--size {text!r}: write WIDTHxHEIGHT, e.g. 1440x900") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise GeohistError(f"--size {text!r}: width 320-8000, height 240-8000")
    return width, height


def run_app(args: argparse.Namespace) -> int:
    from geohist.model.time import HistoricalDate

    at_day = HistoricalDate.parse(args.at).first_day if args.at else None
    size = parse_size(args.size) if args.screenshot else None
    if args.screenshot:
        _check_writable(Path(args.screenshot))
    app = qt_application(headless=bool(args.screenshot))
    from PySide6.QtCore import Qt

    from geohist.gui.main_window import MainWindow

    window = MainWindow(lang=args.lang or system_lang(), remember=not args.screenshot)
    if at_day is not None:  # once the file is on screen: it may be read in the background
        window.catalog_shown.connect(
            lambda: window.state.set_day(at_day), Qt.ConnectionType.SingleShotConnection
        )
    code = _open_initial(window, args)
    if code:
        return shutdown(app, window, code)
    if args.screenshot:
        from geohist.gui.screenshot import ScreenshotJob

        window.resize(*size)
        job = ScreenshotJob(window, Path(args.screenshot))
        job.finished.connect(app.exit)
    window.show()
    return shutdown(app, window, app.exec())


def _open_initial(window, args: argparse.Namespace) -> int:
    """Open the file named on the command line (or the last or bundled one)."""
    if args.data is not None or args.places:
        if args.screenshot:
            return 0 if window.open_file(args.data, places=args.places, interactive=False) else 1
        from geohist.gui.loading import AT_LAUNCH_SHOW_AFTER_MS

        # a file that shows nothing leaves the window with what a plain launch shows
        window.open_file(
            args.data,
            places=args.places,
            otherwise=lambda: window.open_initial(background=True),
            show_progress_after_ms=AT_LAUNCH_SHOW_AFTER_MS,
        )
        return 0
    window.open_initial(background=not args.screenshot)
    return 0


def _check_writable(path: Path) -> None:
    from geohist.errors import GeohistError

    folder = path.resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise GeohistError(f"{path}: cannot write the screenshot there")


def shutdown(app, window, code: int) -> int:
    """Close the window and delete it (and its web view) while the QApplication still lives."""
    window.close()
    window.deleteLater()  # the web view goes with it, before the QApplication
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return int(code)
