"""Interval forecasts: each model's Monte Carlo sweep over noise on a DEU issue's inputs.

With ``draws`` N, every (model, issue) pair gets a sweep (:func:`detente.experiments.sweep`) of N
draws of the issue's positions, saliences and capabilities, each drawn from a triangular
distribution with mode at the coded value and half-width ``noise`` (position in % of the 0–100
scale, salience in points, capability in % of the value; :mod:`detente.uncertainty`).  The 50%
interval is the 25th–75th percentile of the N forecasts, the 80% interval the 10th–90th; their
coverage is the share of real outcomes inside.

The sweep's seed is ``keyed_seed(seed, "draws", model, issue)``, so intervals, like the point
forecasts, do not depend on what else runs.

Noise, tuned on ``dev`` only (``scripts/backtest_noise.py``; figures in
docs/explanation/backtest.md): of the settings in :data:`GRID`, the one whose compromise-model
intervals come closest to nominal coverage on the dev issues (least |cov50 − 0.5| + |cov80 − 0.8|,
1,000 draws, seed 2026).  That is the widest noise the uncertainty layer allows on positions —
and even so the intervals cover only about 9% (50%) and 21% (80%) of dev outcomes: input noise
moves a weighted mean far less than the mean misses real outcomes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from detente.rng import keyed_seed
from detente.scenario import Scenario

__all__ = ["DEFAULT_NOISE", "GRID", "interval"]

GRID: tuple[Mapping[str, float], ...] = (
    {"position": 10.0, "salience": 15.0, "capability": 20.0},  # detente's default block
    {"position": 30.0, "salience": 15.0, "capability": 20.0},
    {"position": 50.0, "salience": 30.0, "capability": 50.0},
    {"position": 100.0, "salience": 15.0, "capability": 20.0},
    {"position": 100.0, "salience": 50.0, "capability": 100.0},
    {"position": 100.0, "salience": 100.0, "capability": 100.0},
)
"""Noise settings tried on dev: half-widths of position (% of scale), salience, capability (%)."""
DEFAULT_NOISE: Mapping[str, float] = GRID[4]
"""Half-widths used by ``--draws``: the setting chosen on dev (see the module docstring)."""
_QUANTILES = (25, 75, 10, 90)


def interval(
    model: str,
    label: str,
    params: Any,
    scenario: Scenario,
    seed: int,
    draws: int,
    noise: Mapping[str, float],
) -> tuple[float, float, float, float]:
    """(lo50, hi50, lo80, hi80) of ``model``'s forecasts over ``draws`` noisy inputs."""
    from detente.experiments import sweep

    result = sweep(
        scenario,
        model,
        draws=draws,
        seed=keyed_seed(seed, "draws", label, scenario.id),
        params=params,
        noise=noise,
    )
    q = np.percentile(result.base()[:, 0], _QUANTILES)
    return float(q[0]), float(q[1]), float(q[2]), float(q[3])
