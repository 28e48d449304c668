"""Veto players' win-set of the status quo, and the point chosen from it [Tsebelis2002].

The decision rule comes from the scenario's ``decision`` section (see
``docs/reference/scenario-format.md``); without one, every actor that cares about some issue is a
veto player (unanimity, the assumption of the Nash model).  With the quadratic, salience-weighted
spatial utilities of the Nash model, eq. (1) of :mod:`detente.winsets`, the win-set of the status
quo q0 is::

    W(q0) = ∪_{decisive C} ∩_{i in C} { z : u_i(z) > u_i(q0) }                       (Tsebelis 2002)

* **Empty win-set** → the forecast is the status quo, ``agreement: false``, and ``blocking`` names
  each veto player whose consent alone closes it (the absorbing status quo of [Tsebelis2002]).
* **Agenda setter** s (the same actor on every issue): the forecast is s's most preferred point of
  the closure of W, ``max u_s(z) s.t. u_i(z) ≥ u_i(q0) for i in C`` [Romer1978; Tsebelis2002]; in
  one dimension this is the procedural models' outcome: s's ideal if the pivot accepts it,
  otherwise the pivot's indifference point 2 x_pivot − q0 [Steunenberg1994; Crombez1996;
  TsebelisGarrett2000].  If s prefers q0 to every point of W, the forecast is q0 (no agreement).
* **No agenda setter**: the asymmetric Nash bargaining solution among the veto players with q0 as
  disagreement point, ``max Σ_i w_i log(u_i(z) − u_i(q0))`` over W, w_i = c_i / Σ c (or 1/n)
  [Nash1950; Kalai1977].

An agreement that changes several issues needs the consent required on each issue it changes;
with per-issue rules, the setter picks the best package over every set of issues it can move, and
without a setter the package moves the largest set of issues that has a non-empty win-set.

Assumptions
-----------
* Strict preference: an indifferent actor does not support a change (a veto player at the status
  quo blocks it).  Points on the boundary of W (an indifferent pivot) are taken as accepted, the
  usual tie rule of agenda-setter models.
* Existence is decided exactly for unanimity (a linear programme) and for votes in one or two
  dimensions; votes over three or more issues search a fixed set of 2,048+ directions
  (``win_set.exact`` is false then).  The setter's decisive set under a vote is searched among
  the supporter sets of the 8 directions best for the setter, pruned to minimal decisive sets.

References
----------
[Tsebelis2002] Tsebelis, G. (2002). Veto Players: How Political Institutions Work.
[Romer1978] Romer, T. & Rosenthal, H. (1978). Political resource allocation, controlled agendas,
    and the status quo. Public Choice 33(4).
[Steunenberg1994] Steunenberg, B. (1994). Decision making under different institutional
    arrangements: legislation by the European Community. JITE 150(4).
[Crombez1996] Crombez, C. (1996). Legislative procedures in the European Community. BJPolS 26(2).
[TsebelisGarrett2000] Tsebelis, G. & Garrett, G. (2000). Legislative politics in the European
    Union. European Union Politics 1(1).
[Nash1950; Kalai1977] see :mod:`detente.models.nash`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from detente.batch import BatchForecast, DrawInputs, apply_draw
from detente.errors import ModelInputError
from detente.params import params_as_dict
from detente.result import Result, static_result
from detente.scenario import Scenario
from detente.selection import Choice, select
from detente.spatial import from_unit, to_unit
from detente.winsets import Group, blockers, gradients, groups, zones

__all__ = ["WinsetParams", "run", "run_batch", "solve", "status_quo_unit"]

_Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class WinsetParams:
    """Parameters of the win-set model."""

    power: Literal["capability", "equal"] = "capability"
    """Bargaining powers in the NBS among veto players: capability shares [Kalai1977] or equal
    [Nash1950] (as in the Nash model)."""


def status_quo_unit(scenario: Scenario, model: str) -> _Array:
    """The status quo on the unit scale; ModelInputError naming the issues that lack one."""
    sq = scenario.status_quo()
    missing = [i.id for i, v in zip(scenario.issues, sq, strict=True) if np.isnan(v)]
    if missing:
        k = scenario.issue_ids.index(missing[0])
        raise ModelInputError(
            f"model {model} needs a status quo (the reversion point) on every issue; "
            f"{missing[0]} has none",
            field=f"issues[{k}].status_quo",
        )
    out: _Array = to_unit(sq[None, :], scenario.bounds())[0]
    return out


def _setter(grps: tuple[Group, ...]) -> int | None:
    setters = {grp.req.setter for grp in grps}
    return setters.pop() if len(setters) == 1 else None


def solve(
    q: _Array, a: _Array, w: _Array, z0: _Array, grps: tuple[Group, ...]
) -> tuple[Choice | None, dict[str, Any]]:
    """The chosen point (None: the status quo stays) and how it was found, in actor indices."""
    g = gradients(q, a, z0)
    setter = _setter(grps)
    found = (
        list(zones(g, z0, grps))
        if setter is not None
        else [*itertools.islice(zones(g, z0, grps), 1)]
    )
    info: dict[str, Any] = {"nonempty": bool(found), "exact": all(zn.exact for zn in found)}
    if not found:
        info["blocking"] = blockers(g, z0, grps)
        return None, info
    if setter is None:
        return select(found[0], q, a, w, z0, None), info
    choices = [select(zn, q, a, w, z0, setter) for zn in found]
    utility = [-(a[setter] * (c.z - q[setter]) ** 2).sum() for c in choices]
    best = int(np.argmax(utility))
    if utility[best] <= -(a[setter] * (z0 - q[setter]) ** 2).sum() + 1e-12:
        info["setter_prefers_status_quo"] = True
        return None, info
    return choices[best], info


def _explain(scenario: Scenario, choice: Choice | None, info: dict[str, Any]) -> dict[str, Any]:
    ids = scenario.actor_ids
    out = {"nonempty": info["nonempty"], "exact": info["exact"]}
    if choice is not None:
        sq = to_unit(scenario.status_quo()[None, :], scenario.bounds())[0]
        moved = np.abs(choice.z - sq) > 1e-9
        out["issues_moved"] = [k for k, m in zip(scenario.issue_ids, moved, strict=True) if m]
        out["coalition"] = [ids[i] for i in choice.coalition]
        out["reason"] = "agreement inside the win-set"
    elif info.get("setter_prefers_status_quo"):
        out["blocking"] = []
        out["reason"] = "the agenda setter prefers the status quo to every point of the win-set"
    else:
        out["blocking"] = [ids[i] for i in info["blocking"]]
        who = ", ".join(out["blocking"]) or "no single veto player (a combination does)"
        out["reason"] = f"the win-set of the status quo is empty; blocked by {who}"
    return out


def _powers(c: _Array, params: WinsetParams) -> _Array:
    out: _Array = c / c.sum() if params.power == "capability" else np.full(len(c), 1.0 / len(c))
    return out


def run(scenario: Scenario, params: WinsetParams | None = None) -> Result:
    """Forecast at the point chosen from the win-set, or the status quo (module docstring)."""
    params = params or WinsetParams()
    z0 = status_quo_unit(scenario, "winset")
    bounds = scenario.bounds()
    q, a = to_unit(scenario.positions(), bounds), scenario.saliences() / 100.0
    w = _powers(scenario.capabilities(), params)
    choice, info = solve(q, a, w, z0, groups(scenario))
    z = z0 if choice is None else choice.z
    forecast = from_unit(z[None, :], bounds)[0]
    return static_result(
        "winset",
        params_as_dict(params),
        scenario,
        tuple(float(v) for v in forecast),
        {
            "agreement": choice is not None,
            "status_quo": [float(v) for v in scenario.status_quo()],
            "win_set": _explain(scenario, choice, info),
        },
    )


def run_batch(
    scenario: Scenario,
    inputs: DrawInputs,
    params: WinsetParams | None = None,
    *,
    seeds: Sequence[int] = (),
) -> BatchForecast:
    """:func:`run`'s forecast and agreement for every draw (contract: :mod:`detente.batch`).

    Each draw is solved from its arrays, without building a scenario and a result; a draw that
    leaves actors out goes through :func:`detente.batch.apply_draw` and :func:`run`.
    """
    params = params or WinsetParams()
    z0 = status_quo_unit(scenario, "winset")
    bounds = scenario.bounds()
    fixed = groups(scenario) if scenario.decision is not None else None
    out = np.empty((inputs.n_draws, len(scenario.issues)))
    agreement = np.empty(inputs.n_draws, dtype=bool)
    for d in range(inputs.n_draws):
        if inputs.present is not None and not inputs.present[d].all():
            r = run(apply_draw(scenario, inputs, d), params)
            out[d], agreement[d] = r.forecast, r.extra["agreement"]
            continue
        q, a = to_unit(inputs.positions[d], bounds), inputs.saliences[d] / 100.0
        grps = fixed if fixed is not None else groups(scenario, inputs.saliences[d])
        choice, _ = solve(q, a, _powers(inputs.capabilities[d], params), z0, grps)
        out[d] = from_unit((z0 if choice is None else choice.z)[None, :], bounds)[0]
        agreement[d] = choice is not None
    return BatchForecast(out, agreement)
