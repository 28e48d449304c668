"""Errors a user can fix, each naming where the problem is.

The CLI prints every :class:`Problem` of an :class:`InputError` as one line,
``FILE: WHERE: WHAT``, and exits with code 2; no traceback is shown for these.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DetenteError", "InputError", "ModelInputError", "Problem"]


class DetenteError(Exception):
    """Base class of errors that the CLI reports in one line with exit code 2."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a user file: the file, where in it (line or field path) and what is wrong."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.file}: {where}{self.message}"


class InputError(DetenteError):
    """A user file (scenario, game, text) with one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ModelInputError(DetenteError, ValueError):
    """A valid scenario that lacks something a particular model needs (e.g. a status quo)."""
