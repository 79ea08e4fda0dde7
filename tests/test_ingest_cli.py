"""``geohist ingest`` as users run it: output schemas, errors as one line, CSV that reads back."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from geohist import paths
from geohist.cli import main
from geohist.datafiles.events_csv import read_events_csv
from geohist.datafiles.load import load_gazetteer

SEEDS = paths.seeds_dir()
JSON_KEYS = {
    "doc", "date_text", "date_offset", "start", "end", "precision", "mod", "places",
    "place_texts", "quote", "quote_offset",
}  # fmt: skip


def test_json_output_has_the_schema_and_true_offsets(tmp_path, capsys):
    out = tmp_path / "x.json"
    assert main(["ingest", str(SEEDS), "-o", str(out), "--reference-date", "2019-11-23"]) == 0
    events = json.loads(out.read_text(encoding="utf-8"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert len(events) >= 25 and {e["doc"] for e in events} == set(texts)
    for event in events:
        assert set(event) == JSON_KEYS
        text = texts[event["doc"]]
        start = event["date_offset"]
        assert text[start : start + len(event["date_text"])] == event["date_text"]
        quote_at = event["quote_offset"]
        assert text[quote_at : quote_at + len(event["quote"])] == event["quote"]
        assert event["precision"] in {"day", "month", "year", "decade", "century"}
        assert all(set(p) == {"id", "name"} for p in event["places"])
        assert len(event["place_texts"]) == len(event["places"])
    assert "events from 4 texts" in capsys.readouterr().err


def test_csv_output_reads_back_with_the_events_reader(tmp_path):
    out = tmp_path / "drafts.csv"
    assert main(["ingest", str(SEEDS), "-o", str(out), "--reference-date", "2019-11-23"]) == 0
    extra = [p for p in [out.with_name("drafts.places.csv")] if p.exists()]
    gazetteer, problems = load_gazetteer(extra)
    result = read_events_csv(out, gazetteer)
    assert problems == [] and result.problems == [], result.problems[:3]
    assert len(result.events) >= 25
    assert all(e.provenance and e.provenance.quote for e in result.events)


def test_world_places_go_to_a_places_file_beside_the_csv(tmp_path):
    source = tmp_path / "texts"
    source.mkdir()
    (source / "a.txt").write_text(
        "Gempa mengguncang kota Padang pada 30 September 2009.\n", encoding="utf-8"
    )
    out = tmp_path / "drafts.csv"
    assert main(["ingest", str(source), "-o", str(out)]) == 0
    places_file = out.with_name("drafts.places.csv")
    assert "padang" in places_file.read_text(encoding="utf-8")
    gazetteer, problems = load_gazetteer([places_file])
    assert problems == [] and read_events_csv(out, gazetteer).problems == []


def test_folders_skip_other_files_and_empty_texts(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "one.txt").write_text("Kota itu jatuh pada 1942.\n", encoding="utf-8")
    out = tmp_path / "x.json"
    assert main(["ingest", str(tmp_path), "-o", str(out)]) == 0
    assert [e["doc"] for e in json.loads(out.read_text(encoding="utf-8"))] == ["one.txt"]


def test_non_utf8_file_is_one_line_naming_it(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Pada 1950 di Bogotá.\n".encode("latin-1"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "geohist.cli",
            "ingest",
            str(tmp_path),
            "-o",
            str(tmp_path / "x.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "latin1.txt" in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.json").exists()


def test_other_file_types_and_outputs_are_errors(tmp_path, capsys):
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert main(["ingest", str(pdf), "-o", str(tmp_path / "x.json")]) == 1
    assert "paper.pdf: not a .txt file" in capsys.readouterr().err
    assert main(["ingest", str(SEEDS), "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "x.xlsx" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.json")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_worker_processes_give_the_same_events_in_the_same_order():
    from geohist.ingest.pipeline import ingest
    from geohist.ingest.sources import read_documents

    documents = list(read_documents([SEEDS])) * 3
    reference = dt.date(2019, 11, 23)
    assert list(ingest(documents, reference, workers=2)) == list(
        ingest(documents, reference, workers=1)
    )
