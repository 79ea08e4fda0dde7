"""The ``geohist`` command: the window by default, and headless subcommands.

Subcommand modules are imported only when used, so ``geohist validate`` never loads Qt.
User errors end as one message and an exit code; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA_ERROR = 1  # the input has problems (printed as file:line: field: message)
    USAGE = 2  # argparse's own code for bad arguments
    FAILED = 3  # the work could not be done (unwritable output, renderer failure)
    INTERNAL = 70  # a bug: please report it


# name -> (module in geohist.commands, one-line help)
COMMANDS = {
    "gui": ("gui", "open the window (the default)"),
    "validate": ("validate", "check an events file and report every problem"),
    "events": ("events", "list the events of a file (text or --json)"),
    "ingest": ("ingest", "find dated events and places in texts"),
    "export": ("export", "export map snapshots, a slide deck or an animation"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geohist",
        description="A map-and-timeline viewer for history. Without a command, opens the window.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command = importlib.import_module(f"geohist.commands.{module}")
        command.add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """``geohist FILE --at D`` means ``geohist gui FILE --at D``."""
    words = [a for a in argv if a != "--debug"]
    if words and (words[0] in COMMANDS or words[0] in ("-h", "--help")):
        return argv
    debug = ["--debug"] if "--debug" in argv else []
    return [*debug, "gui", *words]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(
        _with_default_command(list(sys.argv[1:] if argv is None else argv))
    )
    module = importlib.import_module(f"geohist.commands.{COMMANDS[args.command][0]}")
    from geohist.errors import GeohistError

    try:
        return int(module.run(args))
    except GeohistError as exc:
        if args.debug:
            raise
        print(f"geohist: {exc}", file=sys.stderr)
        return ExitCode.DATA_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`geohist events | head`): stop quietly, as Unix tools do, and
        # keep Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        if args.debug:
            raise
        print(f"geohist: internal error: {exc!r} (run with --debug for details)", file=sys.stderr)
        return ExitCode.INTERNAL


if __name__ == "__main__":
    sys.exit(main())
