"""QtTimeline: the time ruler with the events in lanes and the cursor, mirroring a TimelineState.

The widget holds no truth: input calls :class:`~geohist.timeline.TimelineState` methods and
repaints happen on the state's signals, so the menus, the playback bar and tests that drive
the state directly all look the same on screen. Drawing lives in
:mod:`geohist.gui.timeline_paint`; playback controls in :mod:`geohist.gui.playback_bar`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from geohist.gui.model_binding import bind
from geohist.gui.plain_text import plain_tooltip
from geohist.gui.playback_bar import PlaybackBar, Player
from geohist.gui.strings import tr
from geohist.gui.timeline_paint import (
    NO_PILE,
    RULER_H,
    Colors,
    Mark,
    MarksLayer,
    Pile,
    Ruler,
    RulerLabel,
    badge_rect,
    marks_from,
    paint_cursor,
    paint_marks,
    paint_ruler_labels,
    ruler_labels,
)
from geohist.model.event import Event
from geohist.model.wording import format_span
from geohist.timeline import TimelineState, context_label, day_to_x, ticks

if TYPE_CHECKING:
    from geohist.timeline_layout import EventColumns, MarkLayout

__all__ = ["PlaybackBar", "Player", "QtTimeline", "plain_tooltip"]

WHEEL_ZOOM = 1.2  # per wheel notch
KEY_ZOOM = 1.5


class QtTimeline(QWidget):
    """Ruler on top (click or drag to scrub), events below (drag to pan, click to select)."""

    eventClicked = Signal(str)

    def __init__(self, state: TimelineState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._columns: EventColumns | None = None
        self._layout: MarkLayout | None = None
        self._resting: list[Mark] = []  # the distinct marks, painted into the layer
        self._pile: Pile = NO_PILE  # and the overflowing last row, as spans
        self._ruler: Ruler | None = None
        self._labels: list[RulerLabel] = []  # measured for _labels_for in _labels_font
        self._labels_for: Ruler | None = None
        self._labels_font: QFont | None = None
        self._layer = MarksLayer()
        self._hover: str | None = None
        self._drag: str | None = None  # "scrub", "pan", or "press" until it moves or ends
        self._press_x = self._last_x = 0.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAutoFillBackground(False)
        bind(
            self,
            [
                (state.day_changed, self._on_day_changed),
                (state.view_changed, self._on_view_changed),
                (state.lang_changed, self._on_lang_changed),
                (state.catalog_changed, self._on_catalog_changed),
            ],
        )
        self._on_lang_changed(state.lang)

    def sizeHint(self) -> QSize:
        return QSize(800, 120)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 80)

    # -- mirroring the state --------------------------------------------------------------

    def _on_day_changed(self, _day: int) -> None:
        self.update()

    def _on_view_changed(self, _first: float, _last: float) -> None:
        self._layout = self._ruler = None
        self.update()

    def _on_catalog_changed(self, _catalog: object) -> None:
        self._layout = self._columns = None
        self._hover = None
        self.update()

    def _on_lang_changed(self, lang: str) -> None:
        self.setAccessibleName(tr("timeline", lang))
        self._ruler = None
        self.update()

    # -- geometry -------------------------------------------------------------------------

    def mark_layout(self) -> MarkLayout:
        """Where every event in view is drawn (cached until the view, size or catalog changes)."""
        if self._layout is None:
            from geohist.serial_import import serial_import

            timeline_layout = serial_import("geohist.timeline_layout")

            if self._columns is None:
                self._columns = timeline_layout.EventColumns.of(self.state.catalog)
            self._layout = timeline_layout.lay_out(
                self._columns,
                self.state.view,
                self.width(),
                top=RULER_H + 6,
                height=self.height() - RULER_H - 10,
            )
            self._resting = marks_from(self._layout, self._layout.resting())
            self._pile = self._layout.pile()
            self._layer.clear()
        return self._layout

    def mark_of(self, event_id: str) -> Mark | None:
        """The mark of an event, or None when it is outside the view."""
        layout = self.mark_layout()
        i = layout.index_of(event_id)
        return None if i is None else marks_from(layout, [i])[0]

    def event_at(self, pos: QPointF) -> Event | None:
        """The event drawn under ``pos`` (the topmost, with a little slack for small marks)."""
        layout = self.mark_layout()
        i = layout.hit(pos.x(), pos.y())
        return None if i is None else layout.columns.events[layout.positions[i]]

    def day_x(self, day: float) -> float:
        return day_to_x(day, self.state.view, self.width())

    def _day_at(self, x: float) -> float:
        first, last = self.state.view
        return first + x * (last - first) / max(self.width(), 1)

    def ruler(self) -> Ruler:
        """Ticks and context label for the current view, size and language (cached)."""
        if self._ruler is None:
            view, width, lang = self.state.view, self.width(), self.state.lang
            self._ruler = Ruler(view, ticks(*view, width, lang), context_label(*view, width, lang))
            self._layer.clear()
        return self._ruler

    def _ruler_labels(self, ruler: Ruler) -> list[RulerLabel]:
        """The ruler's labels, measured again only for a new ruler (view, size) or font."""
        font = self.font()
        if self._labels_for is not ruler or self._labels_font != font:
            self._labels = ruler_labels(font, float(self.width()), ruler)
            self._labels_for, self._labels_font = ruler, font
        return self._labels

    def resizeEvent(self, event: Any) -> None:
        self._layout = self._ruler = None
        super().resizeEvent(event)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        state, width = self.state, float(self.width())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colors = Colors.of(self.palette())
        rect = QRectF(self.rect())
        ruler = self.ruler()
        # No events, nothing to lay out: at launch the file is still being read in another
        # thread, which imports numpy meanwhile (see serial_import), so the layout waits.
        has_events = len(state.catalog) > 0
        resting, pile = (self._resting, self._pile) if has_events else ([], NO_PILE)
        look = (self.size(), self.devicePixelRatioF(), colors, self.font(), state.lang)
        p.drawPixmap(0, 0, self._layer.pixmap(resting, pile, ruler, look))
        x, label = self.day_x(state.day), state.current_label()
        badge = badge_rect(self.font(), label, x, width)
        paint_ruler_labels(p, self._ruler_labels(ruler), colors, badge)
        # Per step only the active marks and the hovered one are painted, over the cached layer.
        day = state.day
        on_top = self._marks_on_top(day) if has_events else []
        active = {m.event.id for m in on_top if m.event.first_day <= day <= m.event.last_day}
        bars, points = [m for m in on_top if not m.point], [m for m in on_top if m.point]
        paint_marks(p, bars, active, self._hover, colors, state.lang, width)
        cursor_x = x if -2 <= x <= width + 2 else -10  # off screen: the badge alone, at the edge
        paint_cursor(p, cursor_x, rect.height(), label, badge, colors.base)
        # Point marks go over the cursor: the event at the cursor is the one to see.
        paint_marks(p, points, active, self._hover, colors, state.lang, width)
        if self.hasFocus():
            p.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _marks_on_top(self, day: int) -> list[Mark]:
        """The active marks (one of each look: ~1,000 are active at 100k events), hovered last."""
        layout = self.mark_layout()
        shown = layout.distinct(layout.active_at(day))
        hover = layout.indices_of([self._hover])
        return marks_from(layout, [i for i in shown.tolist() if i not in hover] + hover)

    # -- mouse ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos, button = event.position(), event.button()
        self._press_x = self._last_x = pos.x()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and shift):
            self._start_drag("pan")
        elif button == Qt.MouseButton.LeftButton and pos.y() < RULER_H + 2:
            self._start_drag("scrub")
            self.state.set_day(round(self._day_at(pos.x())))
        elif button == Qt.MouseButton.LeftButton:
            self._drag = "press"
        else:
            super().mousePressEvent(event)
            return
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if (
            self._drag == "press"
            and abs(pos.x() - self._press_x) >= QApplication.startDragDistance()
        ):
            self._start_drag("pan")
        if self._drag == "pan":
            self.state.pan(self._day_at(self._last_x) - self._day_at(pos.x()))
        elif self._drag == "scrub":
            self.state.set_day(round(self._day_at(pos.x())))
        elif self._drag is None:
            self._set_hover(pos)
        self._last_x = pos.x()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag == "press":
            self._click(event.position())
        self._drag = None
        self._set_hover(event.position())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double click on empty space shows everything again."""
        if self.event_at(event.position()) is None:
            self.state.fit()
        event.accept()

    def _start_drag(self, kind: str) -> None:
        self._drag = kind
        closed = Qt.CursorShape.ClosedHandCursor
        self.setCursor(closed if kind == "pan" else Qt.CursorShape.SizeHorCursor)

    def _click(self, pos: QPointF) -> None:
        """A click in the lanes selects the event there (moving to its start), else scrubs."""
        event = self.event_at(pos)
        if event is None:
            self.state.set_day(round(self._day_at(pos.x())))
            return
        self.state.set_day(event.first_day)
        self.eventClicked.emit(event.id)

    def _set_hover(self, pos: QPointF) -> None:
        event = self.event_at(pos) if pos.y() > RULER_H else None
        hover = event.id if event else None
        if pos.y() <= RULER_H:
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            hand = Qt.CursorShape.PointingHandCursor if event else Qt.CursorShape.OpenHandCursor
            self.setCursor(hand)
        if hover != self._hover:
            self._hover = hover
            self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Vertical wheel zooms around the pointer; horizontal wheel (touchpads) pans."""
        delta, x = event.angleDelta(), event.position().x()
        if delta.y():
            self.state.zoom(WHEEL_ZOOM ** (delta.y() / 120), self._day_at(x))
        if delta.x():
            self.state.pan(-delta.x() / 120 * 0.1 * self.state.span)
        event.accept()

    # -- tooltips and keys ----------------------------------------------------------------

    def tooltip_at(self, pos: QPointF) -> str | None:
        """Tooltip markup for ``pos``: the event's title and date, or how to use the ruler."""
        event = self.event_at(pos)
        lang = self.state.lang
        if event is not None:
            return plain_tooltip(f"{event.title_in(lang)}\n{format_span(event.when, lang)}")
        return plain_tooltip(tr("timeline_tip", lang)) if pos.y() <= RULER_H else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event.key(), event.modifiers(), event.isAutoRepeat()):
            super().keyPressEvent(event)
            return
        event.accept()

    def _handle_key(self, key: int, modifiers: Qt.KeyboardModifier, repeat: bool) -> bool:
        state, k = self.state, Qt.Key
        if key in (k.Key_Left, k.Key_Right):
            forward = key == k.Key_Right
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                state.fine_step(1 if forward else -1)
            else:
                state.next_event() if forward else state.previous_event()
        elif key == k.Key_Space:
            if not repeat:
                state.toggle_playing()
        elif key in (k.Key_Home, k.Key_End):
            state.home() if key == k.Key_Home else state.end()
        elif key in (k.Key_Plus, k.Key_Equal, k.Key_Minus):
            state.zoom(KEY_ZOOM if key != k.Key_Minus else 1 / KEY_ZOOM, state.day)
        else:
            return False
        return True

    def focusInEvent(self, event: Any) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self.update()
        super().focusOutEvent(event)
