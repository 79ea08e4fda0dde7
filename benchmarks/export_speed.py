"""Export speed: seconds per 1920×1080 PNG and per frame of a 100-frame animation, via the CLI.

    python benchmarks/export_speed.py [--runs 3]

Every figure is the real `geohist export` command in a fresh process, on the bundled history,
timed by wall clock. A process pays a fixed start-up (imports, the offscreen page loading)
before its first picture, so per-picture costs are differences between two exports that differ
only in how many pictures they make:

- ``png``: `--at 1950-02-15` (one 1920×1080 PNG), wall time;
- ``png_each``: `--each-event` over all events (one PNG per event); per picture =
  (each − one) / (events − 1);
- ``mp4``: a 100-frame animation (`--fps 10 --seconds 10`) over 1918–2025; per frame =
  (animation − one) / 99; also its total wall time.

Medians over ``--runs`` runs. Output goes to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GEOHIST = [sys.executable, "-m", "geohist"]


def timed(args: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run([*GEOHIST, *args, "--quiet"], check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def event_count() -> int:
    out = subprocess.run([*GEOHIST, "events", "--json"], check=True, capture_output=True)
    return len(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    events = event_count()
    one, each, movie = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for run in range(args.runs):
            one.append(timed(["export", "--at", "1950-02-15", "-o", str(out / f"one{run}.png")]))
            each.append(timed(["export", "--each-event", "-o", str(out / f"each{run}")]))
            animation = ["--from", "1918", "--to", "2025", "--fps", "10", "--seconds", "10"]
            movie.append(timed(["export", *animation, "-o", str(out / f"movie{run}.mp4")]))
    med = statistics.median
    result = {
        "runs": args.runs,
        "events": events,
        "png_wall_s": round(med(one), 2),
        "png_each_wall_s": round(med(each), 2),
        "png_per_picture_s": round((med(each) - med(one)) / (events - 1), 3),
        "mp4_100_frames_wall_s": round(med(movie), 2),
        "mp4_per_frame_s": round((med(movie) - med(one)) / 99, 3),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"export speed, 1920×1080, median of {args.runs} runs (wall clock, fresh processes)")
    print(f"  one PNG (whole command):           {result['png_wall_s']:6.2f} s")
    print(
        f"  {events} PNGs, one per event:         {result['png_each_wall_s']:6.2f} s"
        f"  → {result['png_per_picture_s']:.3f} s per picture"
    )
    print(
        f"  100-frame MP4:                     {result['mp4_100_frames_wall_s']:6.2f} s"
        f"  → {result['mp4_per_frame_s']:.3f} s per frame"
    )


if __name__ == "__main__":
    main()
