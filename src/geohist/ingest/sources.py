"""The texts to ingest: ``.txt`` files named directly or found in folders, read as UTF-8."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geohist.datafiles.textfile import read_text
from geohist.errors import GeohistError

SUFFIXES = (".txt",)


class SourceError(GeohistError):
    """A path that cannot be ingested: missing, not a .txt file, or not UTF-8 text."""


@dataclass(frozen=True, slots=True)
class Document:
    """One text: ``name`` is its file name, offsets index ``text`` (a BOM is dropped)."""

    name: str
    path: Path
    text: str


def text_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read, in a stable order; folders give their ``.txt`` files, recursively."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if _is_text_file(p))
        elif not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        elif path.suffix.lower() not in SUFFIXES:
            raise SourceError(f"{path}: not a .txt file (ingest reads UTF-8 plain text)")
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _is_text_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def read_documents(paths: Iterable[Path]) -> Iterator[Document]:
    """Each file as a Document; empty files are skipped, unreadable ones raise SourceError."""
    for path in text_files(paths):
        text, problems = read_text(path, str(path))
        if text is None:
            problem = problems[0]
            if problem.message == "empty file":
                continue
            if problem.message.startswith("binary data"):
                raise SourceError(f"{path}: binary data, not a UTF-8 text file")
            raise SourceError(str(problem))
        yield Document(path.name, path, text)
