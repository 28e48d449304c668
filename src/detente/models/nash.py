"""Nash bargaining solution over spatial utilities, with the status quo as disagreement point.

Utility form (quadratic spatial loss, salience-weighted, each issue rescaled to [0, 1])::

    u_i(x) = - sum_k a_ik (z_k - q_ik)^2,    z_k = (x_k - low_k) / R_k,  a_ik = s_ik / 100

where q_ik is actor i's position rescaled likewise and R_k the width of issue k's scale.  The
disagreement point is the status quo d: d_i = u_i(sq).  The (asymmetric) Nash bargaining
solution [Nash1950; Kalai1977] maximises::

    N(x) = sum_i w_i log(u_i(x) - d_i)    over  {x in the issue box : u_i(x) > d_i for all i}

with bargaining powers w_i = c_i / sum_j c_j (``power="capability"``, the default, in the spirit
of power-weighted bargaining models [Kalai1977]) or w_i = 1/n (``power="equal"``, Nash's symmetric
solution).  Actors with zero salience on every issue are indifferent and are left out.

Assumptions
-----------
* Quadratic loss makes every u_i strictly concave in the issues it cares about, so N is concave and
  the maximiser is unique when the feasible set has an interior (the usual choice in spatial
  bargaining, e.g. [Banks2000]); linear loss would make the solution set flat.
* Unanimity: if no point makes every actor strictly better off than the status quo (for example one
  actor sits at the status quo), the solution is the status quo itself and the result says so
  (``agreement: false``).
* Every issue needs a status quo; the model refuses a scenario without one.

Solver: a log-barrier interior-point method, vectorised over draws
(:mod:`detente.models.nashsolve`): phase 1 finds the max–min gain point, which tests for an
interior; from it phase 2 maximises N.  Both problems are concave, so the optimum found is the
global one.  :func:`solve` is an independent SLSQP solver of the same two problems, kept as the
cross-check the tests compare against.

References
----------
[Nash1950] Nash, J. F. (1950). The bargaining problem. Econometrica 18(2), 155–162.
[Kalai1977] Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person
    bargaining. International Journal of Game Theory 6(3), 129–133.
[Banks2000] Banks, J. S., & Duggan, J. (2000). A bargaining model of collective choice. American
    Political Science Review 94(1), 73–88.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from detente.batch import BatchForecast, DrawInputs
from detente.errors import ModelInputError
from detente.models.nashsolve import actor_sum, solve_batch
from detente.params import params_as_dict
from detente.result import Result, static_result
from detente.scenario import Scenario
from detente.spatial import from_unit, to_unit

__all__ = ["NashParams", "run", "run_batch", "solve"]

_Array = NDArray[np.float64]
_TOL = 1e-10


@dataclass(frozen=True, slots=True)
class NashParams:
    """Parameters of the Nash bargaining solution."""

    power: Literal["capability", "equal"] = "capability"
    """Bargaining powers: capability shares [Kalai1977] or equal (symmetric NBS, [Nash1950])."""


def _gains(z: _Array, q: _Array, a: _Array, d: _Array) -> _Array:
    out: _Array = -(a * (z[None, :] - q) ** 2).sum(axis=1) - d
    return out


def _gain_grads(z: _Array, q: _Array, a: _Array) -> _Array:
    return -2.0 * a * (z[None, :] - q)


def _maxmin_point(q: _Array, a: _Array, d: _Array, z0: _Array) -> tuple[_Array, float]:
    """argmax_z min_i gain_i(z) in the unit box, as (z, t) via the epigraph form."""
    from scipy.optimize import minimize  # imported here: keeps `detente --version` fast

    m = len(z0)
    cons = {
        "type": "ineq",
        "fun": lambda v: _gains(v[:m], q, a, d) - v[m],
        "jac": lambda v: np.hstack([_gain_grads(v[:m], q, a), -np.ones((len(q), 1))]),
    }
    res = minimize(
        lambda v: -v[m],
        np.append(z0, -1.0),
        jac=lambda v: np.append(np.zeros(m), -1.0),
        bounds=[(0.0, 1.0)] * m + [(None, None)],
        constraints=[cons],
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    )
    return np.clip(res.x[:m], 0.0, 1.0), float(res.x[m])


def solve(q: _Array, a: _Array, d: _Array, w: _Array, z0: _Array) -> tuple[_Array, bool]:
    """The NBS in unit coordinates by SLSQP, and whether an agreement better for all exists.

    The reference solver the tests check :mod:`detente.models.nashsolve` against.
    """
    from scipy.optimize import minimize  # imported here: keeps `detente --version` fast

    z1, t = _maxmin_point(q, a, d, z0)
    if t <= _TOL:
        return z0, False
    floor = t * 1e-9
    res = minimize(
        lambda z: -float(w @ np.log(np.maximum(_gains(z, q, a, d), 1e-300))),
        z1,
        jac=lambda z: -(w / np.maximum(_gains(z, q, a, d), 1e-300)) @ _gain_grads(z, q, a),
        bounds=[(0.0, 1.0)] * len(z1),
        constraints=[{"type": "ineq", "fun": lambda z: _gains(z, q, a, d) - floor}],
        method="SLSQP",
        options={"ftol": 1e-15, "maxiter": 1000},
    )
    z = np.clip(res.x, 0.0, 1.0)
    return (z if np.all(_gains(z, q, a, d) > 0) else z1), True


def _status_quo(scenario: Scenario) -> NDArray[np.float64]:
    sq = scenario.status_quo()
    missing = [i.id for i, v in zip(scenario.issues, sq, strict=True) if np.isnan(v)]
    if missing:
        raise ModelInputError(
            f"model nash needs a status quo on every issue; {', '.join(missing)} has none",
            field=f"issues[{scenario.issue_ids.index(missing[0])}].status_quo",
        )
    return sq


def _solve_draws(
    scenario: Scenario, inputs: DrawInputs, params: NashParams
) -> tuple[_Array, NDArray[np.bool_], tuple[_Array, _Array, _Array, _Array]]:
    """Unit-scale NBS and agreement per draw, and the (q, a, d, w) they were solved with."""
    bounds = scenario.bounds()
    z_sq = to_unit(_status_quo(scenario)[None, :], bounds)[0]
    q = to_unit(inputs.positions, bounds)
    a = inputs.saliences / 100.0
    present = inputs.mask()
    m = present * (a.sum(axis=2) > 0)
    c = inputs.capabilities * present
    w = c / actor_sum(c)[:, None] if params.power == "capability" else present.copy()
    w = w * m / np.maximum(actor_sum(w * m), 1e-300)[:, None]
    d = -(a * (z_sq[None, None, :] - q) ** 2).sum(axis=2)
    z, agreement = solve_batch(q, a, d, w, m, z_sq)
    return z, agreement, (q, a, d, w)


def run_batch(
    scenario: Scenario,
    inputs: DrawInputs,
    params: NashParams | None = None,
    *,
    seeds: Sequence[int] = (),
) -> BatchForecast:
    """The NBS of every draw at once (:mod:`detente.models.nashsolve`; contract: detente.batch)."""
    z, agreement, _ = _solve_draws(scenario, inputs, params or NashParams())
    return BatchForecast(from_unit(z, scenario.bounds()), agreement)


def run(scenario: Scenario, params: NashParams | None = None) -> Result:
    """Forecast each issue at the Nash bargaining solution (see the module docstring)."""
    params = params or NashParams()
    sq = _status_quo(scenario)
    z, agreement, (q, a, d, w) = _solve_draws(scenario, DrawInputs.from_scenario(scenario), params)
    forecast = from_unit(z, scenario.bounds())[0]
    gains = _gains(z[0], q[0], a[0], d[0])
    keep = w[0] > 0
    return static_result(
        "nash",
        params_as_dict(params),
        scenario,
        tuple(float(v) for v in forecast),
        {
            "agreement": bool(agreement[0]),
            "status_quo": [float(v) for v in sq],
            "nash_product_log": float(w[0][keep] @ np.log(gains[keep])) if agreement[0] else None,
        },
    )
