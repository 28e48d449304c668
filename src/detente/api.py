"""The public entry points: load a scenario and run a registered model on it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from detente.bundled import UnknownNameError, bundled_path, bundled_scenarios, scenario_path
from detente.canonical import scenario_sha256
from detente.errors import DetenteError
from detente.io import load
from detente.models import MODELS
from detente.params import build_params
from detente.result import Provenance, Result
from detente.rng import fresh_seed
from detente.scenario import Scenario

__all__ = [
    "UnknownNameError",
    "bundled_path",
    "bundled_scenarios",
    "load_scenario",
    "model_params",
    "rerun",
    "run",
    "scenario_path",
]


def load_scenario(source: str | Path) -> Scenario:
    """Load a scenario from a file path, or a bundled scenario by name."""
    return load(scenario_path(source))


def model_params(model: str, params: Any) -> Any:
    """The Params object of ``model`` from a Params object, a mapping of values or None.

    Raises :class:`UnknownNameError` for an unregistered model and
    :class:`~detente.params.ParamError` for a wrong name or value.
    """
    if model not in MODELS:
        raise UnknownNameError(f"no model {model!r} (known: {', '.join(MODELS)})")
    if params is None or isinstance(params, Mapping):
        return build_params(MODELS[model].params, params, owner=model)
    return params


def run(
    scenario: Scenario | str | Path,
    model: str,
    params: Any = None,
    *,
    seed: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """Run registered ``model`` on ``scenario``.

    ``params`` is the model's Params object, a mapping of parameter name → Python value
    (``{"rounds": 8, "preset": "canonical"}``), or None for the defaults; a wrong name or value
    raises :class:`~detente.params.ParamError`.  Stochastic models get ``seed``; when None, the
    seed the scenario file gives (KTAB's ``prngSeed``, ``ModelSpec.file_seed``), else a fresh
    one.  A result records the seed only when the run drew random numbers.  ``progress`` is
    called with (done, total) as a long run goes, by models that report it
    (``ModelSpec.progress``: SMP's turns); others ignore it.
    """
    params = model_params(model, params)
    spec = MODELS[model]
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    kwargs: dict[str, Any] = {"progress": progress} if spec.progress and progress else {}
    if spec.stochastic:
        if seed is None and spec.file_seed is not None:
            seed = spec.file_seed(scenario)
        kwargs["rng"] = fresh_seed() if seed is None else seed
    return spec.run(scenario, params, **kwargs)  # type: ignore[no-any-return]


def rerun(provenance: Provenance | Result, scenario: Scenario | str | Path) -> Result:
    """Run again what ``provenance`` records (model, parameters, seed) on ``scenario``.

    The scenario must be the one recorded (same SHA-256 of its content); the result then equals
    the original, for every registered model.
    """
    prov = provenance.provenance if isinstance(provenance, Result) else provenance
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    sha = scenario_sha256(scenario)
    if sha != prov.scenario_sha256:
        raise DetenteError(
            f"scenario {scenario.id!r} has SHA-256 {sha[:12]}…, but the result was computed on "
            f"{prov.scenario_id!r} with {prov.scenario_sha256[:12]}…"
        )
    return run(scenario, prov.model, dict(prov.params), seed=prov.seed)
