"""``geohist validate [DATA]``: every problem as ``file:line: field: message``, or a summary."""

from __future__ import annotations

import argparse

from geohist.commands.common import add_data_arguments, load, print_problems


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from geohist.cli import ExitCode
    from geohist.model.wording import format_day

    catalog, problems = load(args)
    if problems:
        print_problems(problems)
        print(f"{len(problems)} problem(s) found", flush=True)
        return ExitCode.DATA_ERROR
    name = args.data or "bundled seed history"
    bounds = catalog.bounds()
    if bounds is None:
        print(f"{name}: no events")
        return ExitCode.DATA_ERROR
    span = f"{format_day(bounds[0])} – {format_day(bounds[1])}"
    places = len(catalog.places())
    sources = len({e.provenance.source for e in catalog if e.provenance})
    print(
        f"{name}: OK, {len(catalog)} events at {places} places, {span}, quoting {sources} source(s)"
    )
    return ExitCode.OK
