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
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("date", "title", "places", "tags")
_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """Rows are the catalog's events, in time order until sorted; active events are marked.

    The model sorts itself (``sort``), with one Python key per row: a QSortFilterProxyModel
    sorting 100k rows asked ``data()`` ~3.5 million times, ~6 s a sort.
    """

    def __init__(self, catalog: EventCatalog, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._events: list[Event] = list(catalog)  # in time order: the date column's sort
        self._order: list[int] = list(range(len(self._events)))  # row → index in _events
        self._sorted_by = (0, Qt.SortOrder.AscendingOrder)
        self._row_of = self._rows_by_id()
        self._active: set[str] = set()
        self._lang = lang
        # Views ask for the same cells' text many times per repaint; dates and place names are
        # worded once per event and language.
        self._texts: dict[tuple[int, int], str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._accent, self._grey = QBrush(ACCENT), QBrush(QColor(128, 128, 128))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._order)

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
        event = self._events[self._order[row]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == EVENT_ID_ROLE:
            return event.id
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            summary = event.summary_in(self._lang)
            return plain_tooltip(summary) if summary else None
        return self._style(event, role)

    def text(self, row: int, col: int) -> str:
        """The cell's display text (worded once, then cached)."""
        return self._text_of(self._order[row], col)

    def _text_of(self, number: int, col: int) -> str:
        key = (number, col)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._text(self._events[number], COLUMNS[col])
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
        return self._events[self._order[row]]

    def row_of(self, event_id: str) -> int | None:
        return self._row_of.get(event_id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column (date: time order; text columns: case-insensitive, ties in
        time order), keeping persistent indexes (the selection) on their events."""
        if not 0 <= column < len(COLUMNS) or (column, order) == self._sorted_by:
            return  # a new catalog is already in time order: no layout change, no re-filter
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        numbers = [self._order[i.row()] for i in persistent]
        descending = order == Qt.SortOrder.DescendingOrder
        self._order = (
            list(range(len(self._events)))[:: -1 if descending else 1]
            if column == 0
            else sorted(
                range(len(self._events)),
                key=lambda n: self._text_of(n, column).casefold(),
                reverse=descending,
            )
        )
        self._row_of = self._rows_by_id()
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self._row_of[self._events[n].id], i.column())
                for n, i in zip(numbers, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _rows_by_id(self) -> dict[str, int]:
        return {self._events[n].id: row for row, n in enumerate(self._order)}

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
    """Filters rows by free text (title, summary, places, tags, quote), one tag and one place.

    It never sorts: a header click reaches ``sort``, which has the source model sort itself
    (see ``EventTableModel``), and the proxy keeps the source's order.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._tag: str | None = None
        self._place: str | None = None
        # The only data that changes under the proxy is the active marking, which neither sorts
        # nor filters; re-filtering the changed rows on every scrub step cost ~10 ms at 10k.
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_filters(self, text: str = "", tag: str | None = None, place: str | None = None) -> None:
        wanted = (text.casefold().strip(), tag, place)
        if wanted == (self._text, self._tag, self._place):
            return  # filtering 100k rows calls filterAcceptsRow 100k times: only on a change
        self.beginFilterChange()  # Qt >= 6.10: invalidate*Filter() are deprecated
        self._text, self._tag, self._place = wanted
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
