"""detente: model, simulate and forecast multi-actor negotiations and crises.

The public API: the scenario data model, results, the model registry, :func:`run`,
:func:`rerun` (again, from a result's provenance), :func:`replicate` (many seeds) and
:func:`outlook` (the probability of any agreement by a date).  Charts are
in :mod:`detente.plot`, tables in :mod:`detente.frames` (``Scenario.to_frame``,
``Result.to_frame``).

The names are imported eagerly: ``outlook`` is both a subpackage and a function here, and only an
eager import keeps ``detente.outlook`` the function whatever was imported first.
"""

from __future__ import annotations

__version__ = "0.1.0"

from detente.api import load_scenario, rerun, run
from detente.experiments import levers, sensitivity
from detente.models import MODELS, ModelSpec
from detente.outlook import outlook
from detente.replicate import Replicates, replicate
from detente.result import Provenance, Result, Round
from detente.scenario import Actor, Issue, Scenario, Stance

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
