"""Output formats: a small registry from file suffix to format, and from format to writer.

Animation and deck writers are Qt-free and named here (imported only when used). Still images
(PNG, JPEG, PDF) are encoded by the Qt renderer, which registers those writers when it is
imported, so this module never needs Qt.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from geohist.errors import GeohistError
from geohist.export.layout import ExportSpec
from geohist.export.plan import ExportRequest, Frame, Output
from geohist.model.catalog import EventCatalog


class Kind(StrEnum):
    IMAGE = "image"
    ANIMATION = "animation"
    DECK = "deck"


@dataclass(frozen=True, slots=True)
class OutputFormat:
    name: str
    suffixes: tuple[str, ...]
    kind: Kind
    label: str

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    @property
    def dialog_filter(self) -> str:
        """``"PNG image (*.png)"`` for a file dialog."""
        return f"{self.label} ({' '.join('*' + s for s in self.suffixes)})"


FORMATS = (
    OutputFormat("png", (".png",), Kind.IMAGE, "PNG image"),
    OutputFormat("jpeg", (".jpg", ".jpeg"), Kind.IMAGE, "JPEG image"),
    OutputFormat("pdf", (".pdf",), Kind.IMAGE, "PDF document"),
    OutputFormat("gif", (".gif",), Kind.ANIMATION, "GIF animation"),
    OutputFormat("mp4", (".mp4",), Kind.ANIMATION, "MP4 video"),
    OutputFormat("pptx", (".pptx",), Kind.DECK, "PowerPoint slides"),
)
_BY_NAME = {f.name: f for f in FORMATS}
_BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}

# Qt-free writers as "module:attribute", imported on first use.
_LAZY_WRITERS = {
    "gif": "geohist.export.animation:GifWriter",
    "mp4": "geohist.export.animation:Mp4Writer",
    "pptx": "geohist.export.pptx_deck:write_deck",
}
_WRITERS: dict[str, Callable[..., Any]] = {}


def get_format(name: str) -> OutputFormat:
    try:
        return _BY_NAME[name.lower().lstrip(".")]
    except KeyError:
        choices = ", ".join(f.name for f in FORMATS)
        raise GeohistError(f"unknown format {name!r}: use {choices}") from None


def formats_of(kind: Kind) -> list[OutputFormat]:
    return [f for f in FORMATS if f.kind is kind]


def format_for(path: Path, kind: Kind | None = None) -> OutputFormat:
    """The format a file name asks for; ``kind`` limits the choice (e.g. images for ``--at``)."""
    allowed = formats_of(kind) if kind else list(FORMATS)
    found = _BY_SUFFIX.get(Path(path).suffix.lower())
    if found is None or found not in allowed:
        names = [s for f in allowed for s in f.suffixes]
        suffixes = ", ".join(names[:-1]) + f" or {names[-1]}"
        what = {Kind.IMAGE: "an image", Kind.ANIMATION: "an animation", Kind.DECK: "a deck"}
        wanted = what[kind] if kind else "a file geohist writes"
        raise GeohistError(f"{path}: for {wanted}, end the file name in {suffixes}")
    return found


def register_writer(name: str, writer: Callable[..., Any]) -> None:
    """Make ``writer`` the one that writes format ``name`` (the renderer registers stills)."""
    _WRITERS[get_format(name).name] = writer


def writer_for(name: str) -> Callable[..., Any]:
    """The writer of format ``name``; still-image writers exist once the renderer is imported."""
    fmt = get_format(name)
    if fmt.name not in _WRITERS and fmt.name in _LAZY_WRITERS:
        module, attribute = _LAZY_WRITERS[fmt.name].split(":")
        _WRITERS[fmt.name] = getattr(importlib.import_module(module), attribute)
    try:
        return _WRITERS[fmt.name]
    except KeyError:
        raise LookupError(f"no writer for {fmt.name}: import geohist.gui.renderer first") from None


# -- sinks: where rendered pictures go -----------------------------------------------------------


class Picture(Protocol):
    """What the renderer hands to sinks (``geohist.gui.renderer.Picture``)."""

    @property
    def size(self) -> tuple[int, int]: ...

    def rgb(self) -> bytes: ...


class Sink:
    """Receives the pictures of a job in order; ``finish`` completes, ``abort`` discards."""

    main_thread = False  # True when adding must happen on the GUI thread (painting a PDF)

    def add(self, frame: Frame, picture: Picture) -> None:
        raise NotImplementedError

    def finish(self) -> str:
        """Complete the output and return a line for the user."""
        raise NotImplementedError

    def abort(self) -> None:
        """Drop unfinished work; complete files already written stay."""


class StillSink(Sink):
    """One image file, or one image per frame in a folder (named by the frame's stem)."""

    def __init__(self, fmt: OutputFormat, target: Path, spec: ExportSpec, many: bool) -> None:
        self.fmt, self.target, self.spec, self.many = fmt, Path(target), spec, many
        self.main_thread = fmt.name == "pdf"
        self.written: list[Path] = []
        if many:
            _make_folder(self.target)

    def add(self, frame: Frame, picture: Picture) -> None:
        path = self.target / f"{frame.stem}{self.fmt.suffix}" if self.many else self.target
        writer_for(self.fmt.name)(picture, path, self.spec)
        self.written.append(path)

    def finish(self) -> str:
        if self.many:
            return f"wrote {len(self.written)} {self.fmt.name.upper()} file(s) in {self.target}"
        return f"wrote {self.target}"


class DeckSink(Sink):
    """PNG pictures in a temporary folder, then one PowerPoint file."""

    def __init__(self, target: Path, spec: ExportSpec, catalog: EventCatalog) -> None:
        self.target, self.spec, self.catalog = Path(target), spec, catalog
        check_writable(self.target.parent)
        self._folder = tempfile.TemporaryDirectory(prefix="geohist-deck-")
        self._slides: list[Any] = []

    def add(self, frame: Frame, picture: Picture) -> None:
        from geohist.export.pptx_deck import slide_content

        if frame.event is None:
            raise ValueError("a slide needs an event")
        image = Path(self._folder.name) / f"{len(self._slides):04d}.png"
        writer_for("png")(picture, image, self.spec)
        self._slides.append(slide_content(frame.event, self.catalog, self.spec.lang, image))

    def finish(self) -> str:
        try:
            writer_for("pptx")(self.target, self._slides)
        finally:
            self._folder.cleanup()
        return f"wrote {self.target} ({len(self._slides)} slides)"

    def abort(self) -> None:
        self._folder.cleanup()


class AnimationSink(Sink):
    """Frames streamed to a GIF or MP4 writer (``geohist.export.animation``)."""

    def __init__(self, fmt: OutputFormat, target: Path, size: tuple[int, int], fps: float) -> None:
        self.target = Path(target)
        self._writer = writer_for(fmt.name)(self.target, size, fps)

    def add(self, frame: Frame, picture: Picture) -> None:
        self._writer.add(picture.rgb(), frame.repeat)

    def finish(self) -> str:
        self._writer.close()
        return f"wrote {self.target} ({self._writer.frames} frames)"

    def abort(self) -> None:
        self._writer.abort()


def open_sinks(request: ExportRequest, catalog: EventCatalog) -> list[Sink]:
    """A sink per output of ``request``; raises a user error (no file made) if one cannot open."""
    sinks: list[Sink] = []
    try:
        for output in request.outputs:
            sinks.append(_open_sink(output, request, catalog))
    except BaseException:
        for sink in sinks:
            sink.abort()
        raise
    return sinks


def _open_sink(output: Output, request: ExportRequest, catalog: EventCatalog) -> Sink:
    fmt = get_format(output.format)
    if fmt.kind is Kind.DECK:
        return DeckSink(output.target, request.spec, catalog)
    if fmt.kind is Kind.ANIMATION:
        return AnimationSink(fmt, output.target, request.spec.pixel_size, request.fps)
    if not output.folder:
        check_writable(output.target.parent)
    return StillSink(fmt, output.target, request.spec, output.folder)


def check_writable(folder: Path) -> None:
    """Raise ``WriteError`` unless a file can be created in ``folder`` (tried, not guessed:
    permission bits say nothing for root or on a read-only file system)."""
    from geohist.atomic import WriteError

    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise WriteError(f"{folder}: no such folder")
    try:
        fd, name = tempfile.mkstemp(prefix=".geohist-probe-", suffix=".part", dir=folder)
    except OSError as exc:
        raise WriteError(f"{folder}: cannot write here: {exc.strerror or exc}") from None
    os.close(fd)
    os.unlink(name)


def _make_folder(folder: Path) -> None:
    from geohist.atomic import WriteError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from exc
    check_writable(folder)
