"""``geohist [DATA] [--at DATE] [--screenshot OUT.png]``: the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from geohist.commands.common import add_data_arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_arguments(parser)
    parser.add_argument(
        "--at", metavar="DATE", help="open at this date (YYYY, YYYY-MM, YYYY-MM-DD)"
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="save a screenshot of the window once the map is ready, then exit",
    )
    parser.add_argument("--lang", choices=("en", "id"), help="language (default: system locale)")
    parser.add_argument(
        "--size",
        default="1440x900",
        metavar="WxH",
        help="window size for --screenshot (default 1440x900)",
    )


def run(args: argparse.Namespace) -> int:
    from geohist.gui.app import run_app

    return run_app(args)
