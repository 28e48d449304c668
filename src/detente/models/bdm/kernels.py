"""Vectorised kernels of the BDM model on one issue: median, P, utilities, EU, risk.

Conventions: ``x`` positions (n,), ``w = c·s`` vote weights (n,), ``s`` saliences in [0, 1],
``R`` the range of eq. 14.  Pairwise arrays are (n, n) with ``[i, j]`` = i (challenger) versus j
(target).  Every function is pure; the equations are in :mod:`detente.models.bdm`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.models.bdm.params import BDMParams
from detente.spatial import weighted_median

__all__ = [
    "distance_powers",
    "expected_utility",
    "median_position",
    "pairwise_votes",
    "risk_exponents",
    "support",
    "support_linear",
    "win_probabilities",
]

_Array = NDArray[np.float64]


def pairwise_votes(x: _Array, w: _Array, a: float, b: float) -> float:
    """V(a, b) = Σ_k w_k (|x_k − b| − |x_k − a|), eq. 28–29 without the factor 2/R; > 0: a wins."""
    return float(np.sum(w * (np.abs(x - b) - np.abs(x - a))))


def median_position(x: _Array, w: _Array, tie: str = "lower") -> float:
    """Median voter position μ among the actors' positions (Condorcet winner, §2.2, A7).

    ``lower``: the lower w-weighted median.  ``first_pairwise``: scan the distinct positions in
    ascending order and replace the incumbent whenever a position beats it strictly.
    """
    if tie == "lower":
        return float(weighted_median(x[:, None], w[:, None])[0])
    distinct = np.unique(x)
    best = float(distinct[0])
    for cand in distinct[1:]:
        if pairwise_votes(x, w, float(cand), best) > 0:
            best = float(cand)
    return best


def distance_powers(x: _Array, R: float, rho: _Array) -> _Array:
    """D[k, a] = (|x_k − x_a| / R)^rho_k: voter k's loss from position a (jmckib's ``compare``)."""
    d = np.abs(x[:, None] - x[None, :]) / R
    if np.all(rho == 1.0):
        return d
    out: _Array = d ** rho[:, None]
    return out


def support(x: _Array, w: _Array, D: _Array) -> _Array:
    """S[i, j] = Σ_{k closer to x_i than to x_j} w_k (D[k, j] − D[k, i]) in O(n² log n).

    In one dimension the voters closer to x_i lie on x_i's side of the midpoint, so with voters
    sorted by position the sum is a difference of prefix sums of ``w_k D[k, ·]``.
    """
    n = len(x)
    order = np.argsort(x, kind="stable")
    inv = np.argsort(order, kind="stable")
    xs = x[order]
    C = np.zeros((n + 1, n))
    np.cumsum(w[order, None] * D[np.ix_(order, order)], axis=0, out=C[1:])
    # Everything below is in sorted order, where each row of midpoints ascends (fast search).
    mid = ((xs[:, None] + xs[None, :]) / 2.0).ravel()
    i = np.repeat(np.arange(n), n)
    j = np.tile(np.arange(n), n)
    p = np.searchsorted(xs, mid, side="left")  # voters strictly below the midpoint
    below = C[p, j] - C[p, i]
    p = np.searchsorted(xs, mid, side="right")  # voters strictly above the midpoint
    above = (C[n, j] - C[p, j]) - (C[n, i] - C[p, i])
    gap = (xs[:, None] - xs[None, :]).ravel()
    out = np.where(gap < 0, below, np.where(gap > 0, above, 0.0)).reshape(n, n)
    result: _Array = np.maximum(out, 0.0)[np.ix_(inv, inv)]
    return result


def support_linear(x: _Array, w: _Array, R: float) -> _Array:
    """:func:`support` for linear votes, D[k, a] = |x_k − x_a| / R, from 1-D prefix sums.

    For x_i < x_j with midpoint m: voters at or below x_i add d = x_j − x_i each, voters between
    x_i and m add x_i + x_j − 2 x_k; mirrored for x_i > x_j.
    """
    order = np.argsort(x, kind="stable")
    inv = np.argsort(order, kind="stable")
    xs, ws = x[order], w[order]  # sorted, so each row of midpoints ascends (fast search)
    W = np.concatenate([[0.0], np.cumsum(ws)])
    Y = np.concatenate([[0.0], np.cumsum(ws * xs)])
    xi, xj = xs[:, None], xs[None, :]
    mid, tot, d = (xi + xj) / 2.0, xi + xj, np.abs(xi - xj)
    a = np.searchsorted(xs, xs, side="right")[:, None]  # voters at or below x_i
    p = np.searchsorted(xs, mid.ravel(), side="left").reshape(d.shape)  # strictly below mid
    below = d * W[a] + tot * (W[p] - W[a]) - 2.0 * (Y[p] - Y[a])
    b = np.searchsorted(xs, xs, side="left")[:, None]  # voters strictly below x_i
    q = np.searchsorted(xs, mid.ravel(), side="right").reshape(d.shape)  # at or below mid
    above = d * (W[-1] - W[b]) + 2.0 * (Y[b] - Y[q]) - tot * (W[b] - W[q])
    out = np.where(xi < xj, below, np.where(xi > xj, above, 0.0)) / R
    result: _Array = np.maximum(out, 0.0)[np.ix_(inv, inv)]
    return result


def _all_pairs_total(w: _Array, D: _Array) -> float:
    """Σ_k w_k Σ_{a, b} |D[k, a] − D[k, b]| over ordered pairs (jmckib's denominator)."""
    n = D.shape[1]
    sd = np.sort(D, axis=1)
    coef = 2.0 * np.arange(n) - n + 1.0
    return float(2.0 * np.sum(w * (sd @ coef)))


def win_probabilities(x: _Array, w: _Array, R: float, r: _Array, rule: str) -> _Array:
    """P[i, j], the probability that i prevails over j (eq. 30–31, A1); 0 where x_i = x_j.

    ``dyad``: Σ_{δ_k>0} w_k δ_k / Σ_k w_k |δ_k| with δ_k = |x_k − x_j| − |x_k − x_i|, so
    P_ij + P_ji = 1.  ``all_pairs_riskweighted``: the same numerator with each voter's distances
    raised to its r_k, over one denominator summed across all voters and ordered actor pairs.
    """
    if rule == "all_pairs_riskweighted":
        D = distance_powers(x, R, r)
        S = support_linear(x, w, R) if np.all(r == 1.0) else support(x, w, D)
        den: _Array | float = _all_pairs_total(w, D)
    else:
        S = support_linear(x, w, R)
        den = S + S.T
    safe = np.where(np.asarray(den) > 0, den, 1.0)
    P: _Array = np.where(np.asarray(den) > 0, S / safe, 0.0)
    P[x[:, None] == x[None, :]] = 0.0
    return P


def _u(base: _Array, rr: _Array | float) -> _Array:
    """The utility transform 2 − 4 base^r of eq. 15–16 and 22–24, base clipped to [0, 1]."""
    out: _Array = 2.0 - 4.0 * np.clip(base, 0.0, 1.0) ** rr
    return out


@dataclass(frozen=True, slots=True)
class Board:
    """The state one EU evaluation needs: positions, saliences, P, μ and the range R."""

    x: _Array
    s: _Array
    P: _Array
    mu: float
    R: float


def expected_utility(board: Board, rr: _Array, params: BDMParams) -> _Array:
    """E[i, j] = E(U_ij), i challenging j, every utility at exponent ``rr[i, j]`` (eq. 5–7, 25a).

    ``rr = r[:, None]`` gives the challengers' own estimates E^i(U_ij); ``rr = r[None, :]`` gives
    the targets' perceptions E^j(U_ij).  Zero where x_i = x_j.
    """
    x, R = board.x, board.R
    d = np.abs(x[:, None] - x[None, :]) / R
    u_s = _u(0.5 - 0.5 * d, rr)
    u_f = _u(0.5 + 0.5 * d, rr)
    s_j = board.s[None, :]
    challenge = s_j * (board.P * u_s + (1.0 - board.P) * u_f) + (1.0 - s_j) * u_s
    no_challenge = params.Q * _u(np.array(0.5), rr)  # U_sq, broadcast over the pairs
    if params.no_challenge == "full" and params.Q < 1.0:
        m = np.abs(x - board.mu) / R
        other = d if params.ub_uw_distance == "mu_plus_target" else m[None, :]
        dist = m[:, None] + other
        T = (m[:, None] < d).astype(float) if params.T is None else params.T
        u_b = _u(0.5 - 0.25 * dist, rr)
        u_w = _u(0.5 + 0.25 * dist, rr)
        no_challenge = no_challenge + (1.0 - params.Q) * (T * u_b + (1.0 - T) * u_w)
    E: _Array = challenge - no_challenge
    E[x[:, None] == x[None, :]] = 0.0
    return E


def risk_exponents(S: _Array) -> _Array:
    """r_i from security sums S_i (eq. 32–33): R_i = (2S_i − S_max − S_min)/(S_max − S_min).

    r_i = (1 − R_i/3) / (1 + R_i/3) lies in [0.5, 2]; every r = 1 when all S_i are equal.
    """
    hi, lo = float(S.max()), float(S.min())
    if hi - lo <= 1e-12 * (abs(hi) + abs(lo)):
        return np.ones_like(S)
    Ri = (2.0 * S - hi - lo) / (hi - lo)
    out: _Array = np.clip((1.0 - Ri / 3.0) / (1.0 + Ri / 3.0), 0.5, 2.0)  # float noise only
    return out
