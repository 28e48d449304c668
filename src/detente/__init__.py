"""detente: model, simulate and forecast multi-actor negotiations and crises.

The public API: the scenario data model, results, the model registry, :func:`run`,
:func:`rerun` (again, from a result's provenance), :func:`replicate` (many seeds),
:func:`outlook` (the probability of any agreement by a date), and the experiments
:func:`sweep` (Monte Carlo over the uncertain inputs), :func:`sensitivity` and :func:`levers`.
Charts are in :mod:`detente.plot`, tables in :mod:`detente.frames` (``Scenario.to_frame``,
``Result.to_frame``).

The names are imported on first use (PEP 562), so ``import detente`` and the quick commands
(``detente --version``, ``models``, ``scenarios``) do not pay for numpy's, scipy's or pandas's
import.  No public name is also a submodule's name (the outlook lives in
:mod:`detente.deal_outlook`, :func:`replicate` in :mod:`detente.replication`), so what
``detente.NAME`` is never depends on what was imported first; ``tests/test_names.py`` checks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.lazy import lazy_names

__version__ = "0.1.0"

if TYPE_CHECKING:  # the names as mypy and editors see them; imported lazily at run time
    from detente.api import load_scenario, rerun, run
    from detente.deal_outlook import outlook
    from detente.experiments import levers, sensitivity, sweep
    from detente.models import MODELS, ModelSpec
    from detente.replication import Replicates, replicate
    from detente.result import Provenance, Result, Round
    from detente.scenario import Actor, Issue, Scenario, Stance

_HOMES = {
    "load_scenario": "detente.api",
    "rerun": "detente.api",
    "run": "detente.api",
    "outlook": "detente.deal_outlook",
    "levers": "detente.experiments",
    "sensitivity": "detente.experiments",
    "sweep": "detente.experiments",
    "MODELS": "detente.models",
    "ModelSpec": "detente.models",
    "Replicates": "detente.replication",
    "replicate": "detente.replication",
    "Provenance": "detente.result",
    "Result": "detente.result",
    "Round": "detente.result",
    "Actor": "detente.scenario",
    "Issue": "detente.scenario",
    "Scenario": "detente.scenario",
    "Stance": "detente.scenario",
}
"""Each public name and the module it is imported from on first use."""

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
    "sweep",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
