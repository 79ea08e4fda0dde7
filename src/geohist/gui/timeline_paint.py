"""Drawing the timeline: geometry of the bands, event marks in lanes, ticks, the cursor badge.

Split from the widget so :class:`~geohist.gui.timeline_widget.QtTimeline` keeps only input
handling and state mirroring. Colours come from the palette (light and dark themes) except
the accent, which is the map's highlight colour so "active" reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)

from geohist.model.event import Event
from geohist.timeline import Tick, View, day_to_x

if TYPE_CHECKING:  # numpy comes with the layout, imported at first paint rather than at launch
    from geohist.timeline_layout import MarkLayout

ACCENT = QColor("#e4572e")
ON_ACCENT = QColor("white")  # titles inside active bars
RULER_H = 28.0  # tick labels and the cursor badge share this strip


@dataclass(frozen=True, slots=True)
class Mark:
    """Where one event is drawn; ``point`` marks are diamonds, the others bars.

    ``look`` is the same for two marks exactly when they paint the same pixels in the same
    style (given the same active state); painting skips such repeats.
    """

    event: Event
    rect: QRectF
    point: bool
    look: tuple = ()


# The shared last row of an overflowing layout (MarkLayout.pile): top, height, bar spans,
# diamond spans.
Pile = tuple[float, float, Sequence[tuple[float, float]], Sequence[tuple[float, float]]]
NO_PILE: Pile = (0.0, 0.0, (), ())


@dataclass(frozen=True, slots=True)
class Ruler:
    """What the ruler shows: the view, its ticks, and the unit around the left edge."""

    view: View
    ticks: Sequence[Tick]
    context: str


@dataclass(frozen=True, slots=True)
class Colors:
    """Palette-derived colours, so the strip follows the light or dark theme."""

    base: QColor
    ruler: QColor
    text: QColor
    muted: QColor
    grid: QColor
    bar: QColor
    point: QColor

    @classmethod
    def of(cls, palette: QPalette) -> Colors:
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        tint = palette.color(QPalette.ColorRole.Highlight)
        return cls(
            base=base,
            ruler=palette.color(QPalette.ColorRole.Window),
            text=text,
            muted=_with_alpha(text, 150),
            grid=_with_alpha(text, 26),
            bar=_mix(tint, base, 0.35),
            point=_mix(tint, text, 0.75),
        )


def _with_alpha(color: QColor, alpha: int) -> QColor:
    out = QColor(color)
    out.setAlpha(alpha)
    return out


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``t`` of ``a`` and the rest of ``b``."""
    return QColor.fromRgbF(
        *(t * x + (1 - t) * y for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True))
    )


def marks_from(layout: MarkLayout, indices: Sequence[int]) -> list[Mark]:
    """Qt marks for some marks of a layout: the distinct ones, the active few, the hovered."""
    if not len(indices):
        return []
    events, height = layout.columns.events, layout.height
    columns = zip(
        layout.positions[indices].tolist(),
        layout.left[indices].tolist(),
        layout.right[indices].tolist(),
        layout.top[indices].tolist(),
        layout.point[indices].tolist(),
        layout.looks(indices).tolist(),
        strict=True,
    )
    return [
        Mark(events[position], QRectF(left, top, right - left, height), point, tuple(look))
        for position, left, right, top, point, look in columns
    ]


def paint_ruler_lines(p: QPainter, rect: QRectF, ruler: Ruler, colors: Colors) -> None:
    """The ruler strip, its tick lines and the grid through the lanes (no labels)."""
    antialiased = p.testRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # pixel-aligned: nothing to smooth
    p.fillRect(QRectF(rect.left(), 0, rect.width(), RULER_H), colors.ruler)
    for tick in ruler.ticks:
        x = round(day_to_x(tick.day, ruler.view, rect.width()))
        p.fillRect(QRectF(x, RULER_H, 1, rect.bottom() - RULER_H), colors.grid)
        top = 4 if tick.major else RULER_H - 8
        p.fillRect(QRectF(x, top, 1, RULER_H - top), colors.muted if tick.major else colors.grid)
    p.fillRect(QRectF(rect.left(), RULER_H - 1, rect.width(), 1), colors.muted)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)


@dataclass(frozen=True, slots=True)
class RulerLabel:
    rect: QRectF
    text: str
    major: bool  # bold, in the text colour; minor ones are muted


def ruler_labels(font: QFont, width: float, ruler: Ruler) -> list[RulerLabel]:
    """The context label and each tick's label with its box, measured once per ruler: on a
    scrub step only the cursor's badge moves (measuring and switching fonts per label and step
    cost ~1.7 ms of a ~6 ms repaint at 10k events)."""
    metrics = {bold: QFontMetricsF(_weighted(font, bold)) for bold in (False, True)}

    def label(x: float, text: str, major: bool) -> RulerLabel:
        return RulerLabel(
            QRectF(x, 4, metrics[major].horizontalAdvance(text) + 2, RULER_H - 8), text, major
        )

    labels = [label(4, ruler.context, True)] if ruler.context else []
    for tick in ruler.ticks:
        x = round(day_to_x(tick.day, ruler.view, width)) + 4
        labels.append(label(x, tick.label, tick.major))
    return labels


def paint_ruler_labels(
    p: QPainter, labels: Sequence[RulerLabel], colors: Colors, avoid: QRectF
) -> None:
    """The labels, skipping those that would collide with one drawn before or with ``avoid``."""
    drawn, free_from = [], -1e9
    for label in labels:
        if label.rect.left() >= free_from and not label.rect.intersects(avoid):
            drawn.append(label)
            free_from = label.rect.right() + 10
    base = p.font()
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for major in (True, False):
        p.setFont(_weighted(base, major))
        p.setPen(colors.text if major else colors.muted)
        for label in drawn:
            if label.major == major:
                p.drawText(label.rect, flags, label.text)
    p.setFont(base)


def _weighted(font: QFont, bold: bool) -> QFont:
    weighted = QFont(font)
    weighted.setBold(bold)
    return weighted


def _set_weight(p: QPainter, bold: bool) -> None:
    p.setFont(_weighted(p.font(), bold))


class MarksLayer:
    """The timeline's still background: ruler strip, grid and every event mark at rest.

    Painting thousands of marks from Python takes ~100 ms, and even thirty grid lines cost
    several ms in the raster engine; a scrub step only moves the cursor and changes which
    events are active, so the widget blits this and paints the cursor and the active few on
    top. The owner calls :meth:`clear` whenever its marks or ruler are laid out again.
    """

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._pixmap = QPixmap()

    def clear(self) -> None:
        self._key = None

    def pixmap(self, marks: Sequence[Mark], pile: Pile, ruler: Ruler, look: tuple) -> QPixmap:
        """``look`` is (size, device pixel ratio, colours, font, language): any change repaints."""
        if look != self._key:
            size, ratio, colors, font, lang = look
            self._pixmap = QPixmap(size * ratio)
            self._pixmap.setDevicePixelRatio(ratio)
            self._pixmap.fill(colors.base)
            p = QPainter(self._pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setFont(font)
            paint_ruler_lines(p, QRectF(0, 0, size.width(), size.height()), ruler, colors)
            paint_pile(p, pile, colors)
            # Bars first, points above them, as the widget stacks the active ones.
            strip = size.width()
            paint_marks(p, [m for m in marks if not m.point], set(), None, colors, lang, strip)
            paint_marks(p, [m for m in marks if m.point], set(), None, colors, lang, strip)
            p.end()
            self._key = look
        return self._pixmap


def paint_pile(p: QPainter, pile: Pile, colors: Colors) -> None:
    """The overflowing last row as filled spans: bars, then diamonds over them."""
    top, height, bars, diamonds = pile
    for spans, color in ((bars, colors.bar), (diamonds, colors.point)):
        for left, right in spans:
            p.fillRect(QRectF(left, top, right - left, height), color)


def paint_marks(
    p: QPainter,
    marks: Iterable[Mark],
    active: set[str],
    hover: str | None,
    colors: Colors,
    lang: str,
    width: float,
) -> None:
    """Bars (faded at soft ends) and diamonds; active events in the accent colour.

    A mark that would cover exactly the pixels of one already drawn in the same style is
    skipped: zoomed out over 100k events most marks are such repeats. What all marks share is
    set up once: a scrub step at 100k events paints ~140 of them from Python. ``width`` is the
    strip's, in logical pixels: titles fit the part of a bar inside it.
    """
    titles = _Titles(p, width)
    no_pen, hover_pen = QPen(Qt.PenStyle.NoPen), QPen(colors.text, 1.2)
    drawn: set[tuple] = set()
    for mark in marks:
        on = mark.event.id in active
        key = (mark.look, on)
        hovered = mark.event.id == hover
        if key in drawn and not hovered:
            continue
        drawn.add(key)
        color = ACCENT if on else (colors.point if mark.point else colors.bar)
        p.setPen(hover_pen if hovered else no_pen)
        if mark.point:
            _paint_diamond(p, mark.rect, color)
        else:
            _paint_bar(p, mark, color, ON_ACCENT if on else colors.text, lang, titles)


class _Titles:
    """Titles inside bars, in a font a point smaller than the painter's, made on first use."""

    def __init__(self, p: QPainter, width: float) -> None:
        self.width = width  # of the strip, in logical pixels: titles fit the visible part
        self._painter = p
        self._small: tuple[QFont, QFontMetricsF] | None = None

    def paint(self, rect: QRectF, text: str, color: QColor) -> None:
        visible = rect.intersected(QRectF(0, rect.top(), self.width, rect.height()))
        if visible.width() < 40 or rect.height() < 11:
            return
        font, metrics = self._font()
        inner = visible.adjusted(6, 0, -4, 0)
        title = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
        if len(title) < 5 and title.endswith("…"):  # "Ko…" says nothing
            return
        p = self._painter
        base = p.font()
        p.setFont(font)
        p.setPen(color)
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        p.setFont(base)

    def _font(self) -> tuple[QFont, QFontMetricsF]:
        if self._small is None:
            font = QFont(self._painter.font())
            font.setPointSizeF(max(font.pointSizeF() - 1, 6))
            self._small = font, QFontMetricsF(font)
        return self._small


def _paint_diamond(p: QPainter, rect: QRectF, color: QColor) -> None:
    c, r = rect.center(), min(rect.width(), rect.height()) / 2
    p.setBrush(color)
    p.drawPolygon(
        QPolygonF([c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)])
    )


def _paint_bar(
    p: QPainter, mark: Mark, color: QColor, text: QColor, lang: str, titles: _Titles
) -> None:
    rect, when = mark.rect, mark.event.when
    p.setBrush(_bar_brush(rect, color, when.start.soft, (when.end or when.start).soft))
    p.drawRoundedRect(rect, 3, 3)
    titles.paint(rect, mark.event.title_in(lang), text)


def _bar_brush(rect: QRectF, color: QColor, soft_start: bool, soft_end: bool) -> QBrush:
    """A flat fill, or a gradient fading to transparent at the ends that are not firmly known."""
    if not (soft_start or soft_end):
        return QBrush(color)
    fade = min(0.3, 24 / max(rect.width(), 1))
    gradient = QLinearGradient(rect.left(), 0, rect.right(), 0)
    clear = _with_alpha(color, 0)
    gradient.setColorAt(0, clear if soft_start else color)
    gradient.setColorAt(fade, color)
    gradient.setColorAt(1 - fade, color)
    gradient.setColorAt(1, clear if soft_end else color)
    return QBrush(gradient)


def badge_rect(p_font: QFont, label: str, x: float, width: float) -> QRectF:
    """The cursor badge: centred on the cursor, kept inside the widget."""
    font = QFont(p_font)
    font.setBold(True)
    w = QFontMetricsF(font).horizontalAdvance(label) + 16
    left = min(max(x - w / 2, 1), width - w - 1)
    return QRectF(left, 3, w, RULER_H - 6)


def paint_cursor(
    p: QPainter, x: float, height: float, label: str, badge: QRectF, halo: QColor
) -> None:
    """The accent line through the lanes and the date badge on the ruler."""
    # A halo in the background colour keeps the line visible across accent (active) bars.
    x = round(x)
    p.fillRect(QRectF(x - 2, RULER_H, 4, height - RULER_H), _with_alpha(halo, 200))
    p.fillRect(QRectF(x - 1, round(badge.bottom()), 2, height - round(badge.bottom())), ACCENT)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ACCENT)
    p.drawRoundedRect(badge, 4, 4)
    _set_weight(p, bold=True)
    p.setPen(QColor("white"))
    p.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
    _set_weight(p, bold=False)
