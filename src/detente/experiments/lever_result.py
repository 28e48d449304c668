"""The result of a lever search: per actor (or pair) and field, the change that reaches a target.

JSON form (``detente levers --json``)::

    {"model", "params", "seed", "version", "scenario": {"id", "title", "sha256"},
     "kind": "levers", "issue", "target", "tolerance", "forecast", "draws",
     "baseline_probability", "search": {"actors" (null: all), "fields", "pairs"},
     "levers": [{"actors", "field", "issue", "before", "after", "change", "forecast", "reached",
                 "method", "resolution", "probability", "description"}, ...]}
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from detente.result import Provenance, dumps_json
from detente.uncertainty import FIELDS

__all__ = ["Lever", "LeversResult"]


def _fmt(v: float) -> str:
    return f"{v:.4g}" if abs(v) < 1e4 else f"{v:.0f}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Lever:
    """A change of one field of one or two actors and the forecast it gives on the issue.

    ``before`` and ``after`` are the field's values (per actor) in the scenario's own units;
    ``change`` is the largest absolute change among the actors moved; ``reached`` says whether the
    forecast is within the tolerance of the target (if not, ``after`` is the closest it gets).
    ``method`` is ``"closed form"`` or ``"search"`` (then ``resolution`` is the step in the field's
    units to which ``after`` is known).  ``probability`` is the share of uncertain draws in which
    the change takes the forecast to or past the target (None without draws).
    """

    actors: tuple[str, ...]
    field: str
    issue: str
    before: tuple[float, ...]
    after: tuple[float, ...]
    change: float
    forecast: float
    reached: bool
    method: str
    resolution: float
    probability: float | None = None

    def describe(self) -> str:
        """The change in words, e.g. ``PRK salience on sequencing from 95 to 70``."""
        who = " and ".join(self.actors)
        on = "" if self.field == "capability" else f" on {self.issue}"
        before = " and ".join(_fmt(v) for v in self.before)
        after = " and ".join(_fmt(v) for v in self.after)
        text = f"{who} {self.field}{on} from {before} to {after}"
        if not self.reached:
            text = f"cannot reach it; closest: {text} gives {_fmt(self.forecast)}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data, with the description."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["actors"], d["before"], d["after"] = (
            list(self.actors),
            *map(list, (self.before, self.after)),
        )
        d["description"] = self.describe()
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Lever:
        """Inverse of :meth:`to_dict`."""
        kw = {f.name: d[f.name] for f in fields(cls)}
        kw["actors"] = tuple(d["actors"])
        kw["before"] = tuple(float(v) for v in d["before"])
        kw["after"] = tuple(float(v) for v in d["after"])
        kw["forecast"] = math.nan if d["forecast"] is None else float(d["forecast"])
        return cls(**kw)


@dataclass(frozen=True, slots=True, kw_only=True)
class LeversResult:
    """Every lever searched, reachable ones first, smallest change (relative to the scale) first."""

    provenance: Provenance
    issue: str
    target: float
    tolerance: float
    forecast: float
    levers: tuple[Lever, ...]
    draws: int = 0
    baseline_probability: float | None = None
    searched_actors: tuple[str, ...] | None = None
    """The actors whose fields were searched (None: all)."""
    searched_fields: tuple[str, ...] = FIELDS
    pairs: bool = False
    """Whether two actors' same field moved at once."""

    def __repr__(self) -> str:
        p, n = self.provenance, sum(lv.reached for lv in self.levers)
        return (
            f"LeversResult(model={p.model!r}, scenario={p.scenario_id!r}, issue={self.issue!r}, "
            f"forecast={self.forecast:.4g} → target={self.target:g}, {n}/{len(self.levers)} reach)"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form as plain data (see the module docstring)."""
        return {
            **self.provenance.to_dict(),
            "kind": "levers",
            "issue": self.issue,
            "target": self.target,
            "tolerance": self.tolerance,
            "forecast": self.forecast,
            "draws": self.draws,
            "baseline_probability": self.baseline_probability,
            "search": {
                "actors": None if self.searched_actors is None else list(self.searched_actors),
                "fields": list(self.searched_fields),
                "pairs": self.pairs,
            },
            "levers": [lv.to_dict() for lv in self.levers],
        }

    def to_json(self, indent: int | None = None) -> str:
        """The JSON form as text (NaN written as null)."""
        return dumps_json(self.to_dict(), indent)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LeversResult:
        """Inverse of :meth:`to_dict`."""
        levers = tuple(Lever.from_dict(x) for x in d["levers"])
        search = d.get("search") or {}  # runs stored before the search was recorded have none
        actors = search.get("actors")
        return cls(
            provenance=Provenance.from_dict(d),
            issue=d["issue"],
            target=float(d["target"]),
            tolerance=float(d["tolerance"]),
            forecast=float(d["forecast"]),
            levers=levers,
            draws=d["draws"],
            baseline_probability=d["baseline_probability"],
            searched_actors=None if actors is None else tuple(actors),
            searched_fields=tuple(search.get("fields", FIELDS)),
            pairs=bool(search.get("pairs", False)),
        )

    @classmethod
    def from_json(cls, text: str) -> LeversResult:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per lever."""
        import pandas as pd

        rows = []
        for lv in self.levers:
            d = lv.to_dict()
            d["actors"] = "+".join(lv.actors)
            d["before"] = " / ".join(_fmt(v) for v in lv.before)
            d["after"] = " / ".join(_fmt(v) for v in lv.after)
            rows.append(d)
        return pd.DataFrame.from_records(rows)
