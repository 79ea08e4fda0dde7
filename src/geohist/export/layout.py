"""Export sizes and the overlay layout: pure functions of an ExportSpec and a Caption.

Coordinates are layout pixels (the map page's CSS pixels). The renderer paints ``scale`` device
pixels per layout pixel, so 1920×1080 at scale 2 is the same picture with four times the pixels.
The header (title, date) and footer (citation, credit) are bands above and below the map, so they
never hide a lit place. Their heights depend on the spec only, never on a frame's text: the map
view keeps one size for a whole job and every frame has the same framing.

Text is wrapped here with a ``measure(text, size_px, bold, italic)`` function. The default
estimates widths from character counts (tests, planning); the renderer passes Qt font metrics,
and still elides a line that comes out too wide.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from geohist.errors import GeohistError
from geohist.model.wording import LANGUAGES

OVERLAYS = ("title", "date", "legend", "citation", "credit")
MIN_SIDE = 160
MAX_DEVICE_SIDE = 8192  # pixels per side after scaling
MAX_SCALE = 4
BASEMAPS = ("110m", "50m")
FRAMINGS = ("events", "data")  # fit the frame's events, or the whole data set (the window's view)

INK, MUTED, FAINT = "#1f2933", "#52606d", "#7b8794"
ACCENT = "#e4572e"  # the map's highlight colour (resources/geohist-map.js)
HEADER_FILL, FOOTER_FILL, PANEL_FILL = "#ffffff", "#f7f5f0", "#ffffff"
LEGEND_ROWS = ("active", "fading", "soft", "region", "place")

TEXT = {
    "en": {
        "legend": "Legend",
        "active": "Active event",
        "fading": "Recently ended",
        "soft": "Uncertain date",
        "region": "Region / country",
        "place": "Other places",
        "source": "Source",
        "chars": "characters",
        "credit": "Base map: Natural Earth; Visionscarto · Places: GeoNames (CC BY 4.0)",
        "more_one": "and 1 more event",
        "more": "and {n} more events",
        "no_event": "No event on this date",
    },
    "id": {
        "legend": "Keterangan",
        "active": "Peristiwa aktif",
        "fading": "Baru berakhir",
        "soft": "Tanggal tidak pasti",
        "region": "Wilayah / negara",
        "place": "Tempat lain",
        "source": "Sumber",
        "chars": "karakter",
        "credit": "Peta dasar: Natural Earth; Visionscarto · Tempat: GeoNames (CC BY 4.0)",
        "more_one": "dan 1 peristiwa lain",
        "more": "dan {n} peristiwa lain",
        "no_event": "Tidak ada peristiwa pada tanggal ini",
    },
}

Measure = Callable[[str, float, bool, bool], float]


def words(key: str, lang: str) -> str:
    """Fixed overlay wording (legend rows, credit, "and 2 more events") in ``lang``."""
    return TEXT.get(lang, TEXT["en"])[key]


def more_events(count: int, lang: str) -> str:
    return words("more_one", lang) if count == 1 else words("more", lang).format(n=count)


# -- sizes --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SizePreset:
    width: int
    height: int
    aspect: str

    @property
    def label(self) -> str:
        return f"{self.width} × {self.height} ({self.aspect})"


SIZE_PRESETS = (
    SizePreset(1920, 1080, "16:9"),
    SizePreset(1280, 720, "16:9"),
    SizePreset(1024, 768, "4:3"),
)


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` (also ``×`` or ``X``) → (1920, 1080)."""
    parts = text.strip().lower().replace("×", "x").split("x")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:
        raise GeohistError(f"--size {text!r}: write WIDTHxHEIGHT, e.g. 1920x1080") from None
    return width, height


def check_size(width: int, height: int, scale: int) -> None:
    """Raise a user error for sizes the renderer cannot produce."""
    if not 1 <= scale <= MAX_SCALE:
        raise GeohistError(f"scale {scale}: use 1 to {MAX_SCALE}")
    if min(width, height) < MIN_SIDE:
        raise GeohistError(f"size {width}x{height}: each side must be at least {MIN_SIDE} pixels")
    if max(width, height) * scale > MAX_DEVICE_SIDE:
        raise GeohistError(
            f"size {width}x{height} at scale {scale} is {width * scale}x{height * scale} pixels;"
            f" the largest side allowed is {MAX_DEVICE_SIDE}"
        )


@dataclass(frozen=True, slots=True)
class ExportSpec:
    """Everything that decides the pixels of an export, besides the data and the frame."""

    width: int = 1920
    height: int = 1080
    scale: int = 1
    lang: str = "en"
    overlays: frozenset[str] = field(default_factory=lambda: frozenset(OVERLAYS))
    title: str | None = None  # replaces the title taken from the events
    afterglow_days: int = 365
    basemap: str = "50m"
    framing: str = "events"
    map_scale: float = 1.5  # map labels and markers this much larger than in the window
    jpeg_quality: int = 92

    def __post_init__(self) -> None:
        check_size(self.width, self.height, self.scale)
        if self.lang not in LANGUAGES:
            raise GeohistError(f"language {self.lang!r}: use one of {', '.join(LANGUAGES)}")
        unknown = sorted(set(self.overlays) - set(OVERLAYS))
        if unknown:
            raise GeohistError(
                f"unknown overlay(s) {', '.join(unknown)}: use {', '.join(OVERLAYS)}"
            )
        if self.basemap not in BASEMAPS:
            raise GeohistError(f"base map {self.basemap!r}: use {' or '.join(BASEMAPS)}")
        if self.framing not in FRAMINGS:
            raise GeohistError(f"framing {self.framing!r}: use {' or '.join(FRAMINGS)}")
        if not 0.5 <= self.map_scale <= 3:
            raise GeohistError(f"map scale {self.map_scale:g}: use 0.5 to 3")
        object.__setattr__(self, "overlays", frozenset(self.overlays))

    @property
    def pixel_size(self) -> tuple[int, int]:
        """The size of the output image in device pixels."""
        return self.width * self.scale, self.height * self.scale

    def shows(self, overlay: str) -> bool:
        return overlay in self.overlays

    def but(self, **changes: object) -> ExportSpec:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Caption:
    """The words of one frame: what happened, when, and the text that says so."""

    title: str = ""
    subtitle: str = ""
    date: str = ""
    quote: str = ""
    source: str = ""


# -- geometry -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True, slots=True)
class Text:
    """Lines of text drawn top-down in ``rect``, each ``line_height`` apart."""

    role: str
    lines: tuple[str, ...]
    rect: Rect
    size: float
    line_height: float
    bold: bool = False
    italic: bool = False
    align: str = "left"
    color: str = INK


@dataclass(frozen=True, slots=True)
class Legend:
    rect: Rect
    title: str
    rows: tuple[tuple[str, str], ...]  # (swatch kind, label)
    size: float
    row_height: float
    swatch: float
    padding: float


@dataclass(frozen=True, slots=True)
class Layout:
    width: int
    height: int
    map_rect: Rect
    header: Rect | None = None
    footer: Rect | None = None
    date_pill: Rect | None = None
    texts: tuple[Text, ...] = ()
    legend: Legend | None = None

    def text(self, role: str) -> Text | None:
        return next((t for t in self.texts if t.role == role), None)


def estimate_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """A sans-serif width guess: wide enough for DejaVu Sans, the page's font."""
    return len(text) * size * (0.64 if bold else 0.58)


@dataclass(frozen=True, slots=True)
class _Metrics:
    """Sizes in layout pixels for one spec; ``u`` is 1 at 1920×1080."""

    u: float
    pad: float
    title: float
    subtitle: float
    date: float
    citation: float
    credit: float
    header_h: float
    footer_h: float


def unit(spec: ExportSpec) -> float:
    """How big text is at this size relative to 1920×1080: overlays and map labels follow it."""
    return max(0.3, math.sqrt(spec.width * spec.height / (1920 * 1080)))


def page_zoom(spec: ExportSpec) -> float:
    """CSS pixels of the map page per layout pixel: map labels scale like the overlays."""
    return spec.map_scale * unit(spec)


def _metrics(spec: ExportSpec) -> _Metrics:
    u = unit(spec)
    title, subtitle, citation, credit = 40 * u, 22 * u, 17 * u, 14 * u
    header_h = 0.0
    if spec.shows("title") or spec.shows("date"):
        header_h = round(20 * u + title * 1.25 + 4 * u + subtitle * 1.35 + 18 * u)
    footer_h = 0.0
    if spec.shows("citation"):
        footer_h = round(24 * u + 2 * citation * 1.35)
    elif spec.shows("credit"):
        footer_h = round(20 * u + credit * 1.35)
    return _Metrics(u, 28 * u, title, subtitle, 32 * u, citation, credit, header_h, footer_h)


def map_rect(spec: ExportSpec) -> Rect:
    """Where the map goes: the whole picture less the header and footer bands."""
    m = _metrics(spec)
    return Rect(0, m.header_h, spec.width, spec.height - m.header_h - m.footer_h)


def layout_overlays(
    spec: ExportSpec, caption: Caption, measure: Measure = estimate_width
) -> Layout:
    """Place every overlay the spec asks for; empty captions leave their slot empty."""
    m = _metrics(spec)
    area = map_rect(spec)
    texts: list[Text] = []
    header = Rect(0, 0, spec.width, m.header_h) if m.header_h else None
    footer = Rect(0, area.bottom, spec.width, m.footer_h) if m.footer_h else None
    pill = None
    if header is not None:
        pill, pill_text = _date_pill(spec, caption, m, measure)
        texts += pill_text
        right = pill.x - 24 * m.u if pill else spec.width - m.pad
        texts += _title_block(spec, caption, m, right - m.pad, measure)
    if footer is not None:
        texts += _footer_texts(spec, caption, m, footer, measure)
    legend = _legend(spec, m, area, measure) if spec.shows("legend") else None
    return Layout(spec.width, spec.height, area, header, footer, pill, tuple(texts), legend)


def _date_pill(
    spec: ExportSpec, caption: Caption, m: _Metrics, measure: Measure
) -> tuple[Rect | None, list[Text]]:
    if not (spec.shows("date") and caption.date):
        return None, []
    size = m.date
    limit = spec.width * 0.45 - 44 * m.u
    while size > m.date * 0.6 and measure(caption.date, size, True, False) > limit:
        size *= 0.92
    width = min(measure(caption.date, size, True, False), limit) + 44 * m.u
    height = m.date * 1.75
    pill = Rect(spec.width - m.pad - width, (m.header_h - height) / 2, width, height)
    line_h = size * 1.25
    box = Rect(pill.x, pill.y + (height - line_h) / 2, pill.w, line_h)
    text = Text(
        "date", (caption.date,), box, size, line_h, bold=True, align="center", color="#ffffff"
    )
    return pill, [text]


def _title_block(
    spec: ExportSpec, caption: Caption, m: _Metrics, width: float, measure: Measure
) -> list[Text]:
    title = spec.title if spec.title is not None else caption.title
    if not (spec.shows("title") and title):
        return []
    lines = wrap(title, width, m.title, measure, bold=True)
    size = m.title
    if len(lines) > 1:  # two smaller lines instead of title + subtitle
        size = m.title * 0.78
        lines = wrap(title, width, size, measure, bold=True, max_lines=2)
    line_h = size * 1.25
    sub = caption.subtitle if len(lines) == 1 and spec.title is None else ""
    block_h = line_h * len(lines) + (4 * m.u + m.subtitle * 1.35 if sub else 0)
    top = (m.header_h - block_h) / 2
    out = [
        Text(
            "title",
            tuple(lines),
            Rect(m.pad, top, width, line_h * len(lines)),
            size,
            line_h,
            bold=True,
        )
    ]
    if sub:
        sub_h = m.subtitle * 1.35
        rect = Rect(m.pad, top + line_h + 4 * m.u, width, sub_h)
        lines = wrap(sub, width, m.subtitle, measure, max_lines=1)
        out.append(Text("subtitle", tuple(lines), rect, m.subtitle, sub_h, color=MUTED))
    return out


def _footer_texts(
    spec: ExportSpec, caption: Caption, m: _Metrics, footer: Rect, measure: Measure
) -> list[Text]:
    out: list[Text] = []
    right = spec.width - m.pad
    if spec.shows("credit"):
        credit = words("credit", spec.lang)
        lines = credit.split(" · ") if spec.shows("citation") else [credit]
        width = max(measure(line, m.credit, False, False) for line in lines)
        line_h = m.credit * 1.35
        rect = Rect(
            right - width,
            footer.y + (footer.h - line_h * len(lines)) / 2,
            width,
            line_h * len(lines),
        )
        out.append(Text("credit", tuple(lines), rect, m.credit, line_h, align="right", color=FAINT))
        right = rect.x - 32 * m.u
    if spec.shows("citation") and caption.quote:
        line_h = m.citation * 1.35
        lines = citation_lines(caption, spec.lang, right - m.pad, m.citation, measure)
        top = footer.y + (footer.h - line_h * len(lines)) / 2
        rect = Rect(m.pad, top, right - m.pad, line_h * len(lines))
        out.append(
            Text("citation", tuple(lines), rect, m.citation, line_h, italic=True, color=MUTED)
        )
    return out


def citation_text(quote: str, source: str, lang: str) -> str:
    """“quote” — Source: file."""
    tail = f" — {words('source', lang)}: {source}" if source else ""
    return f"“{quote}”{tail}"


def citation_lines(
    caption: Caption, lang: str, width: float, size: float, measure: Measure, max_lines: int = 2
) -> list[str]:
    """The citation in at most ``max_lines`` lines, shortening the quote (never the source)."""
    quote_words = caption.quote.split()
    keep = len(quote_words)
    while True:
        quote = " ".join(quote_words[:keep]) + ("…" if keep < len(quote_words) else "")
        lines = wrap(citation_text(quote, caption.source, lang), width, size, measure, italic=True)
        if len(lines) <= max_lines or keep <= 1:
            return lines[:max_lines]
        keep -= 1


def _legend(spec: ExportSpec, m: _Metrics, area: Rect, measure: Measure) -> Legend:
    size, pad, swatch = 15 * m.u, 12 * m.u, 15 * m.u
    rows = tuple((kind, words(kind, spec.lang)) for kind in LEGEND_ROWS)
    title = words("legend", spec.lang)
    text_w = max(
        [measure(t, size, False, False) for _, t in rows] + [measure(title, size, True, False)]
    )
    row_h = 23 * m.u
    width = 2 * pad + swatch + 9 * m.u + text_w
    height = 2 * pad + size * 1.4 + len(rows) * row_h
    margin = 16 * m.u
    rect = Rect(area.right - margin - width, area.bottom - margin - height, width, height)
    return Legend(rect, title, rows, size, row_h, swatch, pad)


def wrap(
    text: str,
    width: float,
    size: float,
    measure: Measure = estimate_width,
    *,
    bold: bool = False,
    italic: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """Greedy word wrap; with ``max_lines`` the last kept line ends in "…" when text is cut."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate, size, bold, italic) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if max_lines is None or len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and measure(last + "…", size, bold, italic) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = last + "…"
    return kept
