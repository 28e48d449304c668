"""Array form of a game for the solvers: action slots, paths, reach probabilities and values.

A behaviour profile ``sigma`` is one flat vector over *slots*, one slot per (information set,
action), the slots of an information set contiguous and in information-set order; chance slots
hold the chance probabilities.  For a profile,

* the realisation probability of node x is ``reach(x) = prod sigma(slot of each edge above x)``;
* the value of x to player i is ``V_i(x) = sum_t P(t | x) u_i(t)`` over terminal nodes t below x,
  where ``u(t)`` sums the outcomes on the path to t (Gambit's convention);
* the belief at node x of information set h is ``mu(x) = reach(x) / sum_{y in h} reach(y)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.games.tree import Game, Mover, require_game

__all__ = ["Arrays", "compile_game", "node_reach", "node_values", "pure_profile"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class Arrays:
    """Index arrays of a game (see the module docstring for the meaning of a slot)."""

    game: Game
    offsets: IntArray
    slot_infoset: IntArray
    slot_player: IntArray
    chance_sigma: FloatArray
    node_slot: IntArray
    parent: IntArray
    levels: tuple[IntArray, ...]
    terminals: IntArray
    payoffs: FloatArray
    pair_slot: IntArray
    pair_term: IntArray
    pair_node: IntArray

    @property
    def n_slots(self) -> int:
        """Number of (information set, action) slots."""
        return int(self.offsets[-1])


def compile_game(game: Game) -> Arrays:
    """Build the index arrays of ``game``."""
    require_game(game)
    sizes = [len(h.actions) for h in game.infosets]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.intp)
    slot_infoset = np.repeat(np.arange(len(sizes)), sizes).astype(np.intp)
    slot_player = np.array([game.infosets[h].player for h in slot_infoset], dtype=np.intp)
    chance = np.full(int(offsets[-1]), np.nan)
    for h, info in enumerate(game.infosets):
        if info.player == Mover.CHANCE:
            chance[offsets[h] : offsets[h + 1]] = info.probs
    n = len(game.nodes)
    parent = np.array([nd.parent for nd in game.nodes], dtype=np.intp)
    node_slot = np.full(n, -1, dtype=np.intp)
    depth = np.zeros(n, dtype=np.intp)
    for i, nd in enumerate(game.nodes[1:], start=1):
        node_slot[i] = offsets[game.nodes[nd.parent].infoset] + nd.action
        depth[i] = depth[nd.parent] + 1
    levels = tuple(np.flatnonzero(depth == d) for d in range(1, int(depth.max()) + 1))
    terms = np.array(game.terminals(), dtype=np.intp)
    payoffs = np.array([game.payoff(int(t)) for t in terms], dtype=float).reshape(
        len(terms), game.n_players
    )
    pairs = [
        (int(node_slot[c]), k, int(parent[c]))
        for k, t in enumerate(terms)
        for c in _ancestry(parent, int(t))
    ]
    ps, pt, pn = (np.array([p[j] for p in pairs], dtype=np.intp) for j in range(3))
    return Arrays(
        game=game,
        offsets=offsets,
        slot_infoset=slot_infoset,
        slot_player=slot_player,
        chance_sigma=chance,
        node_slot=node_slot,
        parent=parent,
        levels=levels,
        terminals=terms,
        payoffs=payoffs,
        pair_slot=ps,
        pair_term=pt,
        pair_node=pn,
    )


def _ancestry(parent: IntArray, node: int) -> list[int]:
    out: list[int] = []
    while parent[node] >= 0:
        out.append(node)
        node = int(parent[node])
    return out


def pure_profile(arr: Arrays, choice: dict[int, int]) -> FloatArray:
    """The profile playing action ``choice[h]`` at each player information set ``h``."""
    sigma = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    for h, a in choice.items():
        sigma[arr.offsets[h] + a] = 1.0
    return sigma


def node_reach(arr: Arrays, sigma: FloatArray) -> FloatArray:
    """Realisation probability of every node under ``sigma``."""
    reach = np.zeros(len(arr.parent))
    reach[0] = 1.0
    for lev in arr.levels:
        reach[lev] = reach[arr.parent[lev]] * sigma[arr.node_slot[lev]]
    return reach


def node_values(arr: Arrays, sigma: FloatArray) -> FloatArray:
    """Expected payoff of every node to every player under ``sigma``, shape (nodes, players)."""
    values = np.zeros((len(arr.parent), arr.game.n_players))
    values[arr.terminals] = arr.payoffs
    for lev in reversed(arr.levels):
        np.add.at(values, arr.parent[lev], sigma[arr.node_slot[lev], None] * values[lev])
    return values
