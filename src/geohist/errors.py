"""Errors that users can cause, with the file, line and field they come from.

They are raised deep inside readers and caught once at the edge (CLI exit code, GUI dialog),
so they carry everything needed to write one clear line per problem.
"""

from __future__ import annotations

from dataclasses import dataclass


class GeohistError(Exception):
    """Base class of errors whose message is meant for the user, not a traceback."""


class DateError(GeohistError, ValueError):
    """A date string or date value that cannot be a real date."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we know."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class DataError(GeohistError):
    """An input file that cannot be used as it is; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
