"""What changed between two stored runs: inputs (scenario, model, parameters) and forecasts.

Inputs are compared on the canonical scenario document (:func:`detente.canonical.scenario_to_dict`)
walked as a tree, lists of records keyed by their ``id`` (actors, issues, deadlines), so a change
reads ``actors[PRK].positions.sequencing.salience: 95 → 70`` whatever else the scenario holds.
Rationales and other prose are compared too but listed after the numbers.  Forecasts are compared
on each run's summary (``{issue: value}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detente.canonical import scenario_to_dict
from detente.scenario import Scenario
from detente.store.records import RunRecord

__all__ = ["Change", "RunDiff", "diff_runs", "diff_values"]


@dataclass(frozen=True, slots=True)
class Change:
    """One changed value: where (a dotted path), before and after (None: absent)."""

    path: str
    before: Any
    after: Any

    @property
    def delta(self) -> float | None:
        """``after - before`` for two numbers, else None (also for seeds and truth values)."""
        if self.path == "seed" or isinstance(self.before, bool) or isinstance(self.after, bool):
            return None  # a seed is a name, not a quantity
        num = (int, float)
        both = isinstance(self.before, num) and isinstance(self.after, num)
        return float(self.after) - float(self.before) if both else None


@dataclass(frozen=True, slots=True)
class RunDiff:
    """Changes from run ``a`` to run ``b``: run settings, scenario inputs and forecasts."""

    a: int
    b: int
    settings: tuple[Change, ...]
    inputs: tuple[Change, ...]
    forecasts: tuple[Change, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data: each change as ``{"path", "before", "after", "delta"}``."""

        def rows(changes: tuple[Change, ...]) -> list[dict[str, Any]]:
            return [
                {"path": c.path, "before": c.before, "after": c.after, "delta": c.delta}
                for c in changes
            ]

        return {
            "a": self.a,
            "b": self.b,
            "settings": rows(self.settings),
            "inputs": rows(self.inputs),
            "forecasts": rows(self.forecasts),
        }


def diff_runs(
    a: RunRecord, b: RunRecord, scenario_a: Scenario | None, scenario_b: Scenario | None
) -> RunDiff:
    """The changes from run ``a`` to run ``b`` (given the scenarios they ran on, if any)."""
    settings = {"kind": a.kind, "model": a.model, "seed": a.seed, "params": dict(a.params)}
    after = {"kind": b.kind, "model": b.model, "seed": b.seed, "params": dict(b.params)}
    doc_a = scenario_to_dict(scenario_a) if scenario_a is not None else {}
    doc_b = scenario_to_dict(scenario_b) if scenario_b is not None else {}
    inputs = diff_values(doc_a, doc_b)
    numeric = [c for c in inputs if c.delta is not None]
    prose = [c for c in inputs if c.delta is None]
    return RunDiff(
        a=a.id,
        b=b.id,
        settings=tuple(diff_values(settings, after)),
        inputs=tuple(numeric + prose),
        forecasts=tuple(diff_values(dict(a.summary or {}), dict(b.summary or {}), keep=True)),
    )


def diff_values(before: Any, after: Any, path: str = "", *, keep: bool = False) -> list[Change]:
    """Every leaf that differs between two plain-data trees (``keep``: list equal leaves too)."""
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        out: list[Change] = []
        for key in list(before) + [k for k in after if k not in before]:
            sub = f"{path}{key}" if str(key).startswith("[") or not path else f"{path}.{key}"
            out += diff_values(before.get(key), after.get(key), sub, keep=keep)
        return out
    if _records(before) and _records(after):
        return diff_values(_by_id(before), _by_id(after), path, keep=keep)
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        out = []
        for i, (x, y) in enumerate(zip(before, after, strict=True)):
            out += diff_values(x, y, f"{path}[{i}]", keep=keep)
        return out
    if before == after and not keep:
        return []
    return [Change(path, _plain(before), _plain(after))]


def _records(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, Mapping) and "id" in v for v in value)
    )


def _by_id(records: list[Mapping[str, Any]]) -> dict[str, Any]:
    return {f"[{r['id']}]": {k: v for k, v in r.items() if k != "id"} for r in records}


def _plain(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
