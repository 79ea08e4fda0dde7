"""Files too large to load within the memory budget are refused up front, with size and limit.

The big files are sparse (``truncate``): the size is what is checked, before a byte is read, so
they cost no disk and no time.
"""

import subprocess
import sys
from pathlib import Path

from geohist.datafiles.load import load_catalog
from geohist.datafiles.textfile import MAX_DATA_BYTES, MAX_TEXT_BYTES, read_text

HEADER = "id,start,end,title,places\n"


def sparse(path: Path, size: int, head: str = HEADER) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        out.truncate(size)
    return path


def geohist(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geohist.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_events_file_over_the_limit_is_refused_naming_size_and_limit(tmp_path):
    for name in ("big.csv", "big.geojson"):
        path = sparse(tmp_path / name, 45_000_000)
        catalog, problems = load_catalog(path)
        assert len(catalog) == 0
        assert [str(p) for p in problems] == [
            f"{path}: the file is 45.0 MB, over the 30.0 MB limit: split it into smaller files"
        ]


def test_places_file_over_the_limit_is_refused(tmp_path):
    events = tmp_path / "ok.csv"
    events.write_text(HEADER + "a,1950-02-15,,T,moscow\n", encoding="utf-8")
    places = sparse(tmp_path / "big.places.csv", MAX_DATA_BYTES + 1, "id,kind\n")
    catalog, problems = load_catalog(events, [places])
    assert len(catalog) == 1
    assert [p.file for p in problems] == [str(places)] and "limit" in problems[0].message


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "edge.txt"
    path.write_text("x" * MAX_TEXT_BYTES, encoding="utf-8")
    text, problems = read_text(path)
    assert problems == [] and len(text) == MAX_TEXT_BYTES


def test_validate_refuses_a_big_file_with_a_located_problem(tmp_path):
    path = sparse(tmp_path / "big.csv", 100_000_000)
    result = geohist("validate", str(path))
    assert result.returncode == 1, result.stderr
    assert f"{path}: the file is 100.0 MB, over the 30.0 MB limit" in result.stdout
    assert "Traceback" not in result.stderr


def test_ingest_refuses_a_text_over_10_mb(tmp_path):
    text = sparse(tmp_path / "huge.txt", MAX_TEXT_BYTES + 2_000_000, "Pada 15 Februari 1950 ")
    result = geohist("ingest", str(text), "-o", str(tmp_path / "out.json"))
    assert result.returncode != 0
    message = result.stdout + result.stderr
    assert f"{text}: the file is 12.0 MB, over the 10.0 MB limit" in message
    assert "Traceback" not in message
    assert not (tmp_path / "out.json").exists()
