"""The event list panel: search, tag and place filters over a sortable table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from geohist.gui.event_table import EVENT_ID_ROLE, EventTableModel
from geohist.gui.strings import tr
from geohist.model.catalog import EventCatalog

# While the user drags the timeline the list repaints at most this often: the map must follow
# every step within a frame, and a table repaint costs ~10 ms of the same GUI thread (the rows
# on screen that changed are repainted, see EventTableModel.set_active).
ACTIVE_REFRESH_MS = 200


class EventList(QWidget):
    """Emits ``eventActivated(id)`` when the user picks a row; mirrors the active events."""

    eventActivated = Signal(str)

    def __init__(self, catalog: EventCatalog, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.search = QLineEdit(clearButtonEnabled=True)
        self.tag_box = QComboBox()
        self.place_box = QComboBox()
        self.table = QTableView()
        self._layout()
        self._pending_active: set[str] | None = None
        self._active_timer = QTimer(self, singleShot=True, interval=ACTIVE_REFRESH_MS)
        self._active_timer.timeout.connect(self._apply_pending_active)
        self.set_catalog(catalog)
        self.search.textChanged.connect(self._on_filters_changed)
        self.tag_box.currentIndexChanged.connect(self._on_filters_changed)
        self.place_box.currentIndexChanged.connect(self._on_filters_changed)
        self.table.clicked.connect(self._on_row_activated)
        self.table.activated.connect(self._on_row_activated)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.tag_box, 1)
        filters.addWidget(self.place_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        table = self.table
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def set_catalog(self, catalog: EventCatalog) -> None:
        self._catalog = catalog
        old_model, old_selection = self.table.model(), self.table.selectionModel()
        self.model = EventTableModel(catalog, self._lang, self)
        self._pending_active = None
        self.table.setModel(self.model)
        for old in (old_model, old_selection):  # the view lets go of them but does not delete
            if old is not None:
                old.deleteLater()
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._fill_filter_boxes()
        self.table.resizeColumnToContents(0)

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        self.model.set_lang(lang)
        self._fill_filter_boxes()

    def _fill_filter_boxes(self) -> None:
        lang, catalog = self._lang, self._catalog
        self.search.setPlaceholderText(tr("filter_placeholder", lang))
        tags = sorted({t for e in catalog for t in e.tags})
        places = sorted(catalog.places(), key=lambda p: catalog.gazetteer[p].name(lang).casefold())
        for box, label, items in (
            (self.tag_box, tr("all_tags", lang), [(t, t) for t in tags]),
            (
                self.place_box,
                tr("all_places", lang),
                [(catalog.gazetteer[p].name(lang), p) for p in places],
            ),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(label, None)
            for text, data in items:
                box.addItem(text, data)
            box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
            box.blockSignals(False)
        self._on_filters_changed()

    def set_filters(self, text: str = "", tag: str | None = None, place: str | None = None) -> None:
        self.search.setText(text)
        self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(tag)) if tag else 0)
        self.place_box.setCurrentIndex(max(0, self.place_box.findData(place)) if place else 0)

    def _on_filters_changed(self) -> None:
        self.model.set_filters(
            self.search.text(), self.tag_box.currentData(), self.place_box.currentData()
        )

    def _on_row_activated(self, index) -> None:
        event_id = index.data(EVENT_ID_ROLE)
        if event_id:
            self.eventActivated.emit(event_id)

    def set_active(self, event_ids: set[str]) -> None:
        """Mark the active events: at once after a pause, then at most every ACTIVE_REFRESH_MS."""
        self._pending_active = event_ids
        if not self._active_timer.isActive():
            self._apply_pending_active()

    def _apply_pending_active(self) -> None:
        if self._pending_active is None:
            return
        self.model.set_active(self._pending_active, self._rows_on_screen())
        self._pending_active = None
        self._active_timer.start()

    def _rows_on_screen(self) -> range:
        """The model rows the table shows, scrolled into view (none while it is hidden: it
        paints afresh when shown)."""
        table = self.table
        height = table.viewport().height()
        first = table.rowAt(0)
        if not table.isVisible() or height <= 0 or first < 0:
            return range(0)
        last = table.rowAt(height - 1)
        return range(first, (last if last >= 0 else self.model.rowCount() - 1) + 1)

    def select(self, event_id: str | None) -> None:
        """Select (and scroll to) an event without emitting ``eventActivated``."""
        selection = self.table.selectionModel()
        row = self.model.row_of(event_id) if event_id else None
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        selection.select(index, flags | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def visible_event_ids(self) -> list[str]:
        model = self.model
        return [model.event_at(row).id for row in range(model.rowCount())]
