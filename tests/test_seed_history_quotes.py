"""Qt-free checks of the curated seed history (seeds/seed_history.csv).

Every event cites its source text with an exact quote and 0-based Python ``str`` offsets;
this test keeps the citations honest without importing the geohist package.
"""

import csv
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CSV_PATH = SEEDS / "seed_history.csv"
COLUMNS = [
    "id",
    "start",
    "end",
    "mod",
    "title",
    "title:id",
    "places",
    "summary",
    "summary:id",
    "tags",
    "source",
    "quote_start",
    "quote_end",
    "quote",
]


def _rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _text(name: str) -> str:
    # newline="" keeps the text exactly as stored (no newline translation).
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return fh.read()


ROWS = _rows()
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_enough_events() -> None:
    assert len(ROWS) >= 30


def test_ids_unique() -> None:
    ids = [r["id"] for r in ROWS]
    assert all(ids)
    assert len(ids) == len(set(ids))


def test_all_seed_files_cited() -> None:
    assert len(SEED_FILES) == 4
    assert {r["source"] for r in ROWS} == set(SEED_FILES)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_quote_matches_source(row: dict[str, str]) -> None:
    text = _text(row["source"])
    start, end = int(row["quote_start"]), int(row["quote_end"])
    assert 0 <= start < end <= len(text)
    assert row["quote"]
    assert text[start:end] == row["quote"]
