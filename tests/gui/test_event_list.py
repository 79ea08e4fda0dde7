"""The event list: the model sorts and filters itself (never row by row), keeps the selection."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from tests.small_data import small_gazetteer

from geohist.gui.event_list import EventList
from geohist.gui.event_table import COLUMNS, EVENT_ID_ROLE, EventTableModel
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.place import Gazetteer
from geohist.model.time import TimeSpan

TITLES = ["treaty", "Visit", "summit", "Border", "railway", "loan", "talks", "Accord"]


def catalog(gazetteer: Gazetteer, count: int, seed: int = 5) -> EventCatalog:
    """Events in Moscow, titles repeating in mixed case (ties for the sort), three tags."""
    rng = random.Random(seed)
    events = []
    for i in range(count):
        year = rng.randint(1900, 2020)
        title = f"{rng.choice(TITLES)} {rng.randint(0, 50)}"
        tags = (rng.choice(["war", "trade", "talks"]),)
        events.append(Event(f"e{i:05d}", title, TimeSpan.parse(str(year)), ("moscow",), tags=tags))
    return EventCatalog(events, gazetteer)


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory.mktemp("places"))


@pytest.fixture(scope="module")
def events(gazetteer: Gazetteer) -> list[Event]:
    return list(catalog(gazetteer, 300))


@pytest.fixture
def event_list(qtbot, gazetteer, events):
    widget = EventList(EventCatalog(events, gazetteer))
    qtbot.addWidget(widget)
    yield widget
    if shiboken6.isValid(widget):
        widget.close()


def shown_titles(widget: EventList) -> list[str]:
    return [widget.model.index(r, 1).data() for r in range(widget.model.rowCount())]


def test_rows_start_in_time_order_and_sort_by_any_column(event_list, events):
    times = [e.id for e in events]
    assert event_list.visible_event_ids() == times
    event_list.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    titles = shown_titles(event_list)
    assert titles == sorted(titles, key=str.casefold)
    ids = event_list.visible_event_ids()
    by_title = sorted(events, key=lambda e: e.title.casefold())  # stable: time order
    assert ids == [e.id for e in by_title]
    event_list.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert shown_titles(event_list) == sorted(titles, key=str.casefold, reverse=True)
    event_list.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert event_list.visible_event_ids() == times[::-1]
    event_list.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert event_list.visible_event_ids() == times


def test_the_selection_and_active_marks_follow_their_events_through_a_sort(event_list, events):
    chosen = events[17].id
    event_list.select(chosen)
    event_list.set_active({chosen})
    event_list.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    selected = event_list.table.selectionModel().selectedRows()
    assert [index.data(EVENT_ID_ROLE) for index in selected] == [chosen]
    row = event_list.model.row_of(chosen)
    assert event_list.model.event_at(row).id == chosen
    font = event_list.model.index(row, 1).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()


def test_filters_keep_the_sorted_order(event_list, events):
    event_list.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    event_list.set_filters(tag="trade")
    ids = event_list.visible_event_ids()
    expected = [e for e in events if "trade" in e.tags]
    assert ids == [e.id for e in sorted(expected, key=lambda e: e.title.casefold())]
    event_list.set_filters(text="SUMMIT")
    assert shown_titles(event_list) and all(
        t.casefold().startswith("summit") for t in shown_titles(event_list)
    )


def test_a_large_catalog_is_listed_without_asking_every_cell(qtbot, monkeypatch, gazetteer):
    """Sorting in a proxy model asked data() for ~35 cells a row (100k rows: ~6 s a sort)."""
    calls = [0]
    original = EventTableModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        calls[0] += 1
        return original(self, index, role)

    monkeypatch.setattr(EventTableModel, "data", counting)
    widget = EventList(catalog(gazetteer, 20_000))
    qtbot.addWidget(widget)
    widget.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    widget.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert widget.model.rowCount() == 20_000
    assert calls[0] < 20_000, calls[0]
    widget.close()


def test_typing_on_narrows_to_what_a_fresh_filter_shows(event_list, events):
    """Typing "t", "tr", "tre" re-checks only the rows still shown; deleting widens again."""
    shown = {}
    for text in ["t", "tr", "tre", "trea", "tr", "", "TREATY 1", "treaty 1"]:
        event_list.set_filters(text=text)
        shown[text] = event_list.visible_event_ids()
        fresh = EventList(EventCatalog(events, event_list.model._catalog.gazetteer))
        fresh.set_filters(text=text)
        assert shown[text] == fresh.visible_event_ids()
        fresh.close()
    assert len(shown[""]) == len(events) > len(shown["tr"]) > len(shown["trea"]) > 0
    assert shown["TREATY 1"] == shown["treaty 1"] and all(
        event_list.model._catalog[i].title.startswith("treaty 1") for i in shown["treaty 1"]
    )


def test_filtering_keeps_the_selection_on_its_event_while_it_shows(event_list, events):
    chosen = next(e for e in events if e.title.startswith("summit"))
    event_list.select(chosen.id)
    event_list.set_active({chosen.id})
    event_list.set_filters(text="summit")
    table = event_list.table
    assert table.verticalHeader().count() == event_list.model.rowCount() < len(events)
    selected = [index.data(EVENT_ID_ROLE) for index in table.selectionModel().selectedRows()]
    assert selected == [chosen.id]
    row = event_list.model.row_of(chosen.id)
    assert event_list.model.index(row, 1).data(Qt.ItemDataRole.FontRole).bold()
    event_list.set_filters(text="border")  # the chosen event is filtered out: nothing selected
    assert not table.selectionModel().selectedRows()
    assert event_list.model.row_of(chosen.id) is None
    event_list.set_filters()
    assert table.verticalHeader().count() == len(events)


def test_the_free_text_filter_searches_the_wording_of_the_current_language(event_list, events):
    event_list.set_filters(text="moskow")  # Moscow's Indonesian name: every event is there
    assert event_list.visible_event_ids() == []
    event_list.set_lang("id")
    assert event_list.visible_event_ids() == [e.id for e in events]
    event_list.set_lang("en")
    assert event_list.visible_event_ids() == []


def test_the_free_text_filter_finds_any_cell_as_it_is_shown(qtbot, gazetteer):
    """Text copied from a cell (places and tags with their commas) finds its row, either language."""
    events = [
        Event(
            "pair", "Treaty", TimeSpan.parse("1921-03-16"), ("moscow", "ankara"), tags=("a", "b")
        ),
        Event("one", "Visit", TimeSpan.parse("1950"), ("ankara",), tags=("b",)),
    ]
    widget = EventList(EventCatalog(events, gazetteer))
    qtbot.addWidget(widget)
    model = widget.model
    for lang in ("en", "id"):
        widget.set_lang(lang)
        row = model.row_of("pair")
        for col in range(len(COLUMNS)):
            text = model.text(row, col)
            widget.set_filters(text=text.upper())
            assert widget.visible_event_ids() == ["pair"], (lang, COLUMNS[col], text)
    widget.close()


def test_only_changed_rows_on_screen_are_announced(event_list, qtbot):
    """A table repaint costs ~10 ms: rows off screen are painted from the state when shown."""
    event_list.resize(500, 300)
    event_list.show()
    qtbot.waitExposed(event_list)
    table, model = event_list.table, event_list.model
    assert _on_screen_matches_a_fresh_paint(event_list)  # painted once, before any change
    on_screen = event_list._rows_on_screen()
    assert 3 < len(on_screen) < model.rowCount()
    announced: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles: announced.append((a.row(), b.row())))
    far = [model.event_at(row).id for row in range(on_screen.stop + 5, on_screen.stop + 50)]
    event_list.set_active(set(far))  # all off screen: nothing to repaint
    assert announced == []
    font = model.index(on_screen.stop + 5, 1).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()  # the model has it all the same
    near = [model.event_at(row).id for row in (on_screen.start + 1, on_screen.start + 3)]
    event_list._active_timer.stop()  # the next change applies at once, as after a pause
    event_list.set_active(set(far) | set(near))
    assert announced == [(on_screen.start + 1, on_screen.start + 1), (on_screen.start + 3,) * 2]
    assert _on_screen_matches_a_fresh_paint(event_list)  # the two rows were repainted
    table.scrollTo(model.index(on_screen.stop + 20, 0))  # rows never announced, now shown
    assert _on_screen_matches_a_fresh_paint(event_list)


def _on_screen_matches_a_fresh_paint(event_list) -> bool:
    """Whether the table's pixels in the window's backing store are what painting it afresh
    gives: a changed row that was not repainted would differ."""
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
    viewport = event_list.table.viewport()
    corner = viewport.mapTo(event_list, QPoint(0, 0))
    screen = app.primaryScreen().grabWindow(event_list.winId()).toImage()
    shown = screen.copy(corner.x(), corner.y(), viewport.width(), viewport.height())
    return shown == viewport.grab().toImage().convertToFormat(shown.format())


def test_a_hidden_list_announces_nothing(event_list):
    announced = []
    event_list.model.dataChanged.connect(lambda *args: announced.append(args))
    event_list.set_active({event_list.model.event_at(0).id})
    assert event_list.model.index(0, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert announced == []
