"""Score ``geohist ingest`` on the seed texts against the hand annotation, and time it.

    python benchmarks/ingest_accuracy.py [--gold PATH] [--docs 1000] [--verbose]

Accuracy: ``geohist ingest seeds/ --reference-date 2019-11-23`` (the date of the G20 meeting that
dates seed 001, which has no year; texts with a dateline or citation of their own use theirs)
is compared with ``../shared/gold/seed_events.json``. An extracted event matches a gold event
when their date spans overlap; its value is right when it agrees with the gold start/end at the
gold precision (within 7 days or 1 month where the gold is ``approx``); places are compared by
English name over matched events, a missed gold event counting all its places as missed.

Throughput: the same command on 1,000 generated Indonesian news texts (sentences recombined
from templates with varied dates, places and people; seeded, so every run sees the same
corpus), median of 3 runs after one warm-up run that loads the gazetteer; once with the default
worker processes (one per core) and once with ``--jobs 1``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seed_events.json"
SEEDS = ROOT / "seeds"
REFERENCE_DATE = "2019-11-23"
TOLERANCE_DAYS, TOLERANCE_MONTHS = 7, 1

sys.path.insert(0, str(ROOT / "benchmarks"))
from news_corpus import write_corpus  # noqa: E402


@dataclass
class Scores:
    gold: int = 0
    found: int = 0
    right: int = 0
    spurious: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def precision(self) -> float:
        return self.ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def run_ingest(paths: list[Path], out: Path, *extra: str) -> list[dict]:
    from geohist.cli import main

    code = main(["ingest", *map(str, paths), "-o", str(out), *extra])
    if code != 0:
        raise SystemExit(f"geohist ingest failed with exit code {code}")
    return json.loads(out.read_text(encoding="utf-8"))


def _span(record: dict) -> tuple[int, int]:
    return record["date_offset"], record["date_offset"] + len(record["date_text"])


def _overlap(a: dict, b: dict) -> int:
    (s1, e1), (s2, e2) = _span(a), _span(b)
    return min(e1, e2) - max(s1, s2)


def _parts(iso: str) -> tuple[int, int, int]:
    negative = iso.startswith("-")
    pieces = [int(p) for p in iso.lstrip("-").split("-")]
    pieces += [1] * (3 - len(pieces))
    return (-pieces[0] if negative else pieces[0], pieces[1], pieces[2])


def _agrees(ours: str | None, gold: str, precision: str, approx: bool) -> bool:
    if ours is None:
        return False
    (y1, m1, d1), (y2, m2, d2) = _parts(ours), _parts(gold)
    if precision == "decade":
        return y1 // 10 == y2 // 10
    if precision in ("year", "century"):
        return y1 == y2
    months = abs((y1 * 12 + m1) - (y2 * 12 + m2))
    if precision == "month":
        return months <= (TOLERANCE_MONTHS if approx else 0)
    from datetime import date

    days = abs((date(y1, m1, d1) - date(y2, m2, d2)).days)
    return days <= (TOLERANCE_DAYS if approx else 0)


def value_right(ours: dict, gold: dict) -> bool:
    approx = gold.get("mod") == "approx"
    ok = _agrees(ours["start"], gold["start"], gold["precision"], approx)
    if gold.get("end"):
        ok = ok and _agrees(
            ours.get("end") or ours["start"], gold["end"], gold["precision"], approx
        )
    return ok


def score(predicted: list[dict], gold: list[dict], verbose: bool = False) -> Scores:
    scores, used = Scores(gold=len(gold)), set()
    for g in gold:
        options = [
            (i, p) for i, p in enumerate(predicted)
            if p["doc"] == g["doc"] and i not in used and _overlap(p, g) > 0
        ]  # fmt: skip
        gold_places = set(g["places"])
        if not options:
            scores.fn += len(gold_places)
            _say(verbose, f"MISSED  {g['doc'][:3]} {g['date_text']!r} {g['start']}")
            continue
        i, p = max(options, key=lambda o: _overlap(o[1], g))
        used.add(i)
        scores.found += 1
        right = value_right(p, g)
        scores.right += right
        ours = {place["name"] for place in p["places"]}
        scores.tp += len(ours & gold_places)
        scores.fp += len(ours - gold_places)
        scores.fn += len(gold_places - ours)
        if not right or ours != gold_places:
            _say(verbose, f"{'ok' if right else 'WRONG'}  {g['doc'][:3]} {g['date_text']!r} "
                 f"{p['start']}..{p['end']} (gold {g['start']}..{g['end']}) places "
                 f"+{sorted(ours - gold_places)} -{sorted(gold_places - ours)}")  # fmt: skip
    for i, p in enumerate(predicted):
        if i not in used:
            scores.spurious += 1
            _say(verbose, f"SPURIOUS {p['doc'][:3]} {p['date_text']!r} {p['start']}..{p['end']}")
    return scores


def _say(verbose: bool, line: str) -> None:
    if verbose:
        print("  " + line)


def throughput(count: int, work: Path, *extra: str) -> tuple[float, float]:
    """(median docs/s of 3 runs, seconds of the first run, which loads the gazetteer)."""
    corpus = work / "corpus"
    if not corpus.exists():
        write_corpus(corpus, count)
    start = time.perf_counter()
    run_ingest([corpus], work / "warm.json", *extra)
    cold = time.perf_counter() - start
    rates = []
    for run in range(3):
        start = time.perf_counter()
        run_ingest([corpus], work / f"run{run}.json", *extra)
        rates.append(count / (time.perf_counter() - start))
    return statistics.median(rates), cold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--docs", type=int, default=1000, help="0: accuracy only")
    parser.add_argument("--verbose", action="store_true", help="list every miss and error")
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        predicted = run_ingest([SEEDS], work / "seeds.json", "--reference-date", REFERENCE_DATE)
        scores = score(predicted, gold, args.verbose)
        rates = None
        if args.docs:
            rates = (throughput(args.docs, work), throughput(args.docs, work, "--jobs", "1"))
    _report(scores, len(predicted), rates, args.docs)
    return 0


def _report(s: Scores, extracted: int, rates, docs: int) -> None:
    found, right = 100 * s.ratio(s.found, s.gold), 100 * s.ratio(s.right, s.gold)
    rows = [
        ("gold events found", f"{s.found}/{s.gold}", f"{found:.1f} %", "≥ 95 %"),
        ("date values right", f"{s.right}/{s.gold}", f"{right:.1f} %", "≥ 95 %"),
        ("place precision", f"{s.tp}/{s.tp + s.fp}", f"{s.precision:.3f}", ""),
        ("place recall", f"{s.tp}/{s.tp + s.fn}", f"{s.recall:.3f}", ""),
        ("place F1", "", f"{s.f1:.3f}", "≥ 0.9"),
        ("spurious events", f"{s.spurious} of {extracted}", "", "≤ 5"),
    ]  # fmt: skip
    if rates:
        (rate, cold), (single, _) = rates
        rows.append(("throughput (default jobs)", f"{docs} docs", f"{rate:.0f} docs/s", "≥ 200"))
        rows.append(("throughput (--jobs 1)", f"{docs} docs", f"{single:.0f} docs/s", ""))
        rows.append(("first run (loads gazetteer)", "", f"{cold:.2f} s", ""))
    print(f"geohist ingest seeds/ --reference-date {REFERENCE_DATE}  vs  {GOLD.name}")
    print(f"{'measure':<30}{'count':>12}{'value':>14}{'target':>10}")
    for name, count, value, target in rows:
        print(f"{name:<30}{count:>12}{value:>14}{target:>10}")


if __name__ == "__main__":
    sys.exit(main())
