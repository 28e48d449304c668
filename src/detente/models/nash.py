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

Solver: first the max–min gain point (an epigraph problem, SLSQP) tests for an interior; from it
SLSQP maximises N with the gains kept positive.  Both are convex problems, so the local optimum
found is the global one.

References
----------
[Nash1950] Nash, J. F. (1950). The bargaining problem. Econometrica 18(2), 155–162.
[Kalai1977] Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person
    bargaining. International Journal of Game Theory 6(3), 129–133.
[Banks2000] Banks, J. S., & Duggan, J. (2000). A bargaining model of collective choice. American
    Political Science Review 94(1), 73–88.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize

from detente.errors import ModelInputError
from detente.params import params_as_dict
from detente.result import Result, static_result
from detente.scenario import Scenario
from detente.spatial import from_unit, to_unit

__all__ = ["NashParams", "run"]

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
    """The NBS in unit coordinates, and whether an agreement better for all exists."""
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


def run(scenario: Scenario, params: NashParams | None = None) -> Result:
    """Forecast each issue at the Nash bargaining solution (see the module docstring)."""
    params = params or NashParams()
    sq = scenario.status_quo()
    missing = [i.id for i, v in zip(scenario.issues, sq, strict=True) if np.isnan(v)]
    if missing:
        raise ModelInputError(
            f"model nash needs a status quo on every issue; {', '.join(missing)} has none"
        )
    bounds = scenario.bounds()
    q = to_unit(scenario.positions(), bounds)
    a = scenario.saliences() / 100.0
    keep = a.sum(axis=1) > 0
    c = scenario.capabilities()
    w = c / c.sum() if params.power == "capability" else np.ones_like(c)
    q, a, w = q[keep], a[keep], w[keep] / w[keep].sum()
    z_sq = to_unit(sq[None, :], bounds)[0]
    d = -(a * (z_sq[None, :] - q) ** 2).sum(axis=1)
    z, agreement = solve(q, a, d, w, z_sq) if keep.any() else (z_sq, False)
    forecast = from_unit(z[None, :], bounds)[0]
    gains = _gains(z, q, a, d)
    return static_result(
        "nash",
        params_as_dict(params),
        scenario,
        tuple(float(v) for v in forecast),
        {
            "agreement": agreement,
            "status_quo": [float(v) for v in sq],
            "nash_product_log": float(w @ np.log(gains)) if agreement else None,
        },
    )
