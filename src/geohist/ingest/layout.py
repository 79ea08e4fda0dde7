"""The shape of a news text: header, dateline, body sentences, photo captions, quotations.

Texts pasted from news sites keep traces of the page: a site name and headline before the
body, a dateline ("JAKARTA, KOMPAS.com –"), photo captions whose credit got glued to the next
paragraph ("Domain PublikSejak pemerintah..."), "Baca juga:" links. Dates and places mean
different things in each, so the pipeline asks this module what a passage is.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

HEADER = "header"
BODY = "body"
CAPTION = "caption"
BOILERPLATE = "boilerplate"

MAX_HEADER_LINES = 6
BODY_WORDS = 25
CAPTION_WORDS = 20
BOILERPLATE_LINE = re.compile(
    r"^(?:Baca(?:\s+juga)?\s*:|Lihat\s+juga|Simak|Saksikan|Tonton|Read\s+(?:more|also)|"
    r"Related\s*:|Follow\b|Ikuti\b|\*|Advertisement|ADVERTISEMENT|Scroll\s+to|Comments$|"
    r"To\s+Top$|Tinggalkan\s+Balasan|Alamat\s+email|Copyright|©|Editor\s*:|Penulis\s*:|"
    r"Reporter\s*:|Sumber\s*:|Foto\s*:|FOTO\s*:|Photo\s*:|\(Foto|%d\s|\d+\s+dari\s+\d+\s+halaman)"
)
CREDIT_LINE = re.compile(r"^\(?(?:Foto|FOTO|Photo|PHOTO|Sumber foto|Ilustrasi)\s*:")
# "Jenderal Mustafa Kemal, 1922." - a picture's subject and year.
NAME_YEAR_CAPTION = re.compile(r"^[^.!?]{1,80},\s*\d{3,4}\.?$")
DATELINE = re.compile(
    r"(?P<dateline>(?:[A-Z(0-9][\w.()’'/]*,?\s+){0,4}[A-Z(0-9][\w.()’'/]*)\s*[-–—]{1,2}\s+"
)
# A bibliographic reference in brackets: "(Rasim Dirsehan Ors. ... Moskow, 2012)".
REFERENCE_BRACKET = re.compile(
    r"\((?=[^()]{15,}\))(?:[^()]*,\s*\d{4}|[^()]*\b(?:Dalam|In:|hlm\.|pp\.)\s[^()]*)\)"
)
LAST_WORD = re.compile(r"([\w.]+)[.!?…]*$")
SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+")
ABBREVIATIONS = frozenset(
    [
        "dr",
        "no",
        "st",
        "jl",
        "mr",
        "mrs",
        "ms",
        "prof",
        "ir",
        "drs",
        "hj",
        "h",
        "m",
        "s",
        "k",
        "sdr",
        "bpk",
        "yth",
        "tn",
        "ny",
        "vs",
        "dll",
        "dsb",
        "dkk",
        "tsb",
        "a.n",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "agu",
        "agt",
        "sep",
        "sept",
        "okt",
        "nov",
        "des",
        "dec",
        "oct",
        "aug",
        "u.s",
        "gen",
        "lt",
        "col",
    ]
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a header line) of the document: ``text[start:end]``."""

    start: int
    end: int
    paragraph: int
    index: int
    role: str


@dataclass
class Layout:
    """Where things are in one document; all offsets index the document's text."""

    text: str
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    references: list[tuple[int, int]] = field(default_factory=list)
    dateline: tuple[int, int] | None = None
    _starts: list[int] = field(default_factory=list, repr=False)

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def in_quote(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.quotes, (start, 1 << 60)) - 1
        return i >= 0 and self.quotes[i][0] <= start and end <= self.quotes[i][1]

    def in_reference(self, offset: int) -> bool:
        """Inside a bracketed bibliographic reference."""
        return any(s <= offset < e for s, e in self.references)

    def paragraph_of_dateline(self) -> int | None:
        if self.dateline is None:
            return None
        sentence = self.sentence_at(self.dateline[0])
        return sentence.paragraph if sentence else None

    def body_before(self, sentence: Sentence) -> Sentence | None:
        """The closest body sentence before, across paragraphs (captions and links skipped)."""
        for i in range(sentence.index - 1, -1, -1):
            if self.sentences[i].role == BODY:
                return self.sentences[i]
        return None

    def previous(self, sentence: Sentence) -> Sentence | None:
        """The sentence before, in the same paragraph (a new paragraph may change topic)."""
        i = sentence.index - 1
        if i >= 0 and self.sentences[i].paragraph == sentence.paragraph:
            return self.sentences[i]
        return None


def analyse(text: str) -> Layout:
    """Split a document into lines and sentences and find its header, captions and quotes."""
    lines = _lines(text)
    roles = _line_roles(text, lines)
    layout = Layout(text)
    for number, ((start, end), role) in enumerate(zip(lines, roles, strict=True)):
        start = _after_credit(text, start, end) if _glued_credit(text, start, end) else start
        pieces = [(start, end)] if role != BODY else _split_sentences(text, start, end)
        for s, e in pieces:
            layout.sentences.append(Sentence(s, e, number, len(layout.sentences), role))
        layout.quotes.extend(_quotes(text, start, end))
    layout._starts = [s.start for s in layout.sentences]
    layout.dateline = _dateline(text, lines, roles)
    layout.references = [(m.start(), m.end()) for m in REFERENCE_BRACKET.finditer(text)]
    return layout


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), surrounding spaces left out."""
    found = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            found.append((m.start() + lead, m.start() + len(raw.rstrip())))
    return found


def _line_roles(text: str, lines: list[tuple[int, int]]) -> list[str]:
    roles = [BODY] * len(lines)
    titled = bool(lines) and not text[: lines[0][1]].rstrip().endswith((".", "!", "?", '"', "”"))
    first_body = next(
        (i for i, (s, e) in enumerate(lines[:MAX_HEADER_LINES]) if _is_body_line(text, s, e)),
        1 if titled else 0,  # no clear body start: a first line without a full stop is a title
    )
    for i in range(min(first_body, len(lines))):
        roles[i] = HEADER
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if BOILERPLATE_LINE.match(line):
            roles[i] = BOILERPLATE
        elif i > 0 and _is_caption(text, lines, i):  # a title (line 0) is never a caption
            roles[i] = CAPTION
    return roles


def _is_body_line(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    if DATELINE.match(line) and len(line.split()) > 8:
        return True
    return len(line.split()) >= BODY_WORDS or len(_split_sentences(text, start, end)) >= 2


def _is_caption(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    start, end = lines[i]
    line = text[start:end]
    if len(line.split()) > CAPTION_WORDS or line.endswith((":", ",")):
        return False
    if NAME_YEAR_CAPTION.match(line) and len(line.split()) <= 8:
        return True
    if i + 1 < len(lines):
        s, e = lines[i + 1]
        return bool(CREDIT_LINE.match(text[s:e])) or _glued_credit(text, s, e) is not None
    return False


def _glued_credit(text: str, start: int, end: int) -> int | None:
    """Where the paragraph starts after a photo credit glued to it ("Domain PublikSejak")."""
    head = text[start : min(end, start + 45)]
    for m in re.finditer(r"(?<=[a-z0-9])(?=[A-Z][a-z]|[\"“][A-Z])", head):
        prefix = head[: m.start()]
        words = prefix.replace("/", " ").split()
        if len(prefix) >= 5 and len(words) <= 4 and all(w[0].isupper() for w in words):
            rest = text[start + m.start() : end]
            return start + m.start() if len(rest.split()) >= 5 else None
    return None


def _after_credit(text: str, start: int, end: int) -> int:
    return _glued_credit(text, start, end) or start


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, begin = [], start
    for m in SENTENCE_END.finditer(text, start, end):
        following = text[m.end() : m.end() + 1]
        word = re.search(r"([\w.]+)[.!?…]*$", text[begin : m.start() + 1])
        if not following or not (following.isupper() or following.isdigit() or following in '“"('):
            continue
        if text.count("(", begin, m.start()) > text.count(")", begin, m.start()):
            continue  # inside a parenthesis: "(Rasim Dirsehan Ors. Rusia, ... Moskow, 2012)"
        if word and text[m.start()] == "." and word.group(1).rstrip(".").lower() in ABBREVIATIONS:
            continue
        if word and len(word.group(1).rstrip(".")) == 1 and word.group(1)[0].isupper():
            continue  # an initial: "J. Stalin"
        cut = m.end() - (len(m.group()) - len(m.group().rstrip()))
        pieces.append((begin, cut))
        begin = m.end()
    if begin < end:
        pieces.append((begin, end))
    return pieces


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of direct speech: “...” pairs, and straight "..." taken in pairs."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]*”?", text[start:end])]
    straight = [m.start() for m in re.finditer('"', text[start:end])]
    spans += list(zip(straight[::2], [p + 1 for p in straight[1::2]], strict=False))
    return sorted((start + s, start + e) for s, e in spans)


def _dateline(text: str, lines: list[tuple[int, int]], roles: list[str]) -> tuple[int, int] | None:
    """The place-and-outlet prefix of the first body paragraph, if it has one."""
    for (start, end), role in zip(lines, roles, strict=True):
        if role == BODY:
            m = DATELINE.match(text[start:end])
            return (start, start + m.end("dateline")) if m else None
    return None
