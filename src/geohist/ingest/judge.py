"""Which date mentions are events of the story, and which only date the page or a source.

Not events: the page date above a text, the day a source was quoted ("Mengutip dari laman
History pada Rabu (13/2/2018)"), bibliographic references ("(... Moskow, 2012)"), photo-caption
years ("Jenderal Mustafa Kemal, 1922."), a person's life dates ("Soekarno (1901-1970)"),
"Baca juga" links, "minggu ini" as a noun's modifier ("Kunjungan minggu ini"), and "pada saat
itu" that does not open its sentence. A headline that the body repeats is one event (the
body's), and so is a weekday said again or a named period followed by its years in brackets.
"""

from __future__ import annotations

import re

from geohist.ingest.layout import BOILERPLATE, CAPTION, HEADER, Layout, Sentence
from geohist.ingest.mention import ABSOLUTE, ANAPHORA, RELATIVE, WEEKDAY, Mention
from geohist.ingest.mention import EVENT as NAMED
from geohist.ingest.values import DateValue
from geohist.ingest.wordlists import EVENT_NOUNS, word_set

EVENT = "event"  # an event of the story
REFERENCE = "reference"  # dates the text itself (page date, citation): not an event
SECTION = "section"  # a section header ("Tahun 1945"): dates the sentences under it
IGNORED = "ignored"  # none of these

# The cue words without their first letter: a literal-led pattern the regex engine scans fast.
CITATION_WORD = re.compile(
    r"(?:engutip|ikutip|ilansir|elansir|enurut\s+laman|iakses|ipublikasikan|iterbitkan|"
    r"ccessed|etrieved|ublished)"
)
CITATION_CUE = re.compile(
    r"(?:[Mm]engutip|[Dd]ikutip|[Dd]ilansir|[Mm]elansir|[Mm]enurut\s+laman|[Dd]iakses|"
    r"[Dd]ipublikasikan|[Dd]iterbitkan|[Aa]ccessed|[Rr]etrieved|[Pp]ublished)\b[^.;,]{0,60}"
    r"(?:,\s*)?$"  # the source's own date: "Mengutip dari laman History pada Rabu (13/2/2018)"
)
PAGE_DATE_NOISE = re.compile(
    r"(?:\b(?:WIB|WITA|WIT|GMT|UTC|Diperbarui|Dipublikasikan|Published|Updated|Pukul|pukul|"
    r"Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b|\d{1,2}[:.]\d{2}|[|,•·\-–—()])"
)
# Names of periods whose years follow in brackets: "Perang Yunani-Turki (1919-1922)".
PERIOD_HEADS = word_set(
    """
    perang revolusi pertempuran krisis agresi perjanjian deklarasi gerakan pemberontakan operasi
    olimpiade piala kongres konferensi masa era zaman dinasti kerajaan kesultanan kekaisaran orde
    periode pendudukan war battle treaty revolution crisis conference dynasty empire kingdom
    """
)
NAME_BEFORE_BRACKET = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*)\s*\($")
STATIVE = re.compile(r"\b(?:masih|belum|sedang|tengah|still|yet)\b", re.IGNORECASE)
FUNCTION_WORDS = word_set(
    "pada di ke dari sejak hingga sampai tahun the in on of since until by yang dan and , ( ) "
    "sekitar awal akhir pertengahan ketika saat selama"
)


def judge(mention: Mention, sentence: Sentence | None, layout: Layout) -> str:
    """EVENT, REFERENCE or IGNORED for one mention, from where and how it is written."""
    if sentence is None or sentence.role == BOILERPLATE:
        return IGNORED
    text = layout.text
    before = text[sentence.start : mention.start]
    line = text[sentence.start : sentence.end]
    if _only_a_date(line, mention):  # a page date has a day; "Tahun 1945" heads a section
        if sentence.role == HEADER and is_reference_candidate(mention):
            return REFERENCE
        if mention.kind == ABSOLUTE and not line.rstrip().endswith((".", "!", "?")):
            return SECTION
        if sentence.role == HEADER:
            return IGNORED
    recent = before[-100:]
    if CITATION_WORD.search(recent) and CITATION_CUE.search(recent):
        return REFERENCE
    if layout.dateline and layout.dateline[0] <= mention.start < layout.dateline[1]:
        return REFERENCE  # "JAKARTA, 17 Agustus 2023 -": when the report was filed
    if layout.in_reference(mention.start):
        return IGNORED
    bracketed = _bracketed_name(mention, text)
    if bracketed is not None and not _is_period(bracketed, text, mention):
        return IGNORED  # "Presiden Soekarno (1901-1970)": a life, not an event
    if sentence.role == CAPTION and bracketed is None:
        return IGNORED
    return EVENT if _reads_as_event(mention, before, text, sentence) else IGNORED


def _only_a_date(line: str, mention: Mention) -> bool:
    if len(line) > len(mention.text) + 40:  # cheap: most sentences are far longer than a date
        return False
    rest = line.replace(mention.text, " ")
    return not PAGE_DATE_NOISE.sub(" ", rest).split()


def _bracketed_name(mention: Mention, text: str) -> re.Match[str] | None:
    """The capitalised name before "(" when the mention is a year range alone in brackets."""
    if mention.kind != ABSOLUTE or mention.last is None:
        return None
    if text[mention.start - 1 : mention.start] != "(" or text[mention.end : mention.end + 1] != ")":
        return None
    return NAME_BEFORE_BRACKET.search(text, max(0, mention.start - 80), mention.start)


def _is_period(name: re.Match[str], text: str, mention: Mention) -> bool:
    """Years of a war or an era (an event), not of a person."""
    if name.group(1).split()[0].lower() in PERIOD_HEADS:
        return True
    words_before = text[max(0, name.start() - 30) : name.start()].split()
    return bool(words_before) and words_before[-1].lower() in EVENT_NOUNS | PERIOD_HEADS


def _reads_as_event(mention: Mention, before: str, text: str, sentence: Sentence) -> bool:
    if mention.kind == ANAPHORA:
        opening = not before.strip(' ,"“')
        clause = text[mention.end : sentence.end]
        return opening and not STATIVE.search(clause[:80])
    if mention.kind == RELATIVE and "this" in mention.flags and mention.part is None:
        return _adverbial(before)
    return True


def _adverbial(before: str) -> bool:
    """ "tahun ini" after a verb or "pada", or opening the sentence, dates an event;
    after a noun ("Kunjungan minggu ini") it only says which one."""
    words = before.split()
    if not words:
        return True
    last = words[-1].lower().strip(",")
    return last in ("pada", "on") or (len(last) > 4 and last.startswith(("di", "me", "ber")))


def is_reference_candidate(mention: Mention) -> bool:
    """A full date that can serve as the day the text was written."""
    first = mention.first
    return mention.kind == ABSOLUTE and bool(first.month and first.day) and mention.last is None


def duplicates(events: list[tuple[Mention, Sentence]], text: str) -> set[int]:
    """Indexes of mentions that repeat an earlier (or, for headlines, a later) event."""
    dropped: set[int] = set()
    body = [m for m, s in events if s.role != HEADER]
    days = {m.value.first_day for m, _ in events if "weekday-dated" in m.flags and m.value}
    seen_words: set[tuple[str, int, int]] = set()
    for i, (mention, sentence) in enumerate(events):
        value = mention.value
        if value is None:
            continue
        if sentence.role == HEADER and any(_overlaps(value, m.value) for m in body):
            dropped.add(i)
        elif mention.kind == WEEKDAY:  # "Selasa pagi" beside "Selasa (22/11/2022)"
            if value.first_day in days:
                dropped.add(i)
            days.add(value.first_day)
        elif mention.kind == NAMED and _years_follow(mention, events, text):
            dropped.add(i)
        elif mention.kind == ABSOLUTE and (word := _word_before(text, mention)):
            key = (word, value.first_day, value.last_day)
            if key in seen_words:
                dropped.add(i)
            seen_words.add(key)
    return dropped


def _years_follow(mention: Mention, events: list[tuple[Mention, Sentence]], text: str) -> bool:
    """ "masa pendudukan Jepang (1942-1945)": the bracket says it better."""
    after = text[mention.end : mention.end + 3].lstrip()
    return after.startswith("(") and any(
        m.kind == ABSOLUTE and 0 < m.start - mention.end <= 3 for m, _ in events
    )


def _overlaps(a: DateValue, b: DateValue | None) -> bool:
    return b is not None and a.first_day <= b.last_day and b.first_day <= a.last_day


def _word_before(text: str, mention: Mention) -> str | None:
    """The content word a date names ("deklarasi 1956"), if any."""
    words = re.findall(r"[\w-]+|[,()]", text[max(0, mention.start - 40) : mention.start])
    word = words[-1].lower() if words else ""
    return word if word and word not in FUNCTION_WORDS and not word.isdigit() else None
