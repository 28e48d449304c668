"""What the workbench can run: each job kind calls the public API and saves its result.

Every task takes the store, the scenario, the request and a progress callback, and returns the id
of the run it saved, so the results page, the history and the comparison read everything from the
store.  Nothing here holds model logic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from detente.scenario import Scenario
from detente.store import NewRun, Store
from detente.web.jobs import Progress

__all__ = ["KINDS", "JobSpec", "Task", "run_task"]


_MODEL_KINDS = ("run", "sweep", "sensitivity", "levers")
"""Job kinds that run the chosen forecast model (the others ignore it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JobSpec:
    """A validated request: kind, model, its parameters, draws and seed."""

    kind: str
    model: str = "median"
    params: Mapping[str, Any] = field(default_factory=dict)
    draws: int = 200
    seed: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """A short label: ``sweep of median, 200 draws``."""
        if self.kind in ("sweep", "outlook"):
            what = f"sweep of {self.model}" if self.kind == "sweep" else "outlook"
            return f"{what}, {self.draws} draws"
        if self.kind == "levers":
            goal = f"{self.options.get('issue')} to {self.options.get('target')}"
            return f"levers of {self.model}: {goal}"
        return f"{self.kind} {self.model}" if self.kind in _MODEL_KINDS else self.kind


Task = Callable[[Store, Scenario, JobSpec, Progress], int]


def _command(spec: JobSpec) -> str:
    """How the run was asked for, in the workbench's own field names (``web: sweep model=…``)."""
    words = ["web:", spec.kind] + ([f"model={spec.model}"] if spec.kind in _MODEL_KINDS else [])
    if spec.params:
        words.append("params=" + ",".join(f"{k}={v}" for k, v in spec.params.items()))
    words += [f"{k}={v}" for k, v in spec.options.items() if v is not None]
    if spec.kind in ("sweep", "outlook"):
        words.append(f"draws={spec.draws}")
    if spec.seed is not None:
        words.append(f"seed={spec.seed}")
    return " ".join(words)


def run_model(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """One model run (``detente run``)."""
    from detente import run

    progress(0, 1)
    result = run(scenario, spec.model, dict(spec.params) or None, seed=spec.seed)
    progress(1, 1)
    data = result.to_dict()
    return _keep(store, "run", scenario, spec, data)


def run_sweep(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """A Monte Carlo sweep over the inputs' uncertainty (``detente sweep``)."""
    from detente.experiments import sweep

    result = sweep(
        scenario,
        spec.model,
        draws=spec.draws,
        seed=spec.seed,
        params=dict(spec.params) or None,
        progress=progress,
    )
    data = result.to_dict()
    return _keep(store, "sweep", scenario, spec, data, tables={"draws": result.to_frame(wide=True)})


def _keep(
    store: Store,
    kind: str,
    scenario: Scenario,
    spec: JobSpec,
    data: Mapping[str, Any],
    **extra: Any,
) -> int:
    """Save a job's result as a run of ``kind``; return the run's id."""
    run = NewRun(kind=kind, result=data, scenario=scenario, command=_command(spec), **extra)
    return store.save(run)


def run_sensitivity(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """Which inputs drive the forecast (``detente sensitivity``; Sobol by default, as there)."""
    from detente.experiments.sensitivity_analysis import DEFAULT_METHOD, sensitivity

    result = sensitivity(
        scenario,
        spec.model,
        method=str(spec.options.get("method") or DEFAULT_METHOD),
        issue=spec.options.get("issue"),
        params=dict(spec.params) or None,
        seed=spec.seed,
        progress=progress,
    )
    data = json.loads(result.to_json())
    return _keep(store, "sensitivity", scenario, spec, data)


def run_levers(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """What would it take to move one issue's forecast to a target (``detente levers``)."""
    from detente.errors import DetenteError
    from detente.experiments.lever_analysis import levers

    issue, target = spec.options.get("issue"), spec.options.get("target")
    if not issue or target is None:
        raise DetenteError("levers: give the issue and the target forecast")
    progress(0, 1)
    result = levers(
        scenario,
        spec.model,
        issue=str(issue),
        target=float(target),
        params=dict(spec.params) or None,
        seed=spec.seed,
    )
    progress(1, 1)
    data = json.loads(result.to_json())
    return _keep(store, "levers", scenario, spec, data)


def run_negotiation(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """A simulated negotiation between the scenario's parties (``detente negotiate``)."""
    from detente.errors import DetenteError
    from detente.negotiation import NegotiationParams, default_parties
    from detente.negotiation import run as negotiate
    from detente.negotiation.strategies import make_strategy
    from detente.params import ParamError

    chosen = _strategy_choice(str(spec.options.get("strategies") or ""))
    who = list(default_parties(scenario))
    extra = [p for p in chosen if p not in who]
    if extra:  # as `detente negotiate --strategy` refuses them, never silently ignored
        raise DetenteError(
            f"strategies: {', '.join(extra)} is not among the parties ({', '.join(who)})"
        )
    progress(0, 1)
    try:
        strategies = [make_strategy(chosen.get(p, "linear")) for p in who]
    except ParamError as exc:
        raise DetenteError(exc.labelled("strategies")) from None
    result = negotiate(scenario, who, strategies, NegotiationParams(), rng=spec.seed)
    progress(1, 1)
    return _keep(store, "negotiation", scenario, spec, json.loads(result.to_json()))


def _strategy_choice(text: str) -> dict[str, str]:
    """``"USA=boulware, PRK=linear"`` → ``{"USA": "boulware", "PRK": "linear"}``."""
    from detente.errors import DetenteError
    from detente.params import ParamError, parse_pairs, split_items

    try:
        return parse_pairs(split_items(text), "PARTY=NAME")
    except ParamError as exc:
        raise DetenteError(exc.labelled("strategies")) from None


def run_game(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """The scenario's crisis game solved for its equilibria (``detente game solve``)."""
    from detente.errors import DetenteError
    from detente.games import load_game, solve

    if not scenario.games:
        raise DetenteError("game: this scenario has no games: section")
    name = str(spec.options.get("game") or scenario.games[0].game)
    progress(0, 1)
    method = str(spec.options.get("method") or "auto")
    game = load_game(name, _game_values(name, spec.params), scenario)  # the form's parameters
    result = solve(game, method)  # QRE at the default λ, as the CLI's
    progress(1, 1)
    data = json.loads(result.to_json())
    return _keep(store, "game", scenario, spec, data)


def _game_values(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The form's ``key=value`` parameters (text) as a catalog game's typed values."""
    from detente.games.solving import game_values

    return game_values(name, {k: str(v) for k, v in params.items()})


def run_outlook(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """How likely any agreement is by the scenario's deadline (``detente outlook``)."""
    from detente.deal_outlook import outlook

    result = outlook(scenario, draws=spec.draws, seed=spec.seed, progress=progress)
    return _keep(store, "outlook", scenario, spec, json.loads(result.to_json()))


KINDS: dict[str, Task] = {
    "run": run_model,
    "sweep": run_sweep,
    "sensitivity": run_sensitivity,
    "levers": run_levers,
    "negotiation": run_negotiation,
    "game": run_game,
    "outlook": run_outlook,
}
"""Job kinds the workbench offers, by name."""


def run_task(store: Store, scenario: Scenario, spec: JobSpec, progress: Progress) -> int:
    """Run the job ``spec.kind``; a model's complaint about the scenario names it and the field.

    As on the command line (``FILE: FIELD: problem``), with the scenario's id for the file:
    ``korea-2019-12: decision.agenda_setter: issue sequencing: model procedural needs …``.
    """
    from detente.errors import DetenteError, ModelInputError

    try:
        return KINDS[spec.kind](store, scenario, spec, progress)
    except ModelInputError as exc:
        if exc.field is None:
            raise
        raise DetenteError(exc.located(scenario.id)) from None
