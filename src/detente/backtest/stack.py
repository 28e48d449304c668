"""A stacked ensemble of backtested models, its weights fit on the development split only.

The ensemble forecast on issue k is a convex combination of the component models' forecasts::

    f_k = sum_m w_m f_mk,    w_m >= 0,  sum_m w_m = 1

with the weights that minimise the mean absolute error on the ``dev`` issues (least absolute
deviations, the loss the backtest scores; [Breiman1996] stacks by least squares with non-negative
weights, we use the absolute loss of the headline metric).  It is a linear programme::

    min  sum_k t_k   s.t.  -t_k <= sum_m w_m f_mk - y_k <= t_k,   w >= 0,  sum_m w_m = 1

solved with HiGHS (scipy).  A component with no forecast on an issue (the Nash solution without a
reference point) contributes the compromise model's forecast there instead, so the ensemble
forecasts every issue.  The weights are then applied unchanged to the ``test`` issues.

References
----------
[Breiman1996] Breiman, L. (1996). Stacked regressions. Machine Learning 24(1), 49–64.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog

from detente.backtest import BASELINE, Backtest
from detente.errors import DetenteError

__all__ = ["components", "fit_weights", "stacked"]

_Array = NDArray[np.float64]


def components(bt: Backtest, labels: Sequence[str]) -> _Array:
    """Forecasts of ``labels`` (components × issues), gaps filled with the compromise model's."""
    known = list(bt.labels)
    missing = [x for x in [*labels, BASELINE] if x not in known]
    if missing:
        raise DetenteError(f"stacking needs the backtest of {', '.join(missing)}")
    base = bt.forecasts[known.index(BASELINE)]
    rows = [bt.forecasts[known.index(x)] for x in labels]
    return np.array([np.where(np.isnan(r), base, r) for r in rows])


def fit_weights(forecasts: _Array, outcomes: _Array) -> _Array:
    """Convex weights minimising the mean absolute error (the linear programme above)."""
    m, n = forecasts.shape
    cost = np.r_[np.zeros(m), np.ones(n)]
    a_ub = np.block([[forecasts.T, -np.eye(n)], [-forecasts.T, -np.eye(n)]])
    b_ub = np.r_[outcomes, -outcomes]
    a_eq = np.r_[np.ones(m), np.zeros(n)][None, :]
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], method="highs")
    if not res.success:  # pragma: no cover - the programme is always feasible and bounded
        raise DetenteError(f"stacking: the linear programme failed ({res.message})")
    w: _Array = np.clip(res.x[:m], 0.0, None)
    out: _Array = w / w.sum()
    return out


def stacked(dev: Backtest, target: Backtest, labels: Sequence[str]) -> tuple[_Array, _Array]:
    """Weights fit on ``dev`` and the ensemble's forecasts on ``target``'s issues."""
    if dev.split != "dev":
        raise DetenteError(f"stacking weights are fit on the dev split only, not {dev.split!r}")
    w = fit_weights(components(dev, labels), dev.outcomes())
    forecast: _Array = w @ components(target, labels)
    return w, forecast
