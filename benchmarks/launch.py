"""Launch time: process start → the map has painted the seed history (median of fresh processes).

    python benchmarks/launch.py [--runs 5]

Each run is a new Python process that opens the real window offscreen, exactly as `geohist`
does, and reports when the page's first frame with the catalog is on screen (two
requestAnimationFrames after the time step). The clock starts at the kernel's process start
time, so interpreter start-up and all imports count.

``./dev setup`` writes PySide6's support code out of libshiboken, where it would be compiled
from source at every start; the figures assume it (the report says which it found).

A first, unreported run is a user's first launch: it builds the cached map page and writes
Python's bytecode caches, which the runs then read. The children always may write them
(``PYTHONDONTWRITEBYTECODE`` is dropped from their environment): with it set, as it is in this
workplace, every module edited since its cache was written was compiled again on every launch,
and a fresh checkout compiled all of them (the 41 modules a launch imports: 0.09-0.10 s here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def _process_age_s() -> float:
    """Seconds since this process was started, from /proc (so imports are included)."""
    with open("/proc/self/stat", encoding="ascii") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def child() -> None:
    from geohist.gui.app import qt_application, shutdown

    app = qt_application(headless=True, test_mode=True)
    from geohist.gui.main_window import MainWindow

    window = MainWindow(lang="en", remember=False)
    window.open_initial(background=True)
    window.resize(1440, 900)
    window.show()

    def painted(_seq: int) -> None:
        if window.is_map_ready() and len(window.catalog):
            print(f"{_process_age_s():.3f}", flush=True)
            app.exit(0)

    window.map.bridge.framePainted.connect(painted)
    shutdown(app, window, app.exec())


def _pyside_support_state() -> str:
    """Whether ``./dev setup`` wrote out PySide6's support code (its loader: 103 ms, else 39-43)."""
    from geohist.gui.pyside_files import shiboken_folder

    package = shiboken_folder()
    if package is None:
        return "shiboken6 not found"
    if (package / "files.dir").is_dir():
        return "written out (bytecode cached)"
    return "embedded, compiled at every start (./dev setup writes it out)"


def launch(env: dict[str, str]) -> float:
    """One launch in a fresh process: seconds from its start to the painted map."""
    out = subprocess.run(
        [sys.executable, __file__, "--child"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    ).stdout.split()
    return float(out[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"  PySide6's support code: {_pyside_support_state()}")
    print(f"  first launch (page and bytecode caches written): {launch(env):.3f} s")
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        times.append(launch(env))
        print(
            f"  run: {times[-1]:.3f} s to painted map ({time.perf_counter() - started:.2f} s wall)"
        )
    print(
        f"launch → painted map: median {statistics.median(times):.3f} s over {len(times)} runs "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )


if __name__ == "__main__":
    main()
