"""Cross-field checks of a native document, run on the raw data.

They report alongside the field errors: duplicate ids, missing or unknown issues in positions,
values off an issue's scale.
"""

from __future__ import annotations

import math
from typing import Any

from detente.errors import Problem
from detente.io.context import context_problems
from detente.io.decision import decision_checks
from detente.io.games import game_problems
from detente.io.located import FieldPath, Located
from detente.io.negotiation import negotiation_problems

__all__ = ["cross_checks"]


def _num(x: Any) -> float | None:
    if isinstance(x, bool):
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _dicts(doc: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = doc.get(key)
    if not isinstance(items, list):
        return []
    return [(i, x) for i, x in enumerate(items) if isinstance(x, dict)]


def _duplicates(doc: Located, key: str, what: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, item in _dicts(doc.data, key):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        ident = ident.strip()
        if ident in seen:
            out.append(
                doc.problem(
                    (key, i, "id"), f"duplicate {what} id {ident!r} (also {key}[{seen[ident]}])"
                )
            )
        else:
            seen[ident] = i
    return out


def _scales(doc: Located) -> dict[str, tuple[float, float]]:
    scales: dict[str, tuple[float, float]] = {}
    for _, issue in _dicts(doc.data, "issues"):
        scale = issue.get("scale", {})
        scale = scale if isinstance(scale, dict) else {}
        lo, hi = _num(scale.get("min", 0.0)), _num(scale.get("max", 100.0))
        if isinstance(issue.get("id"), str) and lo is not None and hi is not None:
            scales[issue["id"].strip()] = (lo, hi)
    return scales


def _issue_problems(doc: Located) -> list[Problem]:
    out = []
    for k, issue in _dicts(doc.data, "issues"):
        lo_hi = _scales(doc).get(str(issue.get("id", "")).strip())
        if lo_hi is None:
            continue
        lo, hi = lo_hi
        if not hi > lo:
            out.append(
                doc.problem(("issues", k, "scale"), f"scale max ({hi:g}) must exceed min ({lo:g})")
            )
        elif not math.isfinite(hi - lo):
            out.append(doc.problem(("issues", k, "scale"), f"scale [{lo:g}, {hi:g}] is too wide"))
        sq = _num(issue.get("status_quo"))
        if sq is not None and not lo <= sq <= hi:
            out.append(
                doc.problem(
                    ("issues", k, "status_quo"),
                    f"status quo {sq:g} is outside the scale [{lo:g}, {hi:g}]",
                )
            )
    return out


def _actor_problems(doc: Located) -> list[Problem]:
    scales = _scales(doc)
    out = []
    for i, actor in _dicts(doc.data, "actors"):
        positions = actor.get("positions")
        if not isinstance(positions, dict):
            continue
        for issue_id in scales:
            if issue_id not in positions:
                out.append(
                    doc.problem(
                        ("actors", i, "positions"),
                        f"actor {actor.get('id')!s} has no position on issue {issue_id!r}",
                    )
                )
        for key, stance in positions.items():
            if key not in scales:
                known = ", ".join(scales) or "none"
                out.append(
                    doc.problem(
                        ("actors", i, "positions", key), f"unknown issue {key!r} (issues: {known})"
                    )
                )
                continue
            lo, hi = scales[key]
            pos = _num(_value(stance.get("position"))) if isinstance(stance, dict) else None
            if pos is not None and not lo <= pos <= hi:
                out.append(
                    doc.problem(
                        ("actors", i, "positions", key, "position"),
                        f"position {pos:g} is outside the issue's scale [{lo:g}, {hi:g}]",
                    )
                )
    return out


def _value(x: Any) -> Any:
    """The value of a number-or-range field (``{value, low, high}``)."""
    return x.get("value") if isinstance(x, dict) else x


def _range_problem(
    doc: Located, path: FieldPath, limits: tuple[float, float, bool]
) -> list[Problem]:
    """Low ≤ value ≤ high, and the range inside ``(lo, hi, lo_open)``, for a range at ``path``."""
    node: Any = doc.data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return []
    if not isinstance(node, dict):
        return []
    low, value, high = (_num(node.get(k)) for k in ("low", "value", "high"))
    if low is None or value is None or high is None:
        return []
    if not low <= value <= high:
        return [doc.problem(path, f"needs low ≤ value ≤ high, got {low:g} ≤ {value:g} ≤ {high:g}")]
    lo, hi, lo_open = limits
    if lo_open and low <= lo:
        return [doc.problem(path, f"range low must be > {lo:g}, got {low:g}")]
    if low < lo or high > hi:
        return [doc.problem(path, f"range [{low:g}, {high:g}] is outside [{lo:g}, {hi:g}]")]
    return []


def _ranges(doc: Located) -> list[Problem]:
    """Problems of every ``{value, low, high}`` range of positions, saliences and capabilities."""
    scales = _scales(doc)
    out: list[Problem] = []
    for i, actor in _dicts(doc.data, "actors"):
        out += _range_problem(doc, ("actors", i, "capability"), (0.0, math.inf, True))
        positions = actor.get("positions")
        for key, stance in positions.items() if isinstance(positions, dict) else []:
            if isinstance(stance, dict) and key in scales:
                base = ("actors", i, "positions", key)
                out += _range_problem(doc, (*base, "position"), (*scales[key], False))
                out += _range_problem(doc, (*base, "salience"), (0.0, 100.0, False))
    return out


def cross_checks(doc: Located) -> list[Problem]:
    """All cross-field problems of ``doc`` (an empty list when there are none)."""
    if not isinstance(doc.data, dict):
        return []
    return (
        _duplicates(doc, "actors", "actor")
        + _duplicates(doc, "issues", "issue")
        + _issue_problems(doc)
        + _actor_problems(doc)
        + decision_checks(doc)
        + _ranges(doc)
        + context_problems(doc)
        + negotiation_problems(doc, _scales(doc))
        + game_problems(doc)
    )
