"""The BDM kernels of :mod:`detente.models.bdm.kernels` with a leading axis of draws.

Shapes: ``x``, ``w``, ``s`` (B, n) for B draws of n actors; ``R`` (B,); pairwise arrays
(B, n, n) with ``[b, i, j]`` = i (challenger) versus j (target) in draw b.  Each function performs,
row by row, the same floating-point operations in the same order as its one-draw counterpart, so a
draw's numbers do not depend on the batch it is in (the equations are in
:mod:`detente.models.bdm`).  The support sums are in :mod:`detente.models.bdm.batch_support`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.models.bdm.kernels import _u
from detente.models.bdm.params import BDMParams
from detente.spatial import weighted_median

__all__ = [
    "all_pairs_total",
    "bases",
    "challenge_eu",
    "expected_utility",
    "median_position",
    "risk_exponents",
    "utilities",
]

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


def all_pairs_total(w: _Array, D: _Array) -> _Array:
    """Batched ``_all_pairs_total`` of the kernels: Σ_k w_k Σ_{a, b} |D[k, a] − D[k, b]|."""
    n = D.shape[2]
    sd = np.sort(D, axis=2)
    coef = 2.0 * np.arange(n) - n + 1.0
    out: _Array = 2.0 * np.sum(w * (sd @ coef), axis=1)
    return out


def bases(d: _Array) -> tuple[_Array, _Array]:
    """The clipped bases 0.5 ∓ 0.5 d of U_s and U_f (eq. 15–16), shared by both passes."""
    return np.clip(0.5 - 0.5 * d, 0.0, 1.0), np.clip(0.5 + 0.5 * d, 0.0, 1.0)


def utilities(lo: _Array, hi: _Array, rr: _Array) -> tuple[_Array, _Array]:
    """U_s = 2 − 4 lo^r and U_f = 2 − 4 hi^r at exponents ``rr`` (``_u`` of the kernels)."""
    if np.all(rr == 1.0):  # x ** 1.0 == x, so only a speed-up
        return 2.0 - 4.0 * lo, 2.0 - 4.0 * hi
    us, uf = lo**rr, hi**rr
    for u in (us, uf):
        np.multiply(u, 4.0, out=u)
        np.subtract(2.0, u, out=u)
    return us, uf


def challenge_eu(us: _Array, uf: _Array, P: _Array, s_t: _Array, nc: _Array) -> _Array:
    """E = s_t [P U_s + (1 − P) U_f] + (1 − s_t) U_s − nc, the no-challenge term nc = Q U_sq.

    C-ordered whatever the order of P.  Pairs where x_i = x_j are not zeroed here (the caller
    knows where they are).
    """
    out = np.multiply(P, us, out=np.empty(us.shape))
    tmp = np.subtract(1.0, P, out=np.empty(us.shape))
    tmp *= uf
    out += tmp
    out *= s_t
    np.multiply(1.0 - s_t, us, out=tmp)
    out += tmp
    out -= nc
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
