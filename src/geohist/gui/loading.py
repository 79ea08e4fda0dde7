"""Load an events file off the GUI thread, with a progress dialog only when it takes a while.

Reading 100k events takes seconds of pure Python; done on the GUI thread it freezes the window.
The worker thread only builds plain Python objects (the catalog and its problems); they reach
the GUI thread as a queued signal, and the window changes only there.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from geohist.errors import GeohistError, Problem
from geohist.gui import opening
from geohist.gui.plain_text import plain_label, warn
from geohist.gui.strings import tr
from geohist.model.catalog import EventCatalog
from geohist.serial_import import serial_import

SHOW_AFTER_MS = 300  # a quick load should not flash a dialog
# At launch the window itself is still appearing, and reading the bundled history (numpy's
# import included) took 0.13-0.39 s here: a dialog after 300 ms flashed in one launch of three.
AT_LAUNCH_SHOW_AFTER_MS = 1500
THREAD_END_WAIT_MS = 2000  # the loader's thread has only its event loop left to end

OnLoaded = Callable[[EventCatalog, list[Problem]], object]
OnFailed = Callable[[str], object]
Prepare = Callable[[EventCatalog], object]


class LoadWorker(QObject):
    """Runs ``load_catalog`` in the worker thread; only plain Python objects leave it."""

    loaded = Signal(object, list)
    failed = Signal(str)

    def __init__(
        self, path: Path | None, places: Sequence[Path], prepare: Prepare | None = None
    ) -> None:
        super().__init__()
        self._path, self._places, self._prepare = path, list(places), prepare

    def run(self) -> None:
        try:
            serial_import("shapely")  # every load reads the bundled places' shapes
            catalog, problems = opening.load(self._path, self._places)
        except GeohistError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug or MemoryError: say so rather than spin forever
            traceback.print_exc()
            self.failed.emit(f"{self._path}: {type(exc).__name__}: {exc}")
            return
        # A file with problems is not shown unless the user accepts them: not made for nothing,
        # and its dialog is not kept waiting (at 100k events the payload takes ~1 s).
        if self._prepare is not None and len(catalog) and not problems:
            try:
                self._prepare(catalog)
            except Exception:  # a bug: the GUI thread will do the same work itself
                traceback.print_exc()
        self.loaded.emit(catalog, problems)


class LoadOptions(NamedTuple):
    """What ``load_in_background`` passes on to its ``CatalogLoad`` (see there)."""

    on_failed: OnFailed | None
    show_after_ms: int | None
    prepare: Prepare | None


class CatalogLoad(QObject):
    """One load owned by a window; ``on_loaded`` runs in the GUI thread unless cancelled.

    The reader cannot be interrupted, so Cancel drops the result: the data on screen stays and
    the thread ends on its own (the size limit in ``datafiles.textfile`` bounds how long).
    """

    done = Signal()  # in the GUI thread, when the result is in (or the load failed)

    def __init__(
        self,
        parent: QWidget,
        path: Path | None,
        places: Sequence[Path],
        on_loaded: OnLoaded,
        options: LoadOptions,
    ) -> None:
        super().__init__(parent)
        self._parent, self._on_loaded = parent, on_loaded
        self._report_failure = options.on_failed
        self._lang = getattr(parent, "lang", "en")
        self._name = str(path) if path else tr("bundled_history", self._lang)
        self.cancelled = False
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        show_after_ms = options.show_after_ms
        self._timer.setInterval(SHOW_AFTER_MS if show_after_ms is None else show_after_ms)
        self._timer.timeout.connect(self._show_progress)
        self.thread, self.worker = QThread(self), LoadWorker(path, places, options.prepare)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.loaded.connect(self._on_worker_loaded)
        self.worker.failed.connect(self._on_failed)
        self.thread.finished.connect(self.worker.deleteLater)

    @property
    def show_after_ms(self) -> int:
        """How long the load runs before its progress dialog appears."""
        return self._timer.interval()

    def start(self) -> None:
        self._timer.start()
        self.thread.start()

    def cancel(self) -> None:
        self.cancelled = True
        self._finish()

    def stop(self) -> None:
        """Cancel and wait for the thread: a QThread destroyed while running aborts the app."""
        self.cancel()
        self.thread.wait()

    def _show_progress(self) -> None:
        text = tr("loading_file", self._lang).format(name=self._name)
        dialog = QProgressDialog(text, tr("cancel", self._lang), 0, 0, self._parent)
        dialog.setLabel(plain_label(text))  # the file's name is data, never markup
        dialog.setWindowTitle(tr("loading_title", self._lang))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        self.dialog = dialog

    def _finish(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
        self.thread.quit()  # the thread ends once the worker's run returns

    def _end_thread(self) -> None:
        """After the worker's run returned: finish, and let its thread end before any dialog.

        Once a CI run hung in QMessageBox's constructor while the thread was still winding
        down (its worker is deleted there, which takes the GIL); wait() releases the GIL.
        """
        self._finish()
        self.thread.wait(THREAD_END_WAIT_MS)

    @Slot(object, list)
    def _on_worker_loaded(self, catalog: EventCatalog, problems: list) -> None:
        if self.cancelled:
            return
        self._end_thread()
        self.done.emit()
        self._later(lambda on_loaded=self._on_loaded: on_loaded(catalog, problems))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self.cancelled:
            return
        self._end_thread()
        self.done.emit()
        title = tr("loading_title", self._lang)
        report = self._report_failure or partial(warn, self._parent, title)
        self._later(lambda: report(message))

    @staticmethod
    def _later(call: Callable[[], object]) -> None:
        # From the event loop, not from this run's slot: a dialog's nested loop may delete the
        # run (its thread done) while the slot would still be on the stack.
        QTimer.singleShot(0, call)


def running(window: QObject) -> list[CatalogLoad]:
    """The loads of ``window`` whose thread has not ended (cancelled ones included)."""
    return [run for run in window.findChildren(CatalogLoad) if run.thread.isRunning()]


def load_in_background(
    window: QWidget,
    path: Path | None,
    places: Sequence[Path],
    on_loaded: OnLoaded,
    on_failed: OnFailed | None = None,
    show_after_ms: int | None = None,
    prepare: Prepare | None = None,
) -> CatalogLoad:
    """Start loading ``path``; a newer load replaces (cancels) any older one of the window.

    A file that cannot be read at all is reported to ``on_failed``, else in a warning dialog.
    A progress dialog appears if the load takes longer than ``show_after_ms`` (default
    ``SHOW_AFTER_MS``). ``prepare`` runs in the loading thread on a catalog read with events and
    no problems, before ``on_loaded``: work the window would otherwise do on its own thread.
    """
    for old in running(window):
        old.cancel()
    options = LoadOptions(on_failed, show_after_ms, prepare)
    run = CatalogLoad(window, path, places, on_loaded, options)
    run.thread.finished.connect(run.deleteLater)
    run.start()
    return run
