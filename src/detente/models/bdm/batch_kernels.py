"""The BDM kernels of :mod:`detente.models.bdm.kernels` with a leading axis of draws.

Shapes: ``x``, ``w``, ``s`` (B, n) for B draws of n actors; ``R`` (B,); pairwise arrays
(B, n, n) with ``[b, i, j]`` = i (challenger) versus j (target) in draw b.  Each function performs,
row by row, the same floating-point operations in the same order as its one-draw counterpart, so a
draw's numbers do not depend on the batch it is in (the equations are in
:mod:`detente.models.bdm`).  ``np.searchsorted`` has no batched form; its counts are taken as sums
of comparisons, which are exact.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.models.bdm.kernels import _u
from detente.models.bdm.params import BDMParams
from detente.spatial import weighted_median

__all__ = ["expected_utility", "median_position", "risk_exponents", "win_probabilities"]

_Array = NDArray[np.float64]
_Int = NDArray[np.intp]


def median_position(x: _Array, w: _Array, tie: str) -> _Array:
    """μ per draw: the lower weighted median, or the ascending pairwise scan (A7)."""
    if tie == "lower":
        out: _Array = weighted_median(x.T, w.T)
        return out
    xs = np.sort(x, axis=1)
    best = xs[:, 0].copy()
    for k in range(1, x.shape[1]):
        cand = xs[:, k]
        votes = np.sum(w * (np.abs(x - best[:, None]) - np.abs(x - cand[:, None])), axis=1)
        best = np.where((cand != xs[:, k - 1]) & (votes > 0), cand, best)
    return best


def _count(xs: _Array, v: _Array, side: str) -> _Int:
    """``searchsorted(xs[b], v[b], side)`` for every draw b, exactly (xs sorted per row).

    Each row of queries and xs is sorted together (stable, queries first on ties for ``left``,
    last for ``right``); a query's count is the number of xs placed before it.
    """
    B, n = xs.shape
    q = v.reshape(B, -1)
    m = q.shape[1]
    both = np.concatenate([q, xs] if side == "left" else [xs, q], axis=1)
    order = np.argsort(both, axis=1, kind="stable")
    is_x = order >= m if side == "left" else order < n
    before = np.cumsum(is_x, axis=1, dtype=np.intp)
    out = np.empty_like(before)
    np.put_along_axis(out, order, before, axis=1)
    res: _Int = (out[:, :m] if side == "left" else out[:, n:]).reshape(v.shape)
    return res


def _gather(a: _Array, rows: _Int) -> _Array:
    """``a[b, rows[b, ...]]`` for a (B, m) and integer rows of any trailing shape."""
    B, m = a.shape
    base = (np.arange(B, dtype=np.intp) * m).reshape((B,) + (1,) * (rows.ndim - 1))
    out: _Array = a.reshape(-1)[base + rows]
    return out


def _unsort(out: _Array, inv: _Int) -> _Array:
    """``out[np.ix_(inv, inv)]`` per draw."""
    rows = np.take_along_axis(out, inv[:, :, None], axis=1)
    res: _Array = np.take_along_axis(rows, inv[:, None, :], axis=2)
    return res


def support_linear(x: _Array, w: _Array, R: _Array) -> _Array:
    """Batched :func:`detente.models.bdm.kernels.support_linear` (prefix sums of w and w·x)."""
    order = np.argsort(x, axis=1, kind="stable")
    inv = np.argsort(order, axis=1, kind="stable")
    xs, ws = np.take_along_axis(x, order, 1), np.take_along_axis(w, order, 1)
    zero = np.zeros((len(x), 1))
    W = np.concatenate([zero, np.cumsum(ws, axis=1)], axis=1)
    Y = np.concatenate([zero, np.cumsum(ws * xs, axis=1)], axis=1)
    xi, xj = xs[:, :, None], xs[:, None, :]
    mid, tot, d = (xi + xj) / 2.0, xi + xj, np.abs(xi - xj)
    a = _count(xs, xs, "right")[:, :, None]
    p = _count(xs, mid, "left")
    Wa, Ya, Wp, Yp = _gather(W, a), _gather(Y, a), _gather(W, p), _gather(Y, p)
    below = d * Wa + tot * (Wp - Wa) - 2.0 * (Yp - Ya)
    b = _count(xs, xs, "left")[:, :, None]
    q = _count(xs, mid, "right")
    Wb, Yb, Wq, Yq = _gather(W, b), _gather(Y, b), _gather(W, q), _gather(Y, q)
    above = d * (W[:, -1:, None] - Wb) + 2.0 * (Yb - Yq) - tot * (Wb - Wq)
    out = np.where(xi < xj, below, np.where(xi > xj, above, 0.0)) / R[:, None, None]
    return _unsort(np.maximum(out, 0.0), inv)


def support(x: _Array, w: _Array, D: _Array) -> _Array:
    """Batched :func:`detente.models.bdm.kernels.support` (prefix sums of w_k D[k, ·])."""
    B, n = x.shape
    order = np.argsort(x, axis=1, kind="stable")
    inv = np.argsort(order, axis=1, kind="stable")
    xs = np.take_along_axis(x, order, 1)
    Ds = np.take_along_axis(np.take_along_axis(D, order[:, :, None], 1), order[:, None, :], 2)
    C = np.zeros((B, n + 1, n))
    np.cumsum(np.take_along_axis(w, order, 1)[:, :, None] * Ds, axis=1, out=C[:, 1:])
    mid = (xs[:, :, None] + xs[:, None, :]) / 2.0
    i = np.broadcast_to(np.arange(n)[:, None], (n, n))
    j = np.broadcast_to(np.arange(n)[None, :], (n, n))
    bi = np.arange(B)[:, None, None]
    p = _count(xs, mid, "left")
    below = C[bi, p, j] - C[bi, p, i]
    p = _count(xs, mid, "right")
    above = (C[:, n][:, None, :] - C[bi, p, j]) - (C[:, n][:, :, None] - C[bi, p, i])
    gap = xs[:, :, None] - xs[:, None, :]
    out = np.where(gap < 0, below, np.where(gap > 0, above, 0.0))
    return _unsort(np.maximum(out, 0.0), inv)


def _all_pairs_total(w: _Array, D: _Array) -> _Array:
    n = D.shape[2]
    sd = np.sort(D, axis=2)
    coef = 2.0 * np.arange(n) - n + 1.0
    out: _Array = 2.0 * np.sum(w * (sd @ coef), axis=1)
    return out


def win_probabilities(x: _Array, w: _Array, R: _Array, r: _Array, rule: str) -> _Array:
    """Batched :func:`detente.models.bdm.kernels.win_probabilities` (eq. 30–31, A1)."""
    if rule == "all_pairs_riskweighted":
        d = np.abs(x[:, :, None] - x[:, None, :]) / R[:, None, None]
        ones = np.all(r == 1.0, axis=1)
        D = np.where(ones[:, None, None], d, d ** r[:, :, None])
        S = support_linear(x, w, R) if ones.all() else _mixed_support(x, w, R, D, ones)
        den: _Array = _all_pairs_total(w, D)[:, None, None]
    else:
        S = support_linear(x, w, R)
        den = S + S.transpose(0, 2, 1)
    safe = np.where(den > 0, den, 1.0)
    P: _Array = np.where(den > 0, S / safe, 0.0)
    P[x[:, :, None] == x[:, None, :]] = 0.0
    return P


def _mixed_support(x: _Array, w: _Array, R: _Array, D: _Array, ones: NDArray[np.bool_]) -> _Array:
    """Linear support where a draw's r are all 1 (as the one-draw kernel chooses), else general."""
    general = support(x, w, D)
    if not ones.any():
        return general
    out: _Array = np.where(ones[:, None, None], support_linear(x, w, R), general)
    return out


def expected_utility(
    x: _Array, s: _Array, P: _Array, mu: _Array, R: _Array, rr: _Array, params: BDMParams
) -> _Array:
    """Batched :func:`detente.models.bdm.kernels.expected_utility`; rr (B, n, 1) or (B, 1, n)."""
    Rb = R[:, None, None]
    d = np.abs(x[:, :, None] - x[:, None, :]) / Rb
    exp = 1.0 if np.all(rr == 1.0) else rr  # x ** 1.0 == x, so only a speed-up
    u_s = _u(0.5 - 0.5 * d, exp)
    u_f = _u(0.5 + 0.5 * d, exp)
    s_j = s[:, None, :]
    challenge = s_j * (P * u_s + (1.0 - P) * u_f) + (1.0 - s_j) * u_s
    no_challenge = params.Q * _u(np.array(0.5), rr)
    if params.no_challenge == "full" and params.Q < 1.0:
        m = np.abs(x - mu[:, None]) / R[:, None]
        other = d if params.ub_uw_distance == "mu_plus_target" else m[:, None, :]
        dist = m[:, :, None] + other
        T = (m[:, :, None] < d).astype(float) if params.T is None else params.T
        u_b = _u(0.5 - 0.25 * dist, exp)
        u_w = _u(0.5 + 0.25 * dist, exp)
        no_challenge = no_challenge + (1.0 - params.Q) * (T * u_b + (1.0 - T) * u_w)
    E: _Array = challenge - no_challenge
    E[x[:, :, None] == x[:, None, :]] = 0.0
    return E


def risk_exponents(S: _Array) -> _Array:
    """Batched :func:`detente.models.bdm.kernels.risk_exponents` (eq. 32–33), per row of S."""
    hi, lo = S.max(axis=1, keepdims=True), S.min(axis=1, keepdims=True)
    flat = hi - lo <= 1e-12 * (np.abs(hi) + np.abs(lo))
    span = np.where(flat, 1.0, hi - lo)
    Ri = (2.0 * S - hi - lo) / span
    r = np.clip((1.0 - Ri / 3.0) / (1.0 + Ri / 3.0), 0.5, 2.0)
    out: _Array = np.where(flat, 1.0, r)
    return out
