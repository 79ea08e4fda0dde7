"""Memory per event: what reading a catalog keeps, and what the map payload adds (issue #6).

Bounds are measured with tracemalloc on a generated file, with a margin of about a third: they
catch a return of per-event copies (a dict per event, unshared dates), not a few bytes of drift.
On this file reading keeps ~390 bytes an event and the payload ~150 (as columns; ~330 when it
was one dict an event). On the 100k benchmark catalog, before values were shared, reading kept
807 bytes an event (now 454) and the payload 507 (then 387 with shared values).
"""

from __future__ import annotations

import csv
import gc
import io
import random
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from tests.small_data import small_gazetteer

from geohist.datafiles.events_csv import _numbered_rows, parse_events_csv
from geohist.mapview.payload import catalog_payload
from geohist.model.catalog import EventCatalog
from geohist.model.event import NO_TRANSLATIONS
from geohist.model.place import Gazetteer

EVENTS = 3000
PLACES = ("moscow", "ankara", "lushun", "kuril-islands", "soviet-union")
WORDS = ("treaty", "visit", "summit", "border", "railway", "loan", "talks", "accord")


def _date(rng: random.Random) -> str:
    year = rng.randint(1900, 2024)
    kind = rng.random()
    if kind < 0.5:
        return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind < 0.7:
        return f"{year:04d}-{rng.randint(1, 12):02d}"
    return f"{year:04d}" if kind < 0.92 else f"{year // 10:03d}X"


def generated_csv(count: int = EVENTS, seed: int = 1) -> str:
    """An events file shaped like benchmarks/make_catalog.py's, over the small gazetteer."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "start", "end", "title", "places", "tags"])
    for i in range(count):
        start, end = _date(rng), "2025" if rng.random() < 0.15 else ""
        places = ";".join(rng.sample(PLACES, rng.choice((1, 1, 2, 2, 3))))
        title = f"{rng.choice(WORDS).title()} number {i}"
        writer.writerow([f"e{i:06d}", start, end, title, places, rng.choice(WORDS)])
    return out.getvalue()


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory.mktemp("places"))


def traced(build: Callable[[], Any]) -> tuple[Any, int, int]:
    """``build()``, the bytes its result keeps and the peak above the start, via tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = build()
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, kept - before, peak - before


def test_reading_keeps_a_few_hundred_bytes_an_event(gazetteer: Gazetteer) -> None:
    text = generated_csv()
    result, kept, _peak = traced(lambda: parse_events_csv(text, "gen.csv", gazetteer))
    assert result.problems == [] and len(result.events) == EVENTS
    assert kept / EVENTS < 520, f"{kept / EVENTS:.0f} bytes an event"


def test_rows_are_read_without_copying_the_file() -> None:
    """io.StringIO held 4 bytes a character of the whole file; lines are now cut one by one."""
    text = generated_csv(count=20_000)
    _rows, _kept, peak = traced(lambda: sum(1 for _ in _numbered_rows(text, "gen.csv", [])))
    assert peak < len(text) // 4, f"peak {peak} while reading {len(text)} characters"


def test_equal_values_are_shared_between_events(gazetteer: Gazetteer) -> None:
    text = generated_csv(count=400)
    events = parse_events_csv(text, "gen.csv", gazetteer).events
    assert all(e.translations is NO_TRANSLATIONS for e in events)
    for attribute in ("when", "place_ids", "tags"):
        values = [getattr(e, attribute) for e in events]
        first_of = {v: v for v in reversed(values)}  # the first object equal to each value
        assert all(v is first_of[v] for v in values), attribute
    assert len({id(e.tags[0]) for e in events}) == len({e.tags for e in events})


def test_translated_events_keep_their_own_texts(gazetteer: Gazetteer) -> None:
    text = "id,start,end,title,title:id,places\na,1921,,Treaty,Perjanjian,moscow\n"
    text += "b,1921,,Visit,,ankara\n"
    first, second = parse_events_csv(text, "t.csv", gazetteer).events
    assert first.translations == {"id": {"title": "Perjanjian"}}
    assert (first.title_in("id"), second.title_in("id")) == ("Perjanjian", "Visit")
    assert second.translations is NO_TRANSLATIONS


def test_map_payload_adds_a_few_list_entries_an_event(gazetteer: Gazetteer) -> None:
    catalog = EventCatalog(
        parse_events_csv(generated_csv(), "gen.csv", gazetteer).events, gazetteer
    )
    catalog_payload(catalog)  # first imports (shapely for outlines, wordings) are not per event
    payload, kept, _peak = traced(lambda: catalog_payload(catalog))
    assert len(payload["events"]["id"]) == EVENTS
    assert kept / EVENTS < 200, f"{kept / EVENTS:.0f} bytes an event"


@pytest.mark.parametrize(
    "text",
    [
        "a,b\r\n1,2\r\n",
        "a,b\r1,2\r3,4",
        'a,b\n"x\r\ny",2\n"p\rq",3\n',
        'a,b\n"line\u2028sep\x0bvt\x0cff\x1cfs\x85nel",1\n',
        "a,b\n\n\r\n1,2\n",
        'a,b\n"never closed,1\n',
        "a,b\n1,x\ry\n",
    ],
)
def test_rows_are_split_as_the_csv_module_splits_a_file(text: str) -> None:
    """Lines are cut without io.StringIO, at exactly the breaks it uses (and line numbers)."""
    expected_problems: list[str] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    expected, line = [], 1
    try:
        for index, cells in enumerate(reader):
            expected.append((line, [c.strip() for c in cells] if index == 0 else cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        expected_problems.append(f"{reader.line_num}: {exc}")
    problems: list[Any] = []
    assert list(_numbered_rows(text, "t.csv", problems)) == expected
    assert [f"{p.line}: {p.message.removeprefix('not valid CSV: ')}" for p in problems] == (
        expected_problems
    )
