"""Runs of one model over many seeds, for the spread a stochastic model gives.

:func:`replicate` spawns one child seed per run in the parent, from
``numpy.random.SeedSequence(seed)`` (:func:`detente.rng.spawn_seeds`), before any run starts, so
run ``k`` gets the same seed however many runs there are or where they run, and any run can be
repeated alone with ``detente.run(scenario, model, params, seed=reps.seeds[k])`` (STYLE.md rule 10).
A model that draws nothing (a deterministic model, or BDM and SMP without their random options)
gives ``n`` identical results and records no seeds (``seed`` None, ``seeds`` all None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from detente.api import load_scenario, model_params, run
from detente.models import draws_random
from detente.params import ParamError
from detente.result import Result
from detente.rng import seed_to_record, spawn_seeds
from detente.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Replicates", "replicate"]

Progress = Callable[[int, int], None]
"""Called after each run with (runs done, runs in all)."""


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Replicates:
    """``n`` runs of one model: the parent seed, each run's seed and each run's result."""

    model: str
    seed: int | None
    """The parent seed; None when the model draws nothing."""
    seeds: tuple[int | None, ...]
    results: tuple[Result, ...]

    @property
    def issues(self) -> tuple[str, ...]:
        """Issue ids, in order."""
        return self.results[0].issues

    def forecasts(self) -> NDArray[np.float64]:
        """The forecasts, shape ``(n runs, n issues)``."""
        return np.array([r.forecast for r in self.results], dtype=float)

    def to_frame(self) -> pd.DataFrame:
        """One row per run and issue: replicate, seed, issue, forecast."""
        import pandas as pd

        rows = [
            {"replicate": k, "seed": s, "issue": i, "forecast": v}
            for k, (s, r) in enumerate(zip(self.seeds, self.results, strict=True))
            for i, v in zip(r.issues, r.forecast, strict=True)
        ]
        return pd.DataFrame(rows, columns=["replicate", "seed", "issue", "forecast"])

    def __repr__(self) -> str:
        f = self.forecasts()
        spread = ", ".join(
            f"{i}={m:.4g}±{s:.2g}"
            for i, m, s in zip(self.issues, f.mean(axis=0), f.std(axis=0), strict=True)
        )
        seed = "no seed" if self.seed is None else f"seed {self.seed}"
        return f"Replicates({self.model!r}, {len(self.results)} runs, {seed}: {spread})"


def replicate(
    scenario: Scenario | str | Path,
    model: str,
    n: int,
    *,
    seed: int | None = None,
    params: Any = None,
    progress: Progress | None = None,
) -> Replicates:
    """Run ``model`` ``n`` times on ``scenario``, run ``k`` with the ``k``-th spawned seed.

    ``seed`` is the parent seed (a fresh one, recorded, when None; none where the model draws
    nothing); ``params`` as for :func:`detente.run`.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ParamError("must be a positive whole number of runs", name="n", value=n)
    loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    p = model_params(model, params)
    parent = seed_to_record(seed, draws_random(model, p, loaded))
    seeds: list[int | None] = [None] * n if parent is None else list(spawn_seeds(parent, n))
    results: list[Result] = []
    for k, child in enumerate(seeds):
        results.append(run(loaded, model, p, seed=child))
        if progress is not None:
            progress(k + 1, n)
    return Replicates(model=model, seed=parent, seeds=tuple(seeds), results=tuple(results))
