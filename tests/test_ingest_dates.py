"""The temporal tagger on Indonesian and English news prose, traps included (no Qt, no ../shared)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geohist.ingest.dates import tag_dates
from geohist.ingest.pipeline import ingest_document
from geohist.ingest.sources import Document

REF_2019 = dt.date(2019, 11, 25)
REF_2024 = dt.date(2024, 5, 17)  # a Friday


def events(text: str, reference: dt.date | None = None, lang: str | None = None) -> list:
    """(date_text, start, end, precision, mod) of every event found in ``text``."""
    found = ingest_document(Document("t.txt", Path("t.txt"), text), reference, lang)
    return [
        (e.date_text, *e.value.iso(), e.value.precision.name.lower(), e.value.mod) for e in found
    ]


def only(text: str, reference: dt.date | None = None, lang: str | None = None) -> tuple:
    found = events(text, reference, lang)
    assert len(found) == 1, found
    return found[0][1:]


@pytest.mark.parametrize(
    ("sentence", "reference", "expected"),
    [
        # absolute dates, Indonesian
        ("Perjanjian diumumkan pada 15 Februari 1950.", None, ("1950-02-15", None, "day", None)),
        ("Perjanjian diteken pada 15-2-1950 di Moskow.", None, ("1950-02-15", None, "day", None)),
        (
            "Data itu dirilis pada 13/2/2018 oleh pemerintah.",
            None,
            ("2018-02-13", None, "day", None),
        ),
        (
            "Lavrov menekankan hal ini pada Hari Sabtu (23/11).",
            REF_2019,
            ("2019-11-23", None, "day", None),
        ),
        ("Rusia menginvasi Ukraina pada Februari 2022.", None, ("2022-02", None, "month", None)),
        ("Kesepakatan itu dibatalkan pada 1960.", None, ("1960", None, "year", None)),
        ("Republik Turki diproklamasikan pada tahun 1923.", None, ("1923", None, "year", None)),
        ("Pemberontakan pecah pada pertengahan 1926.", None, ("1926", None, "year", "mid")),
        ("Lenin berkata pada akhir 1921 bahwa ia siap.", None, ("1921", None, "year", "late")),
        # ranges, with hyphens, en and em dashes and words
        (
            "Pada periode 1920—1922, Soviet Rusia mengirim senjata.",
            None,
            ("1920", "1922", "year", None),
        ),
        (
            "Perang Yunani-Turki (1919-1922) mengubah Anatolia.",
            None,
            ("1919", "1922", "year", None),
        ),
        (
            "Perundingan berlangsung 9 Agustus – 5 September 1905.",
            None,
            ("1905-08-09", "1905-09-05", "day", None),
        ),
        (
            "Konferensi digelar pada 18–24 April 1955 di Bandung.",
            None,
            ("1955-04-18", "1955-04-24", "day", None),
        ),
        (
            "KMB berlangsung dari 23 Agustus hingga 2 November 1949.",
            None,
            ("1949-08-23", "1949-11-02", "day", None),
        ),
        (
            "Jepang menduduki wilayah itu antara 1942 dan 1945.",
            None,
            ("1942", "1945", "year", None),
        ),
        # decades and centuries
        (
            "Muncul keretakan menjelang akhir dekade 1950-an.",
            None,
            ("1950", "1959", "decade", "late"),
        ),
        ("Pada awal 1960-an, Mao menuduh Uni Soviet.", None, ("1960", "1969", "decade", "early")),
        ("Kota itu tumbuh pesat pada tahun 80-an.", None, ("1980", "1989", "decade", None)),
        ("Pelabuhan itu ramai sejak abad ke-19.", None, ("1800", "1899", "century", None)),
        # relative expressions against a reference date
        (
            "November lalu, Putin dan Abe sepakat mempercepat perundingan.",
            REF_2019,
            ("2018-11", None, "month", None),
        ),
        ("Perdagangan mencatat rekor tahun lalu.", REF_2024, ("2023", None, "year", None)),
        (
            "Putin memulai masa jabatan barunya pekan lalu.",
            REF_2024,
            ("2024-05-06", "2024-05-12", "day", "approx"),
        ),
        (
            "Konferensi akan diadakan di Swiss bulan depan.",
            REF_2024,
            ("2024-06", None, "month", None),
        ),
        ("Gempa mengguncang kota itu kemarin.", REF_2024, ("2024-05-16", None, "day", None)),
        (
            "Blinken berada di Kyiv awal pekan ini.",
            REF_2024,
            ("2024-05-13", "2024-05-15", "day", "approx"),
        ),
        ("Monumen itu dibangun dua tahun lalu.", REF_2024, ("2022", None, "year", "approx")),
        # weekdays resolve to the last such day on or before the story date
        (
            "Xi dan Putin bertemu di Beijing pada hari Kamis.",
            REF_2024,
            ("2024-05-16", None, "day", None),
        ),
        ("Presiden tiba di Jakarta Senin lalu.", REF_2024, ("2024-05-13", None, "day", None)),
        # named events used as dates
        (
            "Pulau-pulau itu direbut pada hari-hari terakhir Perang Dunia II.",
            None,
            ("1945-08", "1945-09", "month", "approx"),
        ),
        (
            "Pabrik itu dibangun selama Perang Dingin.",
            None,
            ("1947-03", "1991-12", "month", "approx"),
        ),
        # English
        (
            "The treaty was signed on February 15, 1950 in Moscow.",
            None,
            ("1950-02-15", None, "day", None),
        ),
        ("Mao accused Moscow in the early 1960s.", None, ("1960", "1969", "decade", "early")),
        ("Putin and Abe met last November.", REF_2019, ("2018-11", None, "month", None)),
        ("The bridge opened two years ago.", REF_2024, ("2022", None, "year", "approx")),
    ],
)
def test_expression_values(sentence, reference, expected):
    lang = "en" if sentence.startswith(("The ", "Mao ", "Putin and")) else None
    assert only(sentence, reference, lang) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Untuk informasi hubungi 0811 9787 670 hanya dengan ketik kata kunci.",
        "Seorang mahasiswa tertua berusia 90 tahun di Rusia.",
        "Gala itu menandai 75 tahun hubungan diplomatik kedua negara.",
        "Bantuan senilai Rp 4.000 triliun dan 39.000 senapan, 1.500 orang tewas.",
        "Kerja sama itu kandas beberapa tahun setelahnya.",
        "Kedua negara bermusuhan setelah Perang Dunia II.",
        "Perbatasan itu tidak berubah hingga hari ini.",
        "Kunjungan kenegaraan minggu ini menarik perhatian.",
    ],
)
def test_traps_are_not_events(sentence):
    assert events(sentence, REF_2024) == []


def test_caption_years_and_citations_are_not_events():
    text = (
        "Pada 23 April 1920, kaum Kemalis mendirikan parlemen di Ankara.\n"
        "Jenderal Mustafa Kemal, 1922.\n"
        "Domain PublikSejak itu, Ankara menjadi pusat kekuatan baru di Turki.\n"
        'Soydan menulis pada 25 April 1921: "Kami bersahabat." (Rasim Ors. Dalam Cermin Pers '
        "Soviet 1920-an. Moskow, 2012).\n"
    )
    assert [e[0] for e in events(text)] == ["23 April 1920", "25 April 1921"]


def test_citation_date_is_the_reference_not_an_event():
    text = (
        "Uni Soviet dan China menandatangani kerja sama pada 15 Februari 1950.\n\n"
        "Mengutip dari laman History pada Rabu (13/2/2018), negosiasi dilakukan di Moskow "
        "sejak awal Februari.\n"
    )
    found = events(text)
    assert [e[:2] for e in found] == [
        ("15 Februari 1950", "1950-02-15"),
        ("awal Februari", "1950-02"),
    ]
    assert found[1][4] == "early"  # the year came from the sentence before, not from 2018


def test_page_date_is_not_the_story_date():
    """A page dated 24 July reporting "on Thursday" and "16 May 2024": Thursday is 16 May."""
    text = (
        "24 Juli 2024\n\n"
        "Hongkong – Xi Jinping dan Vladimir Putin bertemu di Beijing pada hari Kamis, "
        "menandai kunjungan dua hari.\n\n"
        "Putin memulai masa jabatan baru pekan lalu.\n\n"
        "Keduanya menghadiri upacara di Beijing pada 16 Mei 2024.\n\n"
        "Konvoi Putin melewati Lapangan Tiananmen pada hari Rabu.\n"
    )
    found = {e[0]: e[1:] for e in events(text)}
    assert "24 Juli 2024" not in found
    assert found["hari Kamis"][0] == "2024-05-16"
    assert found["hari Rabu"][0] == "2024-05-15"
    assert found["pekan lalu"][:2] == ("2024-05-06", "2024-05-12")


def test_given_reference_date_only_fills_in_for_texts_without_one():
    text = "24 Juli 2024\n\nHarga naik tahun lalu di seluruh negeri, kata pejabat itu.\n"
    assert only(text, REF_2019)[0] == "2023"


def test_headline_repeated_in_the_body_is_one_event():
    text = (
        "15-2-1950: Uni Soviet dan China Teken Kerja Sama Pertahanan\n\n"
        "Liputan6.com, Moskow - Uni Soviet dan Republik Rakyat China mengumumkan penandatanganan "
        "kerja sama pertahanan dan beberapa isu strategis lainnya pada 15 Februari 1950.\n"
    )
    assert [e[0] for e in events(text)] == ["15 Februari 1950"]


def test_weekday_said_again_is_one_event():
    text = (
        "Presiden tiba di Beijing pada hari Kamis. Ia bertemu Xi pada hari Kamis malam. "
        "Keduanya berbicara lagi pada Kamis.\n"
    )
    assert [e[0] for e in events(text, REF_2024)] == ["hari Kamis"]


def test_anaphora_takes_the_date_of_the_sentence_before():
    text = (
        "Mereka melanjutkan pembicaraan berdasarkan deklarasi 1956 antara Jepang dan Uni Soviet. "
        "Pada saat itu, Uni Soviet menawarkan dua pulau kepada Jepang.\n"
    )
    assert [e[:2] for e in events(text)] == [("1956", "1956"), ("Pada saat itu", "1956")]


def test_relative_words_need_a_reference():
    assert events("Harga beras naik tahun lalu.") == []


def test_offsets_index_the_text():
    text = "Judul\n\nPada 16 Maret 1921, di Moskow, perjanjian disimpulkan."
    mention = tag_dates(text)[0]
    assert text[mention.start : mention.end] == mention.text == "16 Maret 1921"


def test_section_header_dates_the_sentences_under_it():
    text = (
        "Kronologi Kemerdekaan\n\n"
        "Tahun 1945\n\n"
        "Jepang menyerah kepada Sekutu, lalu para pemuda mendesak Sukarno bertindak cepat. "
        "Rapat-rapat digelar di Jakarta tanpa henti. Semua tokoh sepakat soal waktunya. "
        "Naskah disiapkan dengan tergesa-gesa oleh para pemimpin. "
        "Proklamasi dibacakan pada 17 Agustus di Pegangsaan Timur.\n"
    )
    assert [e[:2] for e in events(text)] == [("17 Agustus", "1945-08-17")]


def test_weekday_on_a_page_of_the_next_day_counts_from_the_page_date():
    text = (
        "Gempa Guncang Cianjur\n"
        "Selasa, 22 Nov 2022 06:00 WIB\n\n"
        "Jakarta - Gempa mengguncang Cianjur pada Senin (21/11/2022) siang. Presiden meninjau "
        "lokasi bencana pada Selasa sore.\n"
    )
    found = {e[0]: e[1] for e in events(text)}
    assert found == {"Senin (21/11/2022)": "2022-11-21", "Selasa sore": "2022-11-22"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Idul Fitri 1444 H jatuh pada hari Jumat.",
        "MPR mengamandemen UUD 1945 untuk pertama kalinya.",
    ],
)
def test_hijri_years_and_the_constitution_s_name_are_not_years(sentence):
    assert [e for e in events(sentence) if e[1] in ("1444", "1945")] == []


def test_later_counts_from_the_end_of_a_span():
    text = "Orde Baru berkuasa dari 1966 hingga 1998. Dua tahun kemudian, UUD diamandemen.\n"
    assert [e[:2] for e in events(text)] == [
        ("dari 1966 hingga 1998", "1966"),
        ("Dua tahun kemudian", "2000"),
    ]


def test_dateline_date_is_the_reference():
    text = (
        "Judul Berita\n\n"
        "JAKARTA, 17 Agustus 2023 - Upacara digelar di Istana Merdeka kemarin pagi, dihadiri "
        "ribuan undangan dari seluruh penjuru negeri yang datang sejak subuh.\n"
    )
    assert [e[:2] for e in events(text)] == [("kemarin", "2023-08-16")]
