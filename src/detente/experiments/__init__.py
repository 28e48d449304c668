"""The experiments layer: Monte Carlo sweeps over a scenario's uncertain inputs.

- :func:`sweep` — a model's forecast over many seeded draws of the inputs, batched through the
  model's kernel (:mod:`detente.batch`), locally, in a process pool or on a Dask cluster;
  returns a :class:`SweepResult` (``.summary()``, ``.to_frame()``, provenance).
- :func:`run_draw` — one draw of a sweep re-run alone through the model's ``run``.
- :func:`input_space`, :func:`draw_inputs`, :func:`sample`, :func:`to_inputs` — the named inputs
  (``ACTOR.field.ISSUE``) with their ranges, and draws of them, for other experiments
  (sensitivity analysis, levers) to build on.
"""

from __future__ import annotations

from detente.experiments.draws import InputSpace, draw_inputs, input_space, sample, to_inputs
from detente.experiments.result import SweepResult
from detente.experiments.sweep import run_draw, sweep

__all__ = [
    "InputSpace",
    "SweepResult",
    "draw_inputs",
    "input_space",
    "run_draw",
    "sample",
    "sweep",
    "to_inputs",
]
