"""The picture handed to export sinks, and the still-image writers (PNG, JPEG, PDF).

Importing this module registers the writers with ``geohist.export.formats``; the renderer
imports it, so they exist whenever an export can run. Files are written with ``atomic_path``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

from geohist.atomic import WriteError, atomic_path
from geohist.export import formats
from geohist.export.layout import ExportSpec, Layout
from geohist.gui.snapshot_paint import paint_frame

PDF_DPI = 144  # layout pixels per inch: 1920×1080 is a 13.33×7.5 in page (a 16:9 slide)


@dataclass(frozen=True, slots=True)
class Picture:
    """A rendered frame: the map's pixels, the overlay layout and the composed image."""

    map_image: QImage
    layout: Layout
    zoom: float
    image: QImage

    @property
    def size(self) -> tuple[int, int]:
        return self.image.width(), self.image.height()

    def rgb(self) -> bytes:
        """The composed image as packed RGB24 rows (what GIF and MP4 writers take)."""
        image = self.image.convertToFormat(QImage.Format.Format_RGB888)
        width, height, line = image.width(), image.height(), image.bytesPerLine()
        data = bytes(image.constBits())
        if line == width * 3:
            return data[: line * height]
        return b"".join(data[y * line : y * line + width * 3] for y in range(height))


def _raster_writer(qt_format: str) -> Callable[[Picture, Path, ExportSpec], None]:
    def write(picture: Picture, target: Path, spec: ExportSpec) -> None:
        quality = spec.jpeg_quality if qt_format == "JPEG" else -1
        with atomic_path(target) as tmp:
            if not picture.image.save(str(tmp), qt_format, quality):
                raise WriteError(f"{target}: Qt could not encode the {qt_format} image")

    return write


def write_pdf(picture: Picture, target: Path, spec: ExportSpec) -> None:
    """A one-page PDF: the map as a raster image, the overlay text as vector text.

    The page is the layout size at ``PDF_DPI`` (1920×1080 → 13.33×7.5 in), so the map image
    has 144 dpi at scale 1 and 288 dpi at scale 2.
    """
    lay, zoom = picture.layout, picture.zoom
    # QPdfWriter ignores failed writes (a full disk gives a truncated "success"), so the PDF is
    # made in memory and written by Python, whose writes raise.
    pdf = QBuffer()
    pdf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(pdf)
    writer.setCreator("geohist")
    writer.setTitle(next((t.lines[0] for t in lay.texts if t.role == "title"), "geohist map"))
    writer.setResolution(round(PDF_DPI * zoom))
    page = QSizeF(lay.width / PDF_DPI, lay.height / PDF_DPI)
    exact = QPageSize.SizeMatchPolicy.ExactMatch
    writer.setPageSize(QPageSize(page, QPageSize.Unit.Inch, "geohist", exact))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter(writer)
    if not painter.isActive():
        raise WriteError(f"{target}: Qt could not start a PDF")
    painter.fillRect(QRectF(0, 0, lay.width * zoom, lay.height * zoom), QColor("white"))
    paint_frame(painter, picture.map_image, lay, zoom)
    painter.end()
    del writer
    with atomic_path(target) as tmp:
        tmp.write_bytes(pdf.data().data())


formats.register_writer("png", _raster_writer("PNG"))
formats.register_writer("jpeg", _raster_writer("JPEG"))
formats.register_writer("pdf", write_pdf)
