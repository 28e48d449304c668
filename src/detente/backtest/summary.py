"""The backtest's JSON contract: scores per model, per period and per split, and every forecast.

::

    {"model": "backtest", "params", "seed", "version", "scenario": {"id": "deu3", "title",
     "sha256"},                           # the provenance keys, on top as in every result
     "dataset": "deu3", "split", "capability", "n_issues",
     "models": {NAME: {"n", "mae", "median_ae", "rmse", "within_5", "within_10",
                       "vs_mean": {"diff", "ci95": [lo, hi], "n"},
                       "coverage_50", "coverage_80"}},
     "by_period": {PERIOD: {"n_issues", "models": {NAME: {...as above...}}}},
     "by_split": {SPLIT: {"n_issues", "models": {...}}},
     "issues": [{"isnr", "period", "outcome", "reference_point", "forecasts": {NAME: value},
                 "intervals": {NAME: [lo50, hi50, lo80, hi80]}}],
     "unscored": [{"isnr", "period", "reason"}], "missing": [{"model", "isnr", "reason"}],
     "noise", "resamples"}

Earlier versions kept the provenance keys under ``"provenance"``; the store still reads runs saved
in that shape (:func:`detente.store.database.provenance_keys`).

``vs_mean.diff`` is the mean of |model error| − |compromise-model error| over the issues both
forecast (negative: the model is closer to the real outcomes), with its paired-bootstrap 95%
interval (:func:`detente.backtest.scores.compare`).  Coverage is null without ``--draws``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from detente.backtest.scores import RESAMPLES, compare, coverage, metrics
from detente.io.deu import PERIODS

if TYPE_CHECKING:
    from detente.backtest import Backtest

__all__ = ["summarise", "table"]

_SPLITS = {"dev": ("1996-2000",), "test": ("2003-2008", "2012-2018")}


def table(bt: Backtest, mask: NDArray[np.bool_] | None = None) -> dict[str, dict[str, Any]]:
    """Scores of every candidate over the issues selected by ``mask`` (default: all)."""
    mask = np.ones(len(bt.issues), dtype=bool) if mask is None else mask
    y = bt.outcomes()[mask]
    labels = list(bt.labels)
    base = bt.forecasts[labels.index("mean")][mask] if "mean" in labels else None
    seed = bt.provenance.seed or 0
    out = {}
    for j, label in enumerate(labels):
        f = bt.forecasts[j][mask]
        row = metrics(f, y)
        row["vs_mean"] = compare(f, base, y, seed, RESAMPLES) if base is not None else None
        row["coverage_50"] = row["coverage_80"] = None
        if bt.intervals is not None:
            iv = bt.intervals[j][mask]
            row["coverage_50"] = coverage(iv[:, 0], iv[:, 1], y)
            row["coverage_80"] = coverage(iv[:, 2], iv[:, 3], y)
        out[label] = row
    return out


def _groups(bt: Backtest, groups: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    periods = np.array([i.period for i in bt.issues])
    out = {}
    for name, members in groups.items():
        mask = np.isin(periods, members)
        if mask.any():
            out[name] = {"n_issues": int(mask.sum()), "models": table(bt, mask)}
    return out


def _value(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _issue_rows(bt: Backtest) -> list[dict[str, Any]]:
    rows = []
    for k, issue in enumerate(bt.issues):
        row: dict[str, Any] = {
            "isnr": issue.isnr,
            "period": issue.period,
            "outcome": issue.outcome,
            "reference_point": issue.reference_point,
            "forecasts": {c: _value(bt.forecasts[j, k]) for j, c in enumerate(bt.labels)},
        }
        if bt.intervals is not None:
            row["intervals"] = {
                c: [_value(v) for v in bt.intervals[j, k]] for j, c in enumerate(bt.labels)
            }
        rows.append(row)
    return rows


def summarise(bt: Backtest) -> dict[str, Any]:
    """The JSON contract of a backtest (see the module docstring)."""
    return {
        **bt.provenance.to_dict(),
        "dataset": "deu3",
        "split": bt.split,
        "capability": bt.capability,
        "n_issues": len(bt.issues),
        "models": table(bt),
        "by_period": _groups(bt, {p: (p,) for p in PERIODS}),
        "by_split": _groups(bt, _SPLITS),
        "issues": _issue_rows(bt),
        "unscored": [{"isnr": i, "period": p, "reason": r} for i, p, r in bt.unscored],
        "missing": [{"model": m, "isnr": i, "reason": r} for m, i, r in bt.missing],
        "noise": bt.noise,
        "resamples": RESAMPLES,
    }
