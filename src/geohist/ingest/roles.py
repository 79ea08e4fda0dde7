"""What a place name does in its sentence: where something happens, or only whose it is.

"Presiden Rusia", "pasukan Moskow", "Menteri Pertahanan Rusia", "Perang Yunani-Turki",
"Kaukasus Soviet": the place names a person's country, an army, an office, a war or qualifies
another place. Those are *modifiers*; an event takes them only when its sentence names no other
place. Names inside quotations are what someone talks about, and the dateline is where the
reporter files from.
"""

from __future__ import annotations

from geohist.ingest.layout import Layout
from geohist.ingest.places import PlaceMention, Token
from geohist.ingest.wordlists import (
    EVENT_NOUNS,
    MODIFIER_HEADS,
    NAME_CONNECTORS,
    PLACE_CUES,
    STATE_WORDS,
)

CORE = "core"
MODIFIER = "modifier"
QUOTED = "quoted"
DATELINE = "dateline"

MODIFIER_BIGRAMS = frozenset(
    ["duta besar", "juru bicara", "surat kabar", "kantor berita", "mata uang", "luar negeri",
     "perdana menteri", "kepala negara", "kepala pemerintahan"]
)  # fmt: skip
WAR_WORDS = frozenset(["perang", "pertempuran", "war", "battle", "revolusi", "revolution"])
# Kinds whose name inside an organisation's name ("Majelis Agung Nasional Turki") says little
# about where it acts; a city in one ("Institut Teknologi Harbin") does.
AREA_KINDS = frozenset(["country", "polity", "region", "islands", "water"])


def place_roles(layout: Layout, tokens: list[Token], places: list[PlaceMention]) -> list[str]:
    """One role per place mention, in the same order."""
    roles: list[str] = []
    for index in range(len(places)):
        roles.append(_role(layout, tokens, places, index, roles))
    return roles


def _role(
    layout: Layout, tokens: list[Token], places: list[PlaceMention], index: int, done: list[str]
) -> str:
    place, text = places[index], layout.text
    if layout.in_quote(place.start, place.end) or layout.in_reference(place.start):
        return QUOTED
    if layout.dateline and layout.dateline[0] <= place.start < layout.dateline[1]:
        return DATELINE
    if text[max(0, place.start - 5) : place.start].lower().endswith(("anti-", "pro-")):
        return MODIFIER
    previous = places[index - 1] if index else None
    if previous is not None and previous.last == place.first:  # directly after a place
        gap = text[previous.end : place.start]
        if gap.strip() == "-" and done[-1] == MODIFIER:  # "Perang Yunani-Turki"
            return MODIFIER
        if not gap.strip() and place.kind in AREA_KINDS:  # "Kaukasus Soviet"
            return MODIFIER
    return _by_words_before(layout, tokens, place)


def _by_words_before(layout: Layout, tokens: list[Token], place: PlaceMention) -> str:
    if place.first == 0:
        return CORE
    before = tokens[place.first - 1]
    gap = layout.text[before.end : place.start]
    if gap.strip():  # a comma, a bracket: the place starts a new phrase
        return CORE
    if before.key in MODIFIER_HEADS or before.key in WAR_WORDS or before.key in EVENT_NOUNS:
        return MODIFIER
    if before.key == "pada":  # "bergantung pada Tiongkok": places are "di", not "pada"
        return MODIFIER
    if (
        place.first >= 2
        and not before.upper
        and before.key not in PLACE_CUES
        and tokens[place.first - 2].key in EVENT_NOUNS  # "serangan mendadak Rusia"
    ):
        return MODIFIER
    if place.first >= 2:
        pair = f"{tokens[place.first - 2].key} {before.key}"
        if pair in MODIFIER_BIGRAMS:
            return MODIFIER
    if before.upper and _inside_name(layout, before) and place.kind in AREA_KINDS:
        return MODIFIER  # "Majelis Agung Nasional Turki", "Menteri Pertahanan Rusia"
    return CORE


def _inside_name(layout: Layout, token: Token) -> bool:
    """A capitalised word that continues a name rather than starting a sentence or a cue."""
    if token.key in STATE_WORDS or token.key in PLACE_CUES or token.key in NAME_CONNECTORS:
        return False
    sentence = layout.sentence_at(token.start)
    if sentence is None or sentence.start == token.start:
        return False
    return not layout.text[sentence.start : token.start].rstrip().endswith((":", "–", "-", "—"))
