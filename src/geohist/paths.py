"""Where bundled data lives: next to the package in a wheel, at the repo top in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parents[1] / name


def resources_dir() -> Path:
    return _data_dir("resources")


def geodata_dir() -> Path:
    return _data_dir("geodata")


def seeds_dir() -> Path:
    return _data_dir("seeds")


def default_events_file() -> Path:
    """The curated seed history shown when the user names no file."""
    return seeds_dir() / "seed_history.csv"


def gazetteer_file() -> Path:
    return geodata_dir() / "places.csv"


def basemap_file(scale: str = "110m") -> Path:
    return geodata_dir() / f"basemap-{scale}.geojson"
