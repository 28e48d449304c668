"""The experiments layer: Monte Carlo sweeps over a scenario's uncertain inputs.

- :func:`sweep` — a model's forecast over many seeded draws of the inputs, batched through the
  model's kernel (:mod:`detente.batch`), locally, in a process pool or on a Dask cluster;
  returns a :class:`SweepResult` (``.summary()``, ``.to_frame()``, provenance).
- :func:`run_draw` — one draw of a sweep re-run alone through the model's ``run``.
- :func:`input_space`, :func:`draw_inputs`, :func:`sample`, :func:`to_inputs` — the named inputs
  (``ACTOR.field.ISSUE``) with their ranges, and draws of them, for other experiments
  (sensitivity analysis, levers) to build on.
- :func:`sensitivity` — Sobol, Morris or a tornado over those inputs, ranked per issue (SALib).
- :func:`levers` — the smallest change of one actor's input (or a pair's) that moves a forecast
  to a target, with its probability under uncertainty.
"""

from __future__ import annotations

from detente.experiments.draws import InputSpace, draw_inputs, input_space, sample, to_inputs
from detente.experiments.lever_analysis import levers
from detente.experiments.lever_result import Lever, LeversResult
from detente.experiments.result import SweepResult
from detente.experiments.sensitivity_analysis import sensitivity
from detente.experiments.sensitivity_result import SensitivityResult
from detente.experiments.sweeps import run_draw, sweep

__all__ = [
    "InputSpace",
    "Lever",
    "LeversResult",
    "SensitivityResult",
    "SweepResult",
    "draw_inputs",
    "input_space",
    "levers",
    "run_draw",
    "sample",
    "sensitivity",
    "sweep",
    "to_inputs",
]
