"""detente: model, simulate and forecast multi-actor negotiations and crises.

The public API: the scenario data model, results, the model registry and :func:`run`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from detente.api import load_scenario, run
from detente.models import MODELS, ModelSpec
from detente.result import Result, Round
from detente.scenario import Actor, Issue, Scenario, Stance

__all__ = [
    "MODELS",
    "Actor",
    "Issue",
    "ModelSpec",
    "Result",
    "Round",
    "Scenario",
    "Stance",
    "__version__",
    "load_scenario",
    "run",
]
