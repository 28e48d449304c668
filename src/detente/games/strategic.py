"""The (reduced) strategic form of an extensive-form game.

A pure strategy of player i picks one action at each of i's information sets.  Strategy s of i is
*consistent* with terminal node t when s picks every action of i on the path to t.  The expected
payoff of a profile is ``U_i(s) = sum_t c(t) prod_j 1[s_j consistent with t] u_i(t)``, c(t) the
product of the chance probabilities on the path to t.

Two strategies of a player that are consistent with the same terminal nodes differ only at
information sets they themselves never reach; they give every player the same payoff against
every opponent profile.  The *reduced* strategic form keeps one strategy of each such class (the
first in lexicographic order), as Gambit's reduced normal form does ([Gambit];
[Kuhn1953]).

References
----------
[Gambit] McKelvey, McLennan & Turocy, Gambit: Software Tools for Game Theory.
[Kuhn1953] Kuhn, H. W. (1953). Extensive games and the problem of information.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.errors import ModelInputError
from detente.games.arrays import Arrays, FloatArray
from detente.games.tree import Mover

__all__ = ["MAX_PROFILES", "StrategicForm", "strategic_form"]

MAX_PROFILES = 2_000_000
"""Most pure strategy profiles (of the unreduced form) that are enumerated."""


@dataclass(frozen=True, slots=True, eq=False)
class StrategicForm:
    """Per player: information sets, strategy table (strategy × set → action) and masks.

    ``masks[i][s, t]`` is 1 when strategy s of player i is consistent with terminal t;
    ``payoffs[i]`` has one axis per player.
    """

    sets: tuple[list[int], ...]
    tables: tuple[NDArray[np.intp], ...]
    masks: tuple[FloatArray, ...]
    payoffs: tuple[FloatArray, ...]

    def choice(self, player: int, s: int) -> dict[int, int]:
        """``{information set: action}`` of strategy ``s`` of player index ``player``."""
        return {h: int(a) for h, a in zip(self.sets[player], self.tables[player][s], strict=True)}


def _strategies(arr: Arrays, player: int) -> tuple[list[int], NDArray[np.intp]]:
    sets = [h for h, info in enumerate(arr.game.infosets) if info.player == player]
    sizes = [len(arr.game.infosets[h].actions) for h in sets]
    table = np.array(list(itertools.product(*[range(k) for k in sizes])), dtype=np.intp)
    return sets, table.reshape(len(table), len(sets))


def _consistent(arr: Arrays, player: int, sets: list[int], table: NDArray[np.intp]) -> FloatArray:
    ok = np.ones((len(table), len(arr.terminals)), dtype=bool)
    col = {h: j for j, h in enumerate(sets)}
    for k, t in zip(arr.pair_slot, arr.pair_term, strict=True):
        if arr.slot_player[k] == player:
            h = int(arr.slot_infoset[k])
            ok[:, t] &= table[:, col[h]] == k - arr.offsets[h]
    return ok.astype(float)


def strategic_form(arr: Arrays, *, reduced: bool = False) -> StrategicForm:
    """The strategic form of ``arr.game`` (reduced: one strategy per equivalence class)."""
    n = arr.game.n_players
    count = math.prod(len(h.actions) for h in arr.game.infosets if h.player != Mover.CHANCE)
    if count > MAX_PROFILES:
        raise ModelInputError(
            f"{arr.game.title}: {count:.3g} pure strategy profiles, more than the "
            f"{MAX_PROFILES:,} that enumeration handles; use {{method=qre}}"
        )
    sets, tables, masks = [], [], []
    for i in range(1, n + 1):
        s, table = _strategies(arr, i)
        mask = _consistent(arr, i, s, table)
        if reduced:
            _, keep = np.unique(mask, axis=0, return_index=True)
            keep.sort()
            table, mask = table[keep], mask[keep]
        sets.append(s)
        tables.append(table)
        masks.append(mask)
    chance = np.ones(len(arr.terminals))
    for k, t in zip(arr.pair_slot, arr.pair_term, strict=True):
        if arr.slot_player[k] == Mover.CHANCE:
            chance[t] *= arr.chance_sigma[k]
    ops: list[Any] = []
    for j in range(n):
        ops += [masks[j], [j, n]]
    payoffs = tuple(
        np.einsum(*ops, chance * arr.payoffs[:, i], [n], list(range(n))) for i in range(n)
    )
    return StrategicForm(tuple(sets), tuple(tables), tuple(masks), payoffs)
