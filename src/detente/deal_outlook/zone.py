"""Per-draw tests of the decision rule: a zone of agreement, and whether a deal would pass.

Both use the win-set machinery of :mod:`detente.winsets` on each draw's inputs:

* :func:`zone_flags` — the win-set of the status quo is non-empty (eq. 3 there);
* :func:`ratified` — a negotiated agreement x is accepted under the decision rule: it changes at
  least one issue and, on every issue it changes, a decisive set of actors (every veto player and,
  under a vote, a qualified majority) strictly prefers x to the status quo, with the utilities
  (1) of :mod:`detente.winsets`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.batch import DrawInputs, apply_draw
from detente.models.winset import status_quo_unit
from detente.scenario import Scenario
from detente.spatial import to_unit
from detente.winsets import Group, gradients, groups, zones

__all__ = ["ratified", "zone_flags"]

_Array = NDArray[np.float64]


def _draw(
    scenario: Scenario, inputs: DrawInputs, d: int, fixed: tuple[Group, ...] | None
) -> tuple[_Array, _Array, tuple[Group, ...]]:
    """Unit positions, salience weights and issue groups of draw ``d`` (absent actors: gone)."""
    bounds = scenario.bounds()
    if inputs.present is not None and not inputs.present[d].all():
        drawn = apply_draw(scenario, inputs, d)
        return to_unit(drawn.positions(), bounds), drawn.saliences() / 100.0, groups(drawn)
    q, a = to_unit(inputs.positions[d], bounds), inputs.saliences[d] / 100.0
    return q, a, fixed if fixed is not None else groups(scenario, inputs.saliences[d])


def zone_flags(scenario: Scenario, inputs: DrawInputs) -> NDArray[np.bool_]:
    """Whether each draw's win-set of the status quo is non-empty, shape (D,)."""
    z0 = status_quo_unit(scenario, "outlook")
    fixed = groups(scenario) if scenario.decision is not None else None
    out = np.empty(inputs.n_draws, dtype=bool)
    for d in range(inputs.n_draws):
        q, a, grps = _draw(scenario, inputs, d, fixed)
        out[d] = next(zones(gradients(q, a, z0), z0, grps), None) is not None
    return out


def ratified(scenario: Scenario, inputs: DrawInputs, d: int, outcome: tuple[float, ...]) -> bool:
    """Whether ``outcome`` (on the issues' scales) passes the decision rule in draw ``d``."""
    z0 = status_quo_unit(scenario, "outlook")
    fixed = groups(scenario) if scenario.decision is not None else None
    q, a, grps = _draw(scenario, inputs, d, fixed)
    z = to_unit(np.asarray(outcome, dtype=float)[None, :], scenario.bounds())[0]
    gain = (a * (z0[None, :] - q) ** 2).sum(axis=1) - (a * (z[None, :] - q) ** 2).sum(axis=1)
    support = (gain > 1e-12)[:, None]
    moved = np.abs(z - z0) > 1e-9
    touched = [grp for grp in grps if moved[list(grp.issues)].any()]
    return bool(touched) and all(bool(grp.req.decisive(support)[0]) for grp in touched)
