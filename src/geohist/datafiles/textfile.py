"""Decode user files strictly, turning every way they can be unreadable into a Problem."""

from __future__ import annotations

from pathlib import Path

from geohist.errors import Problem

# Reading holds the file several times over (bytes, str, the CSV reader's copy) and each event
# costs ~1.2 kB, so size is refused before a byte is read. Measured with `geohist validate`:
# 30 MB of the densest rows (435k events) peaks at 577 MB RSS, a 100 MB file at 954 MB, above
# the 600 MB budget. Texts are read whole by ingest, whose pipeline is the slow part.
MAX_DATA_BYTES = 30_000_000
MAX_TEXT_BYTES = 10_000_000
TEXT_SUFFIXES = (".txt",)


def size_limit(path: Path) -> int:
    """The largest file read: texts (``.txt``) are held to a tighter limit than data files."""
    return MAX_TEXT_BYTES if Path(path).suffix.lower() in TEXT_SUFFIXES else MAX_DATA_BYTES


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def too_large(path: Path, name: str, limit: int) -> Problem | None:
    """A Problem naming the size and the limit when ``path`` is larger; stat only, no read."""
    try:
        size = Path(path).stat().st_size
    except (OSError, ValueError):
        return None  # reading reports it with the right words
    if size <= limit:
        return None
    message = f"the file is {megabytes(size)}, over the {megabytes(limit)} limit"
    return Problem(name, None, None, f"{message}: split it into smaller files")


def read_text(
    path: Path, label: str | None = None, limit: int | None = None
) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of ``path`` (a leading BOM dropped), or None and the reason.

    Files over ``limit`` bytes (default: ``size_limit(path)``) are refused without reading.
    """
    name = label or str(path)
    big = too_large(path, name, size_limit(path) if limit is None else limit)
    if big is not None:
        return None, [big]
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, None, "no such file")]
    except IsADirectoryError:
        return None, [Problem(name, None, None, "is a folder, not a file")]
    except OSError as exc:
        return None, [Problem(name, None, None, f"cannot read: {exc.strerror or exc}")]
    except ValueError:  # a NUL byte in the name, e.g. from a garbled source column
        return None, [Problem(repr(name), None, None, "not a valid file name")]
    if not data.strip():
        return None, [Problem(name, 1, None, "empty file")]
    if b"\x00" in data[:4096]:
        return None, [Problem(name, 1, None, "binary data: this is not a text (CSV) file")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        message = f"not UTF-8: byte 0x{bad} at column {column} (save the file as UTF-8)"
        return None, [Problem(name, line, None, message)]
