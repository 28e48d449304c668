"""Weighted-mean forecast: the capability × salience weighted mean of positions per issue.

For issue k with actors i = 1..n of capability c_i, position x_ik and salience s_ik::

    forecast_k = sum_i c_i s_ik x_ik / sum_i c_i s_ik

This is the "expected outcome" benchmark that [BDM1994] reports beside the median voter, and the
mean of Scholz et al.'s Table 2 [Scholz2011].  The model has no rounds: the result holds round 0
(the input state) and the forecast.

References
----------
[BDM1994] Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method. In
    Stokman & Bueno de Mesquita (eds.), European Community Decision Making, 71–104.
[Scholz2011] Scholz, J. B., Calbert, G. J., & Smith, G. A. (2011). Unravelling Bueno De
    Mesquita's group decision model. Journal of Theoretical Politics 23(4), 510–531.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detente.batch import BatchForecast, DrawInputs, columnwise
from detente.params import params_as_dict
from detente.result import Result, make_round, provenance
from detente.scenario import Scenario
from detente.spatial import weighted_mean

__all__ = ["MeanParams", "run", "run_batch"]


@dataclass(frozen=True, slots=True)
class MeanParams:
    """The weighted mean has no parameters."""


def run(scenario: Scenario, params: MeanParams | None = None) -> Result:
    """Forecast each issue at the capability × salience weighted mean of the positions."""
    params = params or MeanParams()
    r0 = make_round(0, scenario, scenario.positions())
    return Result(
        provenance=provenance("mean", params_as_dict(params), scenario),
        issues=scenario.issue_ids,
        actors=scenario.actor_ids,
        rounds=(r0,),
        forecast=r0.mean,
    )


def run_batch(
    scenario: Scenario,
    inputs: DrawInputs,
    params: MeanParams | None = None,
    *,
    seeds: Sequence[int] = (),
) -> BatchForecast:
    """:func:`run`'s forecast for every draw at once (contract: :mod:`detente.batch`)."""
    return columnwise(weighted_mean, inputs)
