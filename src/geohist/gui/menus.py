"""Menus and shortcuts of the main window, rebuilt when the language changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from geohist import __version__
from geohist.errors import GeohistError
from geohist.gui.plain_text import warn
from geohist.gui.strings import tr

AFTERGLOW_CHOICES = (0, 30, 365, 1826)  # days: none, a month, a year, five years
FILE_FILTER = "Events (*.csv *.geojson *.json);;CSV (*.csv);;GeoJSON (*.geojson *.json)"


def build(window) -> None:
    """(Re)create the menu bar in the window's language."""
    bar = window.menuBar()
    bar.clear()
    lang = window.lang
    _file_menu(window, bar.addMenu(tr("menu_file", lang)), lang)
    _view_menu(window, bar.addMenu(tr("menu_view", lang)), lang)
    _go_menu(window, bar.addMenu(tr("menu_go", lang)), lang)
    help_menu = bar.addMenu(tr("menu_help", lang))
    _action(window, help_menu, tr("about", lang), lambda: show_about(window))


def _action(window, menu, text, slot, shortcut=None, checkable=False, checked=False) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    action.setChecked(checked)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def _file_menu(window, menu, lang: str) -> None:
    _action(
        window, menu, tr("open", lang), lambda: open_dialog(window), QKeySequence.StandardKey.Open
    )
    _action(window, menu, tr("open_bundled", lang), lambda: window.open_file(None))
    _action(
        window,
        menu,
        tr("save_as", lang),
        lambda: save_dialog(window),
        QKeySequence.StandardKey.SaveAs,
    )
    menu.addSeparator()
    _action(window, menu, tr("import", lang), lambda: _import_texts(window), "Ctrl+I")
    _action(
        window, menu, tr("export", lang), lambda: _export(window, "open_export_dialog"), "Ctrl+E"
    )
    _action(
        window, menu, tr("export_animation", lang), lambda: _export(window, "open_animation_dialog")
    )
    menu.addSeparator()
    _action(window, menu, tr("quit", lang), window.close, QKeySequence.StandardKey.Quit)


def _view_menu(window, menu, lang: str) -> None:
    languages = menu.addMenu(tr("language", lang))
    group = QActionGroup(window)
    for code, label in (("en", "English"), ("id", "Bahasa Indonesia")):
        action = _action(
            window,
            languages,
            label,
            lambda _=False, c=code: window.set_lang(c),
            checkable=True,
            checked=code == lang,
        )
        group.addAction(action)
    _action(
        window,
        menu,
        tr("auto_frame", lang),
        lambda checked: window.set_map_options(auto_frame=checked),
        checkable=True,
        checked=window.auto_frame,
    )
    afterglow = menu.addMenu(tr("afterglow", lang))
    glow_group = QActionGroup(window)
    for days in AFTERGLOW_CHOICES:
        action = _action(
            window,
            afterglow,
            tr(f"afterglow_{days}", lang),
            lambda _=False, d=days: window.set_map_options(afterglow_days=d),
            checkable=True,
            checked=days == window.afterglow_days,
        )
        glow_group.addAction(action)
    menu.addSeparator()
    menu.addAction(window.events_dock.toggleViewAction())
    menu.addAction(window.details_dock.toggleViewAction())


def _go_menu(window, menu, lang: str) -> None:
    state = window.state
    _action(window, menu, tr("previous_event", lang), state.previous_event, "Ctrl+Left")
    _action(window, menu, tr("next_event", lang), state.next_event, "Ctrl+Right")
    _action(window, menu, tr("first_event", lang), state.home, "Ctrl+Home")
    _action(window, menu, tr("last_event", lang), state.end, "Ctrl+End")
    menu.addSeparator()
    _action(window, menu, tr("play_pause", lang), window.playback.toggle, "Ctrl+P")
    _action(window, menu, tr("go_to_date", lang), lambda: go_to_dialog(window), "Ctrl+G")


def open_dialog(window) -> None:
    start = str(window.source.parent) if window.source else str(Path.home())
    name, _ = QFileDialog.getOpenFileName(window, tr("open", window.lang), start, FILE_FILTER)
    if name:
        window.open_file(Path(name))


def _export(window, opener: str) -> None:
    from geohist.gui import export_dialog

    getattr(export_dialog, opener)(window)


def _import_texts(window) -> None:
    from geohist.gui.import_dialog import import_texts

    import_texts(window)


def save_dialog(window) -> None:
    lang = window.lang
    name, _ = QFileDialog.getSaveFileName(
        window, tr("save_as", lang), str(Path.home()), "CSV (*.csv)"
    )
    if not name:
        return
    try:
        window.save_events(Path(name))
    except GeohistError as exc:  # WriteError: read-only folder, full disk, ...
        box = QMessageBox(
            QMessageBox.Icon.Warning, tr("save_failed", lang), str(exc), parent=window
        )
        box.setTextFormat(box.textFormat().PlainText)
        box.setInformativeText(tr("save_failed_text", lang))
        box.exec()


def go_to_dialog(window) -> None:
    lang = window.lang
    text, ok = QInputDialog.getText(window, tr("go_to_date", lang), tr("go_to_prompt", lang))
    if not ok or not text.strip():
        return
    try:
        window.state.go_to(text)
    except GeohistError as exc:
        warn(window, tr("go_to_date", lang), str(exc))


def show_about(window) -> None:
    lang = window.lang
    box = QMessageBox(window)
    box.setWindowTitle(tr("about", lang))
    box.setTextFormat(box.textFormat().PlainText)
    box.setText(f"geohist {__version__}")
    box.setInformativeText(tr("about_text", lang))
    box.exec()
