"""Opening an events file from the window: load, show problems, let the user decide."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from geohist.errors import Problem
from geohist.gui.strings import tr
from geohist.model.catalog import EventCatalog

MAX_LISTED = 200  # a dialog with thousands of lines helps nobody; the CLI lists them all


def load(path: Path | None, places: Sequence[Path] = ()) -> tuple[EventCatalog, list[Problem]]:
    from geohist.datafiles.load import load_catalog

    return load_catalog(path, places)


def accept_problems(
    parent: QWidget, name: str, catalog: EventCatalog, problems: list[Problem], lang: str
) -> bool:
    """Show the problems; True when the user opens the good rows anyway."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("problems_title", lang))
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and problems are data
    listed = "\n".join(str(p) for p in problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        listed += "\n" + tr("more_problems", lang).format(count=len(problems) - MAX_LISTED)
    box.setDetailedText(listed)
    if len(catalog) == 0:
        box.setText(tr("cannot_open", lang).format(name=name, count=len(problems)))
        box.setInformativeText(listed.splitlines()[0] if listed else "")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
        return False
    box.setText(tr("open_with_problems", lang).format(name=name, count=len(problems)))
    box.setInformativeText(tr("skip_question", lang).format(good=len(catalog)))
    skip = box.addButton(tr("open_skipping", lang), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is skip
