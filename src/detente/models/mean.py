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

from dataclasses import dataclass

from detente.params import params_as_dict
from detente.result import Result, make_round, provenance
from detente.scenario import Scenario

__all__ = ["MeanParams", "run"]


@dataclass(frozen=True, slots=True)
class MeanParams:
    """The weighted mean has no parameters."""


def run(scenario: Scenario, params: MeanParams | None = None) -> Result:
    """Forecast each issue at the capability × salience weighted mean of the positions."""
    params = params or MeanParams()
    r0 = make_round(0, scenario, scenario.positions())
    return Result(
        provenance("mean", params_as_dict(params), scenario),
        scenario.issue_ids,
        scenario.actor_ids,
        (r0,),
        r0.mean,
    )
