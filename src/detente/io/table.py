"""The classic one-issue table: CSV with header ``Actor,Capability,Position,Salience``.

This is the layout of the expected-utility literature's data tables (e.g. the EC emission
standards case, [BDM1994] p. 78).  The file describes one issue, ``issue``; its scale is 0–100
when every position lies in it, otherwise the range of the positions (the EC table's 4–10 years).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path as FsPath
from typing import Any

from detente.errors import InputError, Problem
from detente.io.located import FieldPath, Located

__all__ = ["HEADER", "csv_rows", "header_problem", "is_table", "parse_table"]

HEADER = ("actor", "capability", "position", "salience")


def csv_rows(text: str, file: str) -> list[list[str]]:
    """The rows of CSV ``text``; a malformed file (e.g. a giant cell) raises InputError."""
    reader = csv.reader(io.StringIO(text))
    try:
        return list(reader)
    except csv.Error as exc:
        raise InputError(
            [Problem(file, f"line {reader.line_num}", f"not valid CSV: {exc}")]
        ) from None


def _cells(line: str) -> list[str]:
    try:
        return [c.strip() for c in next(csv.reader([line]), [])]
    except csv.Error:
        return []


def is_table(first_line: str) -> bool:
    """Whether a CSV's first line is the classic header (case and spaces ignored)."""
    cells = [c.lower() for c in _cells(first_line)]
    while cells and cells[-1] == "":
        cells.pop()
    return tuple(cells) == HEADER


def header_problem(first_line: str, file: str) -> Problem | None:
    """What is wrong with a header meant as the classic table's (two or more of its names)."""
    cells = [c for c in _cells(first_line) if c]
    names = [c.lower() for c in cells]
    if len(set(names) & set(HEADER)) < 2:
        return None  # not meant as the classic table (e.g. KTAB's title line)
    missing = [h.capitalize() for h in HEADER if h not in names]
    got = f"missing {', '.join(missing)}" if missing else f"got {','.join(cells)}"
    return Problem(
        file, "line 1", f"the classic table's header is Actor,Capability,Position,Salience; {got}"
    )


def _scale(values: list[Any]) -> tuple[float, float]:
    nums = []
    for v in values:
        try:
            x = float(v)
        except ValueError:
            continue
        if math.isfinite(x):
            nums.append(x)
    if not nums or (min(nums) >= 0 and max(nums) <= 100):
        return 0.0, 100.0
    lo, hi = min(nums), max(nums)
    return (lo, hi) if hi > lo else (lo, lo + 1.0)


def parse_table(text: str, file: str) -> Located:
    """Read the classic table into a native-shaped document (validated later by ``build``)."""
    rows = csv_rows(text, file)
    lines: dict[FieldPath, int] = {}
    actors: list[dict[str, Any]] = []
    problems = []
    for n, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if len(cells) != 4:
            problems.append(
                Problem(
                    file,
                    f"line {n}",
                    f"expected 4 cells (Actor,Capability,Position,Salience), got {len(cells)}",
                )
            )
            continue
        i = len(actors)
        name, cap, pos, sal = cells
        actors.append(
            {
                "id": name,
                "name": name,
                "capability": cap,
                "positions": {"issue": {"position": pos, "salience": sal}},
            }
        )
        for path in [
            ("actors", i),
            ("actors", i, "id"),
            ("actors", i, "capability"),
            ("actors", i, "positions", "issue"),
        ]:
            lines[path] = n
    if problems:
        raise InputError(problems)
    if not actors:
        raise InputError([Problem(file, "line 2", "the table has a header but no actor rows")])
    lo, hi = _scale([a["positions"]["issue"]["position"] for a in actors])
    stem = FsPath(file).stem
    data = {
        "id": stem,
        "title": stem,
        "issues": [{"id": "issue", "label": stem, "scale": {"min": lo, "max": hi}}],
        "actors": actors,
    }
    return Located(data, file, lines)
