"""Decision rules: who must consent to move an issue away from its status quo.

A scenario's optional ``decision`` section names the rule by which its collective decision is
taken [Tsebelis2002]:

* ``unanimity`` — every listed veto player must prefer the outcome to the status quo;
* ``qmv`` — a qualified majority: the supporters' share of the voting weight is at least
  ``threshold`` (and, if given, their share of the voters at least ``count_threshold``, as in the
  EU Council's double majority), plus every veto player;
* ``majority`` — the supporters hold strictly more than half the voting weight, plus every veto
  player;
* ``single`` — one actor (the only veto player) decides alone.

Voters are the actors listed in ``weights`` (their voting weights, e.g. Council votes); without
``weights`` every actor votes with its capability as weight.  ``agenda_setter`` is the actor that
makes the take-it-or-leave-it proposal [Romer1978; Tsebelis2002].  The reversion point is each
issue's status quo, so a scenario with a decision section needs one on every issue.

A rule stated at the top of the section applies to every issue; ``issues: {id: {...}}`` overrides
any of its fields for one issue (fields left out are inherited).  :meth:`Decision.for_issue`
resolves them.

References
----------
[Tsebelis2002] Tsebelis, G. (2002). Veto Players: How Political Institutions Work.
[Romer1978] Romer, T. & Rosenthal, H. (1978). Political resource allocation, controlled agendas,
    and the status quo. Public Choice 33(4), 27–43.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

__all__ = ["RULES", "Decision", "DecisionRule", "Rule"]

Rule = Literal["unanimity", "qmv", "majority", "single"]
RULES: tuple[Rule, ...] = ("unanimity", "qmv", "majority", "single")
_FIELDS = (
    "rule",
    "veto",
    "weights",
    "threshold",
    "count_threshold",
    "agenda_setter",
    "rationale",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionRule:
    """One block of the decision section; a field left as None is inherited (overrides)."""

    rule: Rule | None = None
    veto: tuple[str, ...] | None = None
    weights: Mapping[str, float] | None = None
    threshold: float | None = None
    count_threshold: float | None = None
    agenda_setter: str | None = None
    rationale: str = ""

    def __post_init__(self) -> None:
        if self.rule is not None and self.rule not in RULES:
            raise ValueError(f"decision rule must be one of {', '.join(RULES)}, got {self.rule!r}")
        for name in ("threshold", "count_threshold"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and 0.0 < value <= 1.0):
                raise ValueError(f"decision {name} must be in (0, 1], got {value}")
        for actor, w in (self.weights or {}).items():
            if not (math.isfinite(w) and w > 0):
                raise ValueError(f"decision weight of {actor} must be > 0, got {w}")

    def over(self, base: DecisionRule) -> DecisionRule:
        """The block with every field it leaves as None taken from ``base``."""
        rule = self.rule or base.rule
        names: tuple[str, ...] = ("veto", "weights", "agenda_setter")
        if rule == "qmv":  # thresholds of another rule are not inherited
            names += ("threshold", "count_threshold")
        changes = {n: getattr(base, n) for n in names if getattr(self, n) is None}
        return replace(self, rule=rule, rationale=self.rationale or base.rationale, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The block as in the scenario file (fields left as None are left out)."""
        out: dict[str, Any] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if value is not None and value != "":
                out[name] = (
                    list(value) if name == "veto" else dict(value) if name == "weights" else value
                )
        return out

    def problems(self, actor_ids: tuple[str, ...]) -> list[tuple[tuple[str | int, ...], str]]:
        """What is wrong with this block once resolved: (field path, message) pairs."""
        known = set(actor_ids)
        named: list[tuple[tuple[str | int, ...], str]] = [
            *((("veto", j), a) for j, a in enumerate(self.veto or ())),
            *((("weights", a), a) for a in self.weights or {}),
            *([(("agenda_setter",), self.agenda_setter)] if self.agenda_setter else []),
        ]
        out = [(path, f"unknown actor {a!r}") for path, a in named if a not in known]
        if self.rule == "unanimity" and not self.veto:
            out.append((("veto",), "rule unanimity needs at least one veto player"))
        if self.rule == "single" and len(self.veto or ()) != 1:
            out.append((("veto",), "rule single needs exactly one veto player: who decides"))
        if self.rule == "qmv" and self.threshold is None:
            out.append((("threshold",), "rule qmv needs a threshold (share of voting weight)"))
        for name in ("threshold", "count_threshold"):
            if self.rule != "qmv" and getattr(self, name) is not None:
                out.append(((name,), f"applies only to rule qmv, not {self.rule}"))
        return out


@dataclass(frozen=True, slots=True)
class Decision:
    """The decision section: a scenario-wide rule and per-issue overrides."""

    default: DecisionRule
    issues: Mapping[str, DecisionRule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.default.rule is None:
            raise ValueError("the decision section needs a rule")

    def for_issue(self, issue_id: str) -> DecisionRule:
        """The resolved rule of one issue (override over the scenario-wide block)."""
        override = self.issues.get(issue_id)
        return self.default if override is None else override.over(self.default)

    def to_dict(self) -> dict[str, Any]:
        """The section as in the scenario file."""
        out = self.default.to_dict()
        if self.issues:
            out["issues"] = {k: r.to_dict() for k, r in self.issues.items()}
        return out

    def check(self, actor_ids: tuple[str, ...], issue_ids: tuple[str, ...]) -> None:
        """Raise ValueError naming the first problem of any issue's resolved rule."""
        for key in self.issues:
            if key not in issue_ids:
                raise ValueError(f"decision override for unknown issue {key!r}")
        for k in issue_ids:
            for path, problem in self.for_issue(k).problems(actor_ids):
                raise ValueError(f"decision on issue {k}: {path[0]}: {problem}")
