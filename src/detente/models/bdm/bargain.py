"""Classifying dyads (Scholz Fig. 6) and choosing the one offer each actor accepts.

Both functions also take a leading axis of draws (arrays (D, n, n) and positions (D, n)), as the
batched kernel (:mod:`detente.models.bdm.batched`) calls them.  Everything is seen from the
receiver i: ``a[i, j] = E^i(U_ij)`` (i's own EU of challenging j)
and ``b[i, j]`` = the EU of j challenging i (j's own estimate, or i's perception of it; A3).
``kind[i, j]`` says how i would move towards j: 0 not at all, else one of :data:`KINDS`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.models.bdm.params import BDMParams

__all__ = ["CAPITULATION", "COMPROMISE", "CONFLICT", "KINDS", "classify", "select"]

_Array = NDArray[np.float64]
_IntArray = NDArray[np.int64]

CONFLICT, COMPROMISE, CAPITULATION = 1, 2, 3
KINDS = {CONFLICT: "conflict", COMPROMISE: "compromise", CAPITULATION: "capitulation"}
_REL_TIE = 1e-12


def classify(
    a: _Array, b: _Array, x: _Array, params: BDMParams, i_wins: _Array | None = None
) -> tuple[_IntArray, _Array]:
    """The receiver's move towards each sender: ``(kind, new_position)``, both (n, n).

    Regions (Fig. 6 of [Scholz2011], receiver's view; j must gain, b > eps):

    - both gain, b > a: conflict, i moves to x_j (A9: or no move, or the drawn loser moves);
    - a < 0 < b, |b| > |a| (or |a| = |b| when capitulation is on): compromise (eq. 35–36);
    - a < 0 < b, |a| > |b|: capitulation, i moves to x_j (A10: unless switched off).

    ``i_wins[i, j]`` (for ``conflict="stochastic"``) says whether i won the drawn contest.
    """
    eps = params.eps
    xi, xj = x[..., :, None], x[..., None, :]
    gain_b = b > eps
    both = (a > eps) & gain_b
    if params.conflict == "lower_eu_moves":
        conflict = both & (b > a)
    elif params.conflict == "stochastic" and i_wins is not None:
        conflict = both & ~i_wins.astype(bool)
    else:
        conflict = np.zeros_like(both)
    upper = (a < 0) & gain_b
    abs_a, abs_b = np.abs(a), np.abs(b)
    compromise = upper & ((abs_b > abs_a) | ((abs_b == abs_a) & params.capitulation))
    capitulate = upper & (abs_a > abs_b) & params.capitulation
    kind = np.zeros(a.shape, dtype=np.int64)
    kind[conflict] = CONFLICT
    kind[compromise] = COMPROMISE
    kind[capitulate] = CAPITULATION
    ratio = np.divide(abs_a, abs_b, out=np.zeros_like(a), where=compromise)
    if params.compromise_rule == "eq35_36":
        partial = xi + (xj - xi) * ratio
    else:
        tot = np.where(compromise, abs_a + abs_b, 1.0)
        partial = (abs_a * xi + abs_b * xj) / tot
    new = np.where(kind == COMPROMISE, partial, np.broadcast_to(xj, a.shape))
    new = np.where(kind > 0, new, np.broadcast_to(xi, a.shape))
    return kind, new


def select(kind: _IntArray, new: _Array, a: _Array, b: _Array, x: _Array, rule: str) -> _IntArray:
    """Index of the sender whose offer each receiver accepts, −1 for none (§2.10, A4).

    ``enforceability``: highest b, ties → least move; ``least_move``: least move, ties → highest
    b; ``type_order``: conflict (least move) ≻ compromise (lowest weighted-average position
    (|a|x_i + |b|x_j)/(|a|+|b|), as jmckib) ≻ capitulation (least move).  Remaining ties go to
    the lowest actor index.
    """
    cand = kind > 0
    move = np.abs(new - x[..., :, None])
    if rule == "type_order":
        best_kind = np.where(cand, kind, 99).min(axis=-1, keepdims=True)
        chosen = cand & (kind == best_kind)
        tot = np.where(cand, np.abs(a) + np.abs(b), 1.0)
        avg = (np.abs(a) * x[..., :, None] + np.abs(b) * x[..., None, :]) / tot
        key = np.where(kind == COMPROMISE, avg, move)
        choice = np.argmin(np.where(chosen, key, np.inf), axis=-1)
    elif rule == "least_move":
        mm = np.where(cand, move, np.inf)
        best = mm.min(axis=-1, keepdims=True)
        tie = cand & (mm <= best + _REL_TIE * np.abs(best))
        choice = np.argmax(np.where(tie, b, -np.inf), axis=-1)
    else:
        bm = np.where(cand, b, -np.inf)
        best = bm.max(axis=-1, keepdims=True)
        tie = cand & (bm >= best - _REL_TIE * np.abs(best))
        choice = np.argmin(np.where(tie, move, np.inf), axis=-1)
    out: _IntArray = np.where(cand.any(axis=-1), choice, -1).astype(np.int64)
    return out
