"""The event list: a table model over the catalog, and a proxy that filters by text, tag, place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from geohist.gui.plain_text import plain_tooltip
from geohist.gui.strings import tr
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.wording import format_span

ACCENT = QColor("#e4572e")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("date", "title", "places", "tags")
_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """Rows are the catalog's events in time order; events active at the cursor are marked."""

    def __init__(self, catalog: EventCatalog, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._events: list[Event] = list(catalog)
        self._row_of = {e.id: i for i, e in enumerate(self._events)}
        self._active: set[str] = set()
        self._lang = lang
        # Views ask for the same cells' text many times per repaint; dates and place names are
        # worded once per row and language.
        self._texts: dict[tuple[int, int], str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._accent, self._grey = QBrush(ACCENT), QBrush(QColor(128, 128, 128))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(f"column_{COLUMNS[section]}", self._lang)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        event = self._events[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == SORT_ROLE:
            # rows are already in time order; Qt cannot compare Python tuples anyway
            return row if col == 0 else self.text(row, col).casefold()
        if role == EVENT_ID_ROLE:
            return event.id
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            summary = event.summary_in(self._lang)
            return plain_tooltip(summary) if summary else None
        return self._style(event, role)

    def text(self, row: int, col: int) -> str:
        """The cell's display text (worded once, then cached)."""
        key = (row, col)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._text(self._events[row], COLUMNS[col])
        return text

    def _text(self, event: Event, column: str) -> str:
        if column == "date":
            return format_span(event.when, self._lang)
        if column == "title":
            return event.title_in(self._lang)
        if column == "places":
            gazetteer = self._catalog.gazetteer
            return ", ".join(
                gazetteer[p].name(self._lang, event.first_day) for p in event.place_ids
            )
        return ", ".join(event.tags)

    def _style(self, event: Event, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if event.id in self._active else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if event.id in self._active:
                return self._accent
            return self._grey if event.when.soft else None
        return None

    def event_at(self, row: int) -> Event:
        return self._events[row]

    def row_of(self, event_id: str) -> int | None:
        return self._row_of.get(event_id)

    def set_active(self, event_ids: set[str]) -> None:
        """Mark the events active at the cursor, repainting the changed rows in one signal.

        One ``dataChanged`` per row is what the proxy and view handle worst: at 100k events a
        scrub step cost ~260 ms that way. Naming the roles tells the proxy that neither sorting
        nor filtering can change.
        """
        rows = [self._row_of[e] for e in self._active ^ event_ids if e in self._row_of]
        self._active = set(event_ids)
        if rows:
            last, roles = (
                len(COLUMNS) - 1,
                [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole],
            )
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last), roles)

    def set_lang(self, lang: str) -> None:
        self.beginResetModel()
        self._lang = lang
        self._texts.clear()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class EventFilterProxy(QSortFilterProxyModel):
    """Filters rows by free text (title, summary, places, tags, quote), one tag and one place."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._tag: str | None = None
        self._place: str | None = None
        self.setSortRole(SORT_ROLE)
        # The only data that changes under the proxy is the active marking, which neither sorts
        # nor filters; re-sorting the changed rows on every scrub step cost ~10 ms at 10k events.
        # Filters and header clicks still sort and filter explicitly.
        self.setDynamicSortFilter(False)

    def set_filters(self, text: str = "", tag: str | None = None, place: str | None = None) -> None:
        self.beginFilterChange()  # Qt >= 6.10: invalidate*Filter() are deprecated
        self._text, self._tag, self._place = text.casefold().strip(), tag, place
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EventTableModel):
            return True
        event = model.event_at(source_row)
        if self._tag and self._tag not in event.tags:
            return False
        if self._place and self._place not in event.place_ids:
            return False
        if not self._text:
            return True
        row_text = " ".join(model.text(source_row, c) for c in range(len(COLUMNS)))
        haystack = " ".join(
            [row_text, event.summary, event.provenance.quote if event.provenance else ""]
        )
        return self._text in haystack.casefold()
