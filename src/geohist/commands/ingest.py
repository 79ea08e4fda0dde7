"""``geohist ingest PATHS... -o OUT``: find dated events and their places in news texts.

Reads ``.txt`` files and folders (UTF-8) and writes draft events for review: ``OUT.json`` (one
object per event: doc, date_text, date_offset, start, end, precision, mod, places [{id, name}],
place_texts, quote, quote_offset) or ``OUT.csv`` (a geohist events file with the same fields
as extra columns).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from geohist.errors import GeohistError

FORMATS = (".json", ".csv")


class OutputError(GeohistError):
    """An output name geohist cannot write events to."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=".txt files or folders")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="OUT.json or OUT.csv"
    )
    parser.add_argument(
        "--reference-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="when the texts were written, for texts that show no date of their own "
        "(dates 'tahun lalu', 'hari Kamis', '(23/11)')",
    )
    parser.add_argument(
        "--lang", choices=("id", "en"), help="language of the texts (default: guessed per text)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: one per core, up to 4, for 64 texts or more)",
    )


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2019-11-23") from None


def run(args: argparse.Namespace) -> int:
    from geohist.cli import ExitCode
    from geohist.ingest.pipeline import ingest
    from geohist.ingest.sources import read_documents

    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(f"{args.output}: write events to a .json or .csv file")
    documents = list(read_documents(args.paths))
    drafts = list(ingest(documents, args.reference_date, args.lang, args.jobs))
    if suffix == ".json":
        from geohist.ingest.output import write_json

        count = write_json(drafts, args.output)
        note = ""
    else:
        count, note = _write_csv(drafts, args.output)
    print(f"{count} events from {len(documents)} texts -> {args.output}{note}", file=sys.stderr)
    return ExitCode.OK


def _write_csv(drafts: list, output: Path) -> tuple[int, str]:
    from geohist.datafiles.load import bundled_gazetteer
    from geohist.ingest.output import write_csv

    count, places_file = write_csv(drafts, output, set(bundled_gazetteer().places))
    if places_file is None:
        return count, ""
    return count, f" (open with: geohist --places {places_file} {output})"
