"""The BDM model over many draws at once: the round loop of :mod:`engine` with a draw axis.

``run_batch(scenario, inputs, params, *, seeds)`` follows the contract of :mod:`detente.batch`:
row d of its forecast equals ``bdm.run`` on draw d's scenario (the median of the positions after
the last round played on each issue), bit for bit.  Each (draw, issue) is a row; rows play their
rounds side by side in blocks of about :data:`CELLS` pairwise cells (temporaries that stay in
the cache).  A row whose stopping rule fired (all positions equal, a zero range, or
``stop=median_stable``) leaves the block while the others play on.  Draws that leave out the same
actors are evaluated together on the actors present.

Per round, the positions are sorted once (:func:`detente.models.bdm.batch_support.layout`) for
both support sums, and with the no-challenge term Q·U_sq alone the receiver's reading b of A3
reuses the powers of the challenger's own EU.  Kernels: :mod:`batch_support` (supports and P),
:mod:`batch_kernels` (median, utilities, risk), :mod:`batch_bargain` (offers, choice, move).

Covered: every deterministic setting with ``reset_risk=True`` (both presets, ``canonical`` and
``scholz-code``, and their variants).  Salience shocks or stochastic conflict
(``params.stochastic``) and ``reset_risk=False`` fall back to one ``run`` per draw, seeded by
``seeds``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.batch import BatchForecast, DrawInputs, looped
from detente.errors import ModelInputError
from detente.models.bdm import batch_bargain as bb
from detente.models.bdm import batch_kernels as bk
from detente.models.bdm import batch_support as bs
from detente.models.bdm.kernels import _u
from detente.models.bdm.params import BDMParams
from detente.scenario import Scenario

__all__ = ["run_batch"]

_Array = NDArray[np.float64]
_Bool = NDArray[np.bool_]
_Pass = tuple[_Array, _Array]


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class _Board:
    """One round of B draws: what every pass of the round reads.

    Positions, saliences in [0, 1], weights c·s, ranges R (B,), the median μ,
    dx = |x_i − x_j| and d = dx / R (B, n, n), the clipped bases 0.5 ∓ 0.5 d of the
    utilities, the sort of the positions, and where x_i = x_j when two actors share a position.
    """

    x: _Array
    s: _Array
    w: _Array
    R: _Array
    mu: _Array
    dx: _Array
    d: _Array
    lo: _Array
    hi: _Array
    lay: bs.Layout
    same: _Bool | None


def _board(x: _Array, s: _Array, w: _Array, R: _Array, mu: _Array) -> _Board:
    dx = np.abs(x[:, :, None] - x[:, None, :])
    d = dx / R[:, None, None]
    lay = bs.layout(x)
    same = None if lay.tie is None else dx == 0.0  # x_i = x_j, the diagonal included
    lo, hi = bk.bases(d)
    return _Board(x=x, s=s, w=w, R=R, mu=mu, dx=dx, d=d, lo=lo, hi=hi, lay=lay, same=same)


def _zero_ties(E: _Array, b: _Board) -> _Array:
    """E with 0 wherever x_i = x_j: the diagonal, and tied pairs when there are any."""
    if b.same is not None:
        np.putmask(E, b.same, 0.0)
        return E
    B, n = b.x.shape
    assert E.flags.c_contiguous  # so that the reshape below is a view (challenge_eu)
    E.reshape(B, n * n)[:, :: n + 1] = 0.0
    return E


def _expected(b: _Board, P: _Array, r: _Array, p: BDMParams, receiver: bool) -> _Pass:
    """E^i(U_ij) at r_i, and (``receiver``) b[i, j] = E^j(U_ji) as receiver i reads it (A3).

    With the no-challenge term Q·U_sq alone, E^j(U_ji) at r_i uses the very utilities
    U(d_ij, r_i) of E^i(U_ij) (d is symmetric), so one pair of powers serves both.
    """
    if p.no_challenge == "full" and p.Q < 1.0:
        eu = bk.expected_utility(b.x, b.s, P, b.mu, b.R, r[:, :, None], p)
        if not receiver or p.classify_on == "own_estimates":
            return eu, eu.transpose(0, 2, 1)
        other = bk.expected_utility(b.x, b.s, P, b.mu, b.R, r[:, None, :], p)
        return eu, other.transpose(0, 2, 1)
    rr = r[:, :, None]
    us, uf = bk.utilities(b.lo, b.hi, rr)
    nc = p.Q * _u(np.array(0.5), rr)
    eu = _zero_ties(bk.challenge_eu(us, uf, P, b.s[:, None, :], nc), b)
    if not receiver or p.classify_on == "own_estimates":
        return eu, eu.transpose(0, 2, 1)
    return eu, _zero_ties(bk.challenge_eu(us, uf, P.transpose(0, 2, 1), b.s[:, :, None], nc), b)


def _second_probabilities(b: _Board, S1: _Array, r: _Array) -> _Array:
    """P of the all-pairs rule at the pass-1 risk exponents r (linear where a draw's r are 1)."""
    ones = np.all(r == 1.0, axis=1)
    if ones.all():
        D, S = b.d, S1
    else:
        D = b.d ** r[:, :, None]
        S = bs.support(b.lay, b.w, D)
        if ones.any():
            D[ones] = b.d[ones]
            S[ones] = S1[ones]
    return bs.to_full(b.lay, bs.pair_probabilities(S, bk.all_pairs_total(b.w, D)))


def _step(b: _Board, p: BDMParams) -> _Array:
    """One round for every draw: the new positions (engine.step, batched)."""
    S1 = bs.support_linear(b.lay, b.w, b.R)
    all_pairs = p.p_rule == "all_pairs_riskweighted"
    den = bk.all_pairs_total(b.w, b.d) if all_pairs else None
    P = bs.to_full(b.lay, bs.pair_probabilities(S1, den))
    E1, _ = _expected(b, P, np.ones_like(b.x), p, receiver=False)
    r = bk.risk_exponents(E1.sum(axis=1))
    if all_pairs:
        P = _second_probabilities(b, S1, r)
    eu, recv = _expected(b, P, r, p, receiver=True)
    return bb.move(eu, recv, b.x, b.dx, p)


def _range(x: _Array, x0: _Array, width: _Array, mode: str) -> _Array:
    if mode == "scale":
        return width
    out: _Array = np.ptp(x0 if mode == "initial" else x, axis=1)
    return out


def run_issue(x0: _Array, s: _Array, c: _Array, width: _Array, p: BDMParams) -> _Array:
    """Final median per row, each row one draw of one issue (engine.run_issue; width (B,)).

    A row whose stopping rule fired leaves the arrays with its median, as the single run breaks
    out of its loop.  The median of every round is needed only by ``stop=median_stable`` and by
    the full no-challenge term (μ in U_b, U_w); otherwise only the last one is computed.
    """
    w = c * s
    track = p.stop == "median_stable" or (p.no_challenge == "full" and p.Q < 1.0)
    final = bk.median_position(x0, w, p.median_tie)
    rows, x, mu, quiet = np.arange(len(x0)), x0, final.copy(), np.zeros(len(x0))
    for _ in range(p.rounds):
        R = _range(x, x0, width, p.range_mode)
        go = (R > 0) & (np.ptp(x, axis=1) != 0)
        if p.stop == "median_stable":
            go &= quiet < p.stop_k
        if not go.all():
            if not track:
                final[rows[~go]] = bk.median_position(x[~go], w[~go], p.median_tie)
            keep = (rows, x, x0, s, w, R, mu, quiet, width)
            rows, x, x0, s, w, R, mu, quiet, width = (v[go] for v in keep)
            if not len(rows):
                return final
        x = _step(_board(x, s, w, R, mu), p)
        if track:
            median = bk.median_position(x, w, p.median_tie)
            final[rows] = median
            quiet = np.where(np.abs(median - mu) < p.stop_tol * R, quiet + 1, 0)
            mu = median
    if not track:
        final[rows] = bk.median_position(x, w, p.median_tie)
    return final


CELLS = 1 << 16
"""Pairwise cells (rows × n²) per block: temporaries of 512 kB, large enough that NumPy's
per-call cost is small, small enough to stay in the cache (with :func:`_roomy_heap`)."""
_ROOMY = 16 << 20


def _roomy_heap() -> None:
    """Let the C allocator keep freed blocks of a few MB for reuse (speed only).

    glibc's malloc serves blocks above its threshold (128 kB at first) with fresh pages and gives
    the top of its heap back to the system once twice that is free, so a loop whose temporaries
    are hundreds of kB pays page faults in every round (a third of the time here).  Freeing one
    16 MiB block raises both thresholds (glibc's dynamic threshold); no number changes, and
    other allocators are unaffected.  Setting ``MALLOC_TRIM_THRESHOLD_`` switches that dynamic
    threshold off, which is why :func:`detente.experiments.execute.local_cluster` starts Dask
    workers without it.
    """
    np.empty(_ROOMY, dtype=np.uint8)


def _forecast(
    scenario: Scenario, inputs: DrawInputs, keep: NDArray[np.bool_], p: BDMParams
) -> _Array:
    """Forecasts (B, I) of draws that all have the actors ``keep`` present.

    Every (draw, issue) is a row of its own; rows run in blocks of about :data:`CELLS` cells.
    """
    B, n, k = inputs.n_draws, int(keep.sum()), len(scenario.issues)
    x = inputs.positions[:, keep].transpose(0, 2, 1).reshape(B * k, n)
    s = (inputs.saliences[:, keep] / 100.0).transpose(0, 2, 1).reshape(B * k, n)
    c = np.repeat(inputs.capabilities[:, keep], k, axis=0)
    width = np.tile(np.diff(scenario.bounds(), axis=1)[:, 0], B)
    out = np.empty(B * k)
    size = max(8, CELLS // (n * n))
    _roomy_heap()
    for a in range(0, B * k, size):
        part = slice(a, a + size)
        out[part] = run_issue(x[part], s[part], c[part], width[part], p)
    return out.reshape(B, k)


def run_batch(
    scenario: Scenario,
    inputs: DrawInputs,
    params: BDMParams | None = None,
    *,
    seeds: Sequence[int] = (),
) -> BatchForecast:
    """The BDM forecast of every draw (contract: :mod:`detente.batch`; coverage: module doc)."""
    from detente.models.bdm import run

    params = params or BDMParams()
    if params.stochastic or not params.reset_risk:
        return looped(run, True)(scenario, inputs, params, seeds=seeds)
    present = np.ones(inputs.capabilities.shape, dtype=bool)
    if inputs.present is not None:
        present = inputs.present
    out = np.empty((inputs.n_draws, len(scenario.issues)))
    patterns, group = np.unique(present, axis=0, return_inverse=True)
    for g, keep in enumerate(patterns):
        if keep.sum() < 2:
            raise ModelInputError("the BDM model needs at least two actors", field="actors")
        rows = np.flatnonzero(group.ravel() == g)
        out[rows] = _forecast(scenario, inputs.take(rows), keep, params)
    return BatchForecast(out)
