"""Playback controls and the real-time driver, both mirroring a TimelineState.

:class:`Player` is the only place that knows about wall-clock time: it measures elapsed time
with a QElapsedTimer (timer ticks are not punctual) and hands it to the pure
:func:`geohist.timeline.advance`, so what playback *does* is tested without a window.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QWidget,
)

from geohist.errors import DateError
from geohist.gui.model_binding import bind
from geohist.gui.plain_text import plain_tooltip
from geohist.gui.steady_label import SteadyLabel
from geohist.gui.strings import tr
from geohist.timeline import PlaybackSettings, TimelineState, advance, start_playback

# (mode, years per second) for each entry of the speed combo, in order.
SPEEDS: tuple[tuple[str, float], ...] = (
    ("events", 1.0),
    ("years", 1.0),
    ("years", 5.0),
    ("years", 10.0),
    ("years", 25.0),
)
ERROR_COLOR = "#d32f2f"
MAX_TICK_S = 0.25  # a stalled GUI thread should not make playback leap decades


class Player(QObject):
    """Advances ``state.day`` in real time while ``state.playing`` is true."""

    def __init__(
        self, state: TimelineState, interval_ms: int = 30, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._carry = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        bind(
            self,
            [
                (state.playing_changed, self._on_playing_changed),
                (state.playback_changed, self._on_playback_changed),
            ],
        )
        if state.playing:
            self._on_playing_changed(True)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _on_playing_changed(self, playing: bool) -> None:
        if not playing:
            self._timer.stop()
            return
        state = self.state
        begin = start_playback(state.day, state.playback, state.catalog)
        if begin.stopped:
            state.set_playing(False)
            return
        state.set_day(begin.day)
        self._carry = begin.carry
        self._clock.start()
        self._timer.start()

    def _on_playback_changed(self, _settings: PlaybackSettings) -> None:
        self._carry = 0.0  # days in one mode, seconds in the other: never carry across

    def _on_tick(self) -> None:
        elapsed = min(self._clock.restart() / 1000.0, MAX_TICK_S)
        state = self.state
        step = advance(state.day, state.playback, elapsed, state.catalog, self._carry)
        self._carry = step.carry
        state.set_day(step.day)
        if step.stopped:
            state.set_playing(False)


class PlaybackBar(QWidget):
    """Play/pause, speed, loop, the current date and a "go to date" field; owns a Player."""

    def __init__(self, state: TimelineState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.player = Player(state, parent=self)
        self._build()
        bind(
            self,
            [
                (state.playing_changed, self._on_playing_changed),
                (state.playback_changed, self._on_playback_changed),
                (state.day_changed, self._on_day_changed),
                (state.view_changed, self._on_view_changed),
                (state.lang_changed, self._on_lang_changed),
                (state.catalog_changed, self._on_catalog_changed),
            ],
        )
        self._on_lang_changed(state.lang)
        self._on_playback_changed(state.playback)

    def _build(self) -> None:
        self.play_button = QToolButton(self)
        self.play_button.setAutoRaise(True)
        self.play_button.clicked.connect(self.toggle)
        self.speed = QComboBox(self)
        self.speed.addItems([""] * len(SPEEDS))
        self.speed.currentIndexChanged.connect(self._on_speed_chosen)
        self.loop = QCheckBox(self)
        self.loop.toggled.connect(lambda on: self.state.update_playback(loop=on))
        self.date_label = SteadyLabel(self)
        font = self.date_label.font()
        font.setBold(True)
        self.date_label.setFont(font)
        self.go_to = QLineEdit(self)
        self.go_to.setClearButtonEnabled(True)
        self.go_to.setMaximumWidth(220)
        self.go_to.returnPressed.connect(self._on_go_to)
        self.go_to.textEdited.connect(lambda _text: self._show_error(""))
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {ERROR_COLOR}")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for widget in (self.play_button, self.date_label):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.speed, self.loop, self.go_to, self.error):
            row.addWidget(widget)

    def toggle(self) -> None:
        self.state.toggle_playing()

    def stop(self) -> None:
        self.state.set_playing(False)

    # -- user input -----------------------------------------------------------------------

    def _on_speed_chosen(self, index: int) -> None:
        if 0 <= index < len(SPEEDS):
            mode, years = SPEEDS[index]
            self.state.update_playback(mode=mode, years_per_second=years)

    def _on_go_to(self) -> None:
        try:
            self.state.go_to(self.go_to.text())
        except DateError as exc:
            self._show_error(str(exc))
            return
        self._show_error("")
        self.go_to.selectAll()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        tip = plain_tooltip(message) if message else tr("go_to_tip", self.state.lang)
        self.go_to.setToolTip(tip)

    # -- mirroring the state --------------------------------------------------------------

    def _on_playing_changed(self, playing: bool) -> None:
        lang = self.state.lang
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(tr("pause" if playing else "play", lang) + " (Space)")
        self.play_button.setAccessibleName(tr("pause" if playing else "play", lang))

    def _on_playback_changed(self, settings: PlaybackSettings) -> None:
        key = (settings.mode, 1.0 if settings.mode == "events" else settings.years_per_second)
        index = SPEEDS.index(key) if key in SPEEDS else -1
        self.speed.blockSignals(True)
        self.speed.setCurrentIndex(index)
        self.speed.blockSignals(False)
        self.loop.blockSignals(True)
        self.loop.setChecked(settings.loop)
        self.loop.blockSignals(False)

    def _on_day_changed(self, _day: int) -> None:
        self.date_label.setText(self.state.current_label())

    def _on_view_changed(self, _first: float, _last: float) -> None:
        self.date_label.setText(self.state.current_label())  # the wording follows the zoom

    def _on_catalog_changed(self, _catalog: object) -> None:
        self.date_label.setText(self.state.current_label())

    def _on_lang_changed(self, lang: str) -> None:
        texts = [tr("speed_events", lang), tr("speed_one_year", lang)]
        texts += [tr("speed_years", lang).format(n=int(years)) for _, years in SPEEDS[2:]]
        for index, text in enumerate(texts):
            self.speed.setItemText(index, text)
        self.speed.setToolTip(tr("speed", lang))
        self.loop.setText(tr("loop", lang))
        self.loop.setToolTip(tr("loop_tip", lang))
        self.go_to.setPlaceholderText(tr("go_to_placeholder", lang))
        self.date_label.setToolTip(tr("current_date", lang))
        self._show_error(self.error.text())
        self._on_playing_changed(self.state.playing)
        self._on_day_changed(self.state.day)
