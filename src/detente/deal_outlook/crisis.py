"""The crisis-game component of the outlook: provocation and containment probabilities.

Where the scenario parameterises a crisis game of the catalog that has a provocation move and a
containment outcome (:data:`CRISIS_GAMES`), the game is solved at each of the first
:data:`GAME_DRAWS` draws of its parameters, and the outlook reports, over those draws:

* ``p_provocation`` — the probability that the provoking player chooses the provocation (Korea:
  North Korea's red-line test, an ICBM launch or a nuclear test);
* ``p_containment`` — the probability of the containment outcome (sanctions and deterrence
  continue, neither relief nor crisis).

Equilibrium selection: the agent logit quantal response equilibrium at precision λ = 5
[McKelveyPalfrey1998], :data:`detente.games.precision.DEFAULT_LAMBDA` (why 5: there).  It is
unique on the path from λ = 0 and gives every move a probability, where the pure perfect Bayesian
equilibria of the game give 0 or 1 and may be several.

Parameter uncertainty: the scenario gives each parameter one value.  In each draw every parameter
is moved uniformly within ±25 % of its value (probabilities, named ``p_…``, within ±0.1, kept in
[0.01, 0.99]); calendar facts (:data:`FIXED`, e.g. the months to the election) are not moved.  The
interval is the 5th–95th percentile over the draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.games import load_game, solve
from detente.games.precision import DEFAULT_LAMBDA
from detente.scenario import Scenario

__all__ = ["CRISIS_GAMES", "FIXED", "GAME_DRAWS", "LAMBDA", "CrisisGame", "crisis_draws"]

LAMBDA = DEFAULT_LAMBDA
"""QRE precision: :data:`detente.games.precision.DEFAULT_LAMBDA` (as every front end's)."""
GAME_DRAWS = 100
"""Draws of the game's parameters (each QRE takes ~40 ms)."""
RELATIVE = 0.25
"""Half-width of a parameter's uniform draw, relative to its value."""
PROBABILITY = 0.1
"""Half-width of a probability parameter's uniform draw."""
FIXED = frozenset({"months_to_election"})
"""Parameters that are facts of the calendar, not judgements: never moved."""

_Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class CrisisGame:
    """Which move is the provocation and which outcome is containment, in a catalog game."""

    player: str
    provocation: str
    containment: str


CRISIS_GAMES = {
    "deadline_provocation": CrisisGame("NK", "Red-line test", "containment"),
}


def crisis_game(scenario: Scenario) -> str | None:
    """The scenario's first parameterised crisis game, if any."""
    return next((g.game for g in scenario.games if g.game in CRISIS_GAMES), None)


def _moved(name: str, value: float, u: float) -> float:
    if name in FIXED:
        return value
    if name.startswith("p_"):
        return float(np.clip(value + PROBABILITY * (2 * u - 1), 0.01, 0.99))
    return value * (1.0 + RELATIVE * (2 * u - 1))


def crisis_draws(scenario: Scenario, name: str, u: _Array) -> tuple[_Array, _Array]:
    """P(provocation) and P(containment) at each row of uniforms ``u`` (G, parameters)."""
    spec, setup = CRISIS_GAMES[name], scenario.game(name)
    base = setup.as_dict() if setup is not None else {}
    provoke, contain = np.empty(len(u)), np.empty(len(u))
    for g, row in enumerate(u):
        values = {k: _moved(k, v, float(x)) for (k, v), x in zip(base.items(), row, strict=False)}
        loaded = load_game(name, values, scenario)
        eq = solve(loaded, "qre", LAMBDA).equilibria[0]
        player = loaded.roles.get(spec.player, spec.player)  # the actor who plays the role
        provoke[g] = eq.action_probabilities[player][spec.provocation]
        contain[g] = eq.outcome_probabilities[spec.containment]
    return provoke, contain
