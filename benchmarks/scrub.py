"""Scrub speed: timeline change → frame painted in the map page, per step (p50/p95, peak RSS).

    python benchmarks/scrub.py --events 10000 [--steps 300] [--seed 1] [--json] [--no-tgj]

Writes a synthetic catalog with ``make_catalog.py`` (cached under ~/.cache/geohist-bench), then
runs each measurement in a fresh child process:

- ``geohist``: the real ``MainWindow`` offscreen at 1920×1080. A step is ``state.set_day(day)``,
  exactly what the slider does; the clock (``perf_counter``) runs until the page reports
  ``framePainted(seq)`` for that step over the bridge (the page waits two requestAnimationFrames
  before reporting). Steps go like a drag: monotonic steps of 1/300 of the data span, with a jump
  every 50 steps. Each step is followed by a no-op step, ``window.map.set_time(same day)``: the
  page still does its two frames and reports, so it is the floor of this method in the same run.
  ``python_*`` is the part of a step spent synchronously in Python (window, list, timeline).
- ``tgj``: folium's ``TimestampedGeoJson`` on the same events (one point per event place, shown
  from its start for ``duration=P1Y``, folium's default SVG circle markers) in a bare
  ``QWebEngineView`` at 1920×1080. A step is ``map.timeDimension.setCurrentTime(ms)`` through
  ``runJavaScript``; TimeDimension fires ``timeload`` once its layer has redrawn (synchronously
  for GeoJSON layers), the page then waits two requestAnimationFrames and sets
  ``document.title``; the clock stops on ``titleChanged``. Its JS (leaflet-timedimension,
  iso8601-js-period, jQuery, jQuery UI, moment) is fetched once with ``npm pack`` into the cache:
  nothing is vendored.

folium's ``Timeline`` plugin is not measured (see benchmarks/README.md).
Peak RSS is the sum of VmHWM over the child and all its descendants (QtWebEngineProcess…).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "geohist-bench"
SIZE = (1920, 1080)
WARMUP = 10
NPM = {  # package → (version, file inside the tarball)
    "jquery": ("3.7.1", "package/dist/jquery.min.js"),
    "jquery-ui": ("1.13.3", "package/dist/jquery-ui.min.js"),
    "iso8601-js-period": ("0.2.1", "package/iso8601.js"),
    "leaflet-timedimension": ("1.1.1", "package/dist/leaflet.timedimension.min.js"),
    "moment": ("2.18.1", "package/min/moment.min.js"),
}
TD_CSS = "package/dist/leaflet.timedimension.control.css"


# -- shared helpers ---------------------------------------------------------------------------


def catalog(events: int, seed: int) -> Path:
    """The synthetic events file (and its .places.csv sidecar), written once per size and seed."""
    path = CACHE / f"events-{events}-s{seed}.csv"
    if not path.is_file() or not path.with_suffix(".places.csv").is_file():
        maker = Path(__file__).with_name("make_catalog.py")
        subprocess.run(
            [sys.executable, str(maker), f"--events={events}", f"--seed={seed}", f"-o={path}"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def tree_peak_rss_mb(root: int) -> float:
    """Sum of VmHWM (peak resident set) over ``root`` and all its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total_kb, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


def drag_days(lo: int, hi: int, steps: int, seed: int) -> list[int]:
    """Monotonic steps of 1/300 of the span (wrapping round), plus a jump every 50 steps."""
    rng, step = random.Random(seed), max(1, (hi - lo) // 300)
    days, day = [], lo + (hi - lo) // 10
    for i in range(steps):
        jump = i and i % 50 == 0
        day = rng.randint(lo, hi) if jump else (day + step if day + step <= hi else lo)
        days.append(day)
    return days


def summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ms), 2), "p95": round(p95, 2)}


def qt_app():
    from geohist.gui.app import configure_environment

    configure_environment(headless=True)
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    app = QApplication([sys.argv[0]])
    # PySide6 6.12 on CPython 3.11 drops references to None/True on QPainter calls and callbacks;
    # hundreds of steps would free None and abort. The export renderer's guard fixes that.
    from geohist.gui.pyside_fixes import guard_singleton_refcounts

    guard_singleton_refcounts()
    return app


def wait_until(app, done, timeout_s: float) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the page did not report in time")
        app.processEvents()
        time.sleep(0.0005)  # processEvents alone would spin a core that Chromium needs


# -- child: geohist ---------------------------------------------------------------------------


def child_geohist(path: Path, steps: int, seed: int) -> dict:
    app = qt_app()
    from geohist.gui.app import shutdown
    from geohist.gui.main_window import MainWindow

    window = MainWindow(lang="en", remember=False)
    window.resize(*SIZE)
    window.show()
    painted = [0]
    window.map.bridge.framePainted.connect(lambda seq: painted.__setitem__(0, seq))
    if not window.open_file(path, places=[path.with_suffix(".places.csv")], interactive=False):
        raise SystemExit(f"could not open {path}")
    wait_until(app, window.is_map_ready, 120)
    wait_until(app, lambda: painted[0] >= window.map._seq, 120)  # the payload's first frame

    def timed(action) -> tuple[float, float]:
        started = time.perf_counter()
        action()
        python = time.perf_counter()
        seq = window.map._seq
        wait_until(app, lambda: painted[0] >= seq, 60)
        return (time.perf_counter() - started) * 1000, (python - started) * 1000

    events = list(window.catalog)
    lo, hi = min(e.first_day for e in events), max(e.last_day for e in events)
    real, noop, python = [], [], []
    for i, day in enumerate(drag_days(lo, hi, steps + WARMUP, seed)):
        real_ms, python_ms = timed(lambda d=day: window.state.set_day(d))
        noop_ms, _ = timed(lambda: window.map.set_time(window.state.day))
        if i >= WARMUP:  # the first steps warm up the JIT and caches
            real.append(real_ms)
            noop.append(noop_ms)
            python.append(python_ms)
    rss = tree_peak_rss_mb(os.getpid())
    shutdown(app, window, 0)
    return {
        "step": summary(real),
        "noop": summary(noop),
        "python": summary(python),
        "peak_rss_mb": round(rss),
    }


# -- child: folium TimestampedGeoJson ---------------------------------------------------------


def npm_assets() -> dict[str, Path]:
    """Local copies of TimestampedGeoJson's JS/CSS, fetched once with ``npm pack``."""
    out = CACHE / "npm"
    out.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, (version, member) in NPM.items():
        target = out / f"{name}-{version}{Path(member).suffix}"
        if not target.is_file():
            tgz = out / f"{name}-{version}.tgz"
            if not tgz.is_file():
                subprocess.run(
                    ["npm", "pack", "--silent", f"{name}@{version}"],
                    cwd=out,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            with tarfile.open(tgz) as tar:
                target.write_bytes(tar.extractfile(member).read())
                if name == "leaflet-timedimension":
                    (out / "timedimension.css").write_bytes(tar.extractfile(TD_CSS).read())
        found[name] = target
    found["css"] = out / "timedimension.css"
    return found


def tgj_page(path: Path) -> tuple[Path, int, int, str]:
    """A folium TimestampedGeoJson page of the events; returns (page, lo_ms, hi_ms, map name)."""
    import folium
    from folium.plugins import TimestampedGeoJson

    from geohist import paths
    from geohist.gui import opening
    from geohist.mapview.page import leaflet_dir

    cat, _problems = opening.load(path, [path.with_suffix(".places.csv")])
    gaz = cat.gazetteer
    style = {"radius": 6, "fillColor": "#e4572e", "fillOpacity": 1, "color": "#ffffff", "weight": 2}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [gaz[pid].lon, gaz[pid].lat]},
            "properties": {"times": [iso_day(e.first_day)], "icon": "circle", "iconstyle": style},
        }
        for e in cat
        for pid in e.place_ids
        if pid in gaz
    ]
    fmap = folium.Map(tiles=None, location=[30, 40], zoom_start=2)
    leaflet = leaflet_dir()
    fmap.default_js = [("leaflet", (leaflet / "leaflet.js").as_uri())]
    fmap.default_css = [("leaflet_css", (leaflet / "leaflet.css").as_uri())]
    land = {"fillColor": "#f4f1ea", "fillOpacity": 1, "color": "#b9b0a0", "weight": 0.6}
    folium.GeoJson(
        json.loads(paths.basemap_file("110m").read_text(encoding="utf-8")),
        style_function=lambda _f: land,
    ).add_to(fmap)
    tgj = TimestampedGeoJson(
        {"type": "FeatureCollection", "features": features},
        period="P1D",
        duration="P1Y",  # without a duration TimeDimension hides everything before 1970
        add_last_point=False,
        auto_play=False,
        loop=False,
    )
    assets = npm_assets()
    tgj.default_js = [(k, v.as_uri()) for k, v in assets.items() if k != "css"]
    tgj.default_css = [("timedimension_css", assets["css"].as_uri())]
    tgj.add_to(fmap)
    page = CACHE / f"tgj-{path.stem}.html"
    page.write_text(fmap.get_root().render(), encoding="utf-8")
    first, last = min(e.first_day for e in cat), max(e.first_day for e in cat)
    return page, day_ms(first), day_ms(last), fmap.get_name()


def iso_day(day: int) -> str:
    from datetime import date

    return date.fromordinal(day).isoformat()


def day_ms(day: int) -> int:
    from datetime import date

    return (day - date(1970, 1, 1).toordinal()) * 86_400_000


def child_tgj(path: Path, steps: int, seed: int) -> dict:
    page, lo, hi, name = tgj_page(path)
    app = qt_app()
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    view.resize(*SIZE)
    title, loaded = [""], []
    view.titleChanged.connect(lambda t: title.__setitem__(0, t))
    view.loadFinished.connect(loaded.append)
    view.load(QUrl.fromLocalFile(str(page)))
    view.show()
    wait_until(app, lambda: loaded, 600)
    view.page().runJavaScript(
        "window.__want = null;"
        f"{name}.timeDimension.on('timeload', function () {{"
        " if (window.__want === null) return; var s = window.__want; window.__want = null;"
        " requestAnimationFrame(function () { requestAnimationFrame(function () {"
        " document.title = 'p' + s; }); }); });"
        "document.title = 'ready';"
    )
    wait_until(app, lambda: title[0] == "ready", 60)
    seq = [0]

    def timed(ms: int) -> float:
        seq[0] += 1
        want = f"p{seq[0]}"
        started = time.perf_counter()
        view.page().runJavaScript(
            f"window.__want = {seq[0]}; {name}.timeDimension.setCurrentTime({ms});"
        )
        wait_until(app, lambda: title[0] == want, 120)
        return (time.perf_counter() - started) * 1000

    day = 86_400_000
    days = drag_days(lo // day, hi // day, steps + WARMUP, seed)
    real = [timed(d * day) for d in days][WARMUP:]
    rss = tree_peak_rss_mb(os.getpid())
    view.deleteLater()
    app.processEvents()
    return {"step": summary(real), "peak_rss_mb": round(rss)}


# -- parent -----------------------------------------------------------------------------------


def run_child(kind: str, path: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--catalog", str(path)]
    cmd += ["--steps", str(args.steps), "--seed", str(args.seed)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(r: dict) -> None:
    print(f"scrub: {r['events']} events, {r['steps']} steps, {SIZE[0]}×{SIZE[1]} offscreen")
    print(f"  {'':28} {'p50 ms':>8} {'p95 ms':>8} {'peak RSS MB':>12}")
    rows = [
        ("geohist step", "p50_ms", "p95_ms", "peak_rss_mb"),
        ("  of which Python (sync)", "python_p50_ms", "python_p95_ms", None),
        ("geohist no-op step", "noop_p50_ms", "noop_p95_ms", None),
        ("folium TimestampedGeoJson", "tgj_p50_ms", "tgj_p95_ms", "tgj_peak_rss_mb"),
    ]
    for label, p50, p95, rss in rows:
        if p50 in r:
            print(f"  {label:28} {r[p50]:8.1f} {r[p95]:8.1f} {r.get(rss, ''):>12}")
    print(f"  step − no-op (p50): {r['p50_ms'] - r['noop_p50_ms']:.1f} ms")
    if "tgj_p50_ms" in r:
        print(
            f"  TimestampedGeoJson ÷ geohist: {r['tgj_ratio_p50']}× (p50), "
            f"{r['tgj_ratio_p95']}× (p95)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-tgj", action="store_true", help="skip the folium comparison")
    parser.add_argument("--child", choices=("geohist", "tgj"), help=argparse.SUPPRESS)
    parser.add_argument("--catalog", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run = child_geohist if args.child == "geohist" else child_tgj
        print(json.dumps(run(args.catalog, args.steps, args.seed)), flush=True)
        return
    args.steps = max(args.steps, 200)
    path = catalog(args.events, args.seed)
    ours = run_child("geohist", path, args)
    result = {
        "events": args.events,
        "steps": args.steps,
        "p50_ms": ours["step"]["p50"],
        "p95_ms": ours["step"]["p95"],
        "noop_p50_ms": ours["noop"]["p50"],
        "noop_p95_ms": ours["noop"]["p95"],
        "python_p50_ms": ours["python"]["p50"],
        "python_p95_ms": ours["python"]["p95"],
        "peak_rss_mb": ours["peak_rss_mb"],
    }
    if not args.no_tgj:
        tgj = run_child("tgj", path, args)
        result.update(
            tgj_p50_ms=tgj["step"]["p50"],
            tgj_p95_ms=tgj["step"]["p95"],
            tgj_peak_rss_mb=tgj["peak_rss_mb"],
            tgj_ratio_p50=round(tgj["step"]["p50"] / result["p50_ms"], 2),
            tgj_ratio_p95=round(tgj["step"]["p95"] / result["p95_ms"], 2),
        )
    if args.json:
        print(json.dumps(result))
    else:
        report(result)


if __name__ == "__main__":
    main()
