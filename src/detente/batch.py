"""The batched model interface: many draws of a scenario's inputs through one model call.

A Monte Carlo sweep evaluates a model on D draws of the inputs at once.  The draws travel as one
:class:`DrawInputs` (a leading draw axis on the scenario's arrays); a model answers with one
:class:`BatchForecast`.  The model registry (:mod:`detente.models`) gives each model an optional
batch kernel::

    run_batch(scenario, inputs, params, *, seeds) -> BatchForecast

- ``scenario`` supplies everything that is not drawn: ids, issue scales, the status quo, the
  scenario's settings.  Its own positions, saliences and capabilities are *ignored*: those of draw d
  are ``inputs.positions[d]``, ``inputs.saliences[d]`` and ``inputs.capabilities[d]``.
- ``inputs.present[d, a]`` is False when actor a is left out of draw d (``--drop-actors``); a
  kernel must then give exactly what the model gives on the scenario without that actor
  (:func:`apply_draw` builds that scenario: the actor is also taken out of the ``decision``
  section's veto players, voters and agenda setter).
- ``params`` is the model's Params object (already validated).
- ``seeds`` holds one int per draw; a stochastic model seeds draw d's run with ``seeds[d]``
  exactly as ``run(apply_draw(scenario, inputs, d), params, rng=seeds[d])`` would, and a
  deterministic model ignores it.

Contract: row d of the answer equals ``run(apply_draw(scenario, inputs, d), params,
rng=seeds[d]).forecast`` (and ``extra["agreement"]`` where the model reports one), whatever the
other draws in the batch; the tests check this for every kernel.  A model without a kernel is run
draw by draw through :func:`looped`, so every registered model works in a sweep.

Shapes: D draws, A actors, I issues.  Positions are on each issue's own scale, saliences 0–100,
capabilities > 0.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from detente.decision import Decision, DecisionRule
from detente.errors import DetenteError
from detente.scenario import Scenario

__all__ = ["BatchForecast", "BatchRun", "DrawInputs", "apply_draw", "columnwise", "looped"]

_Array = NDArray[np.float64]
_Bool = NDArray[np.bool_]


@dataclass(frozen=True, slots=True, eq=False)
class DrawInputs:
    """D draws of a scenario's inputs: positions and saliences (D, A, I), capabilities (D, A).

    ``present`` (D, A), when given, marks the actors that take part in each draw.
    """

    positions: _Array
    saliences: _Array
    capabilities: _Array
    present: _Bool | None = None

    def __post_init__(self) -> None:
        d, a, i = self.positions.shape
        if self.saliences.shape != (d, a, i) or self.capabilities.shape != (d, a):
            raise ValueError(
                f"DrawInputs shapes disagree: positions {self.positions.shape}, saliences "
                f"{self.saliences.shape}, capabilities {self.capabilities.shape}"
            )
        if self.present is not None and self.present.shape != (d, a):
            raise ValueError(f"present must have shape {(d, a)}, got {self.present.shape}")

    @property
    def n_draws(self) -> int:
        """The number of draws D."""
        return int(self.positions.shape[0])

    @classmethod
    def from_scenario(cls, scenario: Scenario, n: int = 1) -> DrawInputs:
        """``n`` copies of the scenario's own values (no uncertainty)."""
        return cls(
            np.repeat(scenario.positions()[None], n, axis=0),
            np.repeat(scenario.saliences()[None], n, axis=0),
            np.repeat(scenario.capabilities()[None], n, axis=0),
        )

    def take(self, rows: slice | NDArray[np.intp]) -> DrawInputs:
        """The draws ``rows`` as a new DrawInputs."""
        present = None if self.present is None else self.present[rows]
        return DrawInputs(
            self.positions[rows], self.saliences[rows], self.capabilities[rows], present
        )

    def mask(self) -> _Array:
        """1.0 for present actors, 0.0 for absent ones, shape (D, A)."""
        if self.present is None:
            return np.ones(self.capabilities.shape)
        return self.present.astype(float)

    def weights(self) -> _Array:
        """Vote weights c_a s_ai with absent actors at 0, shape (D, A, I).

        Where every present actor has zero weight on an issue, the present actors get weight 1
        there: the unweighted rule the single-run models fall back to.
        """
        m = self.mask()[:, :, None]
        w = self.capabilities[:, :, None] * self.saliences * m
        out: _Array = np.where(w.sum(axis=1, keepdims=True) > 0, w, m)
        return out


@dataclass(frozen=True, slots=True, eq=False)
class BatchForecast:
    """A model's forecast per draw and issue (D, I); ``agreement`` (D,) where it can fail."""

    forecast: _Array
    agreement: _Bool | None = None


class BatchRun(Protocol):
    """The signature of a model's batch kernel (see the module docstring)."""

    def __call__(
        self, scenario: Scenario, inputs: DrawInputs, params: Any, *, seeds: Sequence[int]
    ) -> BatchForecast:
        """Forecast every draw of ``inputs`` (row d as a single run of draw d would)."""
        ...


def columnwise(reduce: Callable[[_Array, _Array], _Array], inputs: DrawInputs) -> BatchForecast:
    """A per-issue rule ``reduce(x, w)`` over actors, applied to every draw at once.

    The draws are laid side by side as extra columns of the (actors × issues) array that
    ``reduce`` (e.g. :func:`detente.spatial.weighted_mean`) reduces column by column, so each
    draw gets exactly the arithmetic of a single run.  Absent actors have weight 0.
    """
    d, a, i = inputs.positions.shape
    x = inputs.positions.transpose(1, 0, 2).reshape(a, d * i)
    w = inputs.weights().transpose(1, 0, 2).reshape(a, d * i)
    return BatchForecast(reduce(x, w).reshape(d, i))


def apply_draw(scenario: Scenario, inputs: DrawInputs, d: int) -> Scenario:
    """The scenario of draw ``d``: its drawn values, without the actors left out of it.

    Ranges and the uncertainty block are dropped: the drawn scenario is one point.
    """
    present = inputs.present[d] if inputs.present is not None else np.ones(len(scenario.actors))
    actors = []
    for a, actor in enumerate(scenario.actors):
        if not present[a]:
            continue
        stances = tuple(
            dataclasses.replace(
                st,
                position=float(inputs.positions[d, a, i]),
                salience=float(inputs.saliences[d, a, i]),
                position_range=None,
                salience_range=None,
            )
            for i, st in enumerate(actor.stances)
        )
        actors.append(
            dataclasses.replace(
                actor,
                capability=float(inputs.capabilities[d, a]),
                stances=stances,
                capability_range=None,
            )
        )
    kept = {a.id for a in actors}
    gone = frozenset(scenario.actor_ids) - kept
    decision = scenario.decision
    if gone and decision is not None:
        decision = Decision(
            _without(decision.default, gone),
            {k: _without(r, gone) for k, r in decision.issues.items()},
        )
    talks = scenario.negotiation
    if gone and talks is not None:
        talks = talks.without(gone)
    try:
        return dataclasses.replace(
            scenario, actors=tuple(actors), uncertainty=None, decision=decision, negotiation=talks
        )
    except ValueError as exc:
        raise DetenteError(f"cannot leave out {', '.join(sorted(gone))}: {exc}") from None


def _without(rule: DecisionRule, gone: frozenset[str]) -> DecisionRule:
    """A decision rule with the actors ``gone`` taken out of its veto players, voters and setter."""
    return dataclasses.replace(
        rule,
        veto=None if rule.veto is None else tuple(v for v in rule.veto if v not in gone),
        weights=None
        if rule.weights is None
        else {k: w for k, w in rule.weights.items() if k not in gone},
        agenda_setter=None if rule.agenda_setter in gone else rule.agenda_setter,
    )


def looped(run: Callable[..., Any], stochastic: bool) -> BatchRun:
    """A batch kernel that runs ``run`` once per draw (for models without their own kernel)."""

    def run_batch(
        scenario: Scenario, inputs: DrawInputs, params: Any, *, seeds: Sequence[int]
    ) -> BatchForecast:
        forecasts, agreements = [], []
        for d in range(inputs.n_draws):
            drawn = apply_draw(scenario, inputs, d)
            result = run(drawn, params, rng=seeds[d]) if stochastic else run(drawn, params)
            forecasts.append(result.forecast)
            agreements.append(result.extra.get("agreement"))
        has_agreement = any(a is not None for a in agreements)
        return BatchForecast(
            np.array(forecasts, dtype=float).reshape(inputs.n_draws, len(scenario.issues)),
            np.array([bool(a) for a in agreements]) if has_agreement else None,
        )

    return run_batch
