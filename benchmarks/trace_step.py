"""Where a scrub step's time goes: a Chromium trace of N steps, summed per thread and task.

    python benchmarks/trace_step.py --events 10000 [--steps 40] [--seed 1] [--window]
                                    [--top 25] [--save trace.json] [--sequence N]

Opens the same window as ``scrub.py`` (1920×1080 offscreen, the synthetic catalog), turns on
QtWebEngine's DevTools endpoint on 127.0.0.1 (a free port; nothing leaves the machine), records a
trace with the timeline, compositor and raster categories while it runs ``--steps`` steps
(``window.map.set_time``; with ``--window``, ``state.set_day`` as the slider does) each followed by
a no-op step, and prints the heaviest trace events as milliseconds per step, by thread:
``CrRendererMain`` is the page's main thread (script, style, layout, canvas flushes),
``ThreadPoolForegroundWorker`` rasters page tiles, ``VizCompositorThread`` composites and draws
the frame, ``CrBrowserMain`` is the Qt GUI thread. Nested events are counted inside their
parents too, so rows do not add up. ``--save`` keeps the raw trace for chrome://tracing or
Perfetto.

``--sequence N`` also prints, for N steps, what the page's main thread and the display
compositor did from the step's script on, in order, with times from its start: the script
(``EvaluateScript``), the canvas flush (``FinalizeFrame``), each frame (``BeginMainFrame``,
with its style, layout, paint and commit) and each frame drawn (``DrawAndSwap``, with the
milliseconds of each quad: one slow quad is a layer drawn resampled). Everything before the
frame that shows the step must fit in one 16.7 ms frame for the step to cost no more than
the no-op.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scrub  # next to this file: the same catalog, window and timing helpers

CATEGORIES = ",".join(
    [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "blink",
        "cc",
        "viz",
        "gpu",
        "toplevel",
    ]
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_json(app, url: str) -> dict:
    """GET ``url`` off the GUI thread: the DevTools server answers through it."""
    box: list = []
    worker = threading.Thread(
        target=lambda: box.append(json.loads(urllib.request.urlopen(url, timeout=30).read())),
        daemon=True,
    )
    worker.start()
    scrub.wait_until(app, lambda: box or not worker.is_alive(), 40)
    if not box:
        raise SystemExit(f"trace_step: no answer from {url}")
    return box[0]


def thread_names(events: list[dict]) -> dict[tuple[int, int], str]:
    """(pid, tid) → the thread's name, from the trace's metadata events."""
    return {
        (e["pid"], e["tid"]): e["args"]["name"]
        for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name"
    }


def per_step(events: list[dict], steps: int, top: int) -> list[tuple[float, int, str, str]]:
    """(ms per step, count, thread, name) of the heaviest complete and begin/end events."""
    threads = thread_names(events)
    total: collections.Counter = collections.Counter()
    count: collections.Counter = collections.Counter()
    open_events: dict = collections.defaultdict(list)
    for e in events:
        where = (e.get("pid"), e.get("tid"))
        key = (threads.get(where, str(e.get("tid"))), e.get("name", ""))
        if e.get("ph") == "X" and "dur" in e:
            total[key] += e["dur"]
            count[key] += 1
        elif e.get("ph") == "B":
            open_events[where].append(e)
        elif e.get("ph") == "E" and open_events[where]:
            begun = open_events[where].pop()
            key = (key[0], begun.get("name", ""))
            total[key] += e["ts"] - begun["ts"]
            count[key] += 1
    return [(us / steps / 1000, count[key], key[0], key[1]) for key, us in total.most_common(top)]


SEQUENCE_EVENTS = {
    "EvaluateScript": "script",
    "CanvasRenderingContext2D::FinalizeFrame": "canvas flush",
    "ProxyMain::BeginMainFrame": "frame",
    "LocalFrameView::UpdateStyleAndLayout": "  style+layout",
    "LocalFrameView::RunPaintLifecyclePhase": "  paint",
    "Commit": "  commit",
}


def step_sequences(events: list[dict], count: int) -> list[str]:
    """Per step (every other script, the no-op's being the others), from the middle of the run
    (the first steps still build sprites and compile): the main thread's and the display
    compositor's work in order, as lines of text. Tasks under 0.05 ms are left out."""
    threads = thread_names(events)
    done = sorted((e for e in events if e.get("ph") == "X" and "dur" in e), key=lambda e: e["ts"])
    main = [e for e in done if threads.get((e["pid"], e["tid"])) == "CrRendererMain"]
    viz = [e for e in done if threads.get((e["pid"], e["tid"])) == "VizCompositorThread"]
    scripts = [e for e in main if e["name"] == "EvaluateScript"]
    quads = [e for e in viz if e["name"] == "SoftwareRenderer::DoDrawQuad"]
    lines: list[str] = []
    first = max(0, len(scripts) // 4) & ~1  # a step's script, not a no-op's
    for k in range(first, min(len(scripts), first + 2 * count), 2):
        start = scripts[k]["ts"]
        end = scripts[k + 1]["ts"] if k + 1 < len(scripts) else start + 100_000
        lines.append(f"step {k // 2 + 1} (its no-op's script at +{(end - start) / 1000:.1f} ms)")
        for e in main:
            if start <= e["ts"] < end and e["name"] in SEQUENCE_EVENTS and e["dur"] >= 50:
                lines.append(
                    f"  main +{(e['ts'] - start) / 1000:5.1f} {e['dur'] / 1000:5.1f} ms "
                    f"{SEQUENCE_EVENTS[e['name']]}"
                )
        for e in viz:
            if start <= e["ts"] < end and e["name"] == "Display::DrawAndSwap":
                drawn = [q["dur"] / 1000 for q in quads if e["ts"] <= q["ts"] <= e["ts"] + e["dur"]]
                slow = ", ".join(f"{q:.2f}" for q in sorted(drawn, reverse=True)[:3])
                lines.append(
                    f"  viz  +{(e['ts'] - start) / 1000:5.1f} {e['dur'] / 1000:5.1f} ms "
                    f"frame drawn, {len(drawn)} quads (slowest {slow} ms)"
                )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--window", action="store_true", help="step with state.set_day")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="write the raw trace here")
    parser.add_argument(
        "--sequence", type=int, default=0, metavar="N", help="print N steps' work in order"
    )
    args = parser.parse_args()

    port = free_port()
    os.environ["QTWEBENGINE_REMOTE_DEBUGGING"] = f"127.0.0.1:{port}"
    path = scrub.catalog(args.events, args.seed)
    app = scrub.qt_app()
    window, painted = scrub.open_window(app, path, time.perf_counter() + 900)

    from PySide6.QtCore import QUrl
    from PySide6.QtNetwork import QAbstractSocket
    from PySide6.QtWebSockets import QWebSocket

    browser = fetch_json(app, f"http://127.0.0.1:{port}/json/version")["webSocketDebuggerUrl"]
    channel = QWebSocket()
    replies: list[dict] = []
    channel.textMessageReceived.connect(lambda text: replies.append(json.loads(text)))
    channel.open(QUrl(browser))
    connected = QAbstractSocket.SocketState.ConnectedState
    scrub.wait_until(app, lambda: channel.state() == connected, 20)

    def send(ident: int, method: str, **params) -> None:
        channel.sendTextMessage(json.dumps({"id": ident, "method": method, "params": params}))

    send(1, "Tracing.start", categories=CATEGORIES, transferMode="ReportEvents")
    scrub.wait_until(app, lambda: any(r.get("id") == 1 for r in replies), 20)

    def timed(action) -> float:
        started = time.perf_counter()
        action()
        seq = window.map._seq
        scrub.wait_until(app, lambda: painted[0] >= seq, 60)
        return (time.perf_counter() - started) * 1000

    lo, hi = scrub.day_span(window)
    step_ms, noop_ms = [], []
    for day in scrub.drag_days(lo, hi, args.steps, args.seed):
        move = (
            (lambda d=day: window.state.set_day(d))
            if args.window
            else (lambda d=day: window.map.set_time(d))
        )
        step_ms.append(timed(move))
        noop_ms.append(timed(lambda d=day: window.map.set_time(d)))

    send(2, "Tracing.end")
    done = lambda: any(r.get("method") == "Tracing.tracingComplete" for r in replies)  # noqa: E731
    scrub.wait_until(app, done, 120)
    events = [
        e
        for r in replies
        if r.get("method") == "Tracing.dataCollected"
        for e in r["params"]["value"]
    ]
    if args.save:
        args.save.write_text(json.dumps({"traceEvents": events}), encoding="utf-8")

    steps = scrub.summary(step_ms)
    noops = scrub.summary(noop_ms)
    print(
        f"{args.events} events, {args.steps} steps + {args.steps} no-op steps"
        f" ({'state.set_day' if args.window else 'map.set_time'}): step p50 {steps['p50']} ms,"
        f" no-op p50 {noops['p50']} ms; {len(events)} trace events"
    )
    print("ms/step    count  thread                      event")
    for ms, n, thread, name in per_step(events, args.steps, args.top):
        print(f"{ms:7.2f} {n:8d}  {thread:27.27s} {name}")
    for line in step_sequences(events, args.sequence):
        print(line)
    sys.stdout.flush()
    os._exit(0)  # a clean Qt shutdown with an open DevTools socket can hang; nothing to save


if __name__ == "__main__":
    main()
