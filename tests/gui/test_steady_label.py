"""SteadyLabel: a new text lays nothing out again unless it needs more room (offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget

from geohist.gui.steady_label import SteadyLabel

DATES = ["15 February 1950", "1 May 1950", "1950", "30 December 1922", "9 May 1945"]


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched, event) -> bool:
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False


def row_with(qtbot, label):
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    layout.addWidget(label)
    layout.addStretch(1)
    row.resize(600, 40)
    row.show()
    qtbot.waitExposed(row)
    requests = LayoutRequests()
    row.installEventFilter(requests)
    row.requests = requests  # kept alive with the row
    return row


def show_each(label, texts):
    """Set each text and let Qt lay out; per text, the label's width and the width it needs."""
    widths = []
    for text in texts:
        label.setText(text)
        QApplication.processEvents()
        widths.append((label.width(), needed_width(label, text)))
    return widths


def needed_width(label, text):
    """What a plain label in the same font and style asks for (a SteadyLabel's own size hint
    is never less than its fixed size, so it cannot tell)."""
    plain = QLabel(text)
    plain.setFont(label.font())
    plain.setStyleSheet(label.styleSheet())
    return plain.sizeHint().width()


def test_a_plain_label_lays_its_row_out_on_every_text(qtbot):
    """What SteadyLabel avoids: the premise of the test below."""
    label = QLabel()
    row = row_with(qtbot, label)
    show_each(label, DATES)
    assert row.requests.count >= len(DATES) - 1


def test_new_texts_that_fit_lay_nothing_out_and_show_whole(qtbot):
    label = SteadyLabel()
    row = row_with(qtbot, label)
    for width, needed in show_each(label, ["1950", *DATES]):  # short first: it grows
        assert width >= needed  # never cut
    widest = label.width()
    assert widest == max(needed_width(label, text) for text in DATES)
    row.requests.count = 0
    for width, needed in show_each(label, DATES * 3):
        assert width == widest >= needed
    assert row.requests.count == 0
    label.setText("Wednesday, 30 December 1922 (about)")  # more room: it grows once
    QApplication.processEvents()
    assert row.requests.count >= 1
    assert label.width() >= needed_width(label, label.text()) > widest


def test_a_new_font_measures_afresh(qtbot):
    label = SteadyLabel()
    _row = row_with(qtbot, label)
    show_each(label, ["15 February 1950"])
    small = label.size()
    assert small.width() == needed_width(label, "15 February 1950")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    QApplication.processEvents()
    assert label.height() > small.height() and label.width() > small.width()
    font.setPointSizeF(font.pointSizeF() / 4)
    label.setFont(font)
    QApplication.processEvents()
    assert label.width() < small.width()  # smaller again, not kept at the big font's width
    assert label.width() >= needed_width(label, "15 February 1950")


def test_padding_from_a_style_sheet_measures_afresh(qtbot):
    label = SteadyLabel()
    _row = row_with(qtbot, label)
    show_each(label, ["15 February 1950"])
    label.setStyleSheet("padding: 0 20px")
    QApplication.processEvents()
    assert label.width() >= needed_width(label, "15 February 1950") > 40 + 60


@pytest.mark.parametrize("text", ["<b>bold</b>", "a & b <i>"])
def test_text_is_shown_literally(qtbot, text):
    label = SteadyLabel()
    _row = row_with(qtbot, label)
    label.setText(text)
    assert label.text() == text
    assert label.textFormat().name == "PlainText"
