"""The event list's table model: the catalog's events, sorted and filtered by the model itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
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
    """Rows are the catalog's events that pass the filters, in time order until sorted; active
    events are marked.

    The model sorts and filters itself, in Python over whole lists: a QSortFilterProxyModel
    sorting 100k rows asked ``data()`` ~3.5 million times (~6 s a sort), and filtering them
    called a Python ``filterAcceptsRow`` 100k times (0.6-1.2 s a keystroke).
    """

    def __init__(self, catalog: EventCatalog, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._events: list[Event] = list(catalog)  # in time order: the date column's sort
        self._sorted: list[int] = list(range(len(self._events)))  # every event, sorted
        self._order: list[int] = self._sorted  # row → index in _events: the sorted that pass
        self._sorted_by = (0, Qt.SortOrder.AscendingOrder)
        self._filters: tuple[str, str | None, str | None] = ("", None, None)
        self._passes: list[bool] | None = None  # per event; None: no filter
        self._haystacks: list[str] | None = None  # per event: what the free text searches
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
        descending = order == Qt.SortOrder.DescendingOrder
        self._sorted = (
            list(range(len(self._events)))[:: -1 if descending else 1]
            if column == 0
            else sorted(
                range(len(self._events)),
                key=lambda n: self._text_of(n, column).casefold(),
                reverse=descending,
            )
        )
        self._rearrange()

    def set_filters(self, text: str = "", tag: str | None = None, place: str | None = None) -> None:
        """Show only the events whose text (title, summary, places, tags, date, quote) contains
        ``text`` (ignoring case), tagged ``tag`` and at ``place``; the selection stays on its
        event if that still shows."""
        wanted = (text.casefold().strip(), tag, place)
        if wanted == self._filters:
            return
        narrower = self._passes is not None and wanted[1:] == self._filters[1:]
        narrower = narrower and wanted[0].startswith(self._filters[0])
        self._filters = wanted
        # Typing on: only the events that passed can pass the longer text.
        candidates = self._order if narrower else range(len(self._events))
        self._passes = self._filter(candidates) if any(wanted) else None
        self._rearrange()

    def _filter(self, candidates: Iterable[int]) -> list[bool]:
        text, tag, place = self._filters
        events, haystacks = self._events, self._search_texts() if text else None
        passes = [False] * len(events)
        for n in candidates:
            event = events[n]
            passes[n] = (
                (not tag or tag in event.tags)
                and (not place or place in event.place_ids)
                and (haystacks is None or text in haystacks[n])
            )
        return passes

    def _search_texts(self) -> list[str]:
        """Per event, its four cells as ``_text`` words them, its summary and its quote, in the
        current language and casefolded (built on first use, not through the cell cache, which
        would then hold every cell of the table). The cells are worded inline: calling
        ``_text`` four times an event made the first filter at 100k events 0.38 -> 0.62 s."""
        if self._haystacks is None:
            lang, names = self._lang, self._catalog.gazetteer
            self._haystacks = [
                " ".join(
                    [
                        format_span(event.when, lang),
                        event.title_in(lang),
                        ", ".join(names[p].name(lang, event.first_day) for p in event.place_ids),
                        ", ".join(event.tags),
                        event.summary,
                        event.provenance.quote if event.provenance else "",
                    ]
                ).casefold()
                for event in self._events
            ]
        return self._haystacks

    def _rearrange(self) -> None:
        """Show the sorted events that pass the filters, moving persistent indexes (the
        selection) with their events and dropping those of events no longer shown."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        numbers = [self._order[i.row()] for i in persistent]
        self._show_passing()
        moved = []
        for number, index in zip(numbers, persistent, strict=True):
            row = self._row_of.get(self._events[number].id)
            moved.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _show_passing(self) -> None:
        passes = self._passes
        self._order = self._sorted if passes is None else [n for n in self._sorted if passes[n]]
        self._row_of = self._rows_by_id()

    def _rows_by_id(self) -> dict[str, int]:
        return {self._events[n].id: row for row, n in enumerate(self._order)}

    def set_active(self, event_ids: set[str], on_screen: range | None = None) -> None:
        """Mark the events active at the cursor and announce the rows that changed.

        Without ``on_screen``, in one signal from the first changed row to the last: one
        ``dataChanged`` per row is what views (and the proxy model we had) handle worst, at 100k
        events a scrub step cost ~260 ms that way. But a view repaints all it shows of the rows
        a signal spans, and a table repaint costs ~10 ms (mostly Qt's styled text), each one a
        dropped frame while the timeline is dragged. ``on_screen``, the rows a view shows, makes
        this announce only those of them that changed, a signal a row: often none. The others
        are painted from the new state when scrolled to. Naming the roles says that only fonts
        and colours change.
        """
        rows = [self._row_of[e] for e in self._active ^ event_ids if e in self._row_of]
        self._active = set(event_ids)
        if on_screen is not None:
            spans = [(row, row) for row in sorted(r for r in rows if r in on_screen)]
        else:
            spans = [(min(rows), max(rows))] if rows else []
        last, roles = len(COLUMNS) - 1, [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole]
        for first_row, last_row in spans:
            self.dataChanged.emit(self.index(first_row, 0), self.index(last_row, last), roles)

    def set_lang(self, lang: str) -> None:
        """Word the cells in ``lang``; the free-text filter then searches the new wording."""
        self.beginResetModel()
        self._lang = lang
        self._texts.clear()
        self._haystacks = None
        if self._filters[0]:
            self._passes = self._filter(range(len(self._events)))
            self._show_passing()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
