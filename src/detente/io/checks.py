"""Cross-field checks of a native document, run on the raw data.

They report alongside the field errors: duplicate ids, missing or unknown issues in positions,
values off an issue's scale.
"""

from __future__ import annotations

import math
from typing import Any

from detente.errors import Problem
from detente.io.decision import decision_checks
from detente.io.located import Located

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
            pos = _num(stance.get("position")) if isinstance(stance, dict) else None
            if pos is not None and not lo <= pos <= hi:
                out.append(
                    doc.problem(
                        ("actors", i, "positions", key, "position"),
                        f"position {pos:g} is outside the issue's scale [{lo:g}, {hi:g}]",
                    )
                )
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
    )
