"""A 16:9 slide deck (python-pptx) from rendered map pictures: one slide per event.

Each slide has the event title in the slide's title placeholder (so it shows in PowerPoint's
outline and to screen readers), the date at the event's precision, the places, the map picture
across the slide, and the quote with its source in the speaker notes. Title and date are slide
text, not pixels, so a teacher can edit them; the pictures are rendered without those overlays.
python-pptx is imported only when a deck is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geohist.atomic import atomic_path
from geohist.errors import GeohistError
from geohist.export.layout import ACCENT, INK, MUTED, words
from geohist.export.plan import place_names
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.wording import format_span

SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5
PICTURE_TOP_IN = 1.3
PICTURE_OVERLAYS = frozenset({"legend", "credit"})  # title and date are slide text
CORE_TITLE_MAX = 255  # python-pptx's limit for document properties
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def picture_size(width: int) -> tuple[int, int]:
    """Layout size of a map picture filling the slide below the title band."""
    return width, round(width * (SLIDE_HEIGHT_IN - PICTURE_TOP_IN) / SLIDE_WIDTH_IN)


@dataclass(frozen=True, slots=True)
class SlideContent:
    image: Path
    title: str
    date: str
    places: str
    notes: str


def notes_text(event: Event, catalog: EventCatalog, lang: str) -> str:
    """Speaker notes: the quote and its source, then the summary."""
    parts = [f"{event.title_in(lang)} ({format_span(event.when, lang)})"]
    prov = event.provenance
    if prov is not None:
        parts.append(f"“{prov.quote}”")
        where = f"{words('chars', lang)} {prov.start}–{prov.end}"
        parts.append(f"{words('source', lang)}: {prov.source}, {where}")
    summary = event.summary_in(lang)
    if summary:
        parts.append(summary)
    return "\n\n".join(parts)


def slide_content(event: Event, catalog: EventCatalog, lang: str, image: Path) -> SlideContent:
    return SlideContent(
        image=Path(image),
        title=event.title_in(lang),
        date=format_span(event.when, lang),
        places=place_names(event, catalog, lang),
        notes=notes_text(event, catalog, lang),
    )


def write_deck(target: Path, slides: Sequence[SlideContent], title: str = "") -> None:
    """Write the deck to ``target`` atomically (a temporary file renamed when complete)."""
    try:
        from pptx import Presentation
        from pptx.util import Inches
    except ImportError:
        raise GeohistError("slide decks need python-pptx (pip install python-pptx)") from None
    if not slides:
        raise GeohistError(f"{target}: no events to put on slides")
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    deck.core_properties.title = core_title(title or slides[0].title)
    layout = next(x for x in deck.slide_layouts if x.name == "Title Only")
    for content in slides:
        _add_slide(deck, layout, content)
    with atomic_path(Path(target)) as tmp:
        deck.save(str(tmp))


def _add_slide(deck, layout, content: SlideContent) -> None:
    from pptx.util import Inches

    slide = deck.slides.add_slide(layout)
    heading = slide.shapes.title
    heading.left, heading.top = Inches(0.45), Inches(0.12)
    heading.width, heading.height = Inches(9.6), Inches(0.78)
    _fill(heading.text_frame, content.title, title_points(content.title), INK, bold=True)
    date = slide.shapes.add_textbox(Inches(10.15), Inches(0.12), Inches(2.73), Inches(0.78))
    _fill(
        date.text_frame,
        content.date,
        22 if len(content.date) < 18 else 16,
        ACCENT,
        bold=True,
        align="right",
    )
    places = slide.shapes.add_textbox(Inches(0.45), Inches(0.9), Inches(12.4), Inches(0.34))
    _fill(places.text_frame, content.places, 13, MUTED)
    # A stream, not a path: python-pptx puts a path's file name unescaped into an XML attribute.
    with Path(content.image).open("rb") as image:
        slide.shapes.add_picture(image, 0, Inches(PICTURE_TOP_IN), width=Inches(SLIDE_WIDTH_IN))
    slide.notes_slide.notes_text_frame.text = content.notes


def core_title(text: str) -> str:
    """The deck's document title, cut to what a document property may hold.

    python-pptx refuses more than 255 characters and (as XML does) control characters, so a
    long or garbled first event title would otherwise fail the whole deck.
    """
    text = _XML_ILLEGAL.sub("", text)
    return text if len(text) <= CORE_TITLE_MAX else text[: CORE_TITLE_MAX - 1] + "…"


def title_points(title: str) -> int:
    """A size at which the title fits the 9.6 in title box, in two lines at most."""
    return 28 if len(title) <= 36 else 22 if len(title) <= 52 else 18


def _fill(frame, text: str, points: float, colour: str, bold: bool = False, align: str = "left"):
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = 0
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if align == "right" else PP_ALIGN.LEFT
    run = paragraph.add_run() if not paragraph.runs else paragraph.runs[0]
    run.text = text
    run.font.size = Pt(points)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
