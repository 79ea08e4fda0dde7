"""The CLI as users run it: exit codes, messages, and never a traceback for their mistakes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geohist import paths
from geohist.cli import main

SEEDS = paths.seeds_dir()


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geohist.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        check=False,
    )


def test_validate_bundled_history_is_clean():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout and "events" in result.stdout


def test_events_json_lists_the_seed_history_with_provenance():
    result = run("events", "--json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert len(events) >= 30
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert len({e["source"]["doc"] for e in events}) == len(texts) == 4
    for event in events:
        source = event["source"]
        assert texts[source["doc"]][source["start"] : source["end"]] == source["quote"], event["id"]
        for place in event["places"]:
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
            assert place["name"]
        assert set(event) >= {"id", "title", "start", "end", "precision", "places", "source"}
    names = {p["name"] for e in events for p in e["places"]}
    for required in ("Moscow", "Ankara", "Harbin", "Kuril Islands"):
        assert required in names
    assert "lushun" in {p["id"] for e in events for p in e["places"]}  # Port Arthur


MALFORMED = {
    "unknown_place.csv": (
        "id,start,end,title,places\na,1950,,T,Atlantis\n",
        ":2: places: unknown place",
    ),
    "impossible_date.csv": ("id,start,end,title,places\na,1950-02-30,,T,moscow\n", ":2: start:"),
    "end_before_start.csv": ("id,start,end,title,places\na,1950,1940,T,moscow\n", ":2: end:"),
    "missing_column.csv": ("id,start,title\na,1950,T\n", ":1: missing column(s) end, places"),
    "duplicate_id.csv": (
        "id,start,end,title,places\na,1950,,T,moscow\na,1951,,U,moscow\n",
        ":3: id: duplicate",
    ),
    "latin1.csv": (
        "id,start,end,title,places\na,1950,,Caf\xe9,moscow\n".encode("latin-1"),
        ":2: not UTF-8",
    ),
    "empty.csv": ("", ":1: empty file"),
    "binary.csv": (b"\x00\x01\x02PK\x03\x04", ":1: binary data"),
    "not_csv.csv": ("<html><body>hello</body></html>\n", ":1: missing column(s)"),
    "ragged.csv": ("id,start,end,title,places\na,1950,,T\n", ":2: row has 4 fields"),
    "bad_mod.csv": ("id,start,end,title,places,mod\na,1950,,T,moscow,sometimes\n", ":2: mod:"),
    "bad_quote.csv": (
        "id,start,end,title,places,source,quote_start,quote_end,quote\n"
        "a,1950,,T,moscow,nothere.txt,0,3,abc\n",
        ":2: source:",
    ),
    "no_such_file.csv": (None, "no such file"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_validate_malformed_files(tmp_path, name):
    content, expected = MALFORMED[name]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_events_refuses_a_bad_file_without_traceback(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("id,start,end,title,places\na,1950-13,,T,moscow\n", encoding="utf-8")
    assert main(["events", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert "bad.csv:2: start: month 13 is not 1-12" in captured.err
    assert captured.out == ""


def test_user_places_file_extends_the_gazetteer(tmp_path, capsys):
    places = tmp_path / "places.csv"
    places.write_text("id,name_en,lat,lon\natlantis,Atlantis,31.0,-24.0\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text(
        "id,start,end,title,places\na,-0360,,Plato writes,Atlantis\n", encoding="utf-8"
    )
    assert main(["events", str(events), "--places", str(places), "--json"]) == 0
    [event] = json.loads(capsys.readouterr().out)
    assert event["places"][0]["id"] == "atlantis"
    assert event["start"] == "-0360"


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,start,end,title,places\n", encoding="utf-8")
    result = run("--debug", "gui", str(tmp_path / "x.csv"), "--at", "1950-02-30")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_bad_date_in_gui_arguments_is_a_clear_error():
    result = run("--at", "1950-02-30", "--screenshot", "/tmp/never.png")
    assert result.returncode == 1
    assert "has no day 30" in result.stderr
    assert "Traceback" not in result.stderr


def test_readme_example_is_a_valid_events_file(tmp_path):
    readme = (paths.seeds_dir().parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.csv"
    path.write_text(example, encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 0, result.stdout
    assert "5 events" in result.stdout


def test_a_reader_that_stops_early_is_not_an_error():
    """`geohist events --json | head -c 50`: the pipe closes; no traceback, no "internal error".

    The seed events' JSON (~35 KB) would fit in Linux's default 64 KB pipe buffer, so the command
    could finish before the pipe closes; a one-page pipe makes it block until the reader leaves.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "geohist", "events", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pipesize=4096,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(50).startswith(b"[")
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert stderr == ""
