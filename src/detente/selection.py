"""Choosing a point from a non-empty win-set (see :mod:`detente.winsets` for the win-set).

Selection from a non-empty win-set [Tsebelis2002, ch. 2; Romer1978]: an agenda setter s proposes
its most preferred point of the closure of W, ``argmax u_s(z) s.t. u_i(z) ≥ u_i(q0), i in C``,
for the decisive C that serves it best (C is searched among the supporter sets of the feasible
directions, each pruned to a minimal decisive set by dropping the voters who gain least, per unit
of salience, at s's ideal point; in one dimension this is exactly the pivotal-voter rule of the
procedural literature [Steunenberg1994; Crombez1996]).  Without an agenda setter the outcome is
the capability-weighted Nash bargaining solution among the veto players [Nash1950; Kalai1977]
(among the members of C when the rule names no veto player).  Both are convex programmes (concave
objective, convex constraints) solved by SLSQP from an interior point of the win-set.

Both programmes start from an interior point of the win-set: along a direction v in which every
member of C gains, the gain of i at q0 + t v is ``t g_i·v − t² Σ_k a_ik v_k²``, positive for
``0 < t < g_i·v / Σ_k a_ik v_k²``; half the smallest such bound (and no further than the box)
is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.winsets import Requirement, Zone

__all__ = ["Choice", "select"]

_Array = NDArray[np.float64]
_TOL = 1e-12
_TOP = 8
"""Directions (best for the setter first) whose supporter sets are tried as decisive sets."""


def _gains(z: _Array, q: _Array, a: _Array, d: _Array) -> _Array:
    out: _Array = -(a * (z[None, :] - q) ** 2).sum(axis=1) - d
    return out


def _interior(v: _Array, q: _Array, a: _Array, z0: _Array) -> _Array:
    """A point z0 + t v strictly inside every P_i of the actors in (q, a) (all gain along v)."""
    slope = 2.0 * (a * (q - z0[None, :])) @ v
    curv = (a * v[None, :] ** 2).sum(axis=1)
    t_max = np.min(np.where(curv > 0, slope / np.maximum(curv, _TOL), np.inf))
    room = np.where(v > 0, 1.0 - z0, z0)  # distance to the box's face in the direction of v
    step = np.where(np.abs(v) > _TOL, room / np.maximum(np.abs(v), _TOL), np.inf)
    t = min(t_max / 2.0, float(step.min()), 1.0)
    out: _Array = z0 + t * v
    return out


def _prune(members: list[int], reqs: tuple[Requirement, ...], score: _Array) -> list[int]:
    """Drop members, lowest ``score`` first, while the set stays decisive."""
    keep = set(members)
    vetoes = {i for r in reqs for i in r.veto}
    for i in sorted(members, key=lambda j: (score[j], j)):
        if i in vetoes:
            continue
        trial = keep - {i}
        col = np.zeros((len(score), 1), dtype=bool)
        col[list(trial)] = True
        if all(r.decisive(col)[0] for r in reqs):
            keep = trial
    return sorted(keep)


@dataclass(frozen=True, slots=True)
class Choice:
    """A selected point of the win-set (unit coordinates, all issues) and its decisive set."""

    z: _Array
    coalition: tuple[int, ...]
    value: float


def _solve(
    obj: Callable[[_Array], float],
    jac: Callable[[_Array], _Array],
    cons: tuple[_Array, _Array, _Array],
    z0: _Array,
) -> _Array:
    """Maximise ``obj`` on the unit box subject to gains ≥ 0 for the constrained actors."""
    from scipy.optimize import minimize  # imported here: keeps `detente --version` fast

    cons_q, cons_a, cons_d = cons
    res = minimize(
        lambda z: -obj(z),
        z0,
        jac=lambda z: -jac(z),
        bounds=[(0.0, 1.0)] * len(z0),
        constraints=[
            {
                "type": "ineq",
                "fun": lambda z: _gains(z, cons_q, cons_a, cons_d),
                "jac": lambda z: -2.0 * cons_a * (z[None, :] - cons_q),
            }
        ]
        if len(cons_q)
        else [],
        method="SLSQP",
        options={"ftol": 1e-15, "maxiter": 500},
    )
    z: _Array = np.clip(res.x, 0.0, 1.0)
    return z if np.all(_gains(z, cons_q, cons_a, cons_d) >= -1e-9) else z0


def select(zone: Zone, q: _Array, a: _Array, w: _Array, z0: _Array, setter: int | None) -> Choice:
    """The selected point of one zone (see the module docstring), with its decisive set."""
    dims = list(zone.dims)
    qd, ad, zd = q[:, dims], a[:, dims], z0[dims]
    d = -(ad * (zd[None, :] - qd) ** 2).sum(axis=1)
    vetoes = sorted({i for r in zone.reqs for i in r.veto})
    ref = qd[setter] if setter is not None else _reference(qd, w, vetoes)
    per_sal = _gains(ref, qd, ad, d) / np.maximum(ad.sum(axis=1), _TOL)
    order = np.argsort(-(zone.directions @ (ref - zd)), kind="stable")[:_TOP]
    best: Choice | None = None
    for j in order:
        members = [int(i) for i in np.flatnonzero(zone.support[:, j])]
        coalition = _prune(members, zone.reqs, per_sal)
        start = _interior(zone.directions[j], qd[coalition], ad[coalition], zd)
        z, value = _optimise((qd, ad, d), w, start, coalition, vetoes, setter)
        if best is None or value > best.value + 1e-12:
            full = z0.copy()
            full[dims] = z
            best = Choice(full, tuple(coalition), value)
        if not any(r.voters for r in zone.reqs):
            break
    assert best is not None
    return best


def _reference(q: _Array, w: _Array, vetoes: list[int]) -> _Array:
    idx = vetoes or list(range(len(q)))
    out: _Array = (w[idx] @ q[idx]) / w[idx].sum()
    return out


def _optimise(
    qad: tuple[_Array, _Array, _Array],
    w: _Array,
    start: _Array,
    coalition: list[int],
    vetoes: list[int],
    setter: int | None,
) -> tuple[_Array, float]:
    """The setter's best point, or the NBS of the bargainers, keeping ``coalition`` gaining."""
    q, a, d = qad
    cons = (q[coalition], a[coalition], d[coalition])
    if setter is not None:
        qs, as_ = q[setter], a[setter]

        def utility(z: _Array) -> float:
            return float(-(as_ * (z - qs) ** 2).sum())

        def grad(z: _Array) -> _Array:
            out: _Array = -2.0 * as_ * (z - qs)
            return out

        z = _solve(utility, grad, cons, start)
        return z, utility(z)
    bargainers = vetoes or coalition
    bq, ba, bd = q[bargainers], a[bargainers], d[bargainers]
    bw = w[bargainers] / w[bargainers].sum()

    def nash_log(z: _Array) -> float:
        return float(bw @ np.log(np.maximum(_gains(z, bq, ba, bd), 1e-300)))

    def nash_jac(z: _Array) -> _Array:
        g = np.maximum(_gains(z, bq, ba, bd), 1e-300)
        out: _Array = (bw / g) @ (-2.0 * ba * (z[None, :] - bq))
        return out

    z = _solve(nash_log, nash_jac, cons, start)
    return z, nash_log(z)
