"""What a user waits for besides scrubbing, with a big catalog open: the timeline and the list.

    python benchmarks/interact.py [--events 100000] [--repeats 5] [--json]

The real ``MainWindow`` offscreen at 1920×1080 opens ``scrub.py``'s synthetic catalog; then each
action is timed from the call to the end of the repaint it causes (``repaint()`` of the widget
that shows it, then pending events), ``--repeats`` times, median:

- ``zoom_ms`` / ``pan_ms``: the timeline zoomed around its middle (×1.2, then back) / panned by a
  tenth of the view: every event in view is laid out again;
- ``step_paint_ms``: the timeline's repaint on a scrub step (cursor, active marks; p50);
- ``filter_first_ms``: the first letters typed into the list's filter (the search texts are
  built then), ``filter_next_ms`` a letter more, ``filter_other_ms`` another word,
  ``filter_clear_ms`` the filter cleared;
- ``language_ms``: switching the language (list, timeline, the map's new wording sent).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scrub  # next to this file: its catalog, window and event-loop helpers

OPEN_LIMIT_S = 900


def timed_ms(app, action, shown) -> float:
    start = time.perf_counter()
    action()
    shown.repaint()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def measure(events: int, repeats: int) -> dict:
    app = scrub.qt_app()
    path = scrub.catalog(events, 1)
    window, _painted = scrub.open_window(app, path, time.perf_counter() + OPEN_LIMIT_S)
    state, timeline, listing = window.state, window.timeline, window.event_list
    scrub.pump(app, 1.0)
    first, last = state.view
    middle = (first + last) / 2
    zoom, pan = [], []
    for k in range(repeats):
        factor, shift = (1.2 if k % 2 else 1 / 1.2), (-1) ** k / 10
        zoom.append(timed_ms(app, lambda f=factor: state.zoom(f, middle), timeline))
        pan.append(timed_ms(app, lambda s=shift: state.pan(s * state.span), timeline))
    lo, hi = scrub.day_span(window)
    step = [
        timed_ms(app, lambda day=day: state.set_day(day), timeline)
        for day in scrub.drag_days(lo, hi, 20 * repeats, 1)
    ]
    table = listing.table
    filtering = {
        "filter_first_ms": "mo",
        "filter_next_ms": "mos",
        "filter_other_ms": "ank",
        "filter_clear_ms": "",
    }
    result = {
        name: timed_ms(app, lambda t=text: listing.set_filters(t), table)
        for name, text in filtering.items()
    }
    language = []
    for k in range(repeats):
        lang = "id" if k % 2 == 0 else "en"
        language.append(timed_ms(app, lambda lang=lang: window.set_lang(lang), timeline))
    return {
        "events": events,
        "zoom_ms": round(statistics.median(zoom), 1),
        "pan_ms": round(statistics.median(pan), 1),
        "step_paint_ms": round(statistics.median(step), 2),
        **{name: round(ms, 1) for name, ms in result.items()},
        "language_ms": round(statistics.median(language), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = measure(args.events, args.repeats)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.events} events, 1920×1080 offscreen, median of {args.repeats}:")
    for name, value in result.items():
        if name != "events":
            print(f"  {name:16s} {value:8.1f} ms")


if __name__ == "__main__":
    main()
