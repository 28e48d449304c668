"""Benchmarks for a negotiated outcome: Pareto frontier, Nash and Kalai–Smorodinsky points.

With linear-additive utilities (:mod:`detente.negotiation.outcomes`) every Pareto-optimal outcome
of two parties A and B lies, issue by issue, between their ideal points.  Writing
``x_k = pB_k + y_k (pA_k - pB_k)`` with ``y_k`` in [0, 1], both utilities are linear in ``y``::

    uA = uA(pB) + sum_k a_k y_k,   uB = 1 - sum_k b_k y_k,
    a_k = wA_k |pA_k - pB_k| / sA_k,   b_k = wB_k |pA_k - pB_k| / sB_k

so the frontier is the fractional-knapsack polyline: concede the issues to A in decreasing order
of ``a_k / b_k`` (exact, ``m + 1`` vertices).  On it:

* the Nash bargaining point maximises ``(uA - dA)(uB - dB)`` [Nash1950]: a quadratic on each
  segment, maximised in closed form;
* the Kalai–Smorodinsky point is where the ray from ``d`` toward the ideal point
  ``(max uA, max uB)`` over outcomes both prefer to ``d`` meets the frontier [Kalai1975];
* the distance of an outcome to the frontier is its Euclidean distance to the polyline.

The disagreement point ``d`` is the reservation values.  For more than two parties the points come
from linear programmes over ``(z, e)`` with ``e_ik >= |z_k - p_ik|``: KS maximises the common
fraction ``t`` of the way from ``d`` to the ideal point; the Nash point maximises the sum of log
gains (SLSQP, a concave problem); the distance is the *diagonal* distance ``t sqrt(n)``, where
``t`` is the largest gain every party could still get at once (zero on the frontier; an upper
bound of the Euclidean distance).

:func:`proposer_shares` is the backward induction of Rubinstein's alternating-offers game with a
finite horizon: the last proposer takes the whole surplus, and each earlier proposer gives the
responder exactly the discounted value of proposing next [Rubinstein1982; Stahl1972].  As the
horizon grows it tends to the infinite-horizon split ``(1 - d2) / (1 - d1 d2)``
(:func:`rubinstein_split`).

References
----------
[Nash1950] Nash, J. F. (1950). The bargaining problem. Econometrica 18(2), 155–162.
[Kalai1975] Kalai, E., & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
    Econometrica 43(3), 513–518.
[Rubinstein1982] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
    Econometrica 50(1), 97–109.
[Stahl1972] Stahl, I. (1972). Bargaining Theory. Stockholm School of Economics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog, minimize

from detente.negotiation.outcomes import AdditiveUtility, FloatArray

__all__ = [
    "Benchmarks",
    "benchmarks",
    "frontier_distance",
    "pareto_frontier",
    "proposer_shares",
    "rubinstein_split",
]


def rubinstein_split(delta_1: float, delta_2: float) -> float:
    """First proposer's share in Rubinstein's infinite-horizon equilibrium."""
    return (1.0 - delta_2) / (1.0 - delta_1 * delta_2)


def proposer_shares(delta_me: FloatArray, delta_other: FloatArray, horizon: int) -> FloatArray:
    """Share of the surplus that the proposer of the first of ``horizon`` rounds demands."""
    s = np.ones_like(np.asarray(delta_me, dtype=float))
    if horizon <= 0:
        return np.zeros_like(s)
    for j in range(horizon - 2, -1, -1):
        s = 1.0 - (delta_other if j % 2 == 0 else delta_me) * s
    return s


@dataclass(frozen=True, slots=True)
class Benchmarks:
    """Nash and KS points (utilities and outcome, unit scale) and the frontier vertices."""

    nash_utilities: tuple[float, ...] | None
    nash_outcome: tuple[float, ...] | None
    ks_utilities: tuple[float, ...] | None
    ks_outcome: tuple[float, ...] | None
    frontier: tuple[tuple[float, ...], ...]


Vec = list[float]
"""A short vector of plain floats: the two-party benchmarks have a handful of vertices, where
Python floats are much cheaper than small numpy arrays (and give the same IEEE results)."""


def _frontier(ua: AdditiveUtility, ub: AdditiveUtility) -> tuple[list[Vec], list[Vec]]:
    """Frontier vertices of two parties (batch element 0): utilities and outcomes as lists."""
    pa, pb = ua.ideal[0].tolist(), ub.ideal[0].tolist()
    wa, wb = ua.weights[0].tolist(), ub.weights[0].tolist()
    sa, sb = ua.span[0].tolist(), ub.span[0].tolist()
    d = [x - y for x, y in zip(pa, pb, strict=True)]
    a = [w * abs(v) / s for w, v, s in zip(wa, d, sa, strict=True)]
    b = [w * abs(v) / s for w, v, s in zip(wb, d, sb, strict=True)]
    y = [1.0 if p > 0 >= q else 0.5 if p <= 0 >= q else 0.0 for p, q in zip(a, b, strict=True)]
    both = [k for k in range(len(a)) if a[k] > 0 and b[k] > 0]
    ys = [y.copy()]
    for k in sorted(both, key=lambda k: -(a[k] / b[k])):
        y[k] = 1.0
        ys.append(y.copy())
    xs = [[q + yk * v for q, yk, v in zip(pb, row, d, strict=True)] for row in ys]
    ka, kb = ua._slope[0].tolist(), ub._slope[0].tolist()
    us = [[_value(ka, pa, x), _value(kb, pb, x)] for x in xs]
    return us, xs


def _value(slope: Vec, ideal: Vec, x: Vec) -> float:
    """``1 - sum_k slope_k |x_k - ideal_k|``, summed in issue order as numpy does."""
    total = 0.0
    for k, p, v in zip(slope, ideal, x, strict=True):
        total += k * abs(v - p)
    return 1.0 - total


def pareto_frontier(ua: AdditiveUtility, ub: AdditiveUtility) -> tuple[FloatArray, FloatArray]:
    """Frontier vertices of two parties (batch element 0).

    Returns utilities ``(K, 2)`` and outcomes ``(K, m)`` on the unit scale.
    """
    u, x = _frontier(ua, ub)
    return np.array(u), np.array(x)


def _on_segment(p: FloatArray, q: FloatArray, point: FloatArray) -> float:
    seg = q - p
    n2 = float(seg @ seg)
    s = 0.0 if n2 == 0 else min(max(float((point - p) @ seg / n2), 0.0), 1.0)
    return float(np.linalg.norm(p + s * seg - point))


def frontier_distance(frontier: FloatArray, point: FloatArray) -> float:
    """Euclidean distance from a utility pair to the frontier polyline."""
    if len(frontier) == 1:
        return float(np.linalg.norm(frontier[0] - point))
    return min(_on_segment(frontier[j], frontier[j + 1], point) for j in range(len(frontier) - 1))


def _along(p: Vec, q: Vec, s: float) -> Vec:
    """``p + s (q - p)``."""
    return [a + s * (b - a) for a, b in zip(p, q, strict=True)]


def _nash_2(u: list[Vec], x: list[Vec], d: Vec) -> tuple[Vec, Vec] | None:
    best, arg = 0.0, None
    for j in range(max(len(u) - 1, 1)):
        p, q = u[j], u[min(j + 1, len(u) - 1)]
        da, db = q[0] - p[0], q[1] - p[1]
        cands = [0.0, 1.0]
        if da * db != 0:
            cands.append(-(da * (p[1] - d[1]) + db * (p[0] - d[0])) / (2 * da * db))
        for c in cands:
            s = min(max(c, 0.0), 1.0)
            at = _along(p, q, s)
            g0, g1 = at[0] - d[0], at[1] - d[1]
            if min(g0, g1) >= 0 and g0 * g1 > best:
                best, arg = g0 * g1, (at, _along(x[j], x[min(j + 1, len(x) - 1)], s))
    return arg


def _ks_2(u: list[Vec], x: list[Vec], d: Vec) -> tuple[Vec, Vec] | None:
    A, B = [v[0] for v in u], [v[1] for v in u]
    if d[0] >= A[-1] or float(np.interp(d[0], A, B)) <= d[1]:
        return None
    if len(u) == 1:
        return u[0], x[0]
    ia = A[-1] if B[-1] >= d[1] else float(np.interp(d[1], B[::-1], A[::-1]))
    ib = B[0] if d[0] <= A[0] else float(np.interp(d[0], A, B))
    r0, r1 = ia - d[0], ib - d[1]
    # the ray d + lam r meets segment j at p0_j + s e_j: solve the 2 x 2 system per segment
    j, sj, top = 0, 0.0, -np.inf
    for k in range(len(u) - 1):
        p0, p1 = A[k] - d[0], B[k] - d[1]
        e0, e1 = A[k + 1] - A[k], B[k + 1] - B[k]
        det = e0 * r1 - r0 * e1
        ok = abs(det) > 1e-15
        safe = det if ok else 1.0
        lam, s = (e0 * p1 - p0 * e1) / safe, (r0 * p1 - r1 * p0) / safe
        if k == 0:
            sj = s  # where no segment meets the ray, segment 0 (as numpy's argmax would)
        if ok and -1e-12 <= s <= 1 + 1e-12 and lam >= 0 and lam > top:
            j, sj, top = k, s, lam
    sj = min(max(sj, 0.0), 1.0)
    return _along(u[j], u[j + 1], sj), _along(x[j], x[j + 1], sj)


def _lp_rows(
    us: Sequence[AdditiveUtility],
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """``|.|`` linearisation: rows for e >= +-(z - p), and u_i = W_i - C_i . e (over v = (z, e))."""
    n, m = len(us), us[0].ideal.shape[1]
    nv = m + n * m
    rows, rhs = [], []
    C, W = np.zeros((n, nv)), np.zeros(n)
    for i, u in enumerate(us):
        for k in range(m):
            e = m + i * m + k
            r1, r2 = np.zeros(nv), np.zeros(nv)
            r1[k], r1[e], r2[k], r2[e] = 1.0, -1.0, -1.0, -1.0
            rows += [r1, r2]
            rhs += [u.ideal[0, k], -u.ideal[0, k]]
            C[i, e] = u.weights[0, k] / u.span[0, k]
        W[i] = u.weights[0].sum()
    return np.array(rows), np.array(rhs), C, W


def _max_gain(
    us: Sequence[AdditiveUtility], g: FloatArray, r: FloatArray
) -> tuple[float, FloatArray]:
    """Largest ``t`` with ``u_i(z) >= g_i + t r_i`` for all i, and its ``(z, e)``."""
    rows, rhs, C, W = _lp_rows(us)
    m = us[0].ideal.shape[1]
    a_ub = np.vstack([np.hstack([rows, np.zeros((len(rows), 1))]), np.hstack([C, r[:, None]])])
    b_ub = np.concatenate([rhs, W - g])
    bounds = [(0.0, 1.0)] * m + [(0.0, None)] * (C.shape[1] - m) + [(None, None)]
    c = np.zeros(C.shape[1] + 1)
    c[-1] = -1.0
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if res.status != 0:
        return -np.inf, np.zeros(C.shape[1])
    return float(res.x[-1]), res.x[:-1]


def _util(us: Sequence[AdditiveUtility], z: FloatArray) -> FloatArray:
    return np.array([float(u(z[None, :])[0]) for u in us])


def _points_n(us: Sequence[AdditiveUtility], d: FloatArray) -> Benchmarks:
    n = len(us)
    ideal = np.zeros(n)
    for i in range(n):
        r = np.zeros(n)
        r[i] = 1.0
        t, _ = _max_gain(us, np.where(r > 0, 0.0, d), r)
        ideal[i] = t
    if not (np.isfinite(ideal).all() and (ideal - d > 1e-9).all()):
        return Benchmarks(None, None, None, None, ())
    t, v = _max_gain(us, d, ideal - d)
    if not t > 1e-9:
        return Benchmarks(None, None, None, None, ())
    m = us[0].ideal.shape[1]
    z_ks = np.clip(v[:m], 0.0, 1.0)
    _, C, W = _lp_rows(us)[1:]
    rows, rhs = _lp_rows(us)[:2]
    res = minimize(
        lambda v: -float(np.log(np.maximum(W - C @ v - d, 1e-300)).sum()),
        v,
        bounds=[(0.0, 1.0)] * m + [(0.0, None)] * (len(v) - m),
        constraints=[
            {"type": "ineq", "fun": lambda v: rhs - rows @ v},
            {"type": "ineq", "fun": lambda v: W - C @ v - d - 1e-12},
        ],
        method="SLSQP",
        options={"maxiter": 500, "ftol": 1e-12},
    )
    z_n = np.clip(res.x[:m], 0.0, 1.0) if res.success else z_ks
    return Benchmarks(tuple(_util(us, z_n)), tuple(z_n), tuple(_util(us, z_ks)), tuple(z_ks), ())


def benchmarks(us: Sequence[AdditiveUtility]) -> Benchmarks:
    """Nash and KS points (and, for two parties, the frontier) of batch element 0."""
    d = np.array([float(u.rv[0]) for u in us])
    if len(us) != 2:
        return _points_n(us, d)
    u, x = _frontier(us[0], us[1])
    dd = d.tolist()
    nash, ks = _nash_2(u, x, dd), _ks_2(u, x, dd)
    return Benchmarks(
        None if nash is None else tuple(nash[0]),
        None if nash is None else tuple(nash[1]),
        None if ks is None else tuple(ks[0]),
        None if ks is None else tuple(ks[1]),
        tuple(tuple(row) for row in u),
    )


def pareto_distance(us: Sequence[AdditiveUtility], point: FloatArray, bench: Benchmarks) -> float:
    """Distance of a utility vector to the frontier (Euclidean for 2 parties, diagonal beyond)."""
    if len(us) == 2:
        return frontier_distance(np.array(bench.frontier), point)
    t, _ = _max_gain(us, point, np.ones(len(us)))
    return max(t, 0.0) * float(np.sqrt(len(us)))
