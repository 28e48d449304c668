"""The public entry points: load a scenario and run a registered model on it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from detente.errors import DetenteError
from detente.io import load
from detente.models import MODELS
from detente.params import params_from_strings
from detente.result import Result
from detente.rng import fresh_seed
from detente.scenario import Scenario

__all__ = ["UnknownNameError", "bundled_path", "bundled_scenarios", "load_scenario", "run"]

_BUNDLED = Path(__file__).parent / "data" / "scenarios"


class UnknownNameError(DetenteError, KeyError):
    """A model, scenario or game name that is not registered."""

    def __str__(self) -> str:
        return str(self.args[0])


def bundled_scenarios() -> dict[str, Path]:
    """Bundled scenario names (file stem) and their paths."""
    return {p.stem: p for p in sorted(_BUNDLED.glob("*.yaml"))}


def bundled_path(name: str) -> Path:
    """Path of a bundled scenario by name."""
    found = bundled_scenarios()
    if name not in found:
        raise UnknownNameError(f"no bundled scenario {name!r} (see `detente scenarios`)")
    return found[name]


def load_scenario(source: str | Path) -> Scenario:
    """Load a scenario from a file path, or a bundled scenario by name."""
    path = Path(source)
    if not path.exists() and isinstance(source, str) and source in bundled_scenarios():
        path = bundled_path(source)
    return load(path)


def run(
    scenario: Scenario | str | Path,
    model: str,
    params: Any = None,
    *,
    seed: int | None = None,
) -> Result:
    """Run registered ``model`` on ``scenario``.

    ``params`` is the model's Params object, a mapping of ``key -> str`` as on the command line,
    or None for the defaults.  Stochastic models get ``seed`` (a fresh one, recorded in the
    result, when None); deterministic models ignore it.
    """
    if model not in MODELS:
        raise UnknownNameError(f"no model {model!r} (known: {', '.join(MODELS)})")
    spec = MODELS[model]
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if params is None or isinstance(params, Mapping):
        params = params_from_strings(spec.params, {k: str(v) for k, v in (params or {}).items()})
    if spec.stochastic:
        return spec.run(scenario, params, rng=fresh_seed() if seed is None else seed)  # type: ignore[no-any-return]
    return spec.run(scenario, params)  # type: ignore[no-any-return]
