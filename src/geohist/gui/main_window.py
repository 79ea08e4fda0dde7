"""The main window: wires the map, timeline, event list and details to one TimelineState."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from geohist import heap, paths
from geohist.gui import menus, opening
from geohist.gui.details_panel import DetailsPanel
from geohist.gui.event_list import EventList
from geohist.gui.map_widget import MapView, load_script
from geohist.gui.plain_text import warn
from geohist.gui.steady_label import SteadyLabel
from geohist.gui.strings import tr
from geohist.gui.timeline_widget import PlaybackBar, QtTimeline
from geohist.mapview.payload import DEFAULT_AFTERGLOW_DAYS, catalog_payload, label_columns
from geohist.model.catalog import EventCatalog
from geohist.model.event import rebase_source
from geohist.timeline import TimelineState


class PreparedPayload(NamedTuple):
    """A catalog's payload script, as a loading thread made it."""

    catalog: EventCatalog
    lang: str
    afterglow_days: int
    script: str


class MainWindow(QMainWindow):
    """Holds no truth of its own: the catalog and the TimelineState do."""

    map_ready = Signal()
    catalog_shown = Signal()  # a file (or the bundled history) is now what the window shows

    def __init__(self, lang: str = "en", remember: bool = True) -> None:
        super().__init__()
        self.settings = QSettings() if remember else None
        self.lang = self._setting("view/lang", lang) if remember else lang
        self.source: Path | None = None
        self.catalog = EventCatalog([])
        self.state = TimelineState(self.catalog, self.lang)
        self.afterglow_days = DEFAULT_AFTERGLOW_DAYS
        self.auto_frame = False
        self._map_ready = False
        self._selected: str | None = None
        self.extra_places: list = []
        self.unsaved = False
        self._prepared: PreparedPayload | None = None  # the latest load's, set in its thread
        self.setWindowTitle("geohist")  # until a file is shown
        self._build_widgets()
        self._connect()
        menus.build(self)
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self._restore_layout()
        self._load_map_page()

    # -- construction -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.map = MapView(self)
        self.timeline = QtTimeline(self.state)
        self.playback = PlaybackBar(self.state)
        self.event_list = EventList(self.catalog, self.lang)
        self.details = DetailsPanel(self.catalog, self.lang)
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.playback)
        column.addWidget(self.timeline, 1)
        self.playback.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.map)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([640, 220])
        split.setCollapsible(0, False)
        self.setCentralWidget(split)
        self.events_dock = self._dock("events", self.event_list)
        self.details_dock = self._dock("details", self.details)
        self.status_label = SteadyLabel()
        self.statusBar().addPermanentWidget(self.status_label)

    def _dock(self, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(tr(f"dock_{name}", self.lang), self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _connect(self) -> None:
        self.state.day_changed.connect(self._on_day_changed)
        self.map.bridge.ready.connect(self._on_map_ready)
        self.map.page().renderProcessTerminated.connect(self._on_renderer_died)
        self.map.bridge.placeClicked.connect(self._on_place_clicked)
        self.event_list.eventActivated.connect(self.select_event)
        self.timeline.eventClicked.connect(self.select_event)
        self.details.eventLinkActivated.connect(self.select_event)

    def _load_map_page(self) -> None:
        from PySide6.QtCore import QStandardPaths

        from geohist.mapview.page import cached_map_page

        cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
        page = cached_map_page(Path(cache or ".") / "page", basemap=paths.basemap_file("110m"))
        self._page_path = page
        self.map.load_page(page)

    # -- data ---------------------------------------------------------------------------------

    def open_initial(self, background: bool = False) -> None:
        """The last file the user had open, else the bundled seed history.

        Neither asks anything: problems are printed and the next choice is opened. With
        ``background`` the file is read off the GUI thread, so the window shows and the map
        page loads meanwhile (at launch the page's own start-up takes as long as the reading).
        """
        last = self._setting("file/last", "")
        choices: list[Path | None] = [Path(last)] if last and Path(last).is_file() else []
        self._open_first_good([*choices, None], background)

    def _open_first_good(self, choices: Sequence[Path | None], background: bool) -> None:
        path, rest = choices[0], choices[1:]
        if not background:
            if not self.open_file(path, interactive=False) and rest:
                self._open_first_good(rest, background)
            return

        def show(catalog: EventCatalog, problems: list) -> None:
            for problem in problems:
                print(problem)
            if not problems:
                self._set_catalog(catalog, path)
            elif rest:
                self._open_first_good(rest, background)

        from geohist.gui.loading import AT_LAUNCH_SHOW_AFTER_MS, load_in_background

        def failed(message: str) -> None:
            print(message)
            if rest:
                self._open_first_good(rest, background)

        load_in_background(
            self,
            path,
            (),
            show,
            on_failed=failed,
            show_after_ms=AT_LAUNCH_SHOW_AFTER_MS,
            prepare=self._prepare_payload,
        )

    def open_file(
        self,
        path: Path | None,
        places: Sequence[Path] = (),
        interactive: bool = True,
        otherwise: Callable[[], object] | None = None,
        show_progress_after_ms: int | None = None,
    ) -> bool:
        """Load a file; on problems ask (or refuse) and keep the current data on screen.

        Interactive loads run off the GUI thread (cancellable, with progress after
        ``show_progress_after_ms``, see ``load_in_background``) and return True once started;
        ``otherwise`` runs if the file then shows nothing (it cannot be read, or the user
        declines its problems). Otherwise the file is read before returning, and True means it
        is shown.
        """
        name = str(path) if path else tr("bundled_history", self.lang)

        def show(catalog: EventCatalog, problems: list) -> bool:
            if problems:
                if not interactive:
                    for problem in problems:
                        print(problem)
                    return False
                # This load prepared no payload (see LoadWorker): one held is an earlier load's,
                # of no use whether the user accepts or declines, and megabytes at 100k events.
                self._prepared = None
                if not opening.accept_problems(self, name, catalog, problems, self.lang):
                    if otherwise is not None:
                        otherwise()
                    return False
            self._set_catalog(catalog, path)
            return True

        if not interactive:
            return show(*opening.load(path, places))
        from geohist.gui.loading import load_in_background

        def failed(message: str) -> None:
            warn(self, tr("loading_title", self.lang), message)
            if otherwise is not None:
                otherwise()

        load_in_background(
            self,
            path,
            places,
            show,
            on_failed=failed,
            show_after_ms=show_progress_after_ms,
            prepare=self._prepare_payload,
        )
        return True

    def _set_catalog(self, catalog: EventCatalog, path: Path | None) -> None:
        self.catalog, self.source = catalog, path
        self._selected = None
        self.state.set_catalog(catalog)
        self.event_list.set_catalog(catalog)
        self.details.set_catalog(catalog)
        if self._map_ready:  # otherwise _on_map_ready sends it
            self._push_payload()
            self.map.select_event(None)
        self._on_day_changed(self.state.day)
        title = path.name if path else tr("bundled_history", self.lang)
        self.setWindowTitle(f"{title} — geohist")
        if self.settings is not None:
            self.settings.setValue("file/last", str(path) if path else "")
        heap.settle(len(catalog))
        self.catalog_shown.emit()

    def add_events(self, events: list, places: Sequence = ()) -> None:
        """Join reviewed events (and the places they need) to what is on screen; unsaved."""
        from geohist.model.place import Gazetteer

        gazetteer = self.catalog.gazetteer.merged(Gazetteer.of(places))
        self.extra_places += list(places)
        self._set_catalog(EventCatalog([*self.catalog, *events], gazetteer), self.source)
        self.unsaved = True
        self.setWindowTitle(f"* {self.windowTitle()}")

    def save_events(self, path: Path) -> None:
        """Write the events on screen (and any places they added) as an events CSV.

        Raises ``WriteError`` (the old files untouched, the window still unsaved) on failure.
        """
        from geohist.datafiles.events_csv import write_events_csv

        old_dir = self.source.parent if self.source else paths.seeds_dir()
        if self.extra_places:  # first: events naming places that are nowhere would not load
            from geohist.ingest.output import write_places

            write_places(self.extra_places, path.with_suffix(".places.csv"))
        write_events_csv([rebase_source(e, old_dir, path.parent) for e in self.catalog], path)
        self.unsaved = False
        self.source = path
        self.setWindowTitle(f"{path.name} — geohist")

    def _push_payload(self) -> None:
        script = self._take_prepared()
        if script is None:
            script = load_script(catalog_payload(self.catalog, self.lang, self.afterglow_days))
        self.map.send_load_script(script)
        self.map.set_time(self.state.day)

    def _prepare_payload(self, catalog: EventCatalog) -> None:
        """In a loading thread: the page's payload for ``catalog``, made off the GUI thread.

        At 100k events it takes ~1.1 s of the ~1.8 s the window spent installing a catalog
        (the payload ~0.9, its JSON text ~0.25). The window uses it if the catalog is shown in
        the same language and afterglow, else makes it again.
        """
        lang, afterglow_days = self.lang, self.afterglow_days
        script = load_script(catalog_payload(catalog, lang, afterglow_days))
        self._prepared = PreparedPayload(catalog, lang, afterglow_days, script)

    def _take_prepared(self) -> str | None:
        """The prepared payload of the catalog on screen, if it fits its language and afterglow.

        One made for another catalog is kept: that catalog may be on its way (a push for the
        one on screen, as when the page becomes ready, must not drop it). A newer load replaces
        it; it holds megabytes of text, so it is let go once used.
        """
        prepared = self._prepared
        if prepared is None or prepared.catalog is not self.catalog:
            return None
        self._prepared = None
        if (prepared.lang, prepared.afterglow_days) != (self.lang, self.afterglow_days):
            return None
        return prepared.script

    # -- reactions ----------------------------------------------------------------------------

    def _on_map_ready(self) -> None:
        """(Re)send everything the page shows: after launch and after a renderer crash alike."""
        self._map_ready = True
        self.map.set_options(
            afterglow_days=self.afterglow_days, auto_frame=self.auto_frame, lang=self.lang
        )
        self._push_payload()
        self.map.select_event(self._selected)
        self.map_ready.emit()

    def _on_renderer_died(self, status, _exit_code: int) -> None:
        """Chromium's render process crashed or was killed: reload; the state is all in Python."""
        self._map_ready = False
        if status != status.NormalTerminationStatus:
            self.statusBar().showMessage(tr("map_reloaded", self.lang), 8000)
            QTimer.singleShot(0, self._reload_map_page)

    def _reload_map_page(self) -> None:
        if self._page_path.is_file():
            self.map.load_page(self._page_path)
        else:  # a newer version's launch removed it from the cache (see cached_map_page)
            self._load_map_page()

    def is_map_ready(self) -> bool:
        return self._map_ready

    def _on_day_changed(self, day: int) -> None:
        self.map.set_time(day)
        active = self.catalog.active_at(day)
        self.event_list.set_active({e.id for e in active})
        count = tr("active_count", self.lang).format(count=len(active))
        self.status_label.setText(f"{self.state.current_label()} · {count}")

    def _on_place_clicked(self, place_id: str) -> None:
        self.details.show_place(place_id)
        self.details_dock.raise_()

    def select_event(self, event_id: str) -> None:
        """Move time to the event and show it everywhere."""
        if event_id not in self.catalog:
            return
        self._selected = event_id
        self.state.set_day(self.catalog[event_id].first_day)
        self.details.show_event(event_id)
        self.event_list.select(event_id)
        self.map.select_event(event_id)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.state.set_lang(lang)
        self.event_list.set_lang(lang)
        self.details.set_lang(lang)
        self.events_dock.setWindowTitle(tr("dock_events", lang))
        self.details_dock.setWindowTitle(tr("dock_details", lang))
        menus.build(self)
        # The page takes the language with the new wording (relabel sets it and renders once);
        # before it is ready, _on_map_ready sends options and payload in ``lang``.
        if self._map_ready:
            self.map.relabel(label_columns(self.catalog, lang))
        self._on_day_changed(self.state.day)
        if self.settings is not None:
            self.settings.setValue("view/lang", lang)

    def set_map_options(
        self, afterglow_days: int | None = None, auto_frame: bool | None = None
    ) -> None:
        if afterglow_days is not None:
            self.afterglow_days = afterglow_days
        if auto_frame is not None:
            self.auto_frame = auto_frame
        self.map.set_options(afterglow_days=self.afterglow_days, auto_frame=self.auto_frame)

    # -- window life --------------------------------------------------------------------------

    def _setting(self, key: str, default: str) -> str:
        if self.settings is None:
            return default
        value = self.settings.value(key, default)
        return str(value) if value is not None else default

    def _restore_layout(self) -> None:
        if self.settings is None:
            return
        geometry, layout = (
            self.settings.value("window/geometry"),
            self.settings.value("window/state"),
        )
        if geometry:
            self.restoreGeometry(geometry)
        if layout:
            self.restoreState(layout)

    def closeEvent(self, event) -> None:
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
        self.playback.stop()
        # Worker threads are children of the window: one still running when it is deleted
        # aborts the app ("QThread: Destroyed while thread is still running").
        from geohist.gui import import_dialog, loading

        for run in loading.running(self):
            run.stop()
        import_dialog.stop_runs(self)
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            QTimer.singleShot(0, lambda: self.open_file(files[0]))
