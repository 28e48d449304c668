"""Spatial helpers shared by the models: weighted mean and median, scale conversion.

Weighted mean (the "expected outcome" of [BDM1994]) on issue k::

    mean_k = sum_i w_ik x_ik / sum_i w_ik,   w_ik = c_i * s_ik

Weighted median: with the positions sorted, the smallest position x at which the cumulative weight
reaches half the total weight, ``W(x) >= W / 2``.  With single-peaked preferences and votes weighted
by ``w``, this position beats every other actor position in a pairwise vote, so it is the
Condorcet winner among the actors' positions [Black1958].

Tie rule: when the cumulative weight equals exactly half the total at some position x (so x and
the next position up tie in a pairwise vote) we return the lower one, x.  Equal positions are
pooled before the rule applies, so the result does not depend on the order of the actors.
Actors of zero weight are ignored; if every weight is zero the unweighted rule is used.

References
----------
[BDM1994] Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method.
[Black1958] Black, D. (1958). The Theory of Committees and Elections.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["from_unit", "to_unit", "weighted_mean", "weighted_median"]

_Array = NDArray[np.float64]


def weighted_mean(x: _Array, w: _Array) -> _Array:
    """Column-wise weighted mean of ``x`` (actors × issues) with weights ``w`` of the same shape."""
    x = np.asarray(x, dtype=float)
    w = np.broadcast_to(np.asarray(w, dtype=float), x.shape)
    total = w.sum(axis=0)
    safe = np.where(total > 0, total, 1.0)
    out: _Array = np.where(total > 0, (w * x).sum(axis=0) / safe, x.mean(axis=0))
    return out


def weighted_median(x: _Array, w: _Array) -> _Array:
    """Column-wise weighted median (lower median on an exact tie; see the module docstring)."""
    x = np.atleast_2d(np.asarray(x, dtype=float))
    w = np.broadcast_to(np.asarray(w, dtype=float), x.shape).copy()
    w[:, w.sum(axis=0) <= 0] = 1.0
    w /= w.max(axis=0)  # scale to a maximum of 1: no subnormal sums
    order = np.argsort(x, axis=0, kind="stable")
    xs = np.take_along_axis(x, order, axis=0)
    cum = np.cumsum(np.take_along_axis(w, order, axis=0), axis=0)
    total = cum[-1]
    # Pool equal positions: the cumulative weight at a position is that after its last copy.
    last_of_run = np.vstack([xs[1:] != xs[:-1], np.ones((1, xs.shape[1]), dtype=bool)])
    reached = (2.0 * cum >= total * (1 - 1e-12)) & last_of_run
    idx = np.argmax(reached, axis=0)
    out: _Array = xs[idx, np.arange(xs.shape[1])]
    return out


def to_unit(x: _Array, bounds: _Array) -> _Array:
    """Rescale positions (… × issues) from each issue's scale to [0, 1]."""
    lo, hi = bounds[:, 0], bounds[:, 1]
    out: _Array = (np.asarray(x, dtype=float) - lo) / (hi - lo)
    return out


def from_unit(u: _Array, bounds: _Array) -> _Array:
    """Map [0, 1] positions back to each issue's own scale."""
    lo, hi = bounds[:, 0], bounds[:, 1]
    out: _Array = lo + np.asarray(u, dtype=float) * (hi - lo)
    return out
