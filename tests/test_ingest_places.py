"""Place recognition for ingest: world gazetteer, guards against false hits, roles (no Qt)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from geohist import paths
from geohist.ingest.pipeline import ingest_document
from geohist.ingest.places import find_places, tokenize
from geohist.ingest.sources import Document
from geohist.ingest.world import WORLD_FILE, place_index


def places(text: str, lang: str = "id") -> list[tuple[str, str]]:
    """(text as written, place id) of every place name found."""
    found = find_places(text, tokenize(text), place_index(), lang)
    return [(text[p.start : p.end], p.place_id) for p in found]


def event_places(text: str, reference: dt.date | None = None) -> list[list[str]]:
    """English names of each event's places."""
    found = ingest_document(Document("t.txt", Path("t.txt"), text), reference)
    return [[p.name("en") for p in e.places] for e in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Negosiasi dilakukan di kota Moskow.", [("Moskow", "moscow")]),
        ("Pemimpin Tiongkok Xi Jinping", [("Tiongkok", "china")]),
        (
            "Uni Soviet dan Republik Rakyat China",
            [("Uni Soviet", "soviet-union"), ("Republik Rakyat China", "china")],
        ),
        ("kehadiran tentara AS di Jepang", [("AS", "united-states"), ("Jepang", "japan")]),
        (
            "antara kota Dairen dan kota Port Arhur",
            [("Dairen", "dalian"), ("Port Arhur", "lushun")],
        ),
        ("Port Arthur jatuh ke tangan Jepang", [("Port Arthur", "lushun"), ("Jepang", "japan")]),
        (
            "Rangkaian pulau itu disebut Kuril oleh Rusia",
            [("Kuril", "kuril-islands"), ("Rusia", "russia")],
        ),
        ("di Institut Teknologi Harbin", [("Harbin", "harbin")]),
        (
            "di Laut China Selatan dan Selat Malaka",
            [("Laut China Selatan", "south-china-sea"), ("Selat Malaka", "strait-of-malacca")],
        ),
        (
            "dari Singapura ke Kuala Lumpur",
            [("Singapura", "singapore"), ("Kuala Lumpur", "kuala-lumpur")],
        ),
        ("pada masa Hindia Belanda", [("Hindia Belanda", "dutch-east-indies")]),
        ("Lima orang ditahan di kota Lima", [("Lima", "lima")]),
    ],
)
def test_finds_places(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Presiden Rusia Vladimir Putin berbicara.",  # only Rusia: Vladimir is a first name
        "Izinkan saya mengingatkan Anda ketika itu.",  # Anda is "you", not the town in China
        "Kawanan sapi merumput di padang rumput.",  # lower-case common words
        "Sukarno dan Hatta memproklamasikan kemerdekaan.",  # surnames, not towns
        "Artikel di surat kabar New York Times.",  # a newspaper
        "The US$2 billion AS level exam.",  # "AS" is a country only in Indonesian text
    ],
)
def test_rejects_false_hits(text):
    found = [place_id for _, place_id in places(text, "en" if text.startswith("The") else "id")]
    assert found in ([], ["russia"]), found


def test_as_means_the_united_states_only_in_indonesian():
    assert places("hubungan dengan AS memburuk", "id") == [("AS", "united-states")]
    assert places("known AS the capital", "en") == []


def test_nationality_in_a_title_is_not_the_location_when_the_sentence_has_one():
    text = "Presiden Rusia Vladimir Putin tiba di Beijing pada 16 Mei 2024."
    assert event_places(text) == [["Beijing"]]


def test_nationality_in_a_title_locates_when_nothing_better_is_said():
    text = (
        "November lalu, Presiden Rusia Vladimir Putin dan Perdana Menteri Jepang Shinzo Abe "
        "sepakat untuk mempercepat perundingan."
    )
    assert event_places(text, dt.date(2019, 11, 25)) == [["Russia", "Japan"]]


def test_organisation_names_do_not_locate_but_their_city_does():
    text = (
        "Pada 23 April 1920, kaum Kemalis mendirikan parlemen mereka sendiri, Majelis Agung "
        "Nasional Turki, di Ankara."
    )
    assert event_places(text) == [["Ankara"]]


def test_quoted_speech_and_references_do_not_locate():
    text = (
        'Soydan menulis pada 25 April 1921: "Persahabatan antara Rusia dan Turki itu nyata." '
        "(Rasim Ors. Dalam Cermin Pers Soviet. Moskow, 2012)."
    )
    assert event_places(text) == [[]]


def test_a_region_named_by_this_takes_the_previous_sentence_s_region():
    text = (
        "Putin akan menghadiri forum di Harbin, ibu kota provinsi Heilongjiang di timur laut "
        "Tiongkok.\n\nWilayah ini mengalami konflik antara Tiongkok dan Uni Soviet pada tahun 1969."
    )
    assert event_places(text) == [["Heilongjiang"]]


def test_world_file_is_compact_and_clean():
    world = paths.geodata_dir() / WORLD_FILE
    assert world.stat().st_size <= 3_000_000
    with world.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) > 30_000
    assert set(rows[0]) == {"id", "kind", "name_en", "name_id", "names", "lat", "lon", "cc",
                            "population"}  # fmt: skip
    assert len({r["id"] for r in rows}) == len(rows)
    names = {n.casefold() for r in rows for n in r["names"].split(";")}
    assert not names & {"anda", "thai", "bahwa", "barat", "as"}


def test_curated_gazetteer_wins_and_bigger_cities_win():
    index = place_index()
    assert index.names["moskow"].place_id == "moscow"
    assert index.names["moscow"].tier == 0
    assert index.names["vienna"].place_id == "vienna"  # Austria's, not the town in Virginia
    assert index.place("vienna").name("id") == "Wina"
