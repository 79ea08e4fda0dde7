"""No script from data (issue #7), without Qt: hostile strings stay literal text on every way out.

The payloads (``tests/xss_payloads.py``) sit in every text field of an events file and its
places file; these tests follow them into the map's JSON, the export captions, the slide deck and
file names. The page and the window are checked in ``tests/gui/test_xss.py``.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from tests.xss_payloads import FILE_NAME_PAYLOADS, PAYLOADS, cell_values, write_xss_data

from geohist.datafiles.load import load_catalog
from geohist.export import formats, layout, plan
from geohist.export.layout import ExportSpec
from geohist.mapview.payload import catalog_payload
from geohist.model.catalog import EventCatalog

IDS = [f"xss-{i}" for i in range(len(PAYLOADS))]
# XML 1.0 cannot hold these; python-pptx writes them as "_xHHHH_", visibly, never as markup.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> EventCatalog:
    events_file, places_file = write_xss_data(tmp_path_factory.mktemp("xss"))
    result, problems = load_catalog(events_file, [places_file])
    assert problems == []
    return result


def test_every_field_reads_literally(catalog: EventCatalog) -> None:
    assert sorted(e.id for e in catalog) == sorted(IDS)
    sources = set()
    for event_id, payload in zip(IDS, PAYLOADS, strict=True):
        event = catalog[event_id]
        place = catalog.gazetteer[event.place_ids[0]]
        assert (event.title, event.summary, place.name("en")) == (payload, payload, payload)
        assert event.tags == cell_values(payload)
        assert event.provenance is not None and event.provenance.quote == payload
        sources.add(event.provenance.source)
    assert sources == {f"{name}.txt" for name in FILE_NAME_PAYLOADS}  # quotes were checked there


def test_map_json_carries_the_strings_unchanged(catalog: EventCatalog) -> None:
    # The window sends this with json.dumps into runJavaScript (MapView._call), as JavaScript
    # source, not HTML: it must survive unchanged, and ASCII escapes keep U+2028 and the RTL
    # override from breaking or reordering the script text.
    sent = json.dumps(catalog_payload(catalog), allow_nan=False)
    assert sent.isascii()
    payload = json.loads(sent)
    events = payload["events"]
    assert dict(zip(events["id"], events["title"], strict=True)) == dict(
        zip(IDS, PAYLOADS, strict=True)
    )
    names = {pid: p["name"] for pid, p in payload["places"].items()}
    assert [names[f"xss-place-{i}"] for i in range(len(PAYLOADS))] == list(PAYLOADS)


def _flat(text: str) -> str:
    """Text as the overlay wraps it: runs of blanks (and U+2028) become one space."""
    return " ".join(text.split())


@pytest.mark.parametrize("event_id", IDS)
def test_export_captions_keep_the_literal_text(catalog: EventCatalog, event_id: str) -> None:
    payload = PAYLOADS[IDS.index(event_id)]
    caption = plan.caption_for_event(catalog[event_id], catalog, "en")
    assert (caption.title, caption.subtitle, caption.quote) == (payload, payload, payload)
    lay = layout.layout_overlays(ExportSpec(), caption)
    shown = {t.role: " ".join(t.lines) for t in lay.texts}
    title, citation = shown["title"], shown["citation"]
    if title.endswith("…"):  # the long payload: cut to two lines, never rewritten
        assert _flat(payload).startswith(title[:-1].rstrip())
    else:
        assert title == _flat(payload)
    assert citation.startswith("“" + _flat(payload)[:20])
    assert citation.endswith(f"— Source: {_flat(caption.source)}")
    assert "&lt;" not in title or "&lt;" in payload  # nothing escaped for a painter


def _read_xml_parts(path: Path) -> None:
    """Parse every XML part of an Office file strictly (raises on malformed XML)."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))


def test_deck_stores_each_string_as_literal_text(catalog: EventCatalog, tmp_path: Path) -> None:
    from pptx import Presentation

    from geohist.export.pptx_deck import slide_content, write_deck

    image = tmp_path / "map.png"
    Image.new("RGB", (64, 30), "white").save(image)
    events = [catalog[event_id] for event_id in reversed(IDS)]  # the long title comes first
    slides = [slide_content(e, catalog, "en", image) for e in events]
    target = tmp_path / "deck.pptx"
    write_deck(target, slides)
    _read_xml_parts(target)
    deck = Presentation(str(target))
    assert len(deck.core_properties.title) <= 255  # python-pptx's limit for the long title
    for slide, event in zip(deck.slides, events, strict=True):
        payload = PAYLOADS[IDS.index(event.id)]
        stored = _XML_ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", payload)
        assert slide.shapes.title.text_frame.text == stored
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert texts.count(stored) == 2  # the title and the places
        notes = slide.notes_slide.notes_text_frame.text
        assert f"“{stored}”" in notes and f"Source: {event.provenance.source}," in notes


@pytest.mark.parametrize("name", FILE_NAME_PAYLOADS)
def test_payload_file_names_work_as_outputs(
    catalog: EventCatalog, tmp_path: Path, name: str
) -> None:
    from pptx import Presentation

    from geohist.export.pptx_deck import slide_content, write_deck

    folder = tmp_path / name
    formats.check_writable(tmp_path)
    formats.StillSink(formats.get_format("png"), folder, ExportSpec(), many=True)  # makes it
    assert folder.is_dir()
    assert formats.format_for(folder / f"{name}.png").name == "png"
    image = folder / f"{name}.png"
    Image.new("RGB", (64, 30), "white").save(image)
    deck = folder / f"{name}.pptx"
    event = catalog[IDS[PAYLOADS.index(name)]]
    write_deck(deck, [slide_content(event, catalog, "en", image)])
    assert sorted(p.name for p in folder.iterdir()) == sorted([image.name, deck.name])
    assert Presentation(str(deck)).slides[0].shapes.title.text_frame.text == name
    assert plan.event_stem(event).endswith(event.id)  # per-event file names come from ids
