"""Find place names in a text: longest match over folded tokens, then guards against false hits.

GeoNames has a town for many words and first names, so a match must also look like a name:
capitals where the gazetteer has them, an acronym written exactly ("AS", and only in Indonesian,
where it means the United States), no surname after a city ("Vladimir Putin"), a place cue
before a name that is also an ordinary word ("kota Padang", not "Padang rumput").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geohist.ingest.lexicon import month_numbers, weekday_numbers
from geohist.ingest.wordlists import PERSON_NAMES, PLACE_CUES, STOP_NAMES
from geohist.ingest.world import TOKEN, Candidate, PlaceIndex, fold

KNOWN_CITY = 100_000  # people: a GeoNames town smaller than this needs a cue before its name
# Acronyms that are a country in one language and a word in the other.
ACRONYM_LANGS = {"AS": "id", "US": "en"}
# Organisations in the gazetteer are not where things happen; the city in their name is.
ORGANISATION = re.compile(
    r"\b(?:Institute|University|College|Academy|School|Bank|Party|Company|Agency|Ministry)\b"
)


@dataclass(slots=True)  # not frozen: a frozen dataclass is three times slower to create
class Token:
    start: int
    end: int
    key: str
    upper: bool  # starts with a capital (or a digit)


@dataclass(slots=True)
class PlaceMention:
    """A place name in the text; ``first``/``last`` are token indexes (inclusive, exclusive)."""

    start: int
    end: int
    place_id: str
    kind: str
    tier: int
    first: int
    last: int


def tokenize(text: str) -> list[Token]:
    """Word tokens with their folded keys (shared by the date tagger and the place matcher)."""
    keys: dict[str, tuple[str, bool]] = {}
    found = []
    for m in TOKEN.finditer(text):
        start, end = m.span()
        word = text[start:end]
        known = keys.get(word)
        if known is None:
            known = keys[word] = (fold(word), word[0].isupper() or word[0].isdigit())
        found.append(Token(start, end, *known))
    return found


def find_places(text: str, tokens: list[Token], index: PlaceIndex, lang: str) -> list[PlaceMention]:
    """Every accepted place name, left to right, the longest name winning at each token."""
    found: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.upper and token.key not in index.lower_starts:
            i += 1  # names start with a capital, bar "sungai Ermos"-like aliases
            continue
        longest = index.max_tokens.get(token.key, 0)
        match = None
        for n in range(min(longest, len(tokens) - i), 0, -1):
            candidate = index.names.get(" ".join(t.key for t in tokens[i : i + n]))
            if candidate and _accept(candidate, text, tokens, i, n, index, lang):
                match = PlaceMention(
                    tokens[i].start, tokens[i + n - 1].end, candidate.place_id, candidate.kind,
                    candidate.tier, i, i + n,
                )  # fmt: skip
                break
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.last
    return found


def _accept(
    c: Candidate, text: str, tokens: list[Token], i: int, n: int, index: PlaceIndex, lang: str
) -> bool:
    span = tokens[i : i + n]
    if not _spelled_as_name(c, text, span, lang):
        return False
    if c.kind == "landmark" and ORGANISATION.search(index.place(c.place_id).name("en")):
        return False
    previous = tokens[i - 1] if i > 0 and _adjacent(text, tokens[i - 1], span[0]) else None
    cue = previous is not None and previous.key in PLACE_CUES
    if c.common and not cue:
        return False
    if (
        c.tier == 2
        and not cue
        and c.population < KNOWN_CITY
        and not _placed_by_comma(tokens, i + n, text, index)
    ):
        return False  # a small town needs "di", "kota" or ", Jawa Tengah" to be believed
    return c.kind != "city" or cue or not _person_around(c, text, tokens, i, n, index)


def _placed_by_comma(tokens: list[Token], after: int, text: str, index: PlaceIndex) -> bool:
    """ "Purworejo, Jawa Tengah": a name followed by the region or country it lies in."""
    if after >= len(tokens):
        return False
    gap = text[tokens[after - 1].end : tokens[after].start]
    return gap.strip() == "," and tokens[after].upper and tokens[after].key in index.max_tokens


def _spelled_as_name(c: Candidate, text: str, span: list[Token], lang: str) -> bool:
    if c.acronym:
        written = text[span[0].start : span[-1].end]
        wanted = ACRONYM_LANGS.get(c.acronym)
        after = text[span[-1].end : span[-1].end + 1]
        return written == c.acronym and (wanted is None or wanted == lang) and after != "$"
    if len(span) == 1:
        return span[0].upper or not c.caps[0]
    return all(t.upper or not cap for t, cap in zip(span, c.caps, strict=False))


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Only spaces between two tokens (no comma, dash or full stop)."""
    gap = text[left.end : right.start]
    return not gap.strip()


def _person_around(
    c: Candidate, text: str, tokens: list[Token], i: int, n: int, index: PlaceIndex
) -> bool:
    """A city name that is part of a person's name: "Vladimir Putin", "George Washington"."""
    after = tokens[i + n] if i + n < len(tokens) else None
    if (
        after is not None
        and after.upper
        and _adjacent(text, tokens[i + n - 1], after)
        and after.key not in index.names
        and after.key not in calendar_words()
    ):
        return True
    before = tokens[i - 1] if i > 0 else None
    if before is not None and before.upper and _adjacent(text, before, tokens[i]):
        if before.key in PERSON_NAMES:
            return True
        if c.tier == 2:  # "Kliment Voroshilov"; "Di Padang" is fine
            return before.key not in STOP_NAMES and before.key not in calendar_words()
    return False


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names, which may follow a city ("di Beijing Kamis")."""
    return frozenset(fold(w) for w in (*month_numbers(), *weekday_numbers()))
