"""Events: something that happened, when, where, and the passage of text that says so."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from geohist.model.time import TimeSpan

# Most events have no translations: they all share this one read-only mapping instead of
# holding an empty dict each (64 bytes an event, 6.4 MB at 100k events).
NO_TRANSLATIONS: Mapping[str, Mapping[str, str]] = MappingProxyType({})
_NO_TEXTS: Mapping[str, str] = MappingProxyType({})


def _no_translations() -> Mapping[str, Mapping[str, str]]:
    return NO_TRANSLATIONS


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an event was read: ``quote == text_of(source)[start:end]`` (0-based str offsets)."""

    source: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening at one or more places (gazetteer ids)."""

    id: str
    title: str
    when: TimeSpan
    place_ids: tuple[str, ...]
    summary: str = ""
    tags: tuple[str, ...] = ()
    provenance: Provenance | None = None
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=_no_translations)

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` if the file has one (column ``title:id``), else the main title."""
        return self.translations.get(lang, _NO_TEXTS).get("title") or self.title

    def summary_in(self, lang: str) -> str:
        return self.translations.get(lang, _NO_TEXTS).get("summary") or self.summary

    @property
    def first_day(self) -> int:
        return self.when.first_day

    @property
    def last_day(self) -> int:
        return self.when.last_day


def rebase_source(event: Event, old_dir: Path, new_dir: Path) -> Event:
    """The event with its source path relative to ``new_dir`` (for saving the file elsewhere)."""
    if event.provenance is None:
        return event
    source = (Path(old_dir) / event.provenance.source).resolve()
    relative = Path(os.path.relpath(source, Path(new_dir).resolve())).as_posix()
    return replace(event, provenance=replace(event.provenance, source=relative))
