"""Run forecast models on every scored DEU issue, in parallel, with per-issue seeds.

A *candidate* is a registered model with parameters, written ``NAME`` or
``NAME:key=value:key=value`` (``bdm:preset=scholz-code``).  Each candidate runs once on each
issue's one-issue scenario; a stochastic one gets the seed ``keyed_seed(seed, label, isnr)``, so
a forecast does not depend on which other issues or candidates are run, nor on the number of
processes (STYLE.md rule 10).  A model that cannot forecast an issue (for example the Nash
solution without a reference point) leaves NaN there and the reason is recorded.

Work goes out in chunks of issues per candidate through joblib (``jobs``) or, with a scheduler
address, joblib's dask backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.api import UnknownNameError
from detente.canonical import scenario_sha256
from detente.errors import DetenteError
from detente.models import MODELS
from detente.params import ParamError, params_as_dict, params_from_strings, parse_assignments
from detente.rng import keyed_seed
from detente.scenario import Scenario

__all__ = ["Candidate", "Forecasts", "parse_candidates", "run_candidates"]

_CHUNK = 40
"""Issues per task: a few hundred milliseconds of work, well above joblib's per-task overhead."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A registered model with its parameters, under a label (``NAME[:key=value…]``)."""

    label: str
    model: str
    params: Any

    @property
    def stochastic(self) -> bool:
        """Whether runs draw random numbers (a registered stochastic model)."""
        return MODELS[self.model].stochastic

    def to_dict(self) -> dict[str, Any]:
        """Label, model and parameters as plain data."""
        return {"label": self.label, "model": self.model, "params": params_as_dict(self.params)}


def parse_candidates(spec: str | Sequence[str] | None) -> tuple[Candidate, ...]:
    """Candidates from ``"mean,bdm:preset=scholz-code"`` (None: every registered model)."""
    items = list(MODELS) if spec is None else _split(spec)
    out = []
    for item in items:
        name, *assignments = item.split(":")
        if name not in MODELS:
            raise UnknownNameError(f"--models: no model {name!r} (known: {', '.join(MODELS)})")
        try:
            raw = parse_assignments(assignments)
            params: Any = params_from_strings(MODELS[name].params, raw)
        except (ParamError, ValueError) as exc:
            raise ParamError(f"--models {item}: {exc}") from None
        out.append(Candidate(item, name, params))
    labels = [c.label for c in out]
    if not out or len(set(labels)) != len(labels):
        raise ParamError(f"--models {spec!r}: give at least one model, each once")
    return tuple(out)


def _split(spec: str | Sequence[str]) -> list[str]:
    parts = [spec] if isinstance(spec, str) else list(spec)
    return [p.strip() for s in parts for p in s.split(",") if p.strip()]


@dataclass(frozen=True, slots=True)
class Forecasts:
    """Forecasts (candidates × issues, NaN where none) and why any is missing."""

    values: NDArray[np.float64]
    missing: tuple[tuple[str, str, str], ...]
    """(candidate label, issue id, reason) for every NaN in ``values``."""
    intervals: NDArray[np.float64] | None = None
    """Candidates × issues × (lo50, hi50, lo80, hi80) when draws were asked for."""


@dataclass(frozen=True, slots=True)
class Draws:
    """Interval forecasts: ``n`` draws per model and issue with these noise half-widths."""

    n: int
    noise: Mapping[str, float]


_Out = tuple[float | str, tuple[float, float, float, float] | str | None]


def _forecast_one(cand: Candidate, scenario: Scenario, seed: int) -> float | str:
    spec = MODELS[cand.model]
    try:
        if spec.stochastic:
            result = spec.run(scenario, cand.params, rng=keyed_seed(seed, cand.label, scenario.id))
        else:
            result = spec.run(scenario, cand.params)
    except (DetenteError, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return float(result.forecast[0])


def _interval_one(
    cand: Candidate, scenario: Scenario, seed: int, draws: Draws
) -> tuple[float, float, float, float] | str:
    from detente.backtest.intervals import interval

    try:
        return interval(cand.model, cand.label, cand.params, scenario, seed, draws.n, draws.noise)
    except (DetenteError, ValueError) as exc:
        return f"interval: {exc}"


def _task(
    cand: Candidate, scenarios: Sequence[Scenario], seed: int, draws: Draws | None
) -> list[_Out]:
    out: list[_Out] = []
    for s in scenarios:
        point = _forecast_one(cand, s, seed)
        ok = draws is not None and not isinstance(point, str)
        out.append((point, _interval_one(cand, s, seed, draws) if ok and draws else None))
    return out


def _tasks(
    cands: Sequence[Candidate], scenarios: Sequence[Scenario]
) -> Iterator[tuple[int, int, Candidate, Sequence[Scenario]]]:
    for j, cand in enumerate(cands):
        for start in range(0, len(scenarios), _CHUNK):
            yield j, start, cand, scenarios[start : start + _CHUNK]


def run_candidates(
    cands: Sequence[Candidate],
    scenarios: Sequence[Scenario],
    seed: int,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    draws: Draws | None = None,
) -> Forecasts:
    """Forecast every scenario (one issue each) with every candidate (and intervals)."""
    tasks = list(_tasks(cands, scenarios))
    values = np.full((len(cands), len(scenarios)), np.nan)
    intervals = np.full((len(cands), len(scenarios), 4), np.nan)
    missing: list[tuple[str, str, str]] = []
    done = 0
    results = _execute(tasks, seed, jobs, scheduler, draws)
    for (j, start, cand, chunk), out in zip(tasks, results, strict=True):
        for k, (value, iv) in enumerate(out, start=start):
            for got in (value, iv):
                if isinstance(got, str):
                    missing.append((cand.label, scenarios[k].id, got))
            if not isinstance(value, str):
                values[j, k] = value
            if iv is not None and not isinstance(iv, str):
                intervals[j, k] = iv
        done += len(chunk)
        if progress is not None:
            progress(done, len(cands) * len(scenarios))
    return Forecasts(values, tuple(missing), intervals if draws is not None else None)


def _execute(
    tasks: list[tuple[int, int, Candidate, Sequence[Scenario]]],
    seed: int,
    jobs: int,
    scheduler: str | None,
    draws: Draws | None,
) -> Iterator[list[_Out]]:
    if jobs == 1 and scheduler is None:
        return (_task(c, chunk, seed, draws) for _, _, c, chunk in tasks)
    from detente.backtest.parallel import run_parallel

    for _, _, _, chunk in tasks:  # hashed once here, the copies sent to workers carry it
        for s in chunk:
            scenario_sha256(s)

    args = [(c, chunk, seed, draws) for _, _, c, chunk in tasks]
    return run_parallel(_task, args, jobs, scheduler)
