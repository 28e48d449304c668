"""Run forecast models on every scored DEU issue, in parallel, with per-issue seeds.

A *candidate* is a registered model with parameters (Python values), labelled ``NAME`` or
``NAME:key=value:key=value`` (``bdm:preset=scholz-code``; the command line reads the same text,
:func:`detente.cli.params.parse_models`).  Each candidate runs once on each
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

from detente.canonical import scenario_sha256
from detente.errors import DetenteError, SettingError
from detente.models import MODELS
from detente.params import ParamError, build_params, params_as_dict
from detente.rng import keyed_seed
from detente.scenario import Scenario

__all__ = ["Candidate", "Forecasts", "ModelChoice", "make_candidates", "run_candidates"]

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


ModelChoice = str | tuple[str, Mapping[str, Any]]
"""A model name, or a name with its parameters as Python values (``("bdm", {"preset": "x"})``)."""


def make_candidates(models: Sequence[ModelChoice] | None) -> tuple[Candidate, ...]:
    """Candidates from model names or (name, parameters) pairs (None: every registered model).

    A candidate's label is ``NAME`` or ``NAME:key=value:…`` in the order given
    (``bdm:preset=scholz-code``).  An unknown model, parameters the model rejects, or a list that
    is empty or names a candidate twice is a :class:`SettingError` on ``models``.
    """
    out = []
    for choice in list(MODELS) if models is None else models:
        name, values = (choice, {}) if isinstance(choice, str) else (choice[0], dict(choice[1]))
        label = ":".join([name, *(f"{k}={_text(v)}" for k, v in values.items())])
        if name not in MODELS:
            reason = f"no such model (known: {', '.join(MODELS)})"
            raise SettingError(reason, setting="models", value=name, allowed=tuple(MODELS))
        try:
            params: Any = build_params(MODELS[name].params, values, owner=name)
        except ParamError as exc:
            raise SettingError(str(exc), setting="models", value=label) from None
        out.append(Candidate(label, name, params))
    labels = [c.label for c in out]
    if not out or len(set(labels)) != len(labels):
        given = [c.label for c in out]
        raise SettingError("give at least one model, each once", setting="models", value=given)
    return tuple(out)


def _text(value: Any) -> str:
    """A parameter value as the command line writes it (``true``, ``none``, ``0.5``)."""
    if isinstance(value, bool):
        return str(value).lower()
    return "none" if value is None else str(value)


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
