"""Opening a big events file in the running app: File → Open until the map shows it.

    python benchmarks/open_file.py [--events 100000] [--runs 3]

Each run is a fresh process with the real ``MainWindow`` offscreen at 1920×1080 showing the seed
history; then it opens ``scrub.py``'s synthetic catalog of ``--events`` events the way the
command line does (read on the GUI thread, ``interactive=False``) and stops the clock when the
page reports the first frame with the new events. Printed: the median of the runs, and per run
the seconds spent reading the file (``load_catalog``), until ``open_file`` returned (table,
timeline, payload sent) and until the first frame.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scrub  # next to this file: its catalog, child-process and event-loop helpers

CHILD_LIMIT_S = 900  # a run that takes longer is killed and reported


def measure(events: int) -> dict:
    app = scrub.qt_app()
    from geohist.datafiles import load
    from geohist.gui.main_window import MainWindow

    window = MainWindow(lang="en", remember=False)
    window.resize(*scrub.SIZE)
    window.show()
    window.open_initial()
    scrub.wait_until(app, window.is_map_ready, 120)
    scrub.pump(app, 1.0)
    painted = [0]
    window.map.bridge.framePainted.connect(lambda seq: painted.__setitem__(0, seq))
    path = scrub.catalog(events, 1)
    reading = [0.0]
    load_catalog = load.load_catalog

    def timed_load(*args, **kwargs):
        started = time.perf_counter()
        try:
            return load_catalog(*args, **kwargs)
        finally:
            reading[0] = time.perf_counter() - started

    load.load_catalog = timed_load
    started = time.perf_counter()
    if not window.open_file(path, places=[path.with_suffix(".places.csv")], interactive=False):
        raise SystemExit(f"could not open {path}")
    returned = time.perf_counter() - started
    scrub.wait_until(app, lambda: painted[0] >= window.map._seq, 600)
    shown = time.perf_counter() - started
    window.close()
    return {
        "read_s": round(reading[0], 3),
        "returned_s": round(returned, 3),
        "shown_s": round(shown, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.events)), flush=True)
        return
    scrub.catalog(args.events, 1)  # written once, outside the timed runs
    runs = []
    for _ in range(args.runs):
        cmd = [sys.executable, __file__, "--child", "--events", str(args.events)]
        run = scrub.json_child(cmd, CHILD_LIMIT_S)
        if "error" in run:
            raise SystemExit(f"open_file: {run['error']}")
        runs.append(run)
        print(f"  run: {runs[-1]}")
    median = statistics.median(r["shown_s"] for r in runs)
    print(f"open {args.events} events → first frame: median {median:.2f} s over {len(runs)} runs")


if __name__ == "__main__":
    main()
