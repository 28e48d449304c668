"""The BDM model over many draws at once: the round loop of :mod:`engine` with a draw axis.

``run_batch(scenario, inputs, params, *, seeds)`` follows the contract of :mod:`detente.batch`:
row d of its forecast equals ``bdm.run`` on draw d's scenario (the median of the positions after
the last round played on each issue).  Per issue, every draw plays its rounds side by side
(:mod:`detente.models.bdm.batch_kernels`); a draw whose stopping rule fired (all positions equal,
a zero range, or ``stop=median_stable``) holds still while the others play on.  Draws that leave
out the same actors are evaluated together on the actors present.

Covered: every deterministic setting with ``reset_risk=True`` (both presets, ``canonical`` and
``scholz-code``, and their variants).  Salience shocks or stochastic conflict
(``params.stochastic``) and ``reset_risk=False`` fall back to one ``run`` per draw, seeded by
``seeds``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from detente.batch import BatchForecast, DrawInputs, looped
from detente.errors import ModelInputError
from detente.models.bdm import batch_kernels as bk
from detente.models.bdm.bargain import classify, select
from detente.models.bdm.params import BDMParams
from detente.scenario import Scenario

__all__ = ["run_batch"]

_Array = NDArray[np.float64]


def _step(x: _Array, s: _Array, c: _Array, R: _Array, p: BDMParams) -> tuple[_Array, _Array]:
    """One round for every draw: new positions and their median (engine.step, batched)."""
    w = c * s
    mu = bk.median_position(x, w, p.median_tie)
    ones = np.ones_like(x)
    P = bk.win_probabilities(x, w, R, ones, p.p_rule)
    E1 = bk.expected_utility(x, s, P, mu, R, ones[:, :, None], p)
    r = bk.risk_exponents(E1.sum(axis=1))
    if p.p_rule == "all_pairs_riskweighted":
        P = bk.win_probabilities(x, w, R, r, p.p_rule)
    eu = bk.expected_utility(x, s, P, mu, R, r[:, :, None], p)
    if p.classify_on == "own_estimates":
        b = eu.transpose(0, 2, 1)
    else:
        b = bk.expected_utility(x, s, P, mu, R, r[:, None, :], p).transpose(0, 2, 1)
    kind, new = classify(eu, b, x, p)
    choice = select(kind, new, eu, b, x, p.selection)
    picked = np.take_along_axis(new, np.maximum(choice, 0)[:, :, None], axis=2)[:, :, 0]
    x_new = np.where(choice >= 0, picked, x)
    return x_new, bk.median_position(x_new, w, p.median_tie)


def _range(x: _Array, x0: _Array, width: float, mode: str) -> _Array:
    if mode == "scale":
        return np.full(len(x), width)
    out: _Array = np.ptp(x0 if mode == "initial" else x, axis=1)
    return out


def run_issue(x0: _Array, s: _Array, c: _Array, width: float, p: BDMParams) -> _Array:
    """Final median per draw on one issue (engine.run_issue for B draws)."""
    x = x0.copy()
    prev = bk.median_position(x0, c * s, p.median_tie)
    final, quiet = prev.copy(), np.zeros(len(x))
    active = np.ones(len(x), dtype=bool)
    for _ in range(p.rounds):
        R = _range(x, x0, width, p.range_mode)
        active &= (R > 0) & (np.ptp(x, axis=1) != 0)
        if not active.any():
            break
        x_new, median = _step(x, s, c, np.where(R > 0, R, 1.0), p)
        x = np.where(active[:, None], x_new, x)
        final = np.where(active, median, final)
        calm = np.abs(median - prev) < p.stop_tol * R
        quiet = np.where(active, np.where(calm, quiet + 1, 0), quiet)
        prev = np.where(active, median, prev)
        if p.stop == "median_stable":
            active &= quiet < p.stop_k
    return final


def _forecast(
    scenario: Scenario, inputs: DrawInputs, keep: NDArray[np.bool_], p: BDMParams
) -> _Array:
    """Forecasts (B, I) of draws that all have the actors ``keep`` present."""
    x, s = inputs.positions[:, keep], inputs.saliences[:, keep] / 100.0
    c = inputs.capabilities[:, keep]
    widths = np.diff(scenario.bounds(), axis=1)[:, 0]
    cols = [run_issue(x[:, :, k], s[:, :, k], c, float(widths[k]), p) for k in range(len(widths))]
    return np.stack(cols, axis=1)


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
            raise ModelInputError("the BDM model needs at least two actors")
        rows = np.flatnonzero(group.ravel() == g)
        out[rows] = _forecast(scenario, inputs.take(rows), keep, params)
    return BatchForecast(out)
