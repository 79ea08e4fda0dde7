"""Scrub speed: timeline change → frame painted in the map page, per step (p50/p95, peak RSS).

    python benchmarks/scrub.py --events 10000 [--steps 300] [--seed 1] [--json]
                               [--drag [--drag-seconds 5]] [--no-tgj] [--no-timeline]
                               [--phase random|locked] [--timeout 600]

Writes a synthetic catalog with ``make_catalog.py`` (cached under ~/.cache/geohist-bench), then
runs each measurement in a fresh child process:

- ``geohist``: the real ``MainWindow`` offscreen at 1920×1080. A step is ``state.set_day(day)``,
  exactly what the slider does; the clock (``perf_counter``) runs until the page reports
  ``framePainted(seq)`` for that step over the bridge (the page waits two requestAnimationFrames
  before reporting). Steps go like a drag: monotonic steps of 1/300 of the data span, with a jump
  every 50 steps. Each step is followed by a no-op step, ``window.map.set_time(same day)``: the
  page still does its two frames and reports, so it is the floor of this method in the same run.
  ``python_*`` is the part of a step spent synchronously in Python (window, list, timeline).
  Before each timed step (here and in the folium children) the benchmark idles a random
  0–16.7 ms, so that steps land anywhere in the page's frame as a user's input does
  (``--phase random``, the default); ``--phase locked`` times them back to back, each landing
  just after a frame began (see ``input_phase``).
- ``drag`` (with ``--drag``): the same window, driven like a continuous drag. A precise
  ``QTimer`` calls ``state.set_day`` once per 60 Hz slot (every 16.7 ms) for ``--drag-seconds``,
  never waiting for the page; the day moves 1/(60·seconds) of the span per slot. When the GUI
  thread is late, the slots it missed are skipped, as a mouse's intermediate positions are. A
  requestAnimationFrame loop injected into the page records, for every frame, its timestamp and
  ``window.geohist.state().time``. A frame is *new* when it shows a sent day that the previous
  frame did not show. Reported: ``drag_slots`` (60 Hz slots in the drag), ``drag_steps``
  (``set_day`` calls made), ``drag_frames`` (new frames), ``drag_dropped`` = slots − new frames
  (slots in which the picture did not advance: 0 means every 16.7 ms interval had a new frame),
  ``drag_unshown`` (days sent but never on any frame), ``drag_longest_gap_ms`` (longest time
  between two consecutive new frames), ``drag_page_frames`` (all frames the page produced
  between the first and last new frame, new or not: fewer than the slots means the page
  produced fewer frames — renderer busy, or its frames held back by the GUI thread, see below;
  as many means the page painted but the GUI thread delivered the days late), and
  ``drag_set_time_p50_ms``/``_p95_ms`` (the synchronous in-page time of each
  ``window.geohist.setTime`` call, measured by a wrapper the benchmark injects; when calls
  cost more than a frame at 60 calls/s the renderer's main thread has no time left to paint).
  The same drag is then repeated on the map page alone (``window.map.set_time`` from the timer,
  no timeline/list/status-bar work in Qt): the same figures as ``drag_map_*``. Last, the floor:
  the same drag on a bare page that does nothing per step but clear a canvas of the map's size
  and draw one small square (``drag_floor_*``): frames this machine's offscreen QtWebEngine
  drops with no work to do (measured here: 0-1 in most runs, 21-109 in noisy spells). QtWebEngine
  presents each page frame through the Qt GUI thread, so a busy GUI thread also holds back the
  page's frames (measured here: a page repainting a 400×400 box every frame made 152 frames in
  3 s with the GUI thread free, 27 with it blocked 50 ms at a time).
- ``tgj``: folium's ``TimestampedGeoJson`` on the same events (one point per event place with
  ``times`` = its first and last day and ``duration=P1Y``, so TimeDimension shows it from its
  start to a year after its end — the days geohist shows it lit or fading; SVG circle markers)
  in a bare ``QWebEngineView`` at 1920×1080. A step is ``map.timeDimension.setCurrentTime(ms)``
  through ``runJavaScript``; TimeDimension fires ``timeload`` once its layer has redrawn
  (synchronously for GeoJSON layers), the page then waits two requestAnimationFrames and sets
  ``document.title``; the clock stops on ``titleChanged``.
- ``timeline``: folium's ``Timeline`` + ``TimelineSlider`` (leaflet.timeline 1.6.0) on the same
  events: one point feature per event place from the event's first day to its last day + the
  app's default afterglow (365 days: the days geohist shows the place lit or fading), the same
  SVG circle markers, slider with folium's defaults but ``auto_play=False``. A step is
  the slider control's ``setTime(ms)`` through ``runJavaScript`` (what its ``input`` handler
  does: move the thumb, ``timeline.setTime`` for each timeline — which adds/removes the layers
  synchronously — and update the date output), then two requestAnimationFrames and
  ``document.title``, timed like ``tgj``.

The folium pages (``folium_pages.py``) use Leaflet from the installed package and the plugins'
JS fetched once with ``npm pack`` into the cache: nothing is vendored. A child that cannot build
and load its page within ``--timeout`` seconds reports "did not load within N s" (in the JSON as
``<child>_error``) instead of figures; the run goes on with the other children.
Peak RSS is the sum of VmHWM over the child and all its descendants (QtWebEngineProcess…).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import folium_pages  # next to this file, not an installed module

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "geohist-bench"
SIZE = (1920, 1080)
WARMUP = 10
SLOT_S = 1 / 60  # one 60 Hz frame
STEP_BUDGET_S = 1800  # beyond --timeout, how long a child's steps may take before it is killed
FOLIUM_KINDS = {"tgj": "folium TimestampedGeoJson", "timeline": "folium Timeline"}


class LoadTimeoutError(Exception):
    pass


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


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants (QtWebEngineProcess zygotes, renderer, GPU process)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, []))
    return tree


def _status_kb(pid: int, field: str, name: str = "status") -> int:
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_peak_rss_mb(root: int) -> float:
    """Sum of VmHWM (peak resident set) over ``root`` and all its descendants, in MB.

    Shared pages (Qt and Chromium libraries, mapped by every process) count once per process,
    so this overstates real use; :class:`PssSampler` gives the fair figure.
    """
    return sum(_status_kb(pid, "VmHWM:") for pid in process_tree(root)) / 1024


class PssSampler:
    """Peak of the summed proportional set size (PSS) of a process tree, sampled every 0.5 s.

    PSS charges each shared page to the processes sharing it in equal parts, so the sum over
    the tree is the memory the whole app really holds. The kernel keeps no PSS peak, hence the
    sampling (a short spike between samples can be missed).
    """

    def __init__(self, root: int, every_s: float = 0.5) -> None:
        import threading

        self.root, self.every_s, self.peak_kb = root, every_s, 0
        self.parts: dict[str, int] = {}  # the peak's, by process kind
        self.last_parts: dict[str, int] = {}  # the latest sample's
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self.sample()

    def sample(self) -> None:
        parts: dict[str, int] = {}
        for pid in process_tree(self.root):
            kb = _status_kb(pid, "Pss:", "smaps_rollup")
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            kind = next((a.decode()[7:] for a in cmd if a.startswith(b"--type=")), "python")
            parts[kind] = parts.get(kind, 0) + kb
        self.last_parts = parts
        if sum(parts.values()) > self.peak_kb:
            self.peak_kb, self.parts = sum(parts.values()), parts

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        self.sample()
        return {
            "peak_pss_mb": round(self.peak_kb / 1024),
            "pss_parts_mb": {k: round(v / 1024) for k, v in sorted(self.parts.items())},
        }


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
    from geohist.gui.app import qt_application

    # the app's own PySide6 work-arounds: hundreds of steps would abort CPython 3.11 otherwise
    return qt_application(headless=True, test_mode=True)


def wait_until(app, done, timeout_s: float, error=TimeoutError, busy: list | None = None) -> None:
    """Run the event loop until ``done()``; ``busy[0]`` adds up the seconds it spent working."""
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise error("the page did not report in time")
        started = time.perf_counter()
        app.processEvents()
        if busy is not None:
            busy[0] += time.perf_counter() - started
        time.sleep(0.0005)  # processEvents alone would spin a core that Chromium needs


def pump(app, seconds: float) -> None:
    """Let the event loop run for ``seconds``."""
    end = time.perf_counter() + seconds
    wait_until(app, lambda: time.perf_counter() >= end, seconds + 1)


# -- children: geohist (stepped) and drag -----------------------------------------------------


def open_window(app, path: Path, deadline: float):
    """The real main window at SIZE with the catalog open and its first frame painted."""
    from geohist.gui.main_window import MainWindow

    window = MainWindow(lang="en", remember=False)
    window.resize(*SIZE)
    window.show()
    painted = [0]
    window.map.bridge.framePainted.connect(lambda seq: painted.__setitem__(0, seq))
    if not window.open_file(path, places=[path.with_suffix(".places.csv")], interactive=False):
        raise SystemExit(f"could not open {path}")
    left = lambda: max(0.0, deadline - time.perf_counter())  # noqa: E731
    wait_until(app, window.is_map_ready, left(), LoadTimeoutError)
    wait_until(app, lambda: painted[0] >= window.map._seq, left(), LoadTimeoutError)  # first frame
    return window, painted


def day_span(window) -> tuple[int, int]:
    events = list(window.catalog)
    return min(e.first_day for e in events), max(e.last_day for e in events)


def input_phase(args: argparse.Namespace) -> Callable[[object], None]:
    """A pause before each timed step, so that steps arrive at any point of the page's frame.

    Each step starts when the previous one's report arrives, which the page sends right after a
    frame begins: back to back, every step would land at the same point of a frame, just after
    its start, and wait almost a whole frame for the next one (the floor reads ~33 ms, not
    ~25). A user's mouse and keys are not in step with the page's frames, and a step's work
    fits in the frame only if it ends before the frame's deadline; a uniform pause of up to
    one frame gives each step a random phase. ``--phase locked`` keeps the old back-to-back
    steps (the tables before 2026-12-06's fourth session)."""
    rng = random.Random(args.seed)

    def pause(app) -> None:
        if args.phase == "random":
            pump(app, rng.uniform(0, SLOT_S))

    return pause


def child_geohist(path: Path, args: argparse.Namespace, deadline: float) -> dict:
    app = qt_app()
    from geohist.gui.app import shutdown

    memory = PssSampler(os.getpid())
    window, painted = open_window(app, path, deadline)
    pause = input_phase(args)

    def timed(action) -> tuple[float, float]:
        pause(app)
        started = time.perf_counter()
        action()
        python = time.perf_counter()
        seq = window.map._seq
        wait_until(app, lambda: painted[0] >= seq, 60)
        return (time.perf_counter() - started) * 1000, (python - started) * 1000

    lo, hi = day_span(window)
    real, noop, python = [], [], []
    for i, day in enumerate(drag_days(lo, hi, args.steps + WARMUP, args.seed)):
        real_ms, python_ms = timed(lambda d=day: window.state.set_day(d))
        noop_ms, _ = timed(lambda: window.map.set_time(window.state.day))
        if i >= WARMUP:  # the first steps warm up the JIT and caches
            real.append(real_ms)
            noop.append(noop_ms)
            python.append(python_ms)
    rss = tree_peak_rss_mb(os.getpid())
    pss = memory.stop()
    shutdown(app, window, 0)
    return {
        "step": summary(real),
        "noop": summary(noop),
        "python": summary(python),
        "peak_rss_mb": round(rss),
        **pss,
    }


FRAME_RECORDER = """(function () {
  var rec = window.__scrubFrames = { t: [], d: [], busy: [], on: true };
  var api = window.geohist, setTime = api.__scrubOriginal || api.setTime;
  api.__scrubOriginal = setTime;
  api.setTime = function () { // time the synchronous part of each call that reaches the page
    var started = performance.now();
    try { return setTime.apply(this, arguments); }
    finally { if (rec.on) rec.busy.push(performance.now() - started); }
  };
  function frame(ts) {
    if (!rec.on) return;
    rec.t.push(ts);
    rec.d.push(window.geohist.state().time);
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})(); true"""
FRAME_READOUT = "window.__scrubFrames.on = false;JSON.stringify(window.__scrubFrames)"


def child_drag(path: Path, args: argparse.Namespace, deadline: float) -> dict:
    app = qt_app()
    from geohist.gui.app import shutdown

    window, painted = open_window(app, path, deadline)
    lo, hi = day_span(window)
    for day in drag_days(lo, hi, WARMUP, args.seed):  # warm up, waiting for each frame
        window.state.set_day(day)
        seq = window.map._seq
        wait_until(app, lambda s=seq: painted[0] >= s, 60)
    slots = max(1, round(args.drag_seconds / SLOT_S))
    step = max(1, (hi - lo) // slots)
    # At rest on ``lo``; the drag sweeps lo+step … lo+slots·step, so no drag day equals it.
    days = [lo + (i + 1) * step for i in range(slots)]

    def on_screen() -> None:  # the last step sent is painted
        seq = window.map._seq
        wait_until(app, lambda: painted[0] >= seq, 60)

    page = (window.map.eval_js, on_screen)
    real = drag_once(app, page, window.state.set_day, lo, days, args.drag_seconds)
    window.state.set_day(lo)
    # The same drag on the map page alone (no timeline, list or status bar work in Qt).
    alone = drag_once(app, page, window.map.set_time, lo, days, args.drag_seconds)
    rss = tree_peak_rss_mb(os.getpid())
    map_size = window.map.size()
    shutdown(app, window, 0)
    floor = floor_drag(app, map_size, lo, days, args.drag_seconds)
    return {
        **real,
        **{f"map_{k}": v for k, v in alone.items()},
        **{f"floor_{k}": v for k, v in floor.items()},
        "peak_rss_mb": round(rss),
    }


# A page that does next to nothing per step but change a canvas of the map's size, as the map's
# changing canvas does: the same drag on it is what this machine's offscreen QtWebEngine can show.
FLOOR_PAGE = """<!doctype html><html><body style="margin:0;overflow:hidden">
<canvas id="c"></canvas><script>
var canvas = document.getElementById('c'), ctx = canvas.getContext('2d'), now = null;
canvas.width = innerWidth; canvas.height = innerHeight;
window.geohist = {
  state: function () { return { time: now }; },
  setTime: function (day) {
    now = day;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#e4572e';
    ctx.fillRect(day % (canvas.width - 8), canvas.height / 2, 8, 8);
  }
};
document.title = 'ready';
</script></body></html>"""


def floor_drag(app, size, rest: int, days: list[int], seconds: float) -> dict:
    """``drag_once`` on ``FLOOR_PAGE`` in a bare view of the map's size."""
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    view.resize(size)
    view.show()
    view.setHtml(FLOOR_PAGE)
    wait_until(app, lambda: view.title() == "ready", 60)

    def eval_js(script: str, callback) -> None:
        view.page().runJavaScript(script, 0, callback)

    def on_screen() -> None:  # the page has run what was sent, and painted it
        done: list = []
        eval_js("0", done.append)
        wait_until(app, lambda: done, 60)
        pump(app, 0.05)

    def move(day: int) -> None:
        view.page().runJavaScript(f"window.geohist.setTime({day})")

    out = drag_once(app, (eval_js, on_screen), move, rest, days, seconds)
    view.close()
    view.deleteLater()
    return out


def drag_once(app, page, move, rest: int, days: list[int], seconds: float) -> dict:
    """``move(days[slot])`` once per 60 Hz slot from a precise QTimer; the frames it gave.

    ``page`` is (eval_js(script, callback), on_screen()): how to run a script in the page and
    wait until what was last sent is painted."""
    from PySide6.QtCore import Qt, QTimer

    eval_js, on_screen = page
    move(rest)
    on_screen()
    ready = []
    eval_js(FRAME_RECORDER, ready.append)
    wait_until(app, lambda: ready, 30)
    pump(app, 0.3)
    slots = len(days)
    sent: list[int] = []  # the days passed to ``move``, in order
    state = {"t0": 0.0, "last": -1, "done": False}
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)

    def schedule(slot: int) -> None:
        due = state["t0"] + slot * SLOT_S
        timer.start(max(0, math.ceil((due - time.perf_counter()) * 1000)))

    def tick() -> None:
        # the slot we are in; a timer firing a fraction of a ms early still counts for its slot
        slot = int((time.perf_counter() - state["t0"]) / SLOT_S + 0.05)
        if slot >= slots:
            state["done"] = True
            return
        if slot <= state["last"]:
            schedule(state["last"] + 1)
            return
        move(days[slot])
        sent.append(days[slot])
        state["last"] = slot
        schedule(slot + 1)

    timer.timeout.connect(tick)
    busy = [0.0]  # GUI thread at work: set_day and what it sets off, the page's frames shown
    state["t0"] = time.perf_counter()
    tick()  # the first slot's work, outside the event loop
    busy[0] += time.perf_counter() - state["t0"]
    wait_until(app, lambda: state["done"], seconds + 120, busy=busy)
    elapsed = time.perf_counter() - state["t0"]
    timer.timeout.disconnect(tick)
    pump(app, 0.1)
    on_screen()  # the last step is on screen
    pump(app, 0.1)
    out: list[str] = []
    eval_js(FRAME_READOUT, out.append)
    wait_until(app, lambda: out, 30)
    frames = json.loads(out[0])
    return {
        **drag_stats(frames["t"], frames["d"], sent, slots),
        "set_time_calls": len(frames["busy"]),
        **{f"set_time_{k}_ms": v for k, v in summary(frames["busy"] or [0]).items()},
        "gui_busy_ms_per_slot": round(busy[0] * 1000 / slots, 2),
        "seconds": round(elapsed, 2),
    }


def drag_stats(stamps: list[float], shown: list, sent: list[int], slots: int) -> dict:
    """Count new frames (a sent day the previous frame did not show) against the 60 Hz slots."""
    wanted = set(sent)
    new = [
        k for k in range(len(shown)) if shown[k] in wanted and (k == 0 or shown[k] != shown[k - 1])
    ]
    gaps = [stamps[b] - stamps[a] for a, b in itertools.pairwise(new)]
    return {
        "slots": slots,
        "steps": len(sent),
        "frames": len(new),
        "dropped": max(0, slots - len(new)),
        "unshown": len(wanted - {shown[k] for k in new}),
        "longest_gap_ms": round(max(gaps), 1) if gaps else None,
        "page_frames": new[-1] - new[0] + 1 if new else 0,
    }


# -- children: folium pages -------------------------------------------------------------------

TGJ_SETUP = """window.__want = null;
{map}.timeDimension.on('timeload', function () {{
  if (window.__want === null) return;
  var s = window.__want; window.__want = null;
  requestAnimationFrame(function () {{ requestAnimationFrame(function () {{
    document.title = 'p' + s; }}); }});
}});
document.title = 'ready';"""
TGJ_STEP = "window.__want = {seq}; {map}.timeDimension.setCurrentTime({ms});"
TIMELINE_SETUP = """window.__step = function (seq, ms) {{
  {slider}.setTime(ms);
  requestAnimationFrame(function () {{ requestAnimationFrame(function () {{
    document.title = 'p' + seq; }}); }});
}};
document.title = 'ready';"""
TIMELINE_STEP = "window.__step({seq}, {ms});"


def child_folium(kind: str, path: Path, args: argparse.Namespace, deadline: float) -> dict:
    if kind == "tgj":
        page, lo, hi, name = folium_pages.tgj_page(path, CACHE)
        setup, step = TGJ_SETUP.format(map=name), TGJ_STEP.replace("{map}", name)
    else:
        page, lo, hi, _timeline, slider = folium_pages.timeline_page(path, CACHE)
        setup, step = TIMELINE_SETUP.format(slider=slider), TIMELINE_STEP
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
    try:
        left = lambda: max(0.0, deadline - time.perf_counter())  # noqa: E731
        wait_until(app, lambda: loaded, left(), LoadTimeoutError)
        if not loaded[0]:
            raise SystemExit(f"{kind}: {page} failed to load")
        view.page().runJavaScript(setup)
        wait_until(app, lambda: title[0] == "ready", left(), LoadTimeoutError)
        seq = [0]
        pause = input_phase(args)

        def timed(ms: int) -> float:
            seq[0] += 1
            want = f"p{seq[0]}"
            pause(app)
            started = time.perf_counter()
            view.page().runJavaScript(step.format(seq=seq[0], ms=ms))
            wait_until(app, lambda: title[0] == want, 120)
            return (time.perf_counter() - started) * 1000

        day = folium_pages.DAY_MS
        days = drag_days(lo // day, hi // day, args.steps + WARMUP, args.seed)
        real = [timed(d * day) for d in days][WARMUP:]
        return {"step": summary(real), "peak_rss_mb": round(tree_peak_rss_mb(os.getpid()))}
    finally:
        from PySide6.QtCore import QCoreApplication, QEvent

        view.deleteLater()  # before the QApplication goes (QtWebEngine crashes otherwise)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def run_as_child(args: argparse.Namespace) -> None:
    deadline = time.perf_counter() + args.timeout
    try:
        if args.child == "geohist":
            out = child_geohist(args.catalog, args, deadline)
        elif args.child == "drag":
            out = child_drag(args.catalog, args, deadline)
        else:
            out = child_folium(args.child, args.catalog, args, deadline)
    except LoadTimeoutError:
        out = {"error": f"did not load within {args.timeout:g} s"}
    print(json.dumps(out), flush=True)


# -- parent -----------------------------------------------------------------------------------


def run_child(kind: str, path: Path, args: argparse.Namespace) -> dict:
    """Run one child; its JSON, or {"error": …} when it timed out or failed."""
    cmd = [sys.executable, __file__, "--child", kind, "--catalog", str(path)]
    cmd += ["--steps", str(args.steps), "--seed", str(args.seed)]
    cmd += ["--timeout", str(args.timeout), "--drag-seconds", str(args.drag_seconds)]
    cmd += ["--phase", args.phase]
    return json_child(cmd, args.timeout + STEP_BUDGET_S)


def json_child(cmd: list[str], limit: float) -> dict:
    """Run ``cmd``; the JSON object on its last output line, or {"error": …} on failure."""
    # own session, so that on a timeout the child's QtWebEngineProcess tree goes with it
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"error": f"did not finish within {limit:g} s"}
    lines = stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"error": f"child failed (exit {proc.returncode}): {stderr[-3000:]}"}
    return json.loads(lines[-1])


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def report(r: dict) -> None:
    print(
        f"scrub: {r['events']} events, {r['steps']} steps ({r['phase']} phase), "
        f"{SIZE[0]}×{SIZE[1]} offscreen"
    )
    print(f"  {'':28} {'p50 ms':>8} {'p95 ms':>8} {'peak RSS MB':>12}")
    rows = [
        ("geohist step", "p50_ms", "p95_ms", "peak_rss_mb"),
        ("  of which Python (sync)", "python_p50_ms", "python_p95_ms", None),
        ("geohist no-op step", "noop_p50_ms", "noop_p95_ms", None),
        ("folium TimestampedGeoJson", "tgj_p50_ms", "tgj_p95_ms", "tgj_peak_rss_mb"),
        ("folium Timeline", "timeline_p50_ms", "timeline_p95_ms", "timeline_peak_rss_mb"),
    ]
    for label, p50, p95, rss in rows:
        if p50 in r:
            print(f"  {label:28} {r[p50]:8.1f} {r[p95]:8.1f} {r.get(rss, ''):>12}")
    for kind, label in FOLIUM_KINDS.items():
        if f"{kind}_error" in r:
            print(f"  {label:28} {r[f'{kind}_error']}")
    print(f"  step − no-op (p50): {r['p50_ms'] - r['noop_p50_ms']:.1f} ms")
    parts = ", ".join(f"{k} {v}" for k, v in r["pss_parts_mb"].items())
    print(f"  geohist peak memory, PSS summed over all processes: {r['peak_pss_mb']} MB ({parts})")
    for kind, label in FOLIUM_KINDS.items():
        if f"{kind}_p50_ms" in r:
            print(
                f"  {label.removeprefix('folium ')} ÷ geohist: {r[f'{kind}_ratio_p50']}× (p50), "
                f"{r[f'{kind}_ratio_p95']}× (p95)"
            )
    if "drag_error" in r:
        print(f"  drag: {r['drag_error']}")
    elif "drag_frames" in r:
        print(
            f"  drag at 60 Hz for {r['drag_seconds']} s: {r['drag_slots']} slots, "
            f"{r['drag_steps']} set_day calls, {r['drag_frames']} new frames "
            f"(of {r['drag_page_frames']} page frames); dropped {r['drag_dropped']}, "
            f"{r['drag_unshown']} days never shown, longest gap {r['drag_longest_gap_ms']} ms, "
            f"peak RSS {r['drag_peak_rss_mb']} MB"
        )
        print(
            f"    in-page setTime: {r['drag_set_time_calls']} calls, "
            f"{r['drag_set_time_p50_ms']} ms p50, {r['drag_set_time_p95_ms']} ms p95 (sync "
            f"part); GUI thread busy {r['drag_gui_busy_ms_per_slot']} ms a slot"
        )
        print(
            f"  same drag, map page alone (map.set_time): {r['drag_map_steps']} calls, "
            f"{r['drag_map_frames']} new frames (of {r['drag_map_page_frames']} page frames); "
            f"dropped {r['drag_map_dropped']}, {r['drag_map_unshown']} days never shown, "
            f"longest gap {r['drag_map_longest_gap_ms']} ms; in-page setTime "
            f"{r['drag_map_set_time_p50_ms']} ms p50, {r['drag_map_set_time_p95_ms']} ms p95; "
            f"GUI thread busy {r['drag_map_gui_busy_ms_per_slot']} ms a slot"
        )
        print(
            f"  same drag, floor (a bare page changing a canvas of the map's size): "
            f"{r['drag_floor_frames']} new frames (of {r['drag_floor_page_frames']} page "
            f"frames); dropped {r['drag_floor_dropped']}, longest gap "
            f"{r['drag_floor_longest_gap_ms']} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--drag", action="store_true", help="also count dropped frames at 60 Hz")
    parser.add_argument("--drag-seconds", type=float, default=5.0)
    parser.add_argument(
        "--phase",
        choices=("random", "locked"),
        default="random",
        help="steps at a random point of the page's frame (default) or back to back",
    )
    parser.add_argument("--no-tgj", action="store_true", help="skip TimestampedGeoJson")
    parser.add_argument("--no-timeline", action="store_true", help="skip folium's Timeline")
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds a child may take to load its page"
    )
    parser.add_argument(
        "--child", choices=("geohist", "drag", *FOLIUM_KINDS), help=argparse.SUPPRESS
    )
    parser.add_argument("--catalog", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_as_child(args)
        return
    args.steps = max(args.steps, 200)
    path = catalog(args.events, args.seed)
    ours = run_child("geohist", path, args)
    if "error" in ours:
        raise SystemExit(f"geohist: {ours['error']}")
    result = {
        "events": args.events,
        "steps": args.steps,
        "phase": args.phase,
        "p50_ms": ours["step"]["p50"],
        "p95_ms": ours["step"]["p95"],
        "noop_p50_ms": ours["noop"]["p50"],
        "noop_p95_ms": ours["noop"]["p95"],
        "python_p50_ms": ours["python"]["p50"],
        "python_p95_ms": ours["python"]["p95"],
        "peak_rss_mb": ours["peak_rss_mb"],
        "peak_pss_mb": ours["peak_pss_mb"],
        "pss_parts_mb": ours["pss_parts_mb"],
    }
    if args.drag:
        drag = run_child("drag", path, args)
        if "error" in drag:
            result["drag_error"] = drag["error"]
        else:
            result.update({f"drag_{k}": v for k, v in drag.items()})
    for kind in FOLIUM_KINDS:
        if getattr(args, f"no_{kind}"):
            continue
        other = run_child(kind, path, args)
        if "error" in other:
            result[f"{kind}_error"] = other["error"]
            continue
        result.update(
            {
                f"{kind}_p50_ms": other["step"]["p50"],
                f"{kind}_p95_ms": other["step"]["p95"],
                f"{kind}_peak_rss_mb": other["peak_rss_mb"],
                f"{kind}_ratio_p50": ratio(other["step"]["p50"], result["p50_ms"]),
                f"{kind}_ratio_p95": ratio(other["step"]["p95"], result["p95_ms"]),
            }
        )
    if args.json:
        print(json.dumps(result))
    else:
        report(result)


if __name__ == "__main__":
    main()
