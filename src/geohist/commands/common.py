"""Arguments and loading shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geohist.errors import Problem
from geohist.model.catalog import EventCatalog


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        metavar="DATA",
        help="events file (.csv or .geojson); default: the bundled seed history",
    )
    parser.add_argument(
        "--places",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="extra places file (CSV, gazetteer format); may be repeated",
    )


def load(args: argparse.Namespace) -> tuple[EventCatalog, list[Problem]]:
    from geohist.datafiles.load import load_catalog

    return load_catalog(args.data, args.places)


def load_or_report(args: argparse.Namespace) -> EventCatalog | None:
    """The catalog, or None once its problems are printed to stderr (the caller exits 1)."""
    catalog, problems = load(args)
    if problems:
        print_problems(problems, sys.stderr)
        print(f"{len(problems)} problem(s); run `geohist validate` for details", file=sys.stderr)
        return None
    return catalog


def print_problems(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stdout
    for problem in problems:
        print(problem, file=stream)
