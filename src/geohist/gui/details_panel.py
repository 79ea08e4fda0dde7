"""The details panel: one event with its quote and source, or the events of one place.

Every user string goes through ``html.escape`` before it reaches the rich-text widget, so a
title such as ``<img src=x>`` is shown as those characters.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from geohist.gui.strings import tr
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.wording import format_span


class DetailsPanel(QTextBrowser):
    """Read-only rich text; links of the form ``event:ID`` select that event."""

    eventLinkActivated = Signal(str)

    def __init__(self, catalog: EventCatalog, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._catalog, self._lang = catalog, lang
        self._shown: tuple[str, str] | None = None
        self.show_nothing()

    def set_catalog(self, catalog: EventCatalog) -> None:
        self._catalog = catalog
        self.show_nothing()

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        self._refresh()

    def show_nothing(self) -> None:
        self._shown = None
        self.setHtml(f"<p style='color:gray'>{escape(tr('details_hint', self._lang))}</p>")

    def show_event(self, event_id: str) -> None:
        if event_id not in self._catalog:
            return self.show_nothing()
        self._shown = ("event", event_id)
        self.setHtml(self._event_html(self._catalog[event_id]))
        return None

    def show_place(self, place_id: str) -> None:
        if place_id not in self._catalog.gazetteer:
            return self.show_nothing()
        self._shown = ("place", place_id)
        self.setHtml(self._place_html(place_id))
        return None

    def _refresh(self) -> None:
        if self._shown is None:
            self.show_nothing()
        elif self._shown[0] == "event":
            self.show_event(self._shown[1])
        else:
            self.show_place(self._shown[1])

    def _event_html(self, event: Event) -> str:
        lang, gazetteer = self._lang, self._catalog.gazetteer
        places = ", ".join(
            escape(gazetteer[p].name(lang, event.first_day)) for p in event.place_ids
        )
        parts = [
            f"<h3>{escape(event.title_in(lang))}</h3>",
            f"<p><b>{escape(format_span(event.when, lang))}</b>"
            + (f" <i>({escape(tr('uncertain_date', lang))})</i>" if event.when.soft else "")
            + "</p>",
            f"<p>{escape(tr('places', lang))}: {places}</p>",
        ]
        summary = event.summary_in(lang)
        if summary:
            parts.append(f"<p>{escape(summary)}</p>")
        if event.provenance:
            prov = event.provenance
            parts.append(f"<blockquote style='color:#444'>“{escape(prov.quote)}”</blockquote>")
            where = tr("source_at", lang).format(source=prov.source, start=prov.start, end=prov.end)
            parts.append(f"<p style='color:gray'>{escape(where)}</p>")
        if event.tags:
            parts.append(f"<p style='color:gray'>{escape(', '.join(event.tags))}</p>")
        return "\n".join(parts)

    def _place_html(self, place_id: str) -> str:
        place, lang = self._catalog.gazetteer[place_id], self._lang
        rows = [
            f"<li><a href='event:{escape(e.id, quote=True)}'>"
            f"{escape(format_span(e.when, lang))}</a> — {escape(e.title_in(lang))}</li>"
            for e in self._catalog.at_place(place_id)
        ]
        heading = tr("events_at", lang).format(place=place.name(lang))
        return f"<h3>{escape(heading)}</h3><ul>{''.join(rows)}</ul>"

    def _on_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("event:"):
            self.eventLinkActivated.emit(text.removeprefix("event:"))
