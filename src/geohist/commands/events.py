"""``geohist events [DATA] [--json]``: the events of a file, for people or for scripts."""

from __future__ import annotations

import argparse
import json
import sys

from geohist.commands.common import add_data_arguments, load, print_problems
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--lang", choices=("en", "id"), default="en", help="wording of dates")


def run(args: argparse.Namespace) -> int:
    from geohist.cli import ExitCode

    catalog, problems = load(args)
    if problems:
        print_problems(problems, sys.stderr)
        print(f"{len(problems)} problem(s); run `geohist validate` for details", file=sys.stderr)
        return ExitCode.DATA_ERROR
    if args.json:
        json.dump(
            [event_json(e, catalog) for e in catalog], sys.stdout, ensure_ascii=False, indent=1
        )
        print()
    else:
        _print_table(catalog, args.lang)
    return ExitCode.OK


def event_json(event: Event, catalog: EventCatalog) -> dict:
    when = event.when
    places = [catalog.gazetteer[p] for p in event.place_ids]
    prov = event.provenance
    return {
        "id": event.id,
        "title": event.title,
        "start": when.start.to_edtf(),
        "end": when.end.to_edtf() if when.end else None,
        "precision": when.precision.name.lower(),
        "mod": when.start.part.value if when.start.part else None,
        "places": [{"id": p.id, "name": p.name("en"), "lat": p.lat, "lon": p.lon} for p in places],
        "source": {"doc": prov.source, "start": prov.start, "end": prov.end, "quote": prov.quote}
        if prov
        else None,
    }


def _print_table(catalog: EventCatalog, lang: str) -> None:
    from geohist.model.wording import format_span

    for event in catalog:
        names = ", ".join(catalog.gazetteer[p].name(lang, event.first_day) for p in event.place_ids)
        print(f"{format_span(event.when, lang):<28} {event.title_in(lang)}  [{names}]")
