"""The ``decision`` section of a native document: located checks and the core object.

The field rules (rule names, thresholds in (0, 1], positive weights) are in the pydantic schema
(:mod:`detente.io.schema`); the checks here need the rest of the document: actor and issue ids,
the status quo of every issue (the reversion point) and the veto players' saliences.  Each problem
is located at the field that causes it; an override's inherited fields are reported once, at the
scenario-wide block.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from detente.decision import Decision, DecisionRule
from detente.errors import Problem
from detente.io.located import FieldPath, Located
from detente.io.schema import DecisionDoc, DecisionRuleDoc

__all__ = ["decision_checks", "decision_from_doc"]


def _rule(d: DecisionRuleDoc) -> DecisionRule:
    return DecisionRule(
        rule=d.rule,
        veto=None if d.veto is None else tuple(d.veto),
        weights=None if d.weights is None else dict(d.weights),
        threshold=d.threshold,
        count_threshold=d.count_threshold,
        agenda_setter=d.agenda_setter,
        rationale=d.rationale,
    )


def decision_from_doc(doc: DecisionDoc | None) -> Decision | None:
    """The core Decision of a validated section (None when the file has none)."""
    if doc is None:
        return None
    return Decision(_rule(doc), {k: _rule(r) for k, r in doc.issues.items()})


def _ids(data: dict[str, Any], key: str) -> list[str]:
    items = data.get(key)
    items = items if isinstance(items, list) else []
    return [x["id"].strip() for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)]


def _salience(actor: dict[str, Any], issue: str) -> float | None:
    stance = (actor.get("positions") or {}).get(issue)
    value = stance.get("salience") if isinstance(stance, dict) else None
    return float(value) if isinstance(value, (int, float)) else None


def _block_problems(
    decision: Decision, actors: tuple[str, ...], issues: list[str]
) -> list[tuple[FieldPath, str]]:
    """(path, message) of the scenario-wide block and of each override (own fields only)."""
    out: list[tuple[FieldPath, str]] = [
        (("decision", *p), m) for p, m in decision.default.problems(actors)
    ]
    inherited = set(out)
    for key, override in decision.issues.items():
        if key not in issues:
            out.append((("decision", "issues", key), f"unknown issue {key!r}"))
            continue
        for p, m in override.over(decision.default).problems(actors):
            if (("decision", *p), m) in inherited:
                continue
            own = getattr(override, str(p[0])) is not None
            out.append((("decision", "issues", key, *(p if own else ())), m))
    return out


def _veto_problems(doc: Located, decision: Decision, issues: list[str]) -> list[Problem]:
    actors = {
        a["id"].strip(): a
        for a in doc.data.get("actors", [])
        if isinstance(a, dict) and isinstance(a.get("id"), str)
    }
    out = []
    for k, issue in enumerate(doc.data.get("issues", [])):
        if isinstance(issue, dict) and issue.get("status_quo") is None:
            msg = "no status_quo: the decision section needs one on every issue (reversion point)"
            out.append(doc.problem(("issues", k, "status_quo"), msg))
    for issue in issues:
        own = decision.issues.get(issue, DecisionRule()).veto is not None
        base: FieldPath = ("decision", "issues", issue, "veto") if own else ("decision", "veto")
        for j, v in enumerate(decision.for_issue(issue).veto or ()):
            if v in actors and _salience(actors[v], issue) == 0:
                msg = f"veto player {v} has no position on issue {issue} (salience 0)"
                out.append(doc.problem((*base, j), msg))
    return out


def decision_checks(doc: Located) -> list[Problem]:
    """Problems of the decision section that need the rest of the document."""
    raw = doc.data.get("decision") if isinstance(doc.data, dict) else None
    if raw is None:
        return []
    try:
        section = DecisionDoc.model_validate(raw)
    except ValidationError:  # field errors are reported by the schema
        return []
    decision = Decision(_rule(section), {k: _rule(r) for k, r in section.issues.items()})
    actors, issues = tuple(_ids(doc.data, "actors")), _ids(doc.data, "issues")
    located = [doc.problem(p, m) for p, m in _block_problems(decision, actors, issues)]
    return located + _veto_problems(doc, decision, issues)
