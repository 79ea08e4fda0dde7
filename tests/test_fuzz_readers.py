"""Readers never crash: any input loads or yields our own located problems (hypothesis)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.small_data import PLACES_CSV, small_gazetteer
from tests.test_events_csv import GOOD

from geohist.datafiles.events_csv import parse_events_csv
from geohist.datafiles.events_geojson import read_events_geojson
from geohist.datafiles.places_csv import read_places_csv
from geohist.errors import DateError, Problem
from geohist.model.time import HistoricalDate, TimeSpan

GAZETTEER = small_gazetteer(Path(tempfile.mkdtemp(prefix="geohist-fuzz-")))
FUZZ = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DATEISH = st.text(alphabet="0123456789-~?%X/ .abcT", max_size=14)
CELL = st.one_of(
    st.text(max_size=12), DATEISH, st.sampled_from(["moscow", "1950", "", '"', ",", ";", "\n"])
)


def mutate(text: str, data: st.DataObject) -> str:
    """Insert, delete or replace a few characters of a valid file."""
    chars = list(text)
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(chars)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = data.draw(
            st.sampled_from([",", '"', "\n", ";", "-", "~", "X", "\x00", "é", "9", ""])
        )
        if action == "insert":
            chars.insert(position, piece)
        elif chars and position < len(chars):
            chars[position : position + 1] = [] if action == "delete" else [piece]
    return "".join(chars)


def assert_located(problems: list[Problem], name: str) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file.endswith(name)
        assert problem.message
        assert str(problem).startswith(problem.file)


@FUZZ
@given(text=st.one_of(DATEISH, st.text(max_size=20)))
def test_date_parser_returns_a_date_or_a_date_error(text):
    try:
        date = HistoricalDate.parse(text)
    except DateError:
        return
    assert date.first_day <= date.last_day


@FUZZ
@given(start=DATEISH, end=DATEISH, part=st.sampled_from([None, "early", "mid", "late"]))
def test_span_parser_returns_a_span_or_a_date_error(start, end, part):
    try:
        span = TimeSpan.parse(start, end, part)
    except DateError:
        return
    assert span.first_day <= span.last_day


@FUZZ
@given(data=st.data())
def test_events_csv_mutations_never_crash(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    text = mutate(GOOD, data)
    result = parse_events_csv(text, "fuzz.csv", GAZETTEER, base_dir=folder)
    assert_located(result.problems, "fuzz.csv")
    ids = [e.id for e in result.events]
    assert len(ids) == len(set(ids))


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=7), max_size=5))
def test_events_csv_random_rows_never_crash(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("fuzz")
    lines = ["id,start,end,title,places"] + [",".join(row) for row in rows]
    result = parse_events_csv("\n".join(lines), "rows.csv", GAZETTEER, base_dir=folder)
    assert_located(result.problems, "rows.csv")


@FUZZ
@given(data=st.data())
def test_places_csv_mutations_never_crash(tmp_path_factory, data):
    path: Path = tmp_path_factory.mktemp("fuzz") / "places.csv"
    path.write_bytes(mutate(PLACES_CSV, data).encode("utf-8", "surrogatepass"))
    places, problems = read_places_csv(path)
    assert_located(problems, "places.csv")
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in places)


JSONISH = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)
PROPERTY = st.dictionaries(
    st.sampled_from(["id", "start", "end", "title", "places", "mod"]),
    st.one_of(CELL, JSONISH),
    max_size=6,
)
FEATURE = st.fixed_dictionaries(
    {
        "type": st.just("Feature"),
        "properties": st.one_of(PROPERTY, JSONISH),
        "geometry": st.one_of(
            st.none(), JSONISH, st.just({"type": "Point", "coordinates": [37.6, 55.7]})
        ),
    }
)


@FUZZ
@given(
    document=st.one_of(
        JSONISH,
        st.fixed_dictionaries(
            {"type": st.just("FeatureCollection"), "features": st.lists(FEATURE, max_size=4)}
        ),
    )
)
def test_geojson_reader_never_crashes(tmp_path_factory, document):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "events.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = read_events_geojson(path, GAZETTEER)
    assert_located(result.problems, "events.geojson")
