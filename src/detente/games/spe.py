"""Subgame-perfect equilibrium of a game of perfect information, by backward induction.

Working up from the terminal nodes, the player at each decision node x picks
``a*(x) = argmax_a V_i(child(x, a))`` and ``V(x) = V(child(x, a*))``; at a chance node
``V(x) = sum_a p(a) V(child(x, a))`` (Zermelo's algorithm; e.g. [Osborne2004] §5.5).

Assumptions
-----------
* Ties are broken in favour of the first action listed (payoffs within ``1e-12``); the
  information sets where a tie was broken are listed in ``details["ties"]``, since other
  tie-breaks give other subgame-perfect equilibria.
* Chance nodes may share information sets; decision nodes may not (perfect information).

References
----------
[Osborne2004] Osborne, M. J. (2004). *An Introduction to Game Theory*. Oxford University Press.
"""

from __future__ import annotations

import numpy as np

from detente.errors import ModelInputError
from detente.games.arrays import compile_game
from detente.games.solution import GameSolution, describe
from detente.games.tree import Game, Mover, infoset_key, is_perfect_information

__all__ = ["solve_spe"]

TIE_TOL = 1e-12


def solve_spe(game: Game) -> GameSolution:
    """The subgame-perfect equilibrium found by backward induction.

    Parameters
    ----------
    game
        A game of perfect information.

    Raises
    ------
    ModelInputError
        If some information set of a player has more than one node.
    """
    if not is_perfect_information(game):
        raise ModelInputError(
            f"{game.title}: backward induction needs perfect information; "
            "use {method=pbe}, {method=pure-nash} or {method=qre}"
        )
    arr = compile_game(game)
    values = np.zeros((len(game.nodes), game.n_players))
    sigma = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    ties: list[str] = []
    for x in range(len(game.nodes) - 1, -1, -1):
        node = game.nodes[x]
        if node.player == Mover.TERMINAL:
            values[x] = arr.payoffs[int(np.searchsorted(arr.terminals, x))]
            continue
        kids = values[list(node.children)]
        start = arr.offsets[node.infoset]
        if node.player == Mover.CHANCE:
            values[x] = sigma[start : start + len(kids)] @ kids
            continue
        own = kids[:, node.player - 1]
        best = int(np.argmax(own))
        if np.sum(own >= own[best] - TIE_TOL) > 1:
            ties.append(infoset_key(game, node.infoset))
        sigma[start + best] = 1.0
        values[x] = kids[best]
    return GameSolution(game.title, "spe", {}, (describe(arr, sigma),), {"ties": ties})
