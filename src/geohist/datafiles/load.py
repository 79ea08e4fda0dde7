"""Load what the app shows: the gazetteer (bundled plus the user's) and an events file."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from geohist import heap, paths
from geohist.datafiles.events_csv import LoadResult, read_events_csv
from geohist.datafiles.textfile import MAX_DATA_BYTES, too_large
from geohist.errors import DataError, Problem
from geohist.model.catalog import EventCatalog
from geohist.model.place import Gazetteer

GEOJSON_SUFFIXES = (".geojson", ".json")


@cache
def bundled_gazetteer() -> Gazetteer:
    """The places shipped in geodata/; a broken bundled file is a bug, so it raises."""
    from geohist.datafiles.places_csv import read_places_csv

    places, problems = read_places_csv(paths.gazetteer_file())
    if problems:
        raise DataError(problems)
    return Gazetteer.of(places)


def load_gazetteer(extra: Sequence[Path] = ()) -> tuple[Gazetteer, list[Problem]]:
    """The bundled gazetteer with the user's places files laid over it."""
    from geohist.datafiles.places_csv import read_places_csv

    gazetteer, problems = bundled_gazetteer(), []
    for path in extra:
        places, found = read_places_csv(Path(path))
        problems += found
        gazetteer = gazetteer.merged(Gazetteer.of(places))
    return gazetteer, problems


def read_events(path: Path, gazetteer: Gazetteer) -> LoadResult:
    """Read an events file of any supported kind, chosen by its suffix.

    A file over ``MAX_DATA_BYTES`` is refused before reading: loading it would exceed the
    memory budget (see ``textfile``), and a clear refusal beats a window that swaps.
    """
    path = Path(path)
    big = too_large(path, str(path), MAX_DATA_BYTES)
    if big is not None:
        return LoadResult([], [big])
    if path.suffix.lower() in GEOJSON_SUFFIXES:
        from geohist.datafiles.events_geojson import read_events_geojson

        return read_events_geojson(path, gazetteer)
    return read_events_csv(path, gazetteer)


def load_catalog(
    events_file: Path | None = None, places_files: Sequence[Path] = ()
) -> tuple[EventCatalog, list[Problem]]:
    """The catalog to show and every problem met; bad rows are left out, never guessed."""
    with heap.collector_paused():
        gazetteer, problems = load_gazetteer(places_files)
        result = read_events(events_file or paths.default_events_file(), gazetteer)
        return EventCatalog(result.events, gazetteer), problems + result.problems
