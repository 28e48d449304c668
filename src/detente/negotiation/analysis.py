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


def pareto_frontier(ua: AdditiveUtility, ub: AdditiveUtility) -> tuple[FloatArray, FloatArray]:
    """Frontier vertices of two parties (batch element 0).

    Returns utilities ``(K, 2)`` and outcomes ``(K, m)`` on the unit scale.
    """
    pa, pb = ua.ideal[0], ub.ideal[0]
    d = pa - pb
    a = ua.weights[0] * np.abs(d) / ua.span[0]
    b = ub.weights[0] * np.abs(d) / ub.span[0]
    y = np.where((a > 0) & (b <= 0), 1.0, np.where((a <= 0) & (b <= 0), 0.5, 0.0))
    both = np.flatnonzero((a > 0) & (b > 0))
    order = both[np.argsort(-(a[both] / b[both]), kind="stable")]
    ys = [y.copy()]
    for k in order:
        y[k] = 1.0
        ys.append(y.copy())
    x = pb + np.array(ys) * d
    u = np.stack([ua(x[:, None, :])[:, 0], ub(x[:, None, :])[:, 0]], axis=1)
    return u, x


def _on_segment(p: FloatArray, q: FloatArray, point: FloatArray) -> float:
    seg = q - p
    n2 = float(seg @ seg)
    s = 0.0 if n2 == 0 else float(np.clip((point - p) @ seg / n2, 0.0, 1.0))
    return float(np.linalg.norm(p + s * seg - point))


def frontier_distance(frontier: FloatArray, point: FloatArray) -> float:
    """Euclidean distance from a utility pair to the frontier polyline."""
    if len(frontier) == 1:
        return float(np.linalg.norm(frontier[0] - point))
    return min(_on_segment(frontier[j], frontier[j + 1], point) for j in range(len(frontier) - 1))


def _nash_2(u: FloatArray, x: FloatArray, d: FloatArray) -> tuple[FloatArray, FloatArray] | None:
    best, arg = 0.0, None
    for j in range(max(len(u) - 1, 1)):
        p, q = u[j], u[min(j + 1, len(u) - 1)]
        da, db = q - p
        cands = [0.0, 1.0]
        if da * db != 0:
            cands.append(-(da * (p[1] - d[1]) + db * (p[0] - d[0])) / (2 * da * db))
        for s in np.clip(cands, 0.0, 1.0):
            g = p + s * (q - p) - d
            if g.min() >= 0 and g[0] * g[1] > best:
                xq = x[min(j + 1, len(x) - 1)]
                best, arg = g[0] * g[1], (p + s * (q - p), x[j] + s * (xq - x[j]))
    return arg


def _ks_2(u: FloatArray, x: FloatArray, d: FloatArray) -> tuple[FloatArray, FloatArray] | None:
    A, B = u[:, 0], u[:, 1]
    if d[0] >= A[-1] or np.interp(d[0], A, B) <= d[1]:
        return None
    if len(u) == 1:
        return u[0], x[0]
    ia = A[-1] if B[-1] >= d[1] else float(np.interp(d[1], B[::-1], A[::-1]))
    ib = B[0] if d[0] <= A[0] else float(np.interp(d[0], A, B))
    r = np.array([ia, ib]) - d
    # the ray d + lam r meets segment j at p0_j + s e_j: solve the 2 x 2 system per segment
    p0, e = u[:-1] - d, u[1:] - u[:-1]
    det = e[:, 0] * r[1] - r[0] * e[:, 1]
    ok = np.abs(det) > 1e-15
    safe = np.where(ok, det, 1.0)
    lam = (e[:, 0] * p0[:, 1] - p0[:, 0] * e[:, 1]) / safe
    s = (r[0] * p0[:, 1] - r[1] * p0[:, 0]) / safe
    ok &= (s >= -1e-12) & (s <= 1 + 1e-12) & (lam >= 0)
    j = int(np.argmax(np.where(ok, lam, -np.inf)))
    sj = float(np.clip(s[j], 0.0, 1.0))
    return u[j] + sj * e[j], x[j] + sj * (x[j + 1] - x[j])


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
    u, x = pareto_frontier(us[0], us[1])
    nash, ks = _nash_2(u, x, d), _ks_2(u, x, d)
    return Benchmarks(
        None if nash is None else tuple(nash[0].tolist()),
        None if nash is None else tuple(nash[1].tolist()),
        None if ks is None else tuple(ks[0].tolist()),
        None if ks is None else tuple(ks[1].tolist()),
        tuple(tuple(row) for row in u.tolist()),
    )


def pareto_distance(us: Sequence[AdditiveUtility], point: FloatArray, bench: Benchmarks) -> float:
    """Distance of a utility vector to the frontier (Euclidean for 2 parties, diagonal beyond)."""
    if len(us) == 2:
        return frontier_distance(np.array(bench.frontier), point)
    t, _ = _max_gain(us, point, np.ones(len(us)))
    return max(t, 0.0) * float(np.sqrt(len(us)))
