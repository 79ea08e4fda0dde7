"""The events file: round trips, and a clear line-numbered problem for every kind of bad input."""

from pathlib import Path

import pytest
from tests.small_data import QUOTE, SOURCE_TEXT, events_csv, small_gazetteer

from geohist.datafiles.events_csv import read_events_csv, write_events_csv
from geohist.model.time import days_from_civil

GOOD = events_csv(
    "1921-moscow,1921-03-16,,,Treaty of Moscow,Perjanjian Moskow,moscow;Ankara,A treaty.,treaty;turkey,"
    f'src.txt,0,{len(QUOTE)},"{QUOTE}"\n'
    "kurils,1945-08~,1945-09~,,Kurils taken,,Kuril,,war,,,,\n"
    'sixties,196X,,early,"Mao\'s <b>accusations</b>, quoted",,USSR,,,,,,\n'
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return tmp_path


def load(folder: Path, text: str | bytes):
    path = folder / "events.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return read_events_csv(path, small_gazetteer(folder), label="events.csv")


def test_good_file_reads_every_field(folder):
    result = load(folder, GOOD)
    assert result.problems == []
    treaty, kurils, sixties = result.events
    assert treaty.place_ids == ("moscow", "ankara")  # a name resolves to its id
    assert treaty.title_in("id") == "Perjanjian Moskow"
    assert treaty.title_in("en") == "Treaty of Moscow"
    assert treaty.provenance.quote == SOURCE_TEXT[treaty.provenance.start : treaty.provenance.end]
    assert treaty.tags == ("treaty", "turkey")
    assert kurils.when.soft and kurils.place_ids == ("kuril-islands",)
    assert sixties.title == "Mao's <b>accusations</b>, quoted"  # text stays text
    assert sixties.when.last_day == days_from_civil(1963, 12, 31)


def test_write_then_read_is_identity(folder):
    events = load(folder, GOOD).events
    out = folder / "copy.csv"
    write_events_csv(events, out)
    again = read_events_csv(out, small_gazetteer(folder))
    assert again.problems == []
    assert again.events == events


BAD_FILES = [
    (
        "unknown place",
        events_csv("a,1950,,,T,,Atlantis,,,,,,\n"),
        2,
        "places",
        "unknown place 'Atlantis'",
    ),
    (
        "impossible date",
        events_csv("a,1950-02-30,,,T,,moscow,,,,,,\n"),
        2,
        "start",
        "has no day 30",
    ),
    ("end before start", events_csv("a,1950,1949,,T,,moscow,,,,,,\n"), 2, "end", "before start"),
    ("bad end", events_csv("a,1950,19x0,,T,,moscow,,,,,,\n"), 2, "end", "not a date"),
    (
        "missing column",
        "id,start,title,places\na,1950,T,moscow\n",
        1,
        None,
        "missing column(s) end",
    ),
    (
        "duplicate id",
        events_csv(
            "a,1950,,,T,,moscow,,,,,,\nb,1951,,,U,,moscow,,,,,,\na,1952,,,V,,moscow,,,,,,\n"
        ),
        4,
        "id",
        "duplicate id 'a' (first on line 2)",
    ),
    (
        "not utf-8",
        events_csv("a,1950,,,Caf\xe9,,moscow,,,,,,\n").encode("latin-1"),
        2,
        None,
        "not UTF-8",
    ),
    ("empty file", "", 1, None, "empty file"),
    ("blank file", "\n\n  \n", 1, None, "empty file"),
    ("not a csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, None, "not a text (CSV) file"),
    ("json instead", '{"events": []}\n', 1, None, "missing column(s) id, start"),
    ("ragged row", events_csv("a,1950,,,T,,moscow\n"), 2, None, "row has 7 fields"),
    ("empty title", events_csv("a,1950,,,,,moscow,,,,,,\n"), 2, "title", "empty title"),
    ("no places", events_csv("a,1950,,,T,,,,,,,,\n"), 2, "places", "no place given"),
    ("bad mod", events_csv("a,1950,,someday,T,,moscow,,,,,,\n"), 2, "mod", "expected early"),
    (
        "bad offset",
        events_csv("a,1950,,,T,,moscow,,,src.txt,x,3,abc\n"),
        2,
        "quote_start",
        "not a character offset",
    ),
    (
        "quote mismatch",
        events_csv("a,1950,,,T,,moscow,,,src.txt,0,4,Nope\n"),
        2,
        "quote",
        "does not match src.txt",
    ),
    (
        "missing source",
        events_csv("a,1950,,,T,,moscow,,,gone.txt,0,4,Pada\n"),
        2,
        "source",
        "no such file",
    ),
    ("unclosed quote", events_csv('a,1950,,,"T,,moscow,,,,,,\n'), 2, None, "not valid CSV"),
    ("bad id", events_csv("a b,1950,,,T,,moscow,,,,,,\n"), 2, "id", "use letters"),
]


@pytest.mark.parametrize(
    ("content", "line", "field", "message"),
    [b[1:] for b in BAD_FILES],
    ids=[b[0] for b in BAD_FILES],
)
def test_bad_input_gives_a_located_problem(folder, content, line, field, message):
    result = load(folder, content)
    assert result.problems, "a bad file must report a problem"
    first = result.problems[0]
    assert (first.file, first.line, first.field) == ("events.csv", line, field)
    assert message in first.message
    assert str(first).startswith(f"events.csv:{line}: ")


def test_good_rows_survive_bad_rows(folder):
    text = events_csv(
        "a,1950,,,T,,moscow,,,,,,\nb,1950-02-30,,,U,,moscow,,,,,,\nc,1951,,,V,,ankara,,,,,,\n"
    )
    result = load(folder, text)
    assert [e.id for e in result.events] == ["a", "c"]
    assert [p.line for p in result.problems] == [3]


def test_multiline_cell_keeps_line_numbers_right(folder):
    text = events_csv('a,1950,,,"two\nlines",,moscow,,,,,,\nb,1950-02-30,,,U,,moscow,,,,,,\n')
    result = load(folder, text)
    assert [p.line for p in result.problems] == [4]


def test_a_cell_repeated_on_many_rows_is_read_alike_and_reported_on_each(folder):
    """Good cells are read once per file and shared; a bad one is reported on every row."""
    text = events_csv(
        "a,1950,1951,,T,,moscow;Ankara,,treaty,,,,\n"
        "b,1950,1951,,U,,moscow;Ankara,,treaty,,,,\n"
        "c,1950-02-30,,,V,,Atlantis,,,,,,\n"
        "d,1950-02-30,,,W,,Atlantis,,,,,,\n"
        "e,1950,1951,late,X,,moscow; ankara,,treaty,,,,\n"
        "f,1950,1951,someday,Y,,moscow,,,,,,\n"
        "g,1950,1951,someday,Z,,moscow,,,,,,\n"
    )
    result = load(folder, text)
    a, b, e = result.events
    assert a.when is b.when and a.place_ids is b.place_ids and a.tags is b.tags
    assert e.place_ids == a.place_ids and e.when != a.when  # the whole row's cells count
    assert [(p.line, p.field) for p in result.problems] == [
        (4, "start"),
        (4, "places"),
        (5, "start"),
        (5, "places"),
        (7, "mod"),
        (8, "mod"),
    ]
