"""Historical time: the day axis, precisions, qualifiers and spans."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geohist.errors import DateError
from geohist.model.time import (
    HistoricalDate,
    Part,
    Precision,
    TimeSpan,
    civil_from_days,
    days_from_civil,
)


def ymd(day: int) -> tuple[int, int, int]:
    return civil_from_days(day)


@given(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))
def test_day_numbers_agree_with_python_ordinals(date):
    assert days_from_civil(date.year, date.month, date.day) == date.toordinal()
    assert civil_from_days(date.toordinal()) == (date.year, date.month, date.day)


@given(st.integers(min_value=-3_000_000, max_value=3_000_000))
def test_day_numbers_round_trip_in_any_era(day):
    assert days_from_civil(*civil_from_days(day)) == day


def test_bce_and_year_zero():
    assert days_from_civil(1, 1, 1) - days_from_civil(0, 12, 31) == 1
    assert days_from_civil(0, 3, 1) - days_from_civil(0, 2, 28) == 2  # year 0 is a leap year
    assert days_from_civil(-44, 3, 15) < days_from_civil(0, 1, 1)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("1950-02-15", (1950, 2, 15), (1950, 2, 15), Precision.DAY),
        ("1950-02", (1950, 2, 1), (1950, 2, 28), Precision.MONTH),
        ("1952-02", (1952, 2, 1), (1952, 2, 29), Precision.MONTH),
        ("1921", (1921, 1, 1), (1921, 12, 31), Precision.YEAR),
        ("196X", (1960, 1, 1), (1969, 12, 31), Precision.DECADE),
        ("19XX", (1900, 1, 1), (1999, 12, 31), Precision.CENTURY),
        ("1700", (1700, 1, 1), (1700, 12, 31), Precision.YEAR),
        ("1600-02", (1600, 2, 1), (1600, 2, 29), Precision.MONTH),
        ("-0044", (-44, 1, 1), (-44, 12, 31), Precision.YEAR),
        ("-44", (-44, 1, 1), (-44, 12, 31), Precision.YEAR),
        ("800", (800, 1, 1), (800, 12, 31), Precision.YEAR),
    ],
)
def test_parse_bounds_at_every_precision(text, first, last, precision):
    date = HistoricalDate.parse(text)
    assert date.precision is precision
    assert ymd(date.first_day) == first
    assert ymd(date.last_day) == last


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("1918~", True, False),
        ("1956?", False, True),
        ("2019-11%", True, True),
        ("1945-08~", True, False),
    ],
)
def test_edtf_qualifiers(text, approximate, uncertain):
    date = HistoricalDate.parse(text)
    assert (date.approximate, date.uncertain) == (approximate, uncertain)
    assert date.soft
    assert date.to_edtf() == text


@pytest.mark.parametrize(
    ("text", "part", "first", "last"),
    [
        ("196X", "early", (1960, 1, 1), (1963, 12, 31)),
        ("196X", "mid", (1964, 1, 1), (1966, 12, 31)),
        ("195X", "late", (1957, 1, 1), (1959, 12, 31)),
        ("1921", "late", (1921, 9, 1), (1921, 12, 31)),
        ("1921", "early", (1921, 1, 1), (1921, 4, 30)),
        ("1950-02", "early", (1950, 2, 1), (1950, 2, 10)),
        ("19XX", "late", (1967, 1, 1), (1999, 12, 31)),
        ("1950-02-15", "late", (1950, 2, 15), (1950, 2, 15)),
    ],
)
def test_early_mid_late_narrow_to_a_third(text, part, first, last):
    date = HistoricalDate.parse(text, part)
    assert date.part is Part(part)
    assert (ymd(date.first_day), ymd(date.last_day)) == (first, last)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1950-02-30", "has no day 30"),
        ("1900-02-29", "has no day 29"),
        ("1950-13", "month 13"),
        ("1950-21", "month 21"),  # an EDTF season: not a date an events file means
        ("abc", "not a date"),
        ("", "empty"),
        ("1950/1951", "interval"),
    ],
)
def test_impossible_dates_are_date_errors(text, message):
    with pytest.raises(DateError, match=message):
        HistoricalDate.parse(text)


def test_span_is_active_all_year_and_ordered():
    span = TimeSpan.parse("1920", "1922")
    assert span.contains(days_from_civil(1920, 1, 1))
    assert span.contains(days_from_civil(1922, 12, 31))
    assert not span.contains(days_from_civil(1923, 1, 1))
    assert not span.contains(days_from_civil(1919, 12, 31))
    assert TimeSpan.parse("1921").sort_key() < TimeSpan.parse("1921-03-16").sort_key()
    assert span.precision is Precision.YEAR


def test_span_end_before_start_is_an_error():
    with pytest.raises(DateError, match="before start"):
        TimeSpan.parse("1950-02-15", "1950-02-14")


def test_span_end_may_share_the_start_year_at_coarser_precision():
    span = TimeSpan.parse("1950-02-15", "1950")
    assert ymd(span.last_day) == (1950, 12, 31)


FAST_FORMS = st.one_of(
    st.builds(
        lambda y, q: f"{'-' if y < 0 else ''}{abs(y):04d}{q}",
        st.integers(-9999, 9999).filter(bool),
        st.sampled_from(["", "~", "?", "%"]),
    ),
    st.builds(
        lambda y, m, q: f"{y:04d}-{m:02d}{q}",
        st.integers(1, 9999),
        st.integers(1, 12),
        st.sampled_from(["", "~", "?", "%"]),
    ),
    st.builds(
        lambda y, m, d, q: f"{y:04d}-{m:02d}-{d:02d}{q}",
        st.integers(1, 9999),
        st.integers(1, 12),
        st.integers(1, 28),
        st.sampled_from(["", "~", "?", "%"]),
    ),
    st.builds(lambda y, q: f"{y:03d}X{q}", st.integers(0, 999), st.sampled_from(["", "~", "?"])),
    st.builds(lambda y, q: f"{y:02d}XX{q}", st.integers(0, 99), st.sampled_from(["", "~", "?"])),
)


@given(FAST_FORMS)
def test_fast_path_agrees_with_the_edtf_library(text):
    from geohist.model.time import _parse_with_edtf

    assert HistoricalDate.parse(text) == _parse_with_edtf(text, text, None)
