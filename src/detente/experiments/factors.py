"""The inputs of a scenario as named factors, and batches of inputs built from some of them.

A *factor* is one of the scenario's inputs (:func:`detente.experiments.input_space`): an actor's
position or salience on one issue (``ACTOR.position.ISSUE``, ``ACTOR.salience.ISSUE``) or its
capability (``ACTOR.capability``), with its value, its plausible range ``[low, high]`` (its own
range, else the scenario's ``uncertainty:`` half-widths, else detente's default ones) and its hard
limits (the issue's scale, salience 0–100, capability from 1 % of its value up).  Capability has
no upper limit; a search over it stops at :data:`CAPABILITY_SEARCH_FACTOR` times the largest
capability of the scenario.

:func:`inputs_from_matrix` turns values of some factors, one row per draw, into a
:class:`~detente.batch.DrawInputs` batch in which every other input keeps its scenario value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.batch import DrawInputs
from detente.errors import DetenteError
from detente.experiments.draws import input_space, to_inputs
from detente.scenario import Scenario
from detente.uncertainty import FIELDS

__all__ = ["CAPABILITY_SEARCH_FACTOR", "FIELDS", "Factor", "factors", "inputs_from_matrix"]

_Array = NDArray[np.float64]

CAPABILITY_SEARCH_FACTOR = 10.0
"""A capability search stops at this multiple of the scenario's largest capability (our choice)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Factor:
    """One input: its name, its column in the input space, where it sits, value, range, limits."""

    name: str
    column: int
    actor: int
    field: str
    issue: int | None
    value: float
    low: float
    high: float
    limit_low: float
    limit_high: float

    @property
    def width(self) -> float:
        """Width of the plausible range."""
        return self.high - self.low


def _check_ids(given: Sequence[str] | None, known: tuple[str, ...], what: str) -> set[str]:
    if given is None:
        return set(known)
    for x in given:
        if x not in known:
            raise DetenteError(f"unknown {what} {x!r} (known: {', '.join(known)})")
    return set(given)


def factors(
    scenario: Scenario,
    fields: Sequence[str] = FIELDS,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> tuple[Factor, ...]:
    """The factors of ``scenario`` in input-space order, restricted to some fields, actors, issues.

    An unknown field, actor or issue raises :class:`~detente.errors.DetenteError`.  Capability is
    kept whatever ``issues``.
    """
    wanted = _check_ids(fields, FIELDS, "field")
    a_ids = _check_ids(actors, scenario.actor_ids, "actor")
    k_ids = _check_ids(issues, scenario.issue_ids, "issue")
    space = input_space(scenario)
    top = CAPABILITY_SEARCH_FACTOR * float(scenario.capabilities().max())
    out = []
    for j, name in enumerate(space.names):
        actor, field, *rest = name.split(".", 2)
        if field not in wanted or actor not in a_ids or (rest and rest[0] not in k_ids):
            continue
        k = scenario.issue_ids.index(rest[0]) if rest else None
        ceiling = top if field == "capability" else float(space.ceiling[j])
        value, low, high = (float(a[j]) for a in (space.value, space.low, space.high))
        out.append(
            Factor(
                name=name,
                column=j,
                actor=scenario.actor_ids.index(actor),
                field=field,
                issue=k,
                value=value,
                low=low,
                high=high,
                limit_low=float(space.floor[j]),
                limit_high=ceiling,
            )
        )
    return tuple(out)


def inputs_from_matrix(scenario: Scenario, fs: Sequence[Factor], X: _Array) -> DrawInputs:
    """The batch whose draw d has factor j at ``X[d, j]``, every other input at its value."""
    X = np.asarray(X, dtype=float)
    full = np.tile(input_space(scenario).value, (X.shape[0], 1))
    full[:, [f.column for f in fs]] = X
    return to_inputs(scenario, full)
