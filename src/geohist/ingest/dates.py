"""The temporal tagger: every date expression of a text, with its offsets and what it says.

Rules (:mod:`~geohist.ingest.date_rules`, :mod:`~geohist.ingest.relative_rules`) propose
candidates; the longest wins where they overlap ("Sabtu (23/11)" over "(23/11)", "November
lalu" over "November"); then words before a date that qualify it are taken in ("akhir",
"menjelang akhir", "early", "sekitar").
"""

from __future__ import annotations

import re
from functools import cache

from geohist.ingest.date_rules import absolute_rules
from geohist.ingest.lexicon import APPROX_WORDS, PART_WORDS, alternation
from geohist.ingest.mention import ABSOLUTE, RELATIVE, Mention, Rule
from geohist.ingest.places import Token, tokenize
from geohist.ingest.relative_rules import relative_rules
from geohist.model.time import Precision

LOOKBACK = 48  # characters searched for "menjelang akhir dekade" before a date


@cache
def _modifier_pattern() -> re.Pattern[str]:
    """Qualifiers before a date, written backwards: matched at the start of the reversed text
    before a mention, so one cheap ``match`` replaces a search through the whole window."""

    def backwards(words) -> str:
        return alternation(w[::-1] for w in words)

    units = backwards(["tahun", "bulan", "dekade", "dasawarsa"])
    return re.compile(
        rf"(?:\s+(?P<unit>{units}))?(?:(?:\s+|-)(?P<part>{backwards(PART_WORDS)})(?![\w-]))?"
        rf"(?:\s+(?P<approx>{backwards(APPROX_WORDS)})(?![\w-]))?",
        re.IGNORECASE,
    )


@cache
def _rules_by_anchor() -> dict[str, list[tuple[int, Rule]]]:
    table: dict[str, list[tuple[int, Rule]]] = {}
    for rank, rule in enumerate([*absolute_rules(), *relative_rules()]):
        for anchor in rule.anchors:
            table.setdefault(anchor, []).append((rank, rule))
    return table


def tag_dates(text: str, lang: str = "id", tokens: list[Token] | None = None) -> list[Mention]:
    """All date mentions of ``text`` in reading order, none overlapping another.

    Each rule is tried only at the tokens that can start it, so a text is read once.
    Relative words of the other language are left out ("Today In History" in Indonesian).
    """
    other = "en" if lang == "id" else "id"
    table = _rules_by_anchor()
    candidates: list[tuple[int, Mention]] = []
    for token in tokens if tokens is not None else tokenize(text):
        digit = token.key[0].isdigit()
        size = len(token.key) - len(token.key.lstrip("0123456789"))  # "1960s": 4 digits, "s"
        following = text[token.start + size : token.start + size + 1]
        for rank, rule in table.get("#digit" if digit else token.key, ()):
            if rule.shape and not (rule.shape[0] <= size <= rule.shape[1] and following
                                   and following in rule.shape[2]):  # fmt: skip
                continue
            mention = _try(rule, text, token.start)
            if mention is not None and other not in mention.flags:
                candidates.append((rank, mention))
        if digit and token.start and text[token.start - 1] == "(":
            for rank, rule in table.get("#bracket", ()):
                if (mention := _try(rule, text, token.start - 1)) is not None:
                    candidates.append((rank, mention))
    chosen = _longest_first(candidates)
    for mention in chosen:
        _take_modifiers(mention, text)
        mention.text = text[mention.start : mention.end]
    return sorted(chosen, key=lambda m: m.start)


def _try(rule: Rule, text: str, position: int) -> Mention | None:
    if rule.left is not None and position and rule.left.match(text, position - 1):
        return None
    match = rule.pattern.match(text, position)
    return rule.handler(match, text) if match else None


def _longest_first(candidates: list[tuple[int, Mention]]) -> list[Mention]:
    """Greedy maximal munch: longer spans first, then the earlier rule."""
    taken: list[Mention] = []
    for _, mention in sorted(candidates, key=lambda c: (-c[1].length, c[0], c[1].start)):
        if all(mention.end <= t.start or mention.start >= t.end for t in taken):
            taken.append(mention)
    return taken


def _take_modifiers(mention: Mention, text: str) -> None:
    """Extend the mention over "awal", "pertengahan", "akhir", "sekitar" just before it."""
    if not _can_have_part(mention):
        return
    end = mention.start
    found = _modifier_pattern().match(text[max(0, end - LOOKBACK) : end][::-1])
    if not found or not (found["part"] or found["approx"]):
        return
    if found["part"]:
        mention.part = PART_WORDS[" ".join(found["part"][::-1].lower().split())]
    if found["approx"] and not found["part"]:
        mention.approx = True
    mention.start = end - found.end("approx" if found["approx"] else "part")


def _can_have_part(mention: Mention) -> bool:
    if mention.kind == ABSOLUTE:
        return mention.precision is not Precision.DAY and mention.last is None
    return mention.kind == RELATIVE and mention.unit in ("week", "month", "year", "decade")
