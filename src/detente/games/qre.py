"""Agent logit quantal response equilibrium (QRE) of an extensive-form game.

Each information set h is an agent that plays action a with probability

    sigma(h, a) = exp(lambda Q(h, a)) / sum_b exp(lambda Q(h, b)),                     (1)

    Q(h, a) = sum_{x in h} mu(x) V_i(child(x, a)),   mu(x) = reach(x) / sum_{y in h} reach(y),

([McKelveyPalfrey1998] eq. 3), with V the continuation values under sigma itself.  At
lambda = 0 play is uniform; as lambda grows the QRE approaches a Nash equilibrium (the limit of
the principal branch is a sequential equilibrium, [McKelveyPalfrey1998] Thm 3).

* **Perfect information** (``algorithm="backward"``): every information set is one node, so
  (1) is solved exactly in one backward pass — the statistical strategic model of
  [Signorino1999] with logit (type-I extreme value) errors on actions.
* **Imperfect information** (``algorithm="path"``): (1) is a fixed point in sigma.  We follow it
  from lambda = 0 (the uniform profile) to the requested lambda in adaptive steps; at each step a
  damped iteration ``sigma <- (1 - alpha) sigma + alpha F(sigma)`` from the previous solution
  runs until ``max |F(sigma) - sigma| < tol``.  Q is evaluated in log space
  (``Q(h, a) = sum_t exp(log reach(t) - log sigma(h, a) - log sum_{y in h} reach(y)) u_i(t)``
  over terminal nodes t below (h, a)), so beliefs stay defined where reach is tiny.

Assumptions
-----------
* Q is conditional on reaching h (beliefs by Bayes' rule), as in the agent QRE.
* The damping ``alpha`` halves whenever the residual grows; a step in lambda that does not
  converge within ``max_iter`` iterations is halved.  ``details`` records the residual, and
  ``converged`` is False if the path stalls.

References
----------
[McKelveyPalfrey1998] McKelvey, R. D. & Palfrey, T. R. (1998). Quantal response equilibria for
extensive form games. *Experimental Economics* 1, 9–41.
[Signorino1999] Signorino, C. S. (1999). Strategic interaction and the statistical analysis of
international conflict. *American Political Science Review* 93(2), 279–297.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.games.arrays import Arrays, FloatArray, compile_game
from detente.games.solution import GameSolution, describe
from detente.games.tree import Game, is_perfect_information

__all__ = ["QREOptions", "solve_qre"]

LOG_FLOOR = -700.0


@dataclass(frozen=True, slots=True)
class QREOptions:
    """Numerical settings of the imperfect-information path follower."""

    tol: float = 1e-10
    max_iter: int = 200
    first_step: float = 0.5


def solve_qre(
    game: Game,
    lam: float = 1.0,
    params: dict[str, float] | None = None,
    options: QREOptions | None = None,
) -> GameSolution:
    """The agent logit QRE of ``game`` at precision ``lam`` (lambda >= 0)."""
    if not 0.0 <= lam < float("inf"):
        raise ValueError(f"lambda must be a finite number >= 0, got {lam}")
    arr = compile_game(game)
    record = {**(params or {}), "lambda": lam}
    if is_perfect_information(game):
        sigma = _backward(arr, lam)
        details = {"algorithm": "backward", "converged": True, "residual": 0.0}
    else:
        sigma, details = _path(arr, lam, options or QREOptions())
    return GameSolution(game.title, "qre", record, (describe(arr, sigma),), details)


def _logit(z: FloatArray) -> FloatArray:
    e = np.exp(z - z.max())
    return e / e.sum()  # type: ignore[no-any-return]


def _backward(arr: Arrays, lam: float) -> FloatArray:
    game = arr.game
    sigma = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    values = np.zeros((len(game.nodes), game.n_players))
    values[arr.terminals] = arr.payoffs
    for x in range(len(game.nodes) - 1, -1, -1):
        node = game.nodes[x]
        if node.player < 0:
            continue
        kids = values[list(node.children)]
        sl = slice(arr.offsets[node.infoset], arr.offsets[node.infoset + 1])
        if node.player > 0:
            sigma[sl] = _logit(lam * kids[:, node.player - 1])
        values[x] = sigma[sl] @ kids
    return sigma


@dataclass(frozen=True, slots=True, eq=False)
class _Plan:
    """Precomputed index arrays for the log-space response map."""

    dec_slots: NDArray[np.intp]
    slot_starts: NDArray[np.intp]
    slot_sizes: NDArray[np.intp]
    dec_nodes: NDArray[np.intp]
    node_starts: NDArray[np.intp]
    node_sizes: NDArray[np.intp]
    node_sets: NDArray[np.intp]
    pair_slot: NDArray[np.intp]
    pair_tnode: NDArray[np.intp]
    pair_set: NDArray[np.intp]
    pair_u: FloatArray


def _plan(arr: Arrays) -> _Plan:
    sets = [h for h, i in enumerate(arr.game.infosets) if i.player > 0]
    slots = np.concatenate([np.arange(arr.offsets[h], arr.offsets[h + 1]) for h in sets])
    ssize = np.array([arr.offsets[h + 1] - arr.offsets[h] for h in sets], dtype=np.intp)
    nodes = [list(arr.game.infosets[h].nodes) for h in sets]
    nsize = np.array([len(n) for n in nodes], dtype=np.intp)
    keep = arr.slot_player[arr.pair_slot] > 0
    ps, pt = arr.pair_slot[keep], arr.pair_term[keep]
    return _Plan(
        slots.astype(np.intp),
        _starts(ssize),
        ssize,
        np.concatenate(nodes).astype(np.intp),
        _starts(nsize),
        nsize,
        np.array(sets, dtype=np.intp),
        ps,
        arr.terminals[pt],
        arr.slot_infoset[ps],
        arr.payoffs[pt, arr.slot_player[ps] - 1],
    )


def _starts(sizes: NDArray[np.intp]) -> NDArray[np.intp]:
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)


def _response(arr: Arrays, plan: _Plan, sigma: FloatArray, lam: float) -> FloatArray:
    """The logit response F(sigma) of equation (1)."""
    ls = np.maximum(np.log(np.maximum(sigma, 1e-300)), LOG_FLOOR)
    lr = np.zeros(len(arr.parent))
    for lev in arr.levels:
        lr[lev] = lr[arr.parent[lev]] + ls[arr.node_slot[lev]]
    x = lr[plan.dec_nodes]
    top = np.maximum.reduceat(x, plan.node_starts)
    lse = top + np.log(
        np.add.reduceat(np.exp(x - np.repeat(top, plan.node_sizes)), plan.node_starts)
    )
    lse_of_set = np.zeros(len(arr.game.infosets))
    lse_of_set[plan.node_sets] = lse
    w = np.exp(lr[plan.pair_tnode] - ls[plan.pair_slot] - lse_of_set[plan.pair_set])
    q = np.bincount(plan.pair_slot, weights=w * plan.pair_u, minlength=len(sigma))
    z = lam * q[plan.dec_slots]
    z -= np.repeat(np.maximum.reduceat(z, plan.slot_starts), plan.slot_sizes)
    e = np.exp(z)
    new = sigma.copy()
    new[plan.dec_slots] = e / np.repeat(np.add.reduceat(e, plan.slot_starts), plan.slot_sizes)
    return new


def _settle(
    arr: Arrays, plan: _Plan, sigma: FloatArray, lam: float, opt: QREOptions
) -> tuple[FloatArray, float, int]:
    """Solve (1) at one lambda from ``sigma``: (profile, residual, evaluations).

    A few damped iterations first; if they do not settle, a quasi-Newton root finder (MINPACK
    ``hybr``) on the log probabilities, ``log F(exp y) - y = 0``.
    """
    alpha, last = 0.5, np.inf
    for it in range(1, opt.max_iter + 1):
        new = _response(arr, plan, sigma, lam)
        res = float(np.max(np.abs(new - sigma)))
        if res < opt.tol:
            return new, res, it
        if res > last:
            break
        last = res
        sigma = (1 - alpha) * sigma + alpha * new
    return _newton(arr, plan, sigma, lam, opt)


def _newton(
    arr: Arrays, plan: _Plan, sigma: FloatArray, lam: float, opt: QREOptions
) -> tuple[FloatArray, float, int]:
    from scipy.optimize import root

    idx = plan.dec_slots

    def full(y: FloatArray) -> FloatArray:
        out = sigma.copy()
        out[idx] = np.exp(np.minimum(y, 0.0))
        return out

    def gap(y: FloatArray) -> FloatArray:
        new = _response(arr, plan, full(y), lam)[idx]
        return np.log(np.maximum(new, 1e-300)) - y

    sol = root(gap, np.log(np.maximum(sigma[idx], 1e-300)), method="hybr", options={"xtol": 1e-13})
    out = full(sol.x)
    res = float(np.max(np.abs(_response(arr, plan, out, lam) - out)))
    return out, res, int(sol.nfev)


def _path(arr: Arrays, lam: float, opt: QREOptions) -> tuple[FloatArray, dict[str, object]]:
    plan = _plan(arr)
    sigma = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    sigma[plan.dec_slots] = 1.0 / np.repeat(plan.slot_sizes, plan.slot_sizes)
    at, step, total, res = 0.0, opt.first_step, 0, 0.0
    while at < lam:
        nxt = min(lam, at + step)
        trial, res, its = _settle(arr, plan, sigma, nxt, opt)
        total += its
        if res < opt.tol:
            sigma, at = trial, nxt
            step *= 2.0 if its < opt.max_iter // 10 else 1.0
        elif step > 1e-6 * max(lam, 1.0):
            step /= 2.0
        else:
            break
    details = {
        "algorithm": "path",
        "converged": at >= lam,
        "residual": res,
        "iterations": total,
        "lambda_reached": at,
    }
    return sigma, details
