"""Pure-strategy Nash equilibria and pure perfect Bayesian equilibria of small games.

**Nash.**  A pure strategy of player i picks one action at each of i's information sets.  The
payoff of a profile s is ``U_i(s) = sum_t c(t) prod_j 1[s_j is consistent with t] u_i(t)``,
with c(t) the product of the chance probabilities on the path to terminal node t (the strategic
form, built as one ``einsum``).  s is a Nash equilibrium when no player gains by changing only
its own strategy: ``U_i(s) >= U_i(s'_i, s_-i)`` for every i and s'_i.

**Perfect Bayesian.**  A pure profile s with beliefs mu is a (weak) perfect Bayesian
equilibrium ([MWG1995] Def. 9.C.3) when at every information set h of player i the action s(h)
maximises ``sum_{x in h} mu(x) V_i(child(x, a))``, with V the continuation values under s,
and mu follows Bayes' rule wherever h is reached with positive probability.  At an unreached
information set the beliefs are free; we report the whole set that sustains s(h),
``{mu in simplex : sum_x mu(x) [V_i(child(x, s(h))) - V_i(child(x, a))] >= 0 for all a}``, by
the lowest and highest belief in each node (linear programmes).  Bayes' rule is applied
wherever possible: moves shared by every path into h (such as the owner's own earlier deviation)
cancel, so an unreached h whose nodes are still ranked by the remaining moves gets those beliefs
(reported as a degenerate interval) rather than a free choice ([FudenbergTirole1991] §8.2).
Every such equilibrium is a Nash equilibrium, so the candidates are the pure Nash equilibria.

Assumptions
-----------
* Payoff comparisons use a tolerance of ``1e-9``.
* The strategic form is unreduced, so strategies that differ only at unreached information sets
  are listed as distinct equilibria.  Games with more than ``MAX_PROFILES`` pure profiles are
  refused.

References
----------
[FudenbergTirole1991] Fudenberg, D. & Tirole, J. (1991). *Game Theory*. MIT Press.
[MWG1995] Mas-Colell, A., Whinston, M. D. & Green, J. R. (1995). *Microeconomic Theory*. OUP.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from detente.errors import ModelInputError
from detente.games.arrays import (
    Arrays,
    FloatArray,
    compile_game,
    node_reach,
    node_values,
    pure_profile,
)
from detente.games.mixed import mixed_profiles
from detente.games.solution import GameSolution, belief_keys, describe
from detente.games.strategic import MAX_PROFILES, strategic_form
from detente.games.tree import Game, Mover, infoset_key

__all__ = ["MAX_PROFILES", "pure_nash_profiles", "solve_pbe", "solve_pure_nash"]

TOL = 1e-9
SUPPORT_TOL = 1e-12


def pure_nash_profiles(arr: Arrays, *, reduced: bool = False) -> list[dict[int, int]]:
    """Pure Nash equilibria as ``{information set: action index}``."""
    form = strategic_form(arr, reduced=reduced)
    ok = np.ones(form.payoffs[0].shape, dtype=bool)
    for i, u in enumerate(form.payoffs):
        ok &= u >= u.max(axis=i, keepdims=True) - TOL
    found = []
    for cell in np.argwhere(ok):
        choice: dict[int, int] = {}
        for i, s in enumerate(cell):
            choice.update(form.choice(i, int(s)))
        found.append(choice)
    return found


def solve_pure_nash(game: Game) -> GameSolution:
    """All pure-strategy Nash equilibria of ``game``."""
    arr = compile_game(game)
    eqs = tuple(describe(arr, pure_profile(arr, c)) for c in pure_nash_profiles(arr))
    return GameSolution(game.title, "pure-nash", {}, eqs)


def solve_pbe(game: Game) -> GameSolution:
    """All pure (weak) perfect Bayesian equilibria, with off-path belief sets.

    When there is none and the game has two players, the mixed ones among the Nash equilibria
    that :func:`detente.games.mixed.mixed_profiles` enumerates (``details["mixed"]``).
    """
    arr = compile_game(game)
    pure = [pure_profile(arr, c) for c in pure_nash_profiles(arr)]
    eqs = [describe(arr, s, off) for s, off in _pbe(arr, pure)]
    details: dict[str, Any] = {"mixed": False}
    if not eqs and game.n_players == 2:
        try:
            profiles, found = mixed_profiles(arr)
        except ModelInputError as exc:
            details["note"] = f"no pure equilibrium; mixed ones not enumerated: {exc.reason}"
        else:
            eqs = [describe(arr, s, off) for s, off in _pbe(arr, profiles)]
            details.update({"mixed": True, **found})
    return GameSolution(game.title, "pbe", {}, tuple(eqs), details)


def _pbe(
    arr: Arrays, profiles: Iterable[FloatArray]
) -> list[tuple[FloatArray, dict[str, dict[str, tuple[float, float]]]]]:
    """The profiles that some beliefs sustain as weak PBE, with their off-path belief sets."""
    out = []
    for sigma in profiles:
        off = _sustaining_beliefs(arr, sigma)
        if off is not None:
            out.append((sigma, off))
    return out


def _sustaining_beliefs(
    arr: Arrays, sigma: FloatArray
) -> dict[str, dict[str, tuple[float, float]]] | None:
    """Off-path belief sets sustaining ``sigma``, or None if some information set fails.

    At each information set every action played with positive probability must be a best
    response to the beliefs.
    """
    game = arr.game
    reach, values = node_reach(arr, sigma), node_values(arr, sigma)
    off: dict[str, dict[str, tuple[float, float]]] = {}
    for h, info in enumerate(game.infosets):
        if info.player == Mover.CHANCE:
            continue
        v = values[:, info.player - 1]
        kids = np.array([game.nodes[x].children for x in info.nodes])
        played = np.flatnonzero(sigma[arr.offsets[h] : arr.offsets[h + 1]] > SUPPORT_TOL)
        gain = np.hstack([v[kids[:, [a]]] - v[kids] for a in played])  # a over b at node x
        total = reach[list(info.nodes)].sum()
        rel = reach[list(info.nodes)] if total > 0 else _relative_reach(arr, sigma, h)
        if rel.sum() > 0 or len(info.nodes) == 1:
            mu = rel / rel.sum() if rel.sum() > 0 else np.ones(1)
            if np.any(mu @ gain < -TOL):
                return None
            if total == 0 and len(info.nodes) > 1:
                off[infoset_key(game, h)] = {
                    k: (float(round(m, 12)), float(round(m, 12)))
                    for k, m in zip(belief_keys(game, h), mu, strict=True)
                }
            continue
        bounds = _belief_bounds(gain)
        if bounds is None:
            return None
        off[infoset_key(game, h)] = dict(zip(belief_keys(game, h), bounds, strict=True))
    return off


def _relative_reach(arr: Arrays, sigma: FloatArray, h: int) -> FloatArray:
    """Reach of each node of ``h`` counting only the moves not shared by all its nodes.

    Moves taken on the way to every node of h (such as the owner's own earlier actions) cancel
    in Bayes' rule, so beliefs stay defined after a deviation by them ("Bayes' rule wherever
    possible", [FudenbergTirole1991]).
    """
    game = arr.game
    paths = [
        {int(arr.offsets[game.nodes[n].infoset]) + a for n, a in game.path(x)}
        for x in game.infosets[h].nodes
    ]
    common = set.intersection(*paths)
    return np.array([np.prod([sigma[k] for k in p - common]) for p in paths])


def _belief_bounds(gain: FloatArray) -> list[tuple[float, float]] | None:
    """Per-node lowest/highest belief with ``mu @ gain >= 0``, or None if no belief works."""
    from scipy.optimize import linprog

    m = gain.shape[0]
    spec = {
        "A_ub": -gain.T,
        "b_ub": np.full(gain.shape[1], TOL),
        "A_eq": np.ones((1, m)),
        "b_eq": [1.0],
        "bounds": [(0.0, 1.0)] * m,
        "method": "highs",
    }
    out = []
    for j in range(m):
        c = np.zeros(m)
        c[j] = 1.0
        lo, hi = linprog(c, **spec), linprog(-c, **spec)
        if lo.status != 0 or hi.status != 0:
            return None
        out.append((round(float(lo.x[j]), 12) + 0.0, round(float(hi.x[j]), 12) + 0.0))
    return out
