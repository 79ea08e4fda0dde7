"""User data shown by Qt widgets that guess whether a string is markup."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally: titles are data, never markup.

    Qt renders a tooltip as rich text when it "looks like" HTML, so a title such as
    ``<b>…</b>`` would be interpreted; escaping it inside ``<qt>`` keeps every character.
    """
    return "<qt>" + "<br>".join(escape(line) for line in text.splitlines()) + "</qt>"


def plain_label(text: str) -> QLabel:
    """A label that never interprets ``text`` (file names, titles) as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.warning`` with ``text`` shown literally (it names files users chose)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
