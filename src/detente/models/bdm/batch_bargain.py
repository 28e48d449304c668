"""Offers, choice and move of the BDM model for B draws at once (the bargain of one round).

The same decisions as :func:`detente.models.bdm.bargain.classify` followed by
:func:`~detente.models.bdm.bargain.select` and the move of :func:`detente.models.bdm.engine.step`
(the same comparisons on the same numbers, so the same positions bit for bit), arranged for many
draws: the kinds stay three boolean masks, a row's best value is read at its ``argmin`` or
``argmax`` (reductions along a short last axis are slow in NumPy), and the compromise position is
computed only for the offer each receiver accepts.

``a[i, j] = E^i(U_ij)``, ``b[i, j]`` = the EU of j challenging i as receiver i reads it, ``x``
(B, n) the positions and ``dx`` = |x_i − x_j| (B, n, n), the move of a full move to x_j.
Deterministic conflict rules only (``stochastic`` runs draw by draw).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.models.bdm.params import BDMParams

__all__ = ["Offers", "move", "offers"]

_Array = NDArray[np.float64]
_Bool = NDArray[np.bool_]
_Int = NDArray[np.intp]
_REL_TIE = 1e-12  # as bargain._REL_TIE


@dataclass(frozen=True, slots=True, eq=False)
class Offers:
    """Receiver i's possible moves towards j (Fig. 6 of [Scholz2011]): disjoint masks (B, n, n).

    ``abs_a``, ``abs_b`` are |a| and |b|; ``capitulation`` is None when switched off (A10).
    """

    conflict: _Bool
    compromise: _Bool
    capitulation: _Bool | None
    abs_a: _Array
    abs_b: _Array


def offers(a: _Array, b: _Array, p: BDMParams) -> Offers:
    """The kinds of :func:`detente.models.bdm.bargain.classify`, later kinds winning overlaps."""
    gain_b = b > p.eps
    abs_a, abs_b = np.abs(a), np.abs(b)
    upper = (a < 0) & gain_b
    if p.capitulation:
        compromise = upper & (abs_b >= abs_a)
        capitulation: _Bool | None = upper & (abs_a > abs_b)
    else:
        compromise, capitulation = upper & (abs_b > abs_a), None
    if p.conflict == "lower_eu_moves":
        conflict = (a > p.eps) & gain_b & (b > a)
        if p.eps < 0:  # a conflict region reaching below 0 overlaps the later kinds
            conflict &= ~(compromise if capitulation is None else compromise | capitulation)
    else:
        conflict = np.zeros(a.shape, dtype=bool)
    return Offers(conflict, compromise, capitulation, abs_a, abs_b)


def _first(key: _Array, mask: _Bool, empty: float = np.inf) -> tuple[_Int, _Bool]:
    """Per row, the index of the least ``key`` among ``mask`` (first on ties), and whether any."""
    idx = np.argmin(np.where(mask, key, empty), axis=-1)
    return idx, np.take_along_axis(mask, idx[..., None], axis=-1)[..., 0]


def _any(mask: _Bool) -> _Bool:
    """``mask.any(axis=-1)``, read at ``argmax`` (faster along a short last axis)."""
    out: _Bool = np.take_along_axis(mask, np.argmax(mask, axis=-1)[..., None], axis=-1)[..., 0]
    return out


def _least_average(o: Offers, x: _Array, need: _Bool) -> tuple[_Int, _Int, _Int]:
    """For the receivers ``need`` (B, n): the compromise of lowest average position (as select).

    The key (|a| x_i + |b| x_j) / (|a| + |b|) is computed on those receivers' rows only (few:
    most have a conflict offer, which comes first, or no compromise).  Returns (draw, receiver,
    chosen sender) per such receiver.
    """
    bi, ii = np.nonzero(need)
    aa, ab = o.abs_a[bi, ii], o.abs_b[bi, ii]
    with np.errstate(invalid="ignore", divide="ignore"):  # 0/0 only where no compromise
        avg = (aa * x[bi, ii][:, None] + ab * x[bi]) / (aa + ab)
    return bi, ii, _first(avg, o.compromise[bi, ii])[0]


def _type_order(o: Offers, x: _Array, dx: _Array) -> _Int:
    """Conflict (least move) ≻ compromise (lowest average position) ≻ capitulation (least move)."""
    choice, found = _first(dx, o.conflict)
    need = ~found & _any(o.compromise)
    if need.any():
        bi, ii, pick = _least_average(o, x, need)
        choice[bi, ii] = pick
        found |= need
    if o.capitulation is not None:
        c3, f3 = _first(dx, o.capitulation)
        choice, found = np.where(found, choice, c3), found | f3
    out: _Int = np.where(found, choice, -1)
    return out


def _moves(o: Offers, x: _Array, dx: _Array, rule: str) -> _Array:
    """|new − x_i| of every offer (only candidates matter): dx, or the compromise's own move."""
    xi, xj = x[:, :, None], x[:, None, :]
    if rule == "eq35_36":
        ratio = np.divide(o.abs_a, o.abs_b, out=np.zeros_like(dx), where=o.compromise)
        partial = xi + (xj - xi) * ratio
    else:
        tot = np.where(o.compromise, o.abs_a + o.abs_b, 1.0)
        partial = (o.abs_a * xi + o.abs_b * xj) / tot
    out: _Array = np.where(o.compromise, np.abs(partial - xi), dx)
    return out


def _ranked(o: Offers, b: _Array, move: _Array, rule: str) -> _Int:
    """``enforceability`` (highest b, ties → least move) or ``least_move`` (the reverse)."""
    cand = o.conflict | o.compromise
    if o.capitulation is not None:
        cand |= o.capitulation
    if rule == "least_move":
        mm = np.where(cand, move, np.inf)
        best = np.take_along_axis(mm, np.argmin(mm, axis=-1)[..., None], axis=-1)
        tie = cand & (mm <= best + _REL_TIE * np.abs(best))
        choice = np.argmax(np.where(tie, b, -np.inf), axis=-1)
    else:
        bm = np.where(cand, b, -np.inf)
        best = np.take_along_axis(bm, np.argmax(bm, axis=-1)[..., None], axis=-1)
        tie = cand & (bm >= best - _REL_TIE * np.abs(best))
        choice = np.argmin(np.where(tie, move, np.inf), axis=-1)
    out: _Int = np.where(cand.any(axis=-1), choice, -1)
    return out


def move(a: _Array, b: _Array, x: _Array, dx: _Array, p: BDMParams) -> _Array:
    """Positions after every receiver has taken the one offer it accepts (or none)."""
    o = offers(a, b, p)
    if p.selection == "type_order":
        choice = _type_order(o, x, dx)
    else:
        choice = _ranked(o, b, _moves(o, x, dx, p.compromise_rule), p.selection)
    c = np.maximum(choice, 0)[:, :, None]
    at = [np.take_along_axis(v, c, axis=2)[:, :, 0] for v in (o.abs_a, o.abs_b)]
    comp = np.take_along_axis(o.compromise, c, axis=2)[:, :, 0]
    xj = np.take_along_axis(x, c[:, :, 0], axis=1)
    if p.compromise_rule == "eq35_36":
        partial = x + (xj - x) * (at[0] / np.where(comp, at[1], 1.0))
    else:
        partial = (at[0] * x + at[1] * xj) / np.where(comp, at[0] + at[1], 1.0)
    new = np.where(comp, partial, xj)
    out: _Array = np.where(choice >= 0, new, x)
    return out
