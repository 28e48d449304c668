"""The negotiation component of the outlook: whether the negotiators agree by the date.

For each draw of the inputs, the negotiation simulator (:mod:`detente.negotiation`) runs the
alternating-offers protocol between the negotiating parties on that draw's scenario, with

* **a strategy profile drawn at random**: each party's strategy is drawn independently and
  uniformly from :data:`POOL` (the time-dependent tactics Boulware, linear and conceder
  [Faratin1998], relative tit-for-tat [Axelrod1984], the hardliner and stall-and-water-down)
  — the analyst does not know how either side will bargain, so every listed behaviour is given
  the same weight;
* **the deadline at the date**: one round (an offer and its answer) per :data:`DAYS_PER_ROUND`
  days from the scenario's ``as_of`` to the date, at least one;
* **uncertain reservation values**: each party's utility of the status quo on the draw's positions
  and saliences (the simulator's default reservation point), moved by a uniform draw within
  ±:data:`RESERVATION_NOISE` on the [0, 1] utility scale and kept in [0, 1] — how much worse than
  the standoff a party would accept is not observed.

An agreement (complete or partial) counts as agreement.  The parties are the scenario's
negotiation parties where it names them, else the veto players of its scenario-wide decision
rule when there are at least two (Korea: the USA and North Korea).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from detente.batch import DrawInputs, apply_draw
from detente.errors import ModelInputError
from detente.negotiation.outcomes import outcome_space, utilities_from_scenario
from detente.negotiation.params import NegotiationParams
from detente.negotiation.simulate import run_many
from detente.scenario import Scenario

__all__ = ["DAYS_PER_ROUND", "POOL", "RESERVATION_NOISE", "negotiate_draws", "parties", "rounds"]

POOL = ("boulware", "linear", "conceder", "tit-for-tat", "hardliner", "stall-and-water-down")
"""Strategies each party may play, drawn with equal probability (analyst's default)."""
DAYS_PER_ROUND = 7.0
"""Days per round of offers: one exchange a week (analyst's default, not from a paper)."""
RESERVATION_NOISE = 0.05
"""Half-width of the uniform noise on each reservation value (analyst's default)."""

_Array = NDArray[np.float64]


def parties(scenario: Scenario) -> tuple[str, ...]:
    """Who negotiates: the scenario's negotiation parties, else the scenario-wide veto players."""
    named = getattr(getattr(scenario, "negotiation", None), "parties", None)
    if named:
        return tuple(named)
    veto = scenario.decision.default.veto if scenario.decision is not None else None
    if veto is not None and len(veto) >= 2:
        return tuple(veto)
    raise ModelInputError(
        "the outlook needs the negotiating parties: give two or more of them here (or the "
        "scenario-wide decision rule two or more veto players)",
        field="negotiation.parties",
    )


def rounds(days: int, days_per_round: float = DAYS_PER_ROUND) -> int:
    """Rounds of offers in ``days`` days (at least one)."""
    return max(1, math.ceil(days / days_per_round))


def _status_quo_values(drawn: Sequence[Scenario], who: tuple[str, ...]) -> _Array:
    """Each party's utility of the status quo in each drawn scenario, shape (D, parties)."""
    out = np.empty((len(drawn), len(who)))
    for d, sc in enumerate(drawn):
        space = outcome_space(sc)
        out[d] = [float(x.rv[0]) for x in utilities_from_scenario(sc, who, space)]
    return out


def negotiate_draws(
    scenario: Scenario,
    inputs: DrawInputs,
    u: _Array,
    seeds: Sequence[int],
    n_rounds: int,
    pool: Sequence[str] = POOL,
) -> tuple[NDArray[np.bool_], _Array]:
    """Agreement per draw (D,) and the agreed outcome (D, I; NaN without agreement).

    ``u`` (D, 2 × parties) are uniforms: the first half picks each party's strategy from ``pool``
    (default :data:`POOL`), the second moves its reservation value; ``seeds`` seed each draw's
    chance moves.
    """
    who = parties(scenario)
    n = len(who)
    picks = np.minimum((u[:, :n] * len(pool)).astype(int), len(pool) - 1)
    by_profile: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for d, row in enumerate(picks):
        by_profile[tuple(int(x) for x in row)].append(d)
    drawn = [apply_draw(scenario, inputs, d) for d in range(inputs.n_draws)]
    rv = np.clip(_status_quo_values(drawn, who) + RESERVATION_NOISE * (2 * u[:, n:] - 1), 0, 1)
    params = NegotiationParams(deadline=n_rounds)
    agreed = np.zeros(inputs.n_draws, dtype=bool)
    outcome = np.full((inputs.n_draws, len(scenario.issues)), np.nan)
    for profile, idx in sorted(by_profile.items()):
        results = run_many(
            [drawn[d] for d in idx],
            list(who),
            [pool[i] for i in profile],
            params,
            seeds=[seeds[d] for d in idx],
            reservation=rv[idx],
        )
        for d, r in zip(idx, results, strict=True):
            if r.agreed and r.agreement is not None:
                agreed[d], outcome[d] = True, r.agreement
    return agreed, outcome
