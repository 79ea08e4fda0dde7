"""A label for text that changes many times a second: the date and the count while scrubbing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size, which PySide6 does not export


class SteadyLabel(QLabel):
    """A plain-text label that keeps its size while its text changes.

    Each new text makes a QLabel ask its parent to lay out again, and each layout that changes
    asks its own parent, up to the main window and its docks: ~0.8 ms of Qt's work on each
    scrub step at 10k events (``QLayout::activate`` and ``QDockWidgetLayout`` in a profile).
    A widget of fixed size asks nothing, so this label is given the size of the widest text it
    has shown and grows, laying out once, only when a text needs more. Put it beside stretch:
    the width it keeps then shows as nothing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._size: QSize | None = None  # the fixed size, once a text has been set

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        restyled = event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        if restyled and self._size is not None:
            # another font, or padding from a style sheet: measure afresh, free of the old size
            # (a QLabel's size hint is never less than its minimum size)
            self._size = None
            self.setMinimumSize(0, 0)
            self.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
            self._fit()

    def _fit(self) -> None:
        hint, kept = self.sizeHint(), self._size
        if kept is not None and hint.width() <= kept.width() and hint.height() == kept.height():
            return
        width = hint.width() if kept is None else max(hint.width(), kept.width())
        self._size = QSize(width, hint.height())
        self.setFixedSize(self._size)
