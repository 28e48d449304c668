"""Scores of forecasts against real outcomes, and the paired bootstrap against the compromise model.

For forecasts f_k and outcomes y_k on the 0–100 scale, with e_k = |f_k − y_k|::

    MAE = mean_k e_k,  median AE = median_k e_k,  RMSE = sqrt(mean_k e_k²),
    within_t = share of issues with e_k ≤ t  (t = 5, 10)

MAE is the literature's headline [Achen2006; Thomson2011].  A model is compared with the compromise
model (the salience-weighted mean, label ``mean``) on the issues both forecast, by the paired
difference d_k = e_k(model) − e_k(mean): its mean and a percentile 95% interval from B = 10,000
bootstrap resamples of the issues [Efron1993].  The resample indices are drawn once per issue set
from a seeded generator (all models share them) and the resampled means come from one
``(B, n)`` index array, so the bootstrap is vectorised.

Interval coverage: with per-issue 50% and 80% intervals, coverage is the share of outcomes inside
the closed interval.

References
----------
[Achen2006] Achen, C. H. (2006). Evaluating political decision-making models. In Thomson et al.
    (eds.), The European Union Decides, ch. 10.
[Thomson2011] Thomson, R. (2011). Resolving Controversy in the European Union. Cambridge UP.
[Efron1993] Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.rng import as_generator

__all__ = ["RESAMPLES", "compare", "coverage", "metrics"]

_Array = NDArray[np.float64]

RESAMPLES = 10_000
"""Bootstrap resamples, as the backtest protocol asks (percentile intervals need thousands)."""


def metrics(forecast: _Array, outcome: _Array) -> dict[str, Any]:
    """MAE, median AE, RMSE and shares within 5 and 10 points, over issues with a forecast."""
    ok = ~np.isnan(forecast)
    e = np.abs(forecast[ok] - outcome[ok])
    if e.size == 0:
        return dict.fromkeys(("mae", "median_ae", "rmse", "within_5", "within_10"), None) | {"n": 0}
    return {
        "n": int(e.size),
        "mae": float(e.mean()),
        "median_ae": float(np.median(e)),
        "rmse": float(np.sqrt((e**2).mean())),
        "within_5": float((e <= 5).mean()),
        "within_10": float((e <= 10).mean()),
    }


def compare(
    forecast: _Array, baseline: _Array, outcome: _Array, seed: int, resamples: int = RESAMPLES
) -> dict[str, Any]:
    """Mean paired difference of absolute errors (model − baseline) and its 95% interval."""
    ok = ~(np.isnan(forecast) | np.isnan(baseline))
    d = np.abs(forecast[ok] - outcome[ok]) - np.abs(baseline[ok] - outcome[ok])
    if d.size == 0:
        return {"diff": None, "ci95": [None, None], "n": 0}
    idx = as_generator(seed).integers(0, d.size, size=(resamples, d.size))
    means = d[idx].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return {"diff": float(d.mean()), "ci95": [float(lo), float(hi)], "n": int(d.size)}


def coverage(lo: _Array, hi: _Array, outcome: _Array) -> float | None:
    """Share of outcomes inside ``[lo, hi]`` over issues with an interval."""
    ok = ~(np.isnan(lo) | np.isnan(hi))
    if not ok.any():
        return None
    y = outcome[ok]
    return float(((lo[ok] <= y) & (y <= hi[ok])).mean())
