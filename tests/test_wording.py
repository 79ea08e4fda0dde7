"""Dates in Indonesian and English words."""

import pytest

from geohist.model.time import HistoricalDate, Precision, TimeSpan, days_from_civil
from geohist.model.wording import format_date, format_day, format_span


@pytest.mark.parametrize(
    ("text", "part", "indonesian", "english"),
    [
        ("1950-02-15", None, "15 Februari 1950", "15 February 1950"),
        ("1950-02", None, "Februari 1950", "February 1950"),
        ("196X", "early", "awal 1960-an", "early 1960s"),
        ("195X", "late", "akhir 1950-an", "late 1950s"),
        ("1921", "late", "akhir 1921", "late 1921"),
        ("1950-02", "mid", "pertengahan Februari 1950", "mid-February 1950"),
        ("1918~", None, "sekitar 1918", "c. 1918"),
        ("1956?", None, "1956?", "1956?"),
        ("19XX", None, "abad ke-20", "20th century"),
        ("20XX", None, "abad ke-21", "21st century"),
        ("-0044", None, "45 SM", "45 BCE"),
        ("2024-08-17", None, "17 Agustus 2024", "17 August 2024"),
    ],
)
def test_format_date(text, part, indonesian, english):
    date = HistoricalDate.parse(text, part)
    assert format_date(date, "id") == indonesian
    assert format_date(date, "en") == english


@pytest.mark.parametrize(
    ("start", "end", "indonesian"),
    [
        ("1905-08-09", "1905-09-05", "9 Agustus – 5 September 1905"),
        ("1905-08-09", "1905-08-15", "9–15 Agustus 1905"),
        ("1920", "1922", "1920–1922"),
        ("1945-08~", "1945-09~", "sekitar Agustus 1945 – sekitar September 1945"),
    ],
)
def test_format_span(start, end, indonesian):
    assert format_span(TimeSpan.parse(start, end), "id") == indonesian


def test_format_day_at_precision():
    day = days_from_civil(1963, 5, 4)
    assert format_day(day, Precision.DAY, "id") == "4 Mei 1963"
    assert format_day(day, Precision.MONTH, "en") == "May 1963"
    assert format_day(day, Precision.DECADE, "id") == "1960-an"


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="language"):
        format_date(HistoricalDate.parse("1950"), "fr")
