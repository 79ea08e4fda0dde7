"""``geohist export``: a map snapshot, one image or slide per event, or an animation — headless.

Everything users can get wrong (dates, sizes, formats, a destination that cannot be written) is
checked before Qt starts, so a mistake costs no QtWebEngine start and leaves no file. The work
itself is ``geohist.gui.renderer.start_export``, the same job the window's export dialog runs:
this module builds the ``ExportRequest`` and runs the Qt event loop until the job finishes.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from geohist.commands.common import add_data_arguments, load_or_report
from geohist.errors import DateError, GeohistError
from geohist.export import formats
from geohist.export.layout import OVERLAYS, ExportSpec, parse_size
from geohist.export.plan import ExportRequest, Output
from geohist.model.catalog import EventCatalog
from geohist.model.time import HistoricalDate

EXAMPLES = """\
examples:
  geohist export --at 1950-02-15 -o treaty.png
  geohist export --at 1921-03-16 -o moscow.pdf --lang id --scale 2
  geohist export --each-event --from 1950 --to 1960 -o slides/
  geohist export --each-event --tag treaty --pptx treaties.pptx
  geohist export --from 1918 --to 1925 --fps 10 --seconds 12 -o turkey.mp4
  geohist export --from 2024-05 --to 2024-06 --fps 5 --per-event 2 -o may-2024.gif
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXAMPLES
    add_data_arguments(parser)
    what = parser.add_argument_group("what to export")
    what.add_argument("--at", metavar="DATE", help="one picture of this date (YYYY[-MM[-DD]])")
    what.add_argument("--each-event", action="store_true", help="one picture (or slide) per event")
    what.add_argument("--from", dest="first", metavar="DATE", help="first date (decks, animations)")
    what.add_argument("--to", dest="last", metavar="DATE", help="last date (decks, animations)")
    what.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="only events with this tag"
    )
    what.add_argument("--fps", type=float, metavar="N", help="animation frames per second (10)")
    pace = what.add_mutually_exclusive_group()
    pace.add_argument("--seconds", type=float, metavar="S", help="animation length (10)")
    pace.add_argument("--per-event", type=float, metavar="S", help="seconds on each event")
    out = parser.add_argument_group("where")
    out.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="OUT.png|.jpg|.pdf, DIR/, OUT.mp4|.gif"
    )
    out.add_argument("--pptx", type=Path, metavar="DECK.pptx", help="with --each-event: a deck")
    out.add_argument(
        "--format", choices=("png", "jpeg", "pdf"), default="png", help="images in DIR/ (png)"
    )
    look = parser.add_argument_group("how it looks")
    look.add_argument("--size", default="1920x1080", metavar="WxH", help="layout size (1920x1080)")
    look.add_argument(
        "--scale", type=int, default=1, metavar="N", help="2 doubles the pixels: 3840x2160 (1)"
    )
    look.add_argument("--lang", choices=("en", "id"), default="en", help="wording (en)")
    look.add_argument("--title", help="title instead of the event's")
    look.add_argument(
        "--overlays",
        default=",".join(OVERLAYS),
        metavar="LIST",
        help=f"overlays to draw, comma-separated (default {','.join(OVERLAYS)})",
    )
    look.add_argument("--no-overlays", action="store_true", help="the map only")
    look.add_argument("--afterglow", type=int, default=365, metavar="DAYS", help="fade-out (365)")
    look.add_argument("--basemap", choices=("110m", "50m"), default="50m", help="detail (50m)")
    look.add_argument(
        "--frame",
        choices=("events", "data"),
        default="events",
        help="zoom to the events shown (default) or show all the data's places",
    )
    look.add_argument(
        "--map-scale", type=float, default=1.5, metavar="K", help="label and marker size (1.5)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from geohist.atomic import WriteError
    from geohist.cli import ExitCode

    catalog = load_or_report(args)
    if catalog is None:
        return ExitCode.DATA_ERROR
    try:
        request, catalog = build_request(args, catalog)
    except WriteError as exc:
        print(f"geohist: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    return run_job(request, catalog, quiet=args.quiet)


# -- the request, without Qt ----------------------------------------------------------------


def parse_date(option: str, text: str) -> HistoricalDate:
    try:
        return HistoricalDate.parse(text)
    except DateError as exc:
        raise GeohistError(f"{option} {text!r}: {exc}") from None


def build_spec(args: argparse.Namespace, *, deck: bool = False) -> ExportSpec:
    from geohist.export.pptx_deck import PICTURE_OVERLAYS, picture_size

    width, height = parse_size(args.size)
    overlays = set() if args.no_overlays else {o.strip() for o in args.overlays.split(",") if o}
    if deck:
        width, height = picture_size(width)
        overlays &= PICTURE_OVERLAYS
    return ExportSpec(
        width=width,
        height=height,
        scale=args.scale,
        lang=args.lang,
        overlays=frozenset(overlays),
        title=args.title,
        afterglow_days=max(0, args.afterglow),
        basemap=args.basemap,
        framing=args.frame,
        map_scale=args.map_scale,
    )


def options(**overrides: object) -> argparse.Namespace:
    """The command's defaults with some values changed: how the export dialog describes an
    export, so that the window and the CLI build their requests with the same code."""
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([])
    for name, value in overrides.items():
        if not hasattr(args, name):
            raise AttributeError(f"geohist export has no option {name!r}")
        setattr(args, name, value)
    return args


def export_mode(args: argparse.Namespace) -> str:
    """``"still"``, ``"each"`` or ``"animation"``, from the options given."""
    if args.each_event:
        if args.at:
            raise GeohistError("use either --at or --each-event")
        return "each"
    if args.at:
        if args.first or args.last or args.fps or args.seconds or args.per_event or args.pptx:
            raise GeohistError("--at makes one picture: --from, --to, --fps, --pptx do not apply")
        return "still"
    animated = args.fps or args.seconds or args.per_event
    if animated or (args.output is not None and args.output.suffix.lower() in (".gif", ".mp4")):
        return "animation"
    raise GeohistError(
        "say what to export: --at DATE, --each-event, or an animation (-o OUT.mp4 or OUT.gif)"
    )


def build_request(
    args: argparse.Namespace, catalog: EventCatalog, *, preview: bool = False
) -> tuple[ExportRequest, EventCatalog]:
    """The request the options describe, and the catalog filtered by ``--tag``.

    With ``preview`` the request has no outputs (nothing is checked or written): the export
    dialog renders its first frame small.
    """
    from geohist.export import plan

    mode = export_mode(args)
    tags = [t for value in args.tag for t in value.split(",") if t.strip()]
    catalog = plan.with_tags(catalog, tags)
    build = {"still": _still_request, "each": _each_event_request, "animation": _animation_request}
    return build[mode](args, catalog, preview), catalog


def _date_range(args: argparse.Namespace) -> tuple[int | None, int | None]:
    """The first day of ``--from`` and the last day of ``--to``; None for an option not given."""
    first = parse_date("--from", args.first).first_day if args.first else None
    last = parse_date("--to", args.last).last_day if args.last else None
    return first, last


def _still_request(args: argparse.Namespace, catalog: EventCatalog, preview: bool) -> ExportRequest:
    from geohist.export import plan

    date = parse_date("--at", args.at)
    frames = plan.still_plan(catalog, date.first_day, args.lang, date.precision)
    usage = "--at DATE -o OUT.png"
    outputs = () if preview else _single_output(args, formats.Kind.IMAGE, usage)
    return ExportRequest(build_spec(args), tuple(frames), outputs)


def _each_event_request(
    args: argparse.Namespace, catalog: EventCatalog, preview: bool
) -> ExportRequest:
    from geohist.export import plan

    first, last = _date_range(args)
    outputs = () if preview else _each_event_outputs(args)
    events = plan.events_between(catalog, first, last)
    if not events:
        raise GeohistError("no event in the chosen dates")
    frames = plan.each_event_plan(catalog, events, args.lang)
    spec = build_spec(args, deck=args.pptx is not None)
    return ExportRequest(spec, tuple(frames), outputs)


def _each_event_outputs(args: argparse.Namespace) -> tuple[Output, ...]:
    if args.output is None and args.pptx is None:
        raise GeohistError("--each-event needs -o DIR/ (images) or --pptx DECK.pptx (slides)")
    outputs = []
    if args.pptx is not None:
        formats.format_for(args.pptx, formats.Kind.DECK)
        formats.check_writable(args.pptx.parent)
        outputs.append(Output("pptx", args.pptx))
    if args.output is not None:
        if args.output.suffix.lower() in (".png", ".jpg", ".jpeg", ".pdf", ".gif", ".mp4"):
            raise GeohistError(f"{args.output}: --each-event writes a folder: give -o a folder")
        formats.check_writable(_existing_ancestor(args.output))
        outputs.append(Output(args.format, args.output, folder=True))
    return tuple(outputs)


def _animation_request(
    args: argparse.Namespace, catalog: EventCatalog, preview: bool
) -> ExportRequest:
    from geohist.export import plan

    first, last = _date_range(args)
    usage = "--from DATE --to DATE --fps N -o OUT.mp4"
    outputs = () if preview else _single_output(args, formats.Kind.ANIMATION, usage)
    bounds = catalog.bounds()
    if bounds is None:
        raise GeohistError("no events to animate")
    first = bounds[0] if first is None else first
    last = bounds[1] if last is None else last
    seconds = None if args.per_event is not None else (args.seconds or 10.0)
    fps = args.fps or 10.0
    frames = plan.animation_plan(
        catalog, args.lang, first, last, fps, seconds=seconds, per_event=args.per_event
    )
    return ExportRequest(build_spec(args), tuple(frames), outputs, fps=fps)


def _single_output(args: argparse.Namespace, kind: formats.Kind, usage: str) -> tuple[Output, ...]:
    """The one file ``-o`` names, checked: a format of ``kind``, in a folder we can write."""
    if args.output is None:
        raise GeohistError(f"-o is missing: {usage}")
    target = args.output
    fmt = formats.format_for(target, kind)
    if fmt.name == "mp4":
        from geohist.export.animation import ffmpeg_exe

        ffmpeg_exe()  # a clear error now if imageio-ffmpeg is missing
    formats.check_writable(target.parent)
    return (Output(fmt.name, target),)


def _existing_ancestor(path: Path) -> Path:
    path = path.resolve()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


# -- running the job --------------------------------------------------------------------------


class ProgressBar:
    """``[#####-----] 12/100`` on a terminal's stderr; a line per 10 % otherwise."""

    WIDTH = 30

    def __init__(self, total: int, stream=None, enabled: bool = True) -> None:
        self.total, self.stream = total, stream or sys.stderr
        self.enabled = enabled and total > 1
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._shown = -1

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.tty:
            filled = self.WIDTH * done // max(total, 1)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            print(f"\rexport [{bar}] {done}/{total}", end="", file=self.stream, flush=True)
            self._shown = done
        elif done * 10 // max(total, 1) > self._shown * 10 // max(total, 1) or done == total:
            print(f"export: {done}/{total} frames", file=self.stream, flush=True)
            self._shown = done

    def close(self) -> None:
        if self.enabled and self.tty and self._shown >= 0:
            print(file=self.stream)


def run_job(request: ExportRequest, catalog: EventCatalog, *, quiet: bool = False) -> int:
    """Start Qt, run the export to its end, delete the view before Qt goes, return the code."""
    from geohist.cli import ExitCode
    from geohist.gui.app import configure_environment

    configure_environment(headless=True)
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from geohist.gui import renderer

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)  # the job closes its (hidden) view before it ends
    bar = ProgressBar(request.total, enabled=not quiet)
    outcome = {"ok": False, "message": "did not finish", "interrupted": False}
    with renderer.temporary_page_dir() as page_dir:
        page = renderer.export_page(Path(page_dir), request.spec.basemap)
        job = renderer.start_export(request, catalog, page)
        job.progress.connect(bar.update)

        loop = QEventLoop()  # not app.quit(): Qt 6 then closes every window, crashing here

        def on_finished(ok: bool, message: str) -> None:
            outcome.update(ok=ok, message=message)
            loop.quit()

        def on_interrupt(*_args: object) -> None:
            # Runs between any two bytecodes: leave the cancelling to the event loop.
            outcome["interrupted"] = True
            QTimer.singleShot(0, job.cancel)

        job.finished.connect(on_finished)
        previous = signal.signal(signal.SIGINT, on_interrupt)
        heartbeat = QTimer(interval=200)  # lets Python run its signal handler during exec()
        heartbeat.start()
        try:
            loop.exec()
        finally:
            heartbeat.stop()
            signal.signal(signal.SIGINT, previous)
            job.renderer.close()
            job.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()
    bar.close()
    print(f"geohist: {outcome['message']}", file=sys.stderr)
    if outcome["ok"]:
        return ExitCode.OK
    return 130 if outcome["interrupted"] else ExitCode.FAILED
