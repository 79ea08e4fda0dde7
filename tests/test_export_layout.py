"""Export without a window: sizes, overlay layout and wording, frame plans, file names, writers.

Everything here is Qt-free (``geohist.export``), plus ``geohist export`` argument errors that
must be reported before Qt starts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from geohist.datafiles.load import bundled_gazetteer
from geohist.errors import GeohistError
from geohist.export import formats, layout, plan
from geohist.export.animation import GifWriter, gif_durations
from geohist.export.layout import OVERLAYS, SIZE_PRESETS, Caption, ExportSpec
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event, Provenance
from geohist.model.time import HistoricalDate, Part, Precision, TimeSpan, days_from_civil

QUOTE_1950 = "Uni Soviet dan Tiongkok menandatangani perjanjian persahabatan"


def event(event_id: str, start: str, places: str, end: str = "", **extra) -> Event:
    part = extra.pop("part", None)
    return Event(
        event_id,
        extra.pop("title", event_id.replace("-", " ").title()),
        TimeSpan.parse(start, end, part),
        tuple(places.split(";")),
        **extra,
    )


@pytest.fixture(scope="module")
def catalog() -> EventCatalog:
    prov = Provenance("000_test.txt", 10, 10 + len(QUOTE_1950), QUOTE_1950)
    events = [
        event("treaty-of-moscow", "1921-03-16", "moscow;ankara", tags=("treaty",)),
        event(
            "sino-soviet-treaty",
            "1950-02-15",
            "moscow;beijing",
            title="Sino-Soviet treaty",
            provenance=prov,
            tags=("treaty", "china-russia"),
            translations={"id": {"title": "Perjanjian Tiongkok-Soviet"}},
        ),
        event("soviet-loan", "1950-02-15", "moscow;beijing", tags=("aid",)),
        event("mao-accuses", "196X", "beijing", part="early"),
        event("republic", "1923~", "ankara"),
        event("beijing-visit", "2024-05-16", "beijing", tags=("china-russia",)),
        event("caesar", "-0043-03-15", "ankara"),
    ]
    return EventCatalog(events, bundled_gazetteer())


DAY_1950 = days_from_civil(1950, 2, 15)


# -- sizes --------------------------------------------------------------------------------------


def test_size_presets_and_scaled_sizes() -> None:
    assert [(p.width, p.height, p.aspect) for p in SIZE_PRESETS] == [
        (1920, 1080, "16:9"),
        (1280, 720, "16:9"),
        (1024, 768, "4:3"),
    ]
    assert ExportSpec().pixel_size == (1920, 1080)
    assert ExportSpec(scale=2).pixel_size == (3840, 2160)
    assert ExportSpec(1024, 768, scale=2).pixel_size == (2048, 1536)
    assert layout.parse_size("1280x720") == (1280, 720)
    assert layout.parse_size(" 1024×768 ") == (1024, 768)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"width": 100}, "at least 160"),
        ({"width": 5000, "scale": 2}, "10000x2160 pixels"),
        ({"scale": 0}, "scale 0"),
        ({"lang": "fr"}, "language 'fr'"),
        ({"overlays": frozenset({"title", "logo"})}, "unknown overlay(s) logo"),
        ({"framing": "tight"}, "framing 'tight'"),
    ],
)
def test_bad_specs_are_user_errors(changes: dict, message: str) -> None:
    with pytest.raises(GeohistError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ExportSpec(**changes)


def test_bad_size_text() -> None:
    with pytest.raises(GeohistError, match="WIDTHxHEIGHT"):
        layout.parse_size("1920 by 1080")


# -- layout -------------------------------------------------------------------------------------


def test_bands_leave_the_map_one_fixed_rectangle() -> None:
    spec = ExportSpec()
    short = layout.layout_overlays(spec, Caption("A", date="1950"))
    long = layout.layout_overlays(
        spec, Caption("A very long title " * 8, "sub", "15 February 1950", "q " * 300, "s.txt")
    )
    assert short.map_rect == long.map_rect == layout.map_rect(spec)
    area = short.map_rect
    assert short.header is not None and short.footer is not None
    assert area.y == short.header.bottom and area.bottom == short.footer.y
    assert 0.75 * spec.height < area.h < 0.85 * spec.height
    bare = layout.layout_overlays(spec.but(overlays=frozenset()), Caption("A", date="1950"))
    assert bare.map_rect == layout.Rect(0, 0, 1920, 1080)
    assert bare.texts == () and bare.legend is None and bare.header is None


def test_overlays_fit_and_do_not_overlap() -> None:
    caption = Caption(
        "Sino-Soviet treaty", "Moscow · Beijing", "15 February 1950", "kutipan", "x.txt"
    )
    for preset in SIZE_PRESETS:
        spec = ExportSpec(preset.width, preset.height)
        lay = layout.layout_overlays(spec, caption)
        title, date, credit = lay.text("title"), lay.text("date"), lay.text("credit")
        assert title is not None and date is not None and credit is not None
        assert lay.date_pill is not None and title.rect.right < lay.date_pill.x
        assert lay.date_pill.x > 0 and lay.date_pill.right < spec.width
        assert lay.legend is not None and lay.legend.rect.bottom < lay.map_rect.bottom
        assert lay.legend.rect.right < spec.width
        citation = lay.text("citation")
        assert citation is not None and citation.rect.right < credit.rect.x


def test_long_titles_get_two_smaller_lines() -> None:
    spec = ExportSpec(1024, 768)
    title = "Ottoman Empire defeated in WWI; Istanbul occupied by the Allies and more besides"
    lay = layout.layout_overlays(spec, Caption(title, "subtitle", "c. 1918"))
    text = lay.text("title")
    assert text is not None and len(text.lines) == 2
    assert lay.text("subtitle") is None  # the second line takes its place
    header = lay.header
    assert header is not None and text.rect.y >= 0 and text.rect.bottom <= header.bottom


def test_citation_is_shortened_but_keeps_its_source() -> None:
    caption = Caption(quote="kata " * 400, source="002_050fd7a8cd1f8dcd.txt")
    lines = layout.citation_lines(caption, "id", 900, 17, layout.estimate_width)
    assert len(lines) == 2
    assert lines[-1].endswith("— Sumber: 002_050fd7a8cd1f8dcd.txt")
    assert "…”" in " ".join(lines)


def test_wrap_cuts_with_an_ellipsis() -> None:
    lines = layout.wrap("one two three four five six seven", 60, 10, max_lines=2)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert layout.wrap("short", 500, 10) == ["short"]


@pytest.mark.parametrize(
    ("lang", "legend", "active", "credit"),
    [
        ("en", "Legend", "Active event", "Base map: Natural Earth"),
        ("id", "Keterangan", "Peristiwa aktif", "Peta dasar: Natural Earth"),
    ],
)
def test_fixed_overlay_wording(lang: str, legend: str, active: str, credit: str) -> None:
    lay = layout.layout_overlays(ExportSpec(lang=lang), Caption("T", date="1950"))
    assert lay.legend is not None and lay.legend.title == legend
    assert ("active", active) in lay.legend.rows
    credit_text = lay.text("credit")
    assert credit_text is not None and credit_text.lines[0].startswith(credit)


# -- captions at the event's precision ----------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "lang", "date"),
    [
        ("sino-soviet-treaty", "en", "15 February 1950"),
        ("sino-soviet-treaty", "id", "15 Februari 1950"),
        ("mao-accuses", "en", "early 1960s"),
        ("mao-accuses", "id", "awal 1960-an"),
        ("republic", "en", "c. 1923"),
        ("republic", "id", "sekitar 1923"),
        ("caesar", "en", "15 March 44 BCE"),
        ("caesar", "id", "15 Maret 44 SM"),
    ],
)
def test_event_captions(catalog: EventCatalog, event_id: str, lang: str, date: str) -> None:
    assert plan.caption_for_event(catalog[event_id], catalog, lang).date == date


def test_caption_of_a_day(catalog: EventCatalog) -> None:
    caption = plan.caption_at(catalog, DAY_1950, "id")
    assert caption.title == "Perjanjian Tiongkok-Soviet"  # the Indonesian title column
    assert caption.subtitle == "dan 1 peristiwa lain"
    assert caption.date == "15 Februari 1950"
    assert caption.quote == QUOTE_1950 and caption.source == "000_test.txt"
    quiet = plan.caption_at(catalog, days_from_civil(1990, 6, 1), "en", Precision.YEAR)
    assert quiet == Caption(title="No event on this date", date="1990")
    one = plan.caption_at(catalog, days_from_civil(2024, 5, 16), "en")
    assert one.subtitle == "Beijing"  # a single event names its places


def test_date_at_the_typed_precision(catalog: EventCatalog) -> None:
    date = HistoricalDate.parse("1950-02")
    assert plan.date_label(catalog, date.first_day, "en", date.precision) == "February 1950"
    day = HistoricalDate(1960, precision=Precision.DECADE, part=Part.EARLY).first_day
    assert plan.date_label(catalog, day, "en") == "early 1960s"  # an event starts that day


# -- file names -----------------------------------------------------------------------------------


def test_file_names_sort_in_time_order_including_bce(catalog: EventCatalog) -> None:
    assert plan.event_stem(catalog["sino-soviet-treaty"]) == "1950-02-15_sino-soviet-treaty"
    assert plan.event_stem(catalog["caesar"]) == "-9957-03-15_caesar"
    days = [
        days_from_civil(-500, 1, 1),
        days_from_civil(-43, 3, 15),
        days_from_civil(-43, 12, 1),
        days_from_civil(0, 6, 1),
        days_from_civil(1921, 3, 16),
        days_from_civil(2024, 5, 16),
    ]
    keys = [plan.date_key(d) for d in days]
    assert sorted(keys) == keys and len(set(keys)) == len(keys)
    odd = event("a/b: c?", "1950", "moscow")
    assert plan.event_stem(odd) == "1950-01-01_a-b-c"


def test_each_event_plan(catalog: EventCatalog) -> None:
    events = plan.events_between(
        catalog, days_from_civil(1950, 1, 1), days_from_civil(1969, 12, 31)
    )
    frames = plan.each_event_plan(catalog, events, "en")
    assert [f.event.id for f in frames if f.event] == [
        "sino-soviet-treaty",
        "soviet-loan",
        "mao-accuses",
    ]
    assert all(f.selected == f.event.id and f.day == f.event.first_day for f in frames if f.event)
    assert [f.stem for f in frames] == sorted(f.stem for f in frames)
    south, west, north, east = frames[0].bounds or (0, 0, 0, 0)
    moscow, beijing = catalog.gazetteer["moscow"], catalog.gazetteer["beijing"]
    assert south <= beijing.lat < moscow.lat <= north
    assert west <= moscow.lon < beijing.lon <= east


def test_filters(catalog: EventCatalog) -> None:
    tagged = plan.with_tags(catalog, ["China-Russia"])
    assert [e.id for e in tagged] == ["sino-soviet-treaty", "beijing-visit"]
    assert plan.with_tags(catalog, []) is catalog
    with pytest.raises(GeohistError, match=r"no event has the tag nope \(tags in this file: aid"):
        plan.with_tags(catalog, ["nope"])
    with pytest.raises(GeohistError, match="--from is after --to"):
        plan.events_between(catalog, DAY_1950, DAY_1950 - 1)
    assert len(plan.events_between(catalog)) == len(catalog)


# -- animation plans ------------------------------------------------------------------------------


@pytest.mark.parametrize(("fps", "seconds"), [(4, 2), (10, 10), (24, 1.5), (1, 1)])
def test_fps_times_seconds_frames(catalog: EventCatalog, fps: float, seconds: float) -> None:
    first, last = days_from_civil(1920, 1, 1), days_from_civil(2024, 12, 31)
    frames = plan.animation_plan(catalog, "en", first, last, fps, seconds=seconds)
    assert plan.frame_count(frames) == round(fps * seconds)
    assert frames[0].day == first
    if len(frames) > 1:
        assert frames[-1].day == last
    assert len({f.bounds for f in frames}) == 1  # one view for the whole animation


def test_frame_dates_never_repeat_a_label(catalog: EventCatalog) -> None:
    first, last = days_from_civil(1920, 1, 1), days_from_civil(1930, 1, 1)
    frames = plan.animation_plan(catalog, "en", first, last, 10, seconds=3)
    dates = [f.caption.date for f in frames]
    assert len(set(dates)) == len(dates) == 30
    assert plan.step_precision(plan.animation_days(first, last, 30)) is Precision.MONTH
    assert plan.step_precision([0, 400, 800]) is Precision.YEAR
    assert plan.step_precision([0, 3, 6]) is Precision.DAY


def test_a_short_range_renders_each_day_once(catalog: EventCatalog) -> None:
    frames = plan.animation_plan(catalog, "en", DAY_1950, DAY_1950, 10, seconds=2)
    assert len(frames) == 1 and frames[0].repeat == 20


def test_per_event_holds_each_start(catalog: EventCatalog) -> None:
    first, last = days_from_civil(1920, 1, 1), days_from_civil(2024, 12, 31)
    frames = plan.animation_plan(catalog, "en", first, last, 5, per_event=2)
    starts = sorted({e.first_day for e in catalog if first <= e.first_day <= last})
    assert [f.day for f in frames] == starts
    assert all(f.repeat == 10 for f in frames)
    assert plan.frame_count(frames) == 10 * len(starts)
    assert frames[0].caption.date == "16 March 1921"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fps": 0, "seconds": 1}, "--fps 0"),
        ({"fps": 10}, "either --seconds or --per-event"),
        ({"fps": 10, "seconds": 1, "per_event": 1}, "either --seconds or --per-event"),
        ({"fps": 10, "seconds": 2000}, "too many"),
        ({"fps": 1, "per_event": 0.2}, "less than one frame"),
    ],
)
def test_bad_animation_plans(catalog: EventCatalog, kwargs: dict, message: str) -> None:
    with pytest.raises(GeohistError, match=message):
        plan.animation_plan(catalog, "en", DAY_1950, DAY_1950 + 100, **kwargs)


# -- formats and writers --------------------------------------------------------------------------


def test_format_registry() -> None:
    assert formats.format_for(Path("a.PNG")).name == "png"
    assert formats.format_for(Path("a.jpeg")).name == formats.format_for(Path("a.jpg")).name
    assert formats.format_for(Path("a.mp4"), formats.Kind.ANIMATION).name == "mp4"
    with pytest.raises(
        GeohistError, match=r"an image, end the file name in \.png, \.jpg, \.jpeg or \.pdf"
    ):
        formats.format_for(Path("a.gif"), formats.Kind.IMAGE)
    with pytest.raises(GeohistError, match=r"a\.bmp"):
        formats.format_for(Path("a.bmp"))
    assert formats.writer_for("gif") is GifWriter
    assert {f.name for f in formats.FORMATS} == {"png", "jpeg", "pdf", "gif", "mp4", "pptx"}


def test_gif_durations_do_not_drift() -> None:
    assert gif_durations(8, 4) == [250] * 8
    durations = gif_durations(48, 24)
    assert sum(durations) == 2000 and set(durations) <= {40, 50}
    assert gif_durations(3, 24, start=0) + gif_durations(3, 24, start=3) == gif_durations(6, 24)


def _rgb(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    return Image.new("RGB", size, colour).tobytes()


def test_gif_writer_is_all_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.gif"
    writer = GifWriter(target, (32, 18), 4)
    for i in range(8):
        writer.add(_rgb((32, 18), (i * 30, 0, 0)))
    assert not target.exists()  # only the temporary file so far
    writer.close()
    with Image.open(target) as gif:
        assert gif.n_frames == 8
    target.write_bytes(b"old")
    writer = GifWriter(target, (32, 18), 4)
    writer.add(_rgb((32, 18), (0, 0, 0)), repeat=3)
    writer.abort()
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]  # no .part left


def test_deck_from_pictures(tmp_path: Path, catalog: EventCatalog) -> None:
    from pptx import Presentation

    from geohist.export.pptx_deck import picture_size, slide_content, write_deck

    assert picture_size(1920) == (1920, 893)  # 6.2 in under a 1.3 in title band
    slides = []
    for i, event_id in enumerate(["treaty-of-moscow", "sino-soviet-treaty"]):
        image = tmp_path / f"{i}.png"
        Image.new("RGB", picture_size(400), "white").save(image)
        slides.append(slide_content(catalog[event_id], catalog, "id", image))
    write_deck(tmp_path / "deck.pptx", slides)
    deck = Presentation(str(tmp_path / "deck.pptx"))
    assert round(deck.slide_width / 914400, 2) == 13.33 and deck.slide_height == 914400 * 7.5
    second = deck.slides[1]
    assert second.shapes.title.text == "Perjanjian Tiongkok-Soviet"
    assert any(s.shape_type == 13 for s in second.shapes)  # a picture
    texts = [s.text_frame.text for s in second.shapes if s.has_text_frame]
    assert "15 Februari 1950" in texts and "Moskow · Beijing" in texts
    notes = second.notes_slide.notes_text_frame.text
    assert f"“{QUOTE_1950}”" in notes and "Sumber: 000_test.txt, karakter 10–" in notes


# -- the command's argument errors, before any Qt --------------------------------------------------


def geohist(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geohist.cli", "export", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "1950-13-01", "-o", "a.png"], "--at '1950-13-01': month 13 is not 1-12"),
        (["--at", "1950-02-30", "-o", "a.png"], "has no day 30"),
        (["--at", "1950", "-o", "a.bmp"], "a.bmp: for an image, end the file name in .png"),
        (["--at", "1950"], "-o is missing"),
        (["-o", "a.png"], "say what to export"),
        (["--at", "1950", "--size", "10x10", "-o", "a.png"], "at least 160"),
        (["--each-event", "--tag", "nope", "-o", "out"], "no event has the tag nope"),
        (["--each-event", "--from", "1950", "--to", "1940", "-o", "out"], "--from is after --to"),
        (["--at", "1950", "--pptx", "d.pptx", "-o", "a.png"], "--pptx do not apply"),
    ],
)
def test_argument_errors_exit_1_without_a_file(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = geohist(*args, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_overlay_names_match_the_cli() -> None:
    from geohist.commands.export import options

    assert options().overlays == ",".join(OVERLAYS)
    assert options(lang="id").lang == "id"
    with pytest.raises(AttributeError):
        options(colour="red")
