"""Voting rules, coalition strengths, victory probabilities and the PCE of KTAB's SMP.

All functions are vectorised over options and voters and follow KTAB's order of operations
(``KTAB/kmodel/libsrc/kmodel.cpp``: ``Model::vote``, ``coalitions``, ``vProb``, ``condPCE``,
``markovUniformPCE``, ``markovIncentivePCE``, ``scalarPCE``) so that results agree with KTAB to
rounding error.  The equations are in the package docstring (:mod:`detente.models.smp`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.errors import ModelInputError

__all__ = ["coalitions", "pce", "scalar_pce", "victory_probabilities", "vote"]

_Array = NDArray[np.float64]

MIN_COALITION = 1e-8
"""Seed strength of every coalition (``Model::coalitions``)."""
SMALL_VOTE = 12_000
"""Votes cast at once: all pairs up to this many, else one option (or part of one) at a time,
so that temporaries stay small (see ``challenge.BLOCK_ELEMENTS``)."""


def vote(rule: str, w: _Array | float, u_a: _Array, u_b: _Array) -> _Array:
    """Vote of weight ``w`` for option a over option b, given the utilities of both (§3.2)."""
    du = np.asarray(u_a - u_b, dtype=float)
    if rule == "Prop":
        return np.asarray(w * du, dtype=float)
    if rule == "Binary":
        return np.asarray(w * np.clip(du / 1e-8, -1.0, 1.0), dtype=float)
    if rule == "PropBin":
        rbp = 0.2
        return np.asarray(w * ((1 - rbp) * du + rbp * np.clip(du / 1e-8, -1.0, 1.0)), dtype=float)
    if rule == "PropCbc":
        rpc = 0.5
        return np.asarray(w * ((1 - rpc) * du + rpc * (du * du * du)), dtype=float)
    if rule == "Cubic":
        return np.asarray(w * (du * du * du), dtype=float)
    if rule == "ASymProsp":
        up = (2.0 * w * du) / 3.0
        return np.asarray(np.where(du < 0.0, w * du, np.where(du > 0.0, up, 0.0)), dtype=float)
    raise ModelInputError(f"unknown voting rule {rule!r}")


@functools.lru_cache(maxsize=64)
def _lower(m: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Row and column indices of the strict lower triangle of an m × m matrix (cached)."""
    ia, ib = np.tril_indices(m, -1)
    ia.setflags(write=False)
    ib.setflags(write=False)
    return ia, ib


def coalitions(rule: str, w: _Array, u: _Array) -> _Array:
    """Coalition strengths ``C[a, b]`` for options a over b.

    Parameters
    ----------
    rule : str
        Voting rule name.
    w : ndarray, shape (n_voters,)
        Voting weights.
    u : ndarray, shape (..., n_voters, n_options)
        Utility of each option to each voter (leading axes: independent elections).

    Notes
    -----
    Like KTAB, votes are cast only for pairs a > b (lower triangle); ``C[b, a]`` collects the
    negative votes of that same comparison.  This matters for the asymmetric rule ``ASymProsp``.
    """
    m = u.shape[-1]
    c = np.full((*u.shape[:-2], m, m), MIN_COALITION)
    if u[..., 0].size * m * m <= SMALL_VOTE:
        ia, ib = _lower(m)
        c[..., ia, ib], c[..., ib, ia] = _tally(vote(rule, w[:, None], u[..., ia], u[..., ib]))
        return c
    step = max(1, SMALL_VOTE // u[..., 0].size)
    for a in range(1, m):  # row by row in small pieces: no gathers, and the votes stay in cache
        for lo in range(0, a, step):
            b = slice(lo, min(a, lo + step))
            v = vote(rule, w[:, None], u[..., a : a + 1], u[..., b])
            c[..., a, b], c[..., b, a] = _tally(v)
    return c


def _tally(v: _Array) -> tuple[_Array, _Array]:
    """Coalition strengths for and against from votes ``v`` (voters on axis −2).

    Summed voter by voter onto the seed, in KTAB's order, so that the result does not depend on
    how the votes were blocked.
    """
    pos = np.maximum(v, 0.0)
    neg = np.subtract(pos, v, out=v)  # max(−v, 0), exactly
    pos[..., 0, :] += MIN_COALITION
    neg[..., 0, :] += MIN_COALITION
    total = np.add.accumulate
    return total(pos, axis=-2)[..., -1, :], total(neg, axis=-2)[..., -1, :]


def _powered(vpm: str, s1: _Array, s2: _Array) -> tuple[_Array, _Array]:
    if vpm == "Linear":
        return s1, s2
    if vpm == "Square":
        return s1 * s1, s2 * s2
    if vpm == "Quartic":
        return s1 * s1 * s1 * s1, s2 * s2 * s2 * s2
    if vpm == "Octic":
        q1, q2 = s1 * s1 * s1 * s1, s2 * s2 * s2 * s2
        return q1 * q1, q2 * q2
    if vpm == "Binary":
        thresh, min_x = 1.10, 1e-6
        p12 = ((s1 / (s1 + s2)) * (thresh + 1.0) - 1.0) / (thresh - 1.0)
        x1 = np.where(s1 >= thresh * s2, 1.0, np.where(s2 >= thresh * s1, min_x, p12))
        x2 = np.where(s1 >= thresh * s2, min_x, np.where(s2 >= thresh * s1, 1.0, 1 - p12))
        return x1, x2
    raise ModelInputError(f"unknown victory probability model {vpm!r}")


def victory_probabilities(vpm: str, c: _Array) -> _Array:
    """``P[a, b]``, the probability that option a beats b given coalition strengths ``c``."""
    m = c.shape[-1]
    p = np.full(c.shape, 0.5)
    ia, ib = _lower(m)
    x1, x2 = _powered(vpm, c[..., ia, ib], c[..., ib, ia])
    p[..., ia, ib] = x1 / (x1 + x2)
    p[..., ib, ia] = x2 / (x1 + x2)
    return p


def _conditional(pv: _Array) -> _Array:
    p = np.prod(pv, axis=-1)
    out: _Array = p / p.sum(axis=-1, keepdims=True)
    return out


def _limit(step: _Array, tol: float, name: str) -> _Array:
    """Where KTAB's damped iteration ``p <- (p + step @ p) / 2`` from the uniform ``p`` ends.

    KTAB stops after 1000 iterations (an assertion fails); when options are almost tied the
    iteration is still moving then (slowly, not wrongly).  ``step`` is column-stochastic (it
    keeps the sum of ``p``), so the same iteration run 2^k times is the k-th square of
    ``A = (I + step) / 2``, renormalised by column against rounding: up to 2^64 iterations in
    64 products.  Stops once ``|step @ p - p| <= tol``, KTAB's own criterion.
    """
    m = step.shape[0]
    a = (np.eye(m) + step) / 2.0
    p0 = np.full(m, 1.0 / m)
    for _ in range(64):
        a = a @ a
        a /= a.sum(axis=0, keepdims=True)
        p: _Array = a @ p0
        if np.max(np.abs(step @ p - p)) <= tol:
            return p
    raise ModelInputError(f"SMP: the {name} PCE has no limit (2^64 iterations)")


def _markov_uniform(pv: _Array) -> _Array:
    m = pv.shape[0]
    p: _Array = np.full(m, 1.0 / m)
    for _ in range(1000):
        q = (pv * (p[:, None] + p[None, :])).sum(axis=1) / m
        change = np.max(np.abs(q - p))
        p = (p + q) / 2.0
        if change <= 1e-6:
            return p
    # q = step @ p with step = (diag(row sums of pv) + pv) / m
    return _limit((np.diag(pv.sum(axis=1)) + pv) / m, 1e-6, "MarkovUniform")


def _markov_incentive(c: _Array, pv: _Array) -> _Array:
    m = c.shape[0]
    inctv = c * pv + np.eye(m) * 1e-10
    chlg = inctv / inctv.sum(axis=0)[None, :]
    p: _Array = np.full(m, 1.0 / m)
    for _ in range(1000):
        ct = p[:, None] * chlg.T
        q = (pv * (ct + ct.T)).sum(axis=1)
        change = np.max(np.abs(q - p))
        p = (p + q) / 2.0
        if change <= 1e-8:
            return p
    # q = step @ p with step = diag(sum_j pv[i, j] chlg[j, i]) + pv * chlg
    step = np.diag((pv * chlg.T).sum(axis=1)) + pv * chlg
    return _limit(step, 1e-8, "MarkovIncentive")


def pce(pcem: str, vpm: str, c: _Array) -> tuple[_Array, _Array]:
    """Probabilistic Condorcet election: (option probabilities, victory matrix) from ``c``."""
    pv = victory_probabilities(vpm, c)
    if pcem == "Conditional":
        return _conditional(pv), pv
    if pcem == "MarkovUniform":
        return _each(pv, lambda k: _markov_uniform(pv[k])), pv
    if pcem == "MarkovIncentive":
        return _each(pv, lambda k: _markov_incentive(c[k], pv[k])), pv
    raise ModelInputError(f"unknown PCE model {pcem!r}")


def _each(pv: _Array, solve: Callable[[Any], _Array]) -> _Array:
    """Apply an iterative PCE to each election of a batch (leading axes of ``pv``)."""
    if pv.ndim == 2:
        return solve(...)
    out = np.empty(pv.shape[:-1])
    for k in np.ndindex(pv.shape[:-2]):
        out[k] = solve(k)
    return out


def scalar_pce(u: _Array, w: _Array, rule: str, vpm: str, pcem: str) -> _Array:
    """Probability that each option wins: coalitions → victory probabilities → PCE (§3.3).

    ``u`` is (n_voters, n_options), or (..., n_voters, n_options) for a batch of elections.
    """
    if u.shape[-1] == 1:
        return np.ones((*u.shape[:-2], 1))
    return pce(pcem, vpm, coalitions(rule, w, u))[0]
