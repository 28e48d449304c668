r"""Exact levers of the weighted mean and the weighted median.

On issue k let actor i have capability c_i, salience s_i, position x_i and weight w_i = c_i s_i;
the others contribute ``A = Σ_{j≠i} w_j x_j`` and ``B = Σ_{j≠i} w_j``.

Weighted mean.  As a function of one field value v of actor i the forecast is linear-fractional,
``F(v) = (A' + α v) / (B' + β v)``:

- position: ``α = w_i, β = 0, A' = A, B' = B + w_i`` — a shift d moves F by ``w_i / Σw · d``;
- salience: ``α = c_i x_i, β = c_i, A' = A, B' = B``;
- capability: ``α = s_i x_i, β = s_i, A' = A, B' = B``.

So F(v) = T at the single value ``v* = (T B' − A') / (α − β T)``; F is monotone in v, so if v*
lies outside the field's limits the target cannot be reached and the nearer limit comes closest.

Weighted median, position.  Let ``lo`` be the weighted median with actor i moved below every
other position and ``hi`` with it moved above them.  Then for every position p the median is
``clip(p, lo, hi)``: inside ``[lo, hi]`` actor i is the median voter itself; below (above) it the
median stays at ``lo`` (``hi``) [Black1958; Moulin1980, generalised medians with phantom voters].
So T is reachable iff ``lo ≤ T ≤ hi``, by moving i to T, or — when T is ``lo`` or ``hi`` itself —
by moving i just to that side; failing that, a forecast within the tolerance of T is reached by
moving i to the nearer edge of the band ``[T − tol, T + tol] ∩ [lo, hi]``.

In both models a target that the field cannot reach exactly but can bring within the tolerance is
reached at the nearer edge of the tolerance band (the smallest change that is within it).

References
----------
[Black1958] Black, D. (1958). The Theory of Committees and Elections.
[Moulin1980] Moulin, H. (1980). On strategy-proofness and single peakedness. Public Choice 35,
    437–455.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from detente.experiments.factors import Factor
from detente.scenario import Scenario
from detente.spatial import weighted_mean, weighted_median

__all__ = ["EXACT", "exact_lever"]

_Array = NDArray[np.float64]

EXACT = {"mean": ("position", "salience", "capability"), "median": ("position",)}
"""Model → fields with an exact lever."""


def _column(s: Scenario, f: Factor, k: int, v: float) -> tuple[_Array, _Array]:
    """Positions and weights on issue k with factor f set to v."""
    x, c, sal = s.positions()[:, k].copy(), s.capabilities(), s.saliences()[:, k].copy()
    if f.field == "position":
        x[f.actor] = v
    elif f.field == "salience":
        sal[f.actor] = v
    else:
        c = c.copy()
        c[f.actor] = v
    return x, c * sal


def _forecast(model: str, s: Scenario, f: Factor, k: int, v: float) -> float:
    x, w = _column(s, f, k, v)
    rule = weighted_mean if model == "mean" else weighted_median
    return float(rule(x[:, None], w[:, None])[0])


def _mean_value(s: Scenario, f: Factor, k: int, target: float) -> float:
    """The unclipped v* of the module docstring (nan when F does not depend on v)."""
    x, w = _column(s, f, k, f.value)
    i = f.actor
    A, B = float(w @ x - w[i] * x[i]), float(w.sum() - w[i])
    c, sal = float(s.capabilities()[i]), float(s.saliences()[i, k])
    alpha, beta, Bp = {
        "position": (w[i], 0.0, B + w[i]),
        "salience": (c * x[i], c, B),
        "capability": (sal * x[i], sal, B),
    }[f.field]
    den = alpha - beta * target
    return (target * Bp - A) / den if den != 0 else float("nan")


def _median_value(s: Scenario, f: Factor, k: int, target: float, tol: float) -> float:
    """The position nearest to x_i that gives the target, else the band, else the closest."""
    issue = s.issues[k]
    below, above = issue.low - 1.0, issue.high + 1.0
    lo, hi = (_forecast("median", s, f, k, v) for v in (below, above))
    lo, hi = (issue.low if lo == below else lo), (issue.high if hi == above else hi)
    if lo == hi:
        return f.value
    a, b = max(target - tol, lo), min(target + tol, hi)
    if lo <= target <= hi or a > b:  # land on the target, or as close as the median gets
        a = b = min(max(target, lo), hi)
    # the positions p with clip(p, lo, hi) in [a, b]: from a (or −∞ if a = lo) to b (or +∞)
    return min(max(f.value, a if a > lo else -math.inf), b if b < hi else math.inf)


def exact_lever(
    model: str, s: Scenario, f: Factor, k: int, target: float, tol: float
) -> tuple[float, float] | None:
    """``(value, forecast)`` of factor ``f``'s exact lever on issue ``k``, or None if none.

    The value lands the forecast on the target if any value within the factor's limits does;
    else on the nearer edge of the tolerance band if it can; else it is the value within the
    limits that comes closest.
    """
    if f.field not in EXACT.get(model, ()):
        return None
    if model == "median":
        v = min(max(_median_value(s, f, k, target, tol), f.limit_low), f.limit_high)
        return v, _forecast(model, s, f, k, v)
    start = _forecast(model, s, f, k, f.value)
    for goal in (target, target + math.copysign(tol, start - target)):
        v = _mean_value(s, f, k, goal)
        if f.limit_low <= v <= f.limit_high:
            return v, _forecast(model, s, f, k, v)
    ends = (f.limit_low, f.limit_high)  # F is monotone on the limits: the better end
    v = min(ends, key=lambda e: abs(_forecast(model, s, f, k, e) - target))
    return v, _forecast(model, s, f, k, v)
