"""A parsed document with the line of each field path, for error messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from detente.errors import Problem

__all__ = ["FieldPath", "Located", "format_path"]

FieldPath = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes, e.g. ``("actors", 3, "salience")``."""


def format_path(path: FieldPath) -> str:
    """``("actors", 3, "salience")`` → ``actors[3].salience``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(slots=True)
class Located:
    """A native-shaped document, the file it came from, and a line for each known field path."""

    data: Any
    file: str
    lines: Mapping[FieldPath, int] = field(default_factory=dict)
    labels: Mapping[FieldPath, str] = field(default_factory=dict)

    def where(self, path: FieldPath) -> str:
        """``line N (path)`` using the longest known prefix of ``path``; the path alone if none."""
        label = self.labels.get(path) or format_path(path)
        for n in range(len(path), -1, -1):
            line = self.lines.get(path[:n])
            if line is not None:
                return f"line {line} ({label})" if label else f"line {line}"
        return label

    def problem(self, path: FieldPath, message: str) -> Problem:
        """A Problem located at ``path``."""
        return Problem(self.file, self.where(path), message)
