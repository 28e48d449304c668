"""Mixed-strategy Nash equilibria of two-player games, by support enumeration.

On the reduced strategic form (:mod:`detente.games.strategic`) with payoff matrices A (row
player) and B (column player), a pair of mixed strategies (x, y) with supports I and J of equal
size k is a Nash equilibrium when ([vonStengel2007] §3.3, Algorithm 3.4)

    sum_{j in J} A[i, j] y_j = v  for i in I,      sum_{i in I} x_i B[i, j] = u  for j in J,
    sum y = sum x = 1,  x, y >= 0,   (A y)_i <= v  and  (x'B)_j <= u  for every i, j.

Every support pair is tried.  Each mixed strategy is then turned into the equivalent behaviour
strategy ([Kuhn1953]): at information set h, ``sigma(h, a)`` is the probability of the pure
strategies that reach h (by their own moves) and choose a there, divided by the probability of
those that reach h; at sets the strategy never reaches, the actions its pure strategies assign.

Assumptions
-----------
* The game is nondegenerate (no mixed strategy with support of size k has more than k pure best
  responses), as support enumeration with equal support sizes requires.  In a degenerate game
  equilibria with supports of unequal size, and all but the vertices of a continuum, may be
  missed; ``details["complete"]`` is False when a singular support system shows degeneracy.
* These are Nash equilibria of the strategic form, not refined to perfect Bayesian equilibria:
  behaviour at unreached information sets need not be sequentially rational.
* At most ``MAX_SUPPORTS`` support pairs (``C(m + n, m) - 1`` for an m × n game) are tried.

References
----------
[vonStengel2007] von Stengel, B. (2007). Equilibrium computation for two-player games in
strategic and extensive form. In *Algorithmic Game Theory*, ch. 3. Cambridge University Press.
[Kuhn1953] Kuhn, H. W. (1953). Extensive games and the problem of information.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from detente.errors import ModelInputError
from detente.games.arrays import Arrays, FloatArray, compile_game
from detente.games.solution import GameSolution, describe
from detente.games.strategic import StrategicForm, strategic_form
from detente.games.tree import Game

__all__ = ["MAX_SUPPORTS", "mixed_nash", "mixed_profiles", "solve_mixed_nash"]

MAX_SUPPORTS = 100_000
TOL = 1e-9


def _indifferent(m: FloatArray) -> tuple[FloatArray, float] | str:
    """Weights w >= 0 summing to 1 with ``m @ w`` constant, and that constant.

    Otherwise ``"singular"`` (no unique solution: a degenerate support) or ``"infeasible"``.
    """
    k = m.shape[0]
    lhs = np.zeros((k + 1, k + 1))
    lhs[:k, :k], lhs[:k, k], lhs[k, :k] = m, -1.0, 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        sol = np.linalg.solve(lhs, rhs)
    except np.linalg.LinAlgError:
        return "singular"
    if np.any(sol[:k] < -TOL):
        return "infeasible"
    return np.maximum(sol[:k], 0.0), float(sol[k])


def mixed_nash(a: FloatArray, b: FloatArray) -> tuple[list[tuple[FloatArray, FloatArray]], bool]:
    """All equilibria ``(x, y)`` of the bimatrix game (a, b) with equal-size supports.

    The flag is False when some support pair had a singular system (the game is degenerate, so
    equilibria may be missed).
    """
    m, n = a.shape
    if math.comb(m + n, m) - 1 > MAX_SUPPORTS:
        raise ModelInputError(
            f"{m} x {n} strategies: too many supports to enumerate; use {{method=qre}} with a "
            "large {lam} to approach the logit limit"
        )
    found: list[tuple[FloatArray, FloatArray]] = []
    complete = True
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                got_y = _indifferent(a[np.ix_(rows, cols)])
                got_x = _indifferent(b[np.ix_(rows, cols)].T)
                if isinstance(got_y, str) or isinstance(got_x, str):
                    complete = complete and "singular" not in (got_x, got_y)
                    continue
                x, y = np.zeros(m), np.zeros(n)
                x[list(rows)], y[list(cols)] = got_x[0], got_y[0]
                best = np.all(a @ y <= got_y[1] + TOL) and np.all(x @ b <= got_x[1] + TOL)
                if best and not any(np.allclose(x, p) and np.allclose(y, q) for p, q in found):
                    found.append((x, y))
    return found, complete


def _behaviour(arr: Arrays, form: StrategicForm, player: int, weights: FloatArray) -> FloatArray:
    """The behaviour strategy of ``player`` (index) equivalent to mixed strategy ``weights``."""
    game, sigma = arr.game, np.zeros(arr.n_slots)
    table, sets = form.tables[player], form.sets[player]
    col = {h: j for j, h in enumerate(sets)}
    for j, h in enumerate(sets):
        own = [
            (game.nodes[x].infoset, a)
            for x, a in game.path(game.infosets[h].nodes[0])
            if game.nodes[x].player == player + 1
        ]
        reach = np.ones(len(table), dtype=bool)
        for g, a in own:
            reach &= table[:, col[g]] == a
        mass = weights * reach if np.sum(weights * reach) > TOL else weights
        for a in range(len(game.infosets[h].actions)):
            sigma[arr.offsets[h] + a] = np.sum(mass[table[:, j] == a]) / np.sum(mass)
    return sigma


def mixed_profiles(arr: Arrays) -> tuple[list[FloatArray], dict[str, Any]]:
    """Behaviour profiles of a two-player game's Nash equilibria, and a record of the search."""
    if arr.game.n_players != 2:
        raise ModelInputError(
            f"{arr.game.title}: mixed equilibria by support enumeration need two players, not "
            f"{arr.game.n_players}; use {{method=qre}}"
        )
    form = strategic_form(arr, reduced=True)
    pairs, complete = mixed_nash(*form.payoffs)
    chance = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    profiles = [
        chance + _behaviour(arr, form, 0, x) + _behaviour(arr, form, 1, y) for x, y in pairs
    ]
    return profiles, {"strategies": [len(t) for t in form.tables], "complete": complete}


def solve_mixed_nash(game: Game) -> GameSolution:
    """Nash equilibria in mixed strategies of a two-player game (behaviour-strategy form)."""
    arr = compile_game(game)
    profiles, details = mixed_profiles(arr)
    return GameSolution(
        game.title, "mixed-nash", {}, tuple(describe(arr, s) for s in profiles), details
    )
