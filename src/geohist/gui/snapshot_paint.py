"""Painting a finished export frame: the map's pixels and the overlays around and over it.

The overlays (header, footer, date pill, legend, texts) are placed by ``geohist.export.layout``
in layout pixels and drawn with QPainter scaled to output pixels, onto an image or a PDF page
alike.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from geohist.export import layout
from geohist.export.layout import Layout

FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica", "Arial"]


def overlay_font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same at every scale
    return font


def qt_measure(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Text width in layout pixels with the font the overlays are painted in."""
    return QFontMetricsF(overlay_font(size, bold, italic)).horizontalAdvance(text)


def compose(map_image: QImage, frame_layout: Layout, zoom: float) -> QImage:
    """The finished picture: the map in its rectangle and the overlays around and over it."""
    size = round(frame_layout.width * zoom), round(frame_layout.height * zoom)
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(layout.FOOTER_FILL))
    painter = QPainter(image)
    paint_frame(painter, map_image, frame_layout, zoom)
    painter.end()
    return image


def paint_frame(painter: QPainter, map_image: QImage, frame_layout: Layout, zoom: float) -> None:
    """Paint onto any device whose units are output pixels (an image, or a PDF page)."""
    hints = QPainter.RenderHint
    painter.setRenderHints(
        hints.Antialiasing | hints.TextAntialiasing | hints.SmoothPixmapTransform
    )
    r = frame_layout.map_rect
    painter.drawImage(QRectF(r.x * zoom, r.y * zoom, r.w * zoom, r.h * zoom), map_image)
    painter.save()
    painter.scale(zoom, zoom)
    _paint_overlays(painter, frame_layout)
    painter.restore()


def _rect(r: layout.Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def _paint_overlays(painter: QPainter, lay: Layout) -> None:
    rule = QPen(QColor("#d9d4c7"), max(1.0, lay.height / 1080))
    if lay.header is not None:
        painter.fillRect(_rect(lay.header), QColor(layout.HEADER_FILL))
        painter.setPen(rule)
        painter.drawLine(QPointF(0, lay.header.bottom), QPointF(lay.width, lay.header.bottom))
    if lay.footer is not None:
        painter.fillRect(_rect(lay.footer), QColor(layout.FOOTER_FILL))
        painter.setPen(rule)
        painter.drawLine(QPointF(0, lay.footer.y), QPointF(lay.width, lay.footer.y))
    if lay.date_pill is not None:
        pill = _rect(lay.date_pill)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(layout.ACCENT))
        painter.drawRoundedRect(pill, pill.height() * 0.22, pill.height() * 0.22)
    if lay.legend is not None:
        _paint_legend(painter, lay.legend)
    for text in lay.texts:
        _paint_text(painter, text)


def _paint_text(painter: QPainter, text: layout.Text) -> None:
    font = overlay_font(text.size, text.bold, text.italic)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(QColor(text.color))
    align = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight}.get(
        text.align, Qt.AlignmentFlag.AlignHCenter
    )
    r = text.rect
    for i, line in enumerate(text.lines):
        box = QRectF(r.x, r.y + i * text.line_height, r.w, text.line_height)
        shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, r.w + 0.5)
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


def _paint_legend(painter: QPainter, legend: layout.Legend) -> None:
    box = _rect(legend.rect)
    painter.setPen(QPen(QColor("#d9d4c7"), legend.size / 15))
    painter.setBrush(QColor(layout.PANEL_FILL))
    painter.drawRoundedRect(box, legend.padding / 2, legend.padding / 2)
    x, y = box.x() + legend.padding, box.y() + legend.padding
    painter.setFont(overlay_font(legend.size, bold=True))
    painter.setPen(QColor(layout.INK))
    title_h = legend.size * 1.4
    painter.drawText(
        QRectF(x, y, box.width(), title_h), int(Qt.AlignmentFlag.AlignVCenter), legend.title
    )
    painter.setFont(overlay_font(legend.size))
    for i, (kind, label) in enumerate(legend.rows):
        top = y + title_h + i * legend.row_height
        centre = QPointF(x + legend.swatch / 2, top + legend.row_height / 2)
        _paint_swatch(painter, kind, centre, legend.swatch)
        painter.setPen(QColor("#323f4b"))
        text_x = x + legend.swatch + legend.size * 0.6
        row = QRectF(text_x, top, box.right() - text_x, legend.row_height)
        painter.drawText(row, int(Qt.AlignmentFlag.AlignVCenter), label)


def _paint_swatch(painter: QPainter, kind: str, centre: QPointF, size: float) -> None:
    """The page's legend swatches (resources/geohist-map.css), drawn with QPainter."""
    accent, r = QColor(layout.ACCENT), size / 2
    painter.save()
    if kind == "region":
        painter.setPen(QPen(accent, size / 10))
        painter.setBrush(QColor(228, 87, 46, 77))
        painter.drawRoundedRect(QRectF(centre.x() - r, centre.y() - r, size, size), 2, 2)
    elif kind == "place":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(95, 107, 122, 180))
        painter.drawEllipse(centre, size * 0.2, size * 0.2)
    else:
        fill, pen = {
            "active": (accent, QPen(QColor("white"), size / 7.5)),
            "fading": (QColor(228, 87, 46, 90), QPen(QColor(255, 255, 255, 153), size / 7.5)),
            "soft": (QColor(240, 147, 122, 140), QPen(accent, size / 7.5, Qt.PenStyle.DashLine)),
        }[kind]
        if kind == "active":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(228, 87, 46, 64))
            painter.drawEllipse(centre, r + size / 5, r + size / 5)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(centre, r - size / 15, r - size / 15)
    painter.restore()
