"""The catalog's questions: active at t, next/previous, ranges, places; and places' names."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.small_data import small_gazetteer

from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.time import TimeSpan, days_from_civil


def event(event_id, start, end="", part=None, places=("moscow",)):
    return Event(event_id, event_id, TimeSpan.parse(start, end, part), tuple(places))


@pytest.fixture
def catalog(tmp_path):
    return EventCatalog(
        [
            event("treaty", "1921-03-16", places=("moscow", "ankara")),
            event("aid", "1920", "1922"),
            event("assembly", "1920-04-23", places=("ankara",)),
            event("sino-soviet", "1950-02-15", places=("moscow", "lushun")),
            event("cracks", "195X", part="late"),
            event("caesar", "-0044-03-15", places=("moscow",)),
            event("century", "19XX"),
        ],
        small_gazetteer(tmp_path),
    )


def ids(events):
    return [e.id for e in events]


def day(y, m=1, d=1):
    return days_from_civil(y, m, d)


def test_events_are_sorted_by_start(catalog):
    assert ids(catalog) == [
        "caesar",
        "century",
        "aid",
        "assembly",
        "treaty",
        "sino-soviet",
        "cracks",
    ]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (day(1921, 3, 16), ["century", "aid", "treaty"]),
        (day(1920, 4, 23), ["century", "aid", "assembly"]),
        (day(1922, 12, 31), ["century", "aid"]),
        (day(1923, 1, 1), ["century"]),
        (day(1950, 2, 15), ["century", "sino-soviet"]),
        (day(1956, 12, 31), ["century"]),
        (day(1957, 1, 1), ["century", "cracks"]),
        (day(-44, 3, 15), ["caesar"]),
        (day(-44, 3, 16), []),
    ],
)
def test_active_at_is_exact_at_every_precision(catalog, when, expected):
    assert ids(catalog.active_at(when)) == expected


def test_next_and_previous(catalog):
    assert catalog.next_event(day(1920, 4, 23)).id == "treaty"
    assert catalog.previous_event(day(1921, 3, 16)).id == "assembly"
    assert catalog.previous_event(day(-44, 3, 15)) is None
    assert catalog.next_event(day(1957, 1, 1)) is None
    assert catalog.next_event(day(-1000)).id == "caesar"


def test_in_range_and_at_place(catalog):
    assert ids(catalog.in_range(day(1921), day(1921, 12, 31))) == ["century", "aid", "treaty"]
    assert ids(catalog.at_place("ankara")) == ["assembly", "treaty"]
    assert catalog.bounds() == (day(-44, 3, 15), day(1999, 12, 31))
    assert catalog.places() == ["moscow", "ankara", "lushun"]


spans = st.lists(st.tuples(st.integers(1900, 2000), st.integers(0, 30)), min_size=1, max_size=300)


@settings(max_examples=200, deadline=None)
@given(spans=spans, first=st.integers(1895, 2005), length=st.integers(0, 8))
def test_range_queries_match_a_full_scan(spans, first, length):
    """The block index must find exactly what checking every event finds (many blocks, long spans)."""
    events = [
        event(f"e{i}", f"{start:04d}", f"{start + years:04d}" if years else "")
        for i, (start, years) in enumerate(spans)
    ]
    catalog = EventCatalog(events)
    lo, hi = day(first), day(first + length, 12, 31)
    expected = [e for e in catalog if e.first_day <= hi and e.last_day >= lo]
    assert catalog.in_range(lo, hi) == expected
    assert catalog.active_at(lo) == [e for e in catalog if e.first_day <= lo <= e.last_day]
    assert catalog.starting_on(lo) == [e for e in catalog if e.first_day == lo]


def test_active_at_answers_are_the_callers_own(catalog):
    """The last answer is kept for the next caller: changing a returned list must not leak."""
    first = catalog.active_at(day(1921, 3, 16))
    first.clear()
    assert ids(catalog.active_at(day(1921, 3, 16))) == ["century", "aid", "treaty"]


def test_empty_catalog():
    empty = EventCatalog([])
    assert empty.active_at(0) == [] and empty.bounds() is None and empty.next_event(0) is None


def test_dated_names_follow_time(tmp_path):
    gazetteer = small_gazetteer(tmp_path)
    lushun = gazetteer["lushun"]
    assert lushun.name("en", day(1950, 2, 15)) == "Port Arthur"
    assert lushun.name("en", day(1930)) == "Port Arthur"  # first listed dated name wins
    assert lushun.name("en", day(2000)) == "Lüshun"
    assert lushun.name("id") == "Lüshun"


def test_gazetteer_resolves_ids_names_and_aliases_without_accents(tmp_path):
    gazetteer = small_gazetteer(tmp_path)
    for token in ("lushun", "Lushun", "LÜSHUN", "Port Arthur", "port arhur", " Moskow "):
        assert gazetteer.resolve(token) is not None, token
    assert gazetteer.resolve("Atlantis") is None
    assert gazetteer["kuril-islands"].geometry.geom_type == "MultiPoint"
