"""The ingest tagger never crashes: random and mutated news prose gives drafts whose offsets hold.

Every draft must point back into its text: the date text and the quote are the text at their
offsets, the date lies inside its quote, and its span runs forward. Nothing else may escape.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.test_fuzz_readers import mutate

from geohist import paths
from geohist.ingest.pipeline import ingest_document
from geohist.ingest.sources import Document
from geohist.ingest.world import place_index

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INDEX = place_index()

# Pieces of the prose the tagger is built for, traps included (FINDINGS: Indonesian dates).
VOCABULARY = (
    "pada sejak hingga awal akhir pertengahan dekade tahun lalu depan pekan bulan hari Sabtu"
    " Kamis Februari Maret November Mei 1950 1921 1960-an 15 16 (23/11) 15-2-1950 13/2/2018"
    " 1920—1922 (1919-1922) Perang Dunia II Moskow Ankara Tiongkok Port Arthur Kepulauan"
    " Kuril AS Vladimir Putin Anda SM M on in the early late 1945 August last week Thursday"
    " 0811 9787 670 90 tahun. Jakarta, KOMPAS.com - . , ( ) ' \" — 2024 31 0 99999 -44"
)
WORDS = st.sampled_from([*VOCABULARY.split(" "), "\n", "\n\n"])
PROSE = st.lists(WORDS, max_size=60).map(" ".join)
REFERENCE = st.one_of(st.none(), st.dates(dt.date(1800, 1, 1), dt.date(2100, 12, 31)))


def seed_passages() -> list[str]:
    """Windows of the bundled seed texts: real prose to mutate."""
    passages = []
    for path in sorted(paths.seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        passages += [text[i : i + 1500] for i in range(0, len(text), 1500)]
    return passages


PASSAGES = seed_passages()


def assert_drafts_point_into(text: str, reference: dt.date | None, lang: str | None) -> int:
    drafts = ingest_document(Document("f.txt", Path("f.txt"), text), reference, lang, INDEX)
    for draft in drafts:
        at = draft.date_offset
        assert text[at : at + len(draft.date_text)] == draft.date_text
        assert text[draft.quote_offset : draft.quote_offset + len(draft.quote)] == draft.quote
        assert draft.quote_offset <= at < draft.quote_offset + len(draft.quote)
        assert draft.value.first_day <= draft.value.last_day
        assert len(draft.place_texts) == len(draft.places)
    return len(drafts)


@FUZZ
@given(text=PROSE, reference=REFERENCE, lang=st.sampled_from([None, "id", "en"]))
def test_random_prose_gives_drafts_that_point_into_it(text, reference, lang):
    assert_drafts_point_into(text, reference, lang)


@FUZZ
@given(data=st.data(), reference=REFERENCE)
def test_mutated_seed_prose_gives_drafts_that_point_into_it(data, reference):
    passage = data.draw(st.sampled_from(PASSAGES))
    assert_drafts_point_into(mutate(passage, data), reference, None)


@FUZZ
@given(text=st.text(max_size=300), reference=REFERENCE)
def test_any_unicode_text_gives_drafts_that_point_into_it(text, reference):
    assert_drafts_point_into(text, reference, None)


def test_the_fuzzed_prose_does_find_events():
    """The vocabulary is rich enough that the properties above are tested on real drafts."""
    found = assert_drafts_point_into(
        "Perjanjian diteken pada 15 Februari 1950 di Moskow. Sejak awal 1960-an Tiongkok menjauh.",
        None,
        "id",
    )
    assert found == 2
    assert sum(assert_drafts_point_into(p, dt.date(2019, 11, 25), None) for p in PASSAGES) > 20
