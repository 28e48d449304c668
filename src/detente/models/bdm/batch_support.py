"""Support sums and win probabilities of the BDM model for B draws at once, pair by pair.

:func:`detente.models.bdm.kernels.support_linear` and :func:`~detente.models.bdm.kernels.support`
sort the actors by position and read S[i, j] off prefix sums at the midpoint of x_i and x_j.  Here
the same prefix sums are read for every draw at once, and only for the n(n−1)/2 pairs lo < hi of
sorted indices: entry (lo, hi) (x_lo < x_hi, the "below" sum) and entry (hi, lo) (the "above"
sum) share their midpoint, since (x_lo + x_hi)/2 = (x_hi + x_lo)/2 exactly.  Every entry is
computed with the same floating-point operations, in the same order, as the one-draw kernel, so
the numbers are identical.

A :class:`Layout` holds one round's sort: it is built once per round and serves both support sums
(pass 1 with every r = 1, pass 2 with the drawn r) and the gather back to actor order.  Pair
values travel as (B, 2m + 1) arrays ``[upper pairs | lower pairs | 0]``, m = n(n−1)/2; the last
column is the diagonal's 0.  Counts that ``np.searchsorted`` gives one draw at a time are sums of
comparisons, which are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

__all__ = ["Layout", "layout", "pair_probabilities", "support", "support_linear", "to_full"]

_Array = NDArray[np.float64]
_Int = NDArray[np.intp]
_Bool = NDArray[np.bool_]


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class Layout:
    """One round's positions sorted per draw, with the indices the prefix sums are read at.

    ``order`` (B, n) sorts each draw; ``xs`` are the sorted positions; ``lo``, ``hi`` (m,) the
    sorted indices of each pair (lo < hi); ``mid``, ``tot``, ``d`` (B, m) the pair's midpoint, sum
    and distance; ``a``, ``b`` (B, n) the voters at or below / strictly below x_lo; ``p``, ``q``
    (B, m) those strictly below / at or below the midpoint; ``tie`` (B, m) x_lo = x_hi, or None
    when no two actors share a position; ``back`` (B, n, n) flat indices that put pair values
    back in actor order.
    """

    order: _Int
    xs: _Array
    lo: _Int
    hi: _Int
    mid: _Array
    tot: _Array
    d: _Array
    a: _Int
    b: _Int
    p: _Int
    q: _Int
    tie: _Bool | None
    back: _Int


@cache
def _pair_index(n: int) -> tuple[_Int, _Int, _Int]:
    """Sorted pairs (lo, hi), lo < hi, and the slot of each (i, j) in ``[upper | lower | 0]``."""
    lo, hi = np.triu_indices(n, 1)
    m = len(lo)
    slot = np.full((n, n), 2 * m, dtype=np.intp)
    slot[lo, hi], slot[hi, lo] = np.arange(m), m + np.arange(m)
    return lo, hi, slot


def _below(xs: _Array, v: _Array, strict: bool) -> _Int:
    """``searchsorted(xs[b], v[b], "left" if strict else "right")`` per draw b, exactly.

    Counted draws-last ((m, B) arrays), so each comparison runs along the draws.
    """
    vt, xt = np.ascontiguousarray(v.T), np.ascontiguousarray(xs.T)
    small = len(xt) < 127  # counts fit in int8, whose adds are fast
    count = np.zeros(vt.shape, dtype=np.int8 if small else np.intp)
    hit = np.empty(vt.shape, dtype=bool)
    cmp = np.less if strict else np.less_equal
    for row in xt:
        cmp(row, vt, out=hit)
        count += hit.view(np.int8) if small else hit
    return count.T.astype(np.intp)


def _at_or_below(xs: _Array, v: _Array, p: _Int, tie: _Bool | None) -> _Int:
    """#{k: xs_k ≤ v} from p = #{k: xs_k < v}: more only where xs[p] = v (xs sorted).

    Tied pairs (``tie``) keep p: their sums are set to 0 whatever is read.
    """
    B, n = xs.shape
    first = np.take(xs, np.minimum(p, n - 1) + np.arange(B)[:, None] * n)
    more = (first == v) & (p < n)
    if tie is not None:
        more &= ~tie
    if not more.any():
        return p
    return _below(xs, v, strict=False)


def _runs(xs: _Array) -> tuple[_Int, _Int]:
    """(#{k: xs_k ≤ xs_i}, #{k: xs_k < xs_i}) per sorted row: the ends and starts of runs."""
    B, n = xs.shape
    k = np.arange(n, dtype=np.intp)
    new = np.ones((B, n), dtype=bool)
    np.not_equal(xs[:, 1:], xs[:, :-1], out=new[:, 1:])
    start = np.maximum.accumulate(np.where(new, k, 0), axis=1)
    last = np.ones((B, n), dtype=bool)
    last[:, :-1] = new[:, 1:]
    end = np.minimum.accumulate(np.where(last, k + 1, n)[:, ::-1], axis=1)[:, ::-1]
    return end, start


def layout(x: _Array) -> Layout:
    """Sort the draws' positions ``x`` (B, n) and index their pairs (see :class:`Layout`)."""
    B, n = x.shape
    order = np.argsort(x, axis=1, kind="stable")
    rows = np.arange(B, dtype=np.intp)[:, None]
    xs = np.take(x, order + rows * n)
    inv = np.empty_like(order)
    np.put(inv, order + rows * n, np.broadcast_to(np.arange(n, dtype=np.intp), (B, n)))
    lo, hi, slot = _pair_index(n)
    xl, xh = xs[:, lo], xs[:, hi]
    mid, tot, d = (xl + xh) / 2.0, xl + xh, np.abs(xl - xh)
    p = _below(xs, mid, strict=True)
    if (xs[:, 1:] == xs[:, :-1]).any():
        (a, b), tie = _runs(xs), d == 0.0
    else:
        b = np.broadcast_to(np.arange(n, dtype=np.intp), (B, n))
        a, tie = b + 1, None
    q = _at_or_below(xs, mid, p, tie)
    m = len(lo)
    back = np.take(slot, inv[:, :, None] * n + inv[:, None, :]) + rows[:, :, None] * (2 * m + 1)
    return Layout(
        order=order,
        xs=xs,
        lo=lo,
        hi=hi,
        mid=mid,
        tot=tot,
        d=d,
        a=a,
        b=b,
        p=p,
        q=q,
        tie=tie,
        back=back,
    )


def _pairs(lay: Layout, below: _Array, above: _Array) -> _Array:
    """``[below | above | 0]`` with tied pairs at 0, after ``max(·, 0)`` (the kernels' clip)."""
    out = np.zeros((len(below), 2 * below.shape[1] + 1))
    m = below.shape[1]
    np.maximum(below, 0.0, out=out[:, :m])
    np.maximum(above, 0.0, out=out[:, m : 2 * m])
    if lay.tie is not None:
        out[:, :m][lay.tie] = 0.0
        out[:, m : 2 * m][lay.tie] = 0.0
    return out


def support_linear(lay: Layout, w: _Array, R: _Array) -> _Array:
    """Pair values of :func:`detente.models.bdm.kernels.support_linear` for every draw."""
    B, n = w.shape
    ws = np.take(w, lay.order + np.arange(B, dtype=np.intp)[:, None] * n)
    rows = np.arange(B, dtype=np.intp)[:, None] * (n + 1)
    W = np.zeros((B, n + 1))
    Y = np.zeros((B, n + 1))
    np.cumsum(ws, axis=1, out=W[:, 1:])
    np.cumsum(ws * lay.xs, axis=1, out=Y[:, 1:])
    ai, bj = lay.a[:, lay.lo] + rows, lay.b[:, lay.hi] + rows
    p, q = lay.p + rows, lay.q + rows
    Wa, Ya, Wp, Yp = np.take(W, ai), np.take(Y, ai), np.take(W, p), np.take(Y, p)
    below = lay.d * Wa + lay.tot * (Wp - Wa) - 2.0 * (Yp - Ya)
    Wb, Yb, Wq, Yq = np.take(W, bj), np.take(Y, bj), np.take(W, q), np.take(Y, q)
    above = lay.d * (W[:, -1:] - Wb) + 2.0 * (Yb - Yq) - lay.tot * (Wb - Wq)
    Rc = R[:, None]
    return _pairs(lay, below / Rc, above / Rc)


def support(lay: Layout, w: _Array, D: _Array) -> _Array:
    """Pair values of :func:`detente.models.bdm.kernels.support` (prefix sums of w_k D[k, ·])."""
    B, n = w.shape
    rows = np.arange(B, dtype=np.intp)[:, None]
    ws = np.take(w, lay.order + rows * n)
    flat = lay.order[:, :, None] * n + lay.order[:, None, :] + rows[:, :, None] * (n * n)
    X = np.take(D, flat)
    X *= ws[:, :, None]
    C = np.empty((B, n + 1, n))
    C[:, 0] = 0.0
    C[:, 1] = X[:, 0]
    for k in range(1, n):
        np.add(C[:, k], X[:, k], out=C[:, k + 1])
    at_p = lay.p * n + rows * ((n + 1) * n)  # start of row p of C, per pair
    below = np.take(C, at_p + lay.hi) - np.take(C, at_p + lay.lo)
    at_q = lay.q * n + rows * ((n + 1) * n)
    total = C[:, n]
    above = (np.take(total, lay.lo, axis=1) - np.take(C, at_q + lay.lo)) - (
        np.take(total, lay.hi, axis=1) - np.take(C, at_q + lay.hi)
    )
    return _pairs(lay, below, above)


def pair_probabilities(S: _Array, den: _Array | None) -> _Array:
    """P from pair supports: S over ``den`` (B,) per draw, or over S_ij + S_ji (``None``).

    The tied pairs and the diagonal already hold S = 0, so P = 0 there, as the kernels set it.
    """
    if den is None:
        m = (S.shape[1] - 1) // 2
        half = S[:, :m] + S[:, m : 2 * m]
        den2 = np.concatenate([half, half, np.zeros((len(S), 1))], axis=1)
    elif (den > 0).all():
        full: _Array = S / den[:, None]
        return full
    else:
        den2 = np.broadcast_to(den[:, None], S.shape)
    safe = np.where(den2 > 0, den2, 1.0)
    out: _Array = np.where(den2 > 0, S / safe, 0.0)
    return out


def to_full(lay: Layout, pairs: _Array) -> _Array:
    """(B, n, n) in actor order from pair values ``[upper | lower | 0]``."""
    out: _Array = np.take(pairs, lay.back)
    return out
