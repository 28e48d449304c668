"""Weighted-median forecast: the median voter position per issue.

With votes weighted by w_i = c_i s_ik (capability × salience) and single-peaked preferences, the
position x* among the actors' positions at which the cumulative weight first reaches half the total
beats every other actor position in a pairwise vote: it is the Condorcet winner [Black1958], the
"median voter position" that [BDM1994] takes as the forecast before bargaining.

Tie rule (documented in :mod:`detente.spatial`): on an exact tie between two adjacent positions the
lower one is returned; equal positions are pooled so the result does not depend on actor order.

References
----------
[Black1958] Black, D. (1958). The Theory of Committees and Elections. Cambridge University Press.
[BDM1994] Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detente.batch import BatchForecast, DrawInputs, columnwise
from detente.params import params_as_dict
from detente.result import Result, make_round, provenance
from detente.scenario import Scenario
from detente.spatial import weighted_median

__all__ = ["MedianParams", "run", "run_batch"]


@dataclass(frozen=True, slots=True)
class MedianParams:
    """The weighted median has no parameters."""


def run(scenario: Scenario, params: MedianParams | None = None) -> Result:
    """Forecast each issue at the capability × salience weighted median position."""
    params = params or MedianParams()
    r0 = make_round(0, scenario, scenario.positions())
    return Result(
        provenance=provenance("median", params_as_dict(params), scenario),
        issues=scenario.issue_ids,
        actors=scenario.actor_ids,
        rounds=(r0,),
        forecast=r0.median,
    )


def run_batch(
    scenario: Scenario,
    inputs: DrawInputs,
    params: MedianParams | None = None,
    *,
    seeds: Sequence[int] = (),
) -> BatchForecast:
    """:func:`run`'s forecast for every draw at once (contract: :mod:`detente.batch`)."""
    return columnwise(weighted_median, inputs)
