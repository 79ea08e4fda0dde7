"""Memory floor: what QtWebEngine costs before geohist holds any events, next to geohist itself.

    python benchmarks/memory_floor.py [--events 100000] [--json]

Each configuration runs in a fresh child process, offscreen at 1920×1080, and reports the summed
proportional set size (PSS) of the process and all its QtWebEngineProcess descendants, sampled
every 0.5 s (peak) and once at the end (settled), as ``scrub.py`` does:

- ``blank``: a bare ``QWebEngineView`` showing an empty page: Qt, Chromium's browser side in
  this process, a zygote and one renderer. No app can go below this with QtWebEngine.
- ``seed``: geohist's ``MainWindow`` with the bundled history (about 70 events), map painted.
- ``events``: ``MainWindow`` with the synthetic ``--events`` catalog of ``scrub.py``, after 200
  scrub steps.

The difference between rows is what the map page, the widgets and then the events add.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scrub  # next to this file: its catalog, process-tree and event-loop helpers

SETTLE_S = 3.0
CHILD_LIMIT_S = 1800  # a child that takes longer is killed and reported as an error
STEPS = 200


def measure(kind: str, events: int) -> dict:
    app = scrub.qt_app()
    memory = scrub.PssSampler(os.getpid())
    deadline = time.perf_counter() + 600
    if kind == "blank":
        from PySide6.QtWebEngineWidgets import QWebEngineView

        view = QWebEngineView()
        view.resize(*scrub.SIZE)
        view.show()
        loaded: list[bool] = []
        view.loadFinished.connect(loaded.append)
        view.setHtml("<!doctype html><html><body></body></html>")
        scrub.wait_until(app, lambda: loaded, 120)
    elif kind == "seed":
        from geohist.gui.main_window import MainWindow

        view = MainWindow(lang="en", remember=False)
        view.resize(*scrub.SIZE)
        view.show()
        view.open_initial()
        scrub.wait_until(app, view.is_map_ready, 120)
    else:
        path = scrub.catalog(events, 1)
        view, painted = scrub.open_window(app, path, deadline)
        lo, hi = scrub.day_span(view)
        for day in scrub.drag_days(lo, hi, STEPS, 1):
            view.state.set_day(day)
            seq = view.map._seq
            scrub.wait_until(app, lambda s=seq: painted[0] >= s, 60)
    scrub.pump(app, SETTLE_S)
    memory.sample()
    settled = sum(v for v in memory.last_parts.values()) // 1024
    result = {**memory.stop(), "settled_pss_mb": settled}
    view.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--child", choices=["blank", "seed", "events"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.events)), flush=True)
        return
    rows = {}
    for kind in ("blank", "seed", "events"):
        cmd = [sys.executable, __file__, "--child", kind, "--events", str(args.events)]
        rows[kind] = scrub.json_child(cmd, CHILD_LIMIT_S)
    if args.json:
        print(json.dumps({"events": args.events, **rows}))
        return
    print(f"memory floor, {scrub.SIZE[0]}×{scrub.SIZE[1]} offscreen (PSS, MB, all processes)")
    names = {
        "blank": "bare QWebEngineView",
        "seed": "geohist, seed history",
        "events": f"geohist, {args.events} events, {STEPS} steps",
    }
    for kind, row in rows.items():
        if "error" in row:
            print(f"  {names[kind]:34} {row['error']}")
            continue
        parts = ", ".join(f"{k} {v}" for k, v in row["pss_parts_mb"].items())
        print(
            f"  {names[kind]:34} peak {row['peak_pss_mb']:5}  settled {row['settled_pss_mb']:5}"
            f"  ({parts})"
        )


if __name__ == "__main__":
    main()
