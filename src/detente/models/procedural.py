"""EU legislative procedures as agenda-setter models, issue by issue [Steunenberg1994; Crombez1996].

The procedural models of EU decision making are one-dimensional and are applied to each issue of
a proposal separately, as in the DEU studies [SteunenbergSelck2006].  Roles come from the
scenario's ``decision`` section, per issue: the **Commission** is the ``agenda_setter``; the
**Council** is the set of actors in ``weights`` (its vote weights), deciding by ``qmv``
(``threshold``, optional ``count_threshold``), ``majority`` or ``unanimity``; the **Parliament** is
a veto player outside the Council (codecision).  Without ``weights``, under unanimity, the Council
is the veto players.

Notation on issue k: q the status quo (reversion point), x_i ideal points, x_C the Commission's.

Council win-set under QMV [Steunenberg1994, §3; Crombez1996, §2].  Member i prefers y to q iff
|y − x_i| < |q − x_i|, i.e. y lies between q and its *reach* r_i = 2 x_i − q.  To the right of q::

    W_Q⁺ = (q, r_p),  p = the member of largest reach such that the members with r_i ≥ r_p
                      hold ≥ T of the Council's weight (and ≥ the count share)            (1)

(the *pivot*), and symmetrically to the left; under unanimity T = 1, so p is the member with the
smallest reach.  The Council amends a proposal by unanimity, so a proposal survives only inside
the Council's unanimity set U = [min x_i, max x_i] [Crombez1996, Prop. 1].

* **Consultation** (Council QMV or unanimity, Parliament consulted only)::

      outcome = argmin_{y in cl(W_Q) ∩ U} |y − x_C|   if it is closer to x_C than q, else q   (2)

* **Codecision, Commission as setter** (``codecision="setter"``; Maastricht codecision as modelled
  by [Steunenberg1994; Crombez1997]): as (2) with the Parliament's interval W_EP = (q, 2 x_EP − q)
  added: y in cl(W_Q) ∩ cl(W_EP) ∩ U.
* **Codecision, conciliation** (``codecision="conciliation"``, the default; Amsterdam codecision
  [TsebelisGarrett2000]): the Commission loses its agenda power; the Council's pivot p (towards
  the Parliament) and the Parliament bargain in the conciliation committee over
  cl(W_Q) ∩ cl(W_EP), with the status quo as disagreement point::

      outcome = argmax_y  log((q − x_EP)² − (y − x_EP)²) + log((q − x_p)² − (y − x_p)²)       (3)

  (equal weights: the joint text needs both delegations' approval).

Assumptions
-----------
* Quadratic (or any symmetric single-peaked) loss on each issue; saliences do not matter in one
  dimension.  Ties: a pivot indifferent between the proposal and q accepts (cl(W)).
* ``procedure="auto"`` uses codecision where the issue has a veto player outside the Council and
  consultation elsewhere.  Rule ``single`` is not an EU procedure and is refused.
* The outcome is clipped to the issue's scale.

References
----------
[Steunenberg1994] Steunenberg, B. (1994). Decision making under different institutional
    arrangements: legislation by the European Community. JITE 150(4), 642–669.
[Crombez1996] Crombez, C. (1996). Legislative procedures in the European Community. BJPolS 26(2).
[Crombez1997] Crombez, C. (1997). The co-decision procedure in the European Union. LSQ 22(1).
[TsebelisGarrett2000] Tsebelis, G. & Garrett, G. (2000). Legislative politics in the European
    Union. European Union Politics 1(1), 9–36.
[SteunenbergSelck2006] Steunenberg, B. & Selck, T. J. (2006). Testing procedural models of EU
    legislative decision-making. In Thomson et al. (eds.), The European Union Decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from detente.decision import DecisionRule
from detente.errors import ModelInputError
from detente.params import params_as_dict
from detente.result import Result, static_result
from detente.scenario import Scenario

__all__ = ["ProceduralParams", "council_interval", "run"]

_Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ProceduralParams:
    """Parameters of the procedural models."""

    procedure: Literal["auto", "consultation", "codecision"] = "auto"
    """Which procedure: codecision where a veto player sits outside the Council ("auto")."""
    codecision: Literal["conciliation", "setter"] = "conciliation"
    """Codecision as Council–Parliament bargaining [TsebelisGarrett2000] or with the Commission
    as agenda setter [Steunenberg1994; Crombez1997]."""


@dataclass(frozen=True, slots=True)
class Council:
    """The Council on one issue: ideal points, weights and the share needed."""

    x: _Array
    w: _Array
    threshold: float
    strict: bool = False
    count: float = 0.0


def _side(c: Council, q: float, sign: float) -> tuple[float, int | None]:
    """Reach of the pivot on one side of q (q itself if no decisive set) and its index."""
    on_side = np.flatnonzero(sign * (c.x - q) > 0)
    reach = 2.0 * c.x[on_side] - q
    order = on_side[np.argsort(-sign * reach, kind="stable")]
    share = np.cumsum(c.w[order]) / c.w.sum()
    count = np.arange(1, len(order) + 1) / len(c.x)
    ok = (share > c.threshold + 1e-12) if c.strict else (share >= c.threshold - 1e-12)
    ok &= count >= c.count - 1e-12
    if not ok.any():
        return q, None
    p = int(order[int(np.argmax(ok))])
    return float(2.0 * c.x[p] - q), p


def council_interval(c: Council, q: float) -> tuple[float, float, int | None, int | None]:
    """cl(W_Q(q)) as [lo, hi] (eq. 1), with the left and right pivots (indices into ``c.x``)."""
    lo, p_lo = _side(c, q, -1.0)
    hi, p_hi = _side(c, q, 1.0)
    return lo, hi, p_lo, p_hi


def _field(scenario: Scenario, issue: str, key: str) -> str:
    """Where the scenario sets ``key`` of an issue's rule: its own block, else the section's."""
    own = scenario.decision.issues.get(issue) if scenario.decision else None
    return f"decision.issues.{issue}.{key}" if getattr(own, key, None) else f"decision.{key}"


def _council(scenario: Scenario, rule: DecisionRule, k: int) -> tuple[list[int], Council]:
    ids = scenario.actor_ids
    members = [ids.index(a) for a in (rule.weights or {})] or [
        ids.index(v) for v in rule.veto or ()
    ]
    issue = scenario.issues[k].id
    if not members:
        raise ModelInputError(
            f"issue {issue}: model procedural needs the Council's votes (or veto players)",
            field=_field(scenario, issue, "weights"),
        )
    x = scenario.positions()[members, k]
    w = np.array([(rule.weights or {}).get(ids[i], 1.0) for i in members])
    if rule.rule == "unanimity":
        return members, Council(x, w, 1.0)
    if rule.rule == "majority":
        return members, Council(x, w, 0.5, True)
    if rule.rule == "qmv":
        return members, Council(x, w, rule.threshold or 1.0, False, rule.count_threshold or 0.0)
    raise ModelInputError(
        f"issue {issue}: rule {rule.rule} is not an EU procedure (model procedural takes qmv, "
        "unanimity or majority)",
        field=_field(scenario, issue, "rule"),
    )


def _closest(target: float, lo: float, hi: float, q: float) -> float:
    if lo > hi:
        return q
    y = min(max(target, lo), hi)
    return y if abs(y - target) < abs(q - target) - 1e-12 else q


def _nbs(a: float, b: float, q: float, lo: float, hi: float) -> float:
    """Eq. (3): the NBS of two players with ideals a and b over [lo, hi], disagreement q."""
    from scipy.optimize import minimize_scalar  # imported here: keeps `detente --version` fast

    if hi - lo <= 1e-12:
        return q

    def neg(y: float) -> float:
        ga, gb = (q - a) ** 2 - (y - a) ** 2, (q - b) ** 2 - (y - b) ** 2
        return float(-np.log(max(ga, 1e-300)) - np.log(max(gb, 1e-300)))

    return float(
        minimize_scalar(neg, bounds=(lo, hi), method="bounded", options={"xatol": 1e-10}).x
    )


def _issue(scenario: Scenario, k: int, params: ProceduralParams) -> tuple[float, dict[str, Any]]:
    issue = scenario.issues[k]
    rule = scenario.decision.for_issue(issue.id) if scenario.decision else None
    if rule is None or issue.status_quo is None:
        raise ModelInputError(
            "model procedural needs a decision section: the Council's rule and votes and the "
            "agenda setter (see the scenario format)",
            field="decision",
        )
    q, ids, x = issue.status_quo, scenario.actor_ids, scenario.positions()[:, k]
    members, council = _council(scenario, rule, k)
    outside = [ids.index(v) for v in rule.veto or () if ids.index(v) not in members]
    procedure = params.procedure
    if procedure == "auto":
        procedure = "codecision" if outside else "consultation"
    if procedure == "codecision" and not outside:
        raise ModelInputError(
            f"issue {issue.id}: codecision needs a veto player outside the Council",
            field=_field(scenario, issue.id, "veto"),
        )
    lo, hi, p_lo, p_hi = council_interval(council, q)
    u_lo, u_hi = float(council.x.min()), float(council.x.max())
    info: dict[str, Any] = {"issue": issue.id, "procedure": procedure, "council_interval": [lo, hi]}
    if procedure == "codecision":
        ep = x[outside[0]]
        reach = 2 * ep - q
        lo, hi = max(lo, min(q, reach)), min(hi, max(q, reach))
        info["parliament"] = ids[outside[0]]
        if params.codecision == "conciliation":
            p = p_hi if ep > q else p_lo
            if p is None:
                return q, info
            info["pivot"] = ids[members[p]]
            return _nbs(ep, float(council.x[p]), q, lo, hi), info
    if rule.agenda_setter is None:
        raise ModelInputError(
            f"issue {issue.id}: model procedural needs an agenda setter",
            field=_field(scenario, issue.id, "agenda_setter"),
        )
    info["agenda_setter"] = rule.agenda_setter
    y = _closest(x[ids.index(rule.agenda_setter)], max(lo, u_lo), min(hi, u_hi), q)
    return y, info


def run(scenario: Scenario, params: ProceduralParams | None = None) -> Result:
    """Forecast each issue by its EU procedure (see the module docstring)."""
    params = params or ProceduralParams()
    outcomes = [_issue(scenario, k, params) for k in range(len(scenario.issues))]
    bounds = scenario.bounds()
    forecast = [float(np.clip(y, *bounds[k])) for k, (y, _) in enumerate(outcomes)]
    sq = [float(v) for v in scenario.status_quo()]
    return static_result(
        "procedural",
        params_as_dict(params),
        scenario,
        tuple(forecast),
        {
            "agreement": any(abs(f - s) > 1e-9 for f, s in zip(forecast, sq, strict=True)),
            "status_quo": sq,
            "procedures": [info for _, info in outcomes],
        },
    )
