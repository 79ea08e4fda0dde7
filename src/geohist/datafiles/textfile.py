"""Decode user files strictly, turning every way they can be unreadable into a Problem."""

from __future__ import annotations

from pathlib import Path

from geohist.errors import Problem


def read_text(path: Path, label: str | None = None) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of ``path`` (a leading BOM dropped), or None and the reason."""
    name = label or str(path)
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
