"""The result of a sensitivity analysis: ranked inputs per issue, with provenance and a JSON form.

JSON form (``detente sensitivity --json``)::

    {"model", "params", "seed", "version", "scenario": {"id", "title", "sha256"},
     "kind": "sensitivity", "method", "samples", "runs", "group", "columns": [...],
     "base": {issue: forecast}, "ranges": {input: [low, high]},
     "rows": [{"issue", "input", "rank", column: value, ...}, ...]}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detente.result import Provenance, dumps_json

__all__ = ["SensitivityResult", "SensitivityRow"]


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    """One input (or group) on one issue: its rank there and its values in the result's columns."""

    issue: str
    input: str
    rank: int
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SensitivityResult:
    """Inputs ranked per issue by Sobol ST, Morris mu_star or the tornado's swing."""

    provenance: Provenance
    method: str
    samples: int
    runs: int
    group: str | None
    columns: tuple[str, ...]
    base: Mapping[str, float]
    ranges: Mapping[str, tuple[float, float]]
    rows: tuple[SensitivityRow, ...]

    def __repr__(self) -> str:
        p = self.provenance
        return (
            f"SensitivityResult({self.method}, model={p.model!r}, scenario={p.scenario_id!r}, "
            f"issues={list(self.base)}, runs={self.runs}, seed={p.seed})"
        )

    def ranking(self, issue: str) -> tuple[SensitivityRow, ...]:
        """The rows of ``issue``, most influential first."""
        return tuple(r for r in self.rows if r.issue == issue)

    def value(self, issue: str, name: str, column: str) -> float:
        """The value of ``column`` (e.g. ``"ST"``) for input ``name`` on ``issue``."""
        j = self.columns.index(column)
        return next(r.values[j] for r in self.rows if r.issue == issue and r.input == name)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form as plain data (see the module docstring)."""
        return {
            **self.provenance.to_dict(),
            "kind": "sensitivity",
            "method": self.method,
            "samples": self.samples,
            "runs": self.runs,
            "group": self.group,
            "columns": list(self.columns),
            "base": dict(self.base),
            "ranges": {k: list(v) for k, v in self.ranges.items()},
            "rows": [
                {"issue": r.issue, "input": r.input, "rank": r.rank}
                | dict(zip(self.columns, r.values, strict=True))
                for r in self.rows
            ],
        }

    def to_json(self, indent: int | None = None) -> str:
        """The JSON form as text (NaN written as null)."""
        return dumps_json(self.to_dict(), indent)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SensitivityResult:
        """Inverse of :meth:`to_dict`."""
        cols = tuple(d["columns"])
        nan = float("nan")
        rows = tuple(
            SensitivityRow(
                r["issue"],
                r["input"],
                int(r["rank"]),
                tuple(nan if r[c] is None else float(r[c]) for c in cols),
            )
            for r in d["rows"]
        )
        ranges = {k: (float(v[0]), float(v[1])) for k, v in d["ranges"].items()}
        prov = Provenance.from_dict(d)
        return cls(
            provenance=prov,
            method=d["method"],
            samples=d["samples"],
            runs=d["runs"],
            group=d["group"],
            columns=cols,
            base=d["base"],
            ranges=ranges,
            rows=rows,
        )

    @classmethod
    def from_json(cls, text: str) -> SensitivityResult:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per issue × input: issue, input, rank and the columns."""
        import pandas as pd

        records = [
            {"issue": r.issue, "input": r.input, "rank": r.rank}
            | dict(zip(self.columns, r.values, strict=True))
            for r in self.rows
        ]
        return pd.DataFrame.from_records(records, columns=["issue", "input", "rank", *self.columns])
