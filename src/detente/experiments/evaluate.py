"""Evaluate a registered model on a batch of inputs, with common random numbers.

Sensitivity analyses and lever searches compare the forecasts of many variants of one scenario;
any difference between two variants must come from their inputs, not from the model's own chance.
So every draw gets the *same* seed (common random numbers): a stochastic model then is a
deterministic function of its inputs, as the estimators assume.  The model runs through its batch
kernel, or draw by draw where it has none (:func:`detente.models.batch_runner`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.api import load_scenario, model_params
from detente.batch import DrawInputs
from detente.models import MODELS, batch_runner
from detente.scenario import Scenario

__all__ = ["CHUNKS", "ProgressFn", "as_scenario", "forecast_batch", "model_params"]

_Array = NDArray[np.float64]
ProgressFn = Callable[[int, int], None]
"""``progress(done, total)``, called as work is done (the CLI draws a bar with it)."""
CHUNKS = 40
"""Pieces a batch is cut into when progress is reported."""


def as_scenario(scenario: Scenario | str | Path) -> Scenario:
    """``scenario`` itself, or the scenario loaded from a file or a bundled name."""
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def forecast_batch(
    scenario: Scenario,
    model: str,
    params: Any,
    inputs: DrawInputs,
    *,
    seed: int | None,
    progress: ProgressFn | None = None,
) -> _Array:
    """Forecasts ``(D, I)`` of ``model`` on every draw of ``inputs``, all with ``seed``.

    ``seed`` is None where the model draws nothing (:func:`detente.models.draws_random`).

    With ``progress``, the draws go in :data:`CHUNKS` chunks and ``progress(done, total)`` is
    called after each (rows do not depend on the other rows of their batch, so nothing changes).
    """
    run = batch_runner(MODELS[model])
    n = inputs.n_draws
    seed = 0 if seed is None else seed  # None: nothing is drawn, any seed gives the same
    if progress is None:
        return np.asarray(run(scenario, inputs, params, seeds=[seed] * n).forecast, dtype=float)
    out = np.empty((n, len(scenario.issues)))
    for rows in np.array_split(np.arange(n), min(CHUNKS, max(n, 1))):
        part = inputs.take(rows)
        out[rows] = run(scenario, part, params, seeds=[seed] * len(rows)).forecast
        progress(int(rows[-1]) + 1 if len(rows) else n, n)
    return out
