"""detente: model, simulate and forecast multi-actor negotiations and crises.

The public API: the scenario data model, results, the model registry, :func:`run`,
:func:`rerun` (again, from a result's provenance), :func:`replicate` (many seeds) and
:func:`outlook` (the probability of any agreement by a date).  Charts are
in :mod:`detente.plot`, tables in :mod:`detente.frames` (``Scenario.to_frame``,
``Result.to_frame``).

The names below are imported when first used, so that ``detente --version`` and other quick
commands do not pay for SciPy and the models they do not need (issue 15).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from detente.api import load_scenario, rerun, run
    from detente.experiments import levers, sensitivity
    from detente.models import MODELS, ModelSpec
    from detente.outlook import outlook
    from detente.replicate import Replicates, replicate
    from detente.result import Provenance, Result, Round
    from detente.scenario import Actor, Issue, Scenario, Stance

_HOME = {
    "load_scenario": "detente.api",
    "rerun": "detente.api",
    "run": "detente.api",
    "levers": "detente.experiments",
    "sensitivity": "detente.experiments",
    "MODELS": "detente.models",
    "ModelSpec": "detente.models",
    "outlook": "detente.outlook",
    "Replicates": "detente.replicate",
    "replicate": "detente.replicate",
    "Provenance": "detente.result",
    "Result": "detente.result",
    "Round": "detente.result",
    "Actor": "detente.scenario",
    "Issue": "detente.scenario",
    "Scenario": "detente.scenario",
    "Stance": "detente.scenario",
}
"""Public name → the module that defines it."""

__all__ = [
    "MODELS",
    "Actor",
    "Issue",
    "ModelSpec",
    "Provenance",
    "Replicates",
    "Result",
    "Round",
    "Scenario",
    "Stance",
    "__version__",
    "levers",
    "load_scenario",
    "outlook",
    "replicate",
    "rerun",
    "run",
    "sensitivity",
]


def __getattr__(name: str) -> Any:
    """A public name from its module, or a submodule (``detente.api``), imported on first use."""
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    try:
        return importlib.import_module(f"detente.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'detente' has no attribute {name!r}") from None
