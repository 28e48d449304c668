"""The agent logit QRE as a system of equations in log probabilities, with its Jacobian.

The unknowns are ``y = log sigma`` at the player slots (one slot per information set and
action, :mod:`detente.games.arrays`) and the precision ``lambda``.  With ``a_0`` the first action
of information set h, the agent QRE ([McKelveyPalfrey1998] eq. 3) is ``H(y, lambda) = 0`` where

    H_{h,0} = sum_a exp(y_{h,a}) - 1,
    H_{h,a} = y_{h,a} - y_{h,a_0} - lambda (Q(h, a) - Q(h, a_0)),       a != a_0,      (1)

    Q(h, a) = sum_{t below (h, a)} exp(lr(t) - y_{h,a} - L_h) u_i(t),
    lr(x) = sum of log sigma over the edges above node x,  L_h = log sum_{x in h} exp(lr(x)),

the expected payoff to the owner i of h of playing a there, with beliefs by Bayes' rule and play
below by sigma (the formulation in log probabilities of [Turocy2005] §4).  Working in logs keeps
beliefs defined however small the reach of an information set, with no floor on probabilities.
Differentiating, with ``A[j, t] = 1`` when slot j lies above terminal t, ``C[j, x]`` the same
for node x and ``mu`` the beliefs,

    dQ(h, a)/dy_j = sum_t w_{(h,a),t} u_i(t) A[j, t] - Q(h, a) [j = (h, a)]
                    - Q(h, a) sum_{x in h} mu(x) C[j, x],                                (2)

with ``w`` the weights in Q.  Payoffs are divided by their largest magnitude ``s`` (so they lie
in [-1, 1]) and the precision multiplied by it, which leaves (1) unchanged and keeps games with
payoffs such as 1e19 well conditioned.

References
----------
[McKelveyPalfrey1998] Experimental Economics 1, 9–41.
[Turocy2005] Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence. *Games and Economic Behavior* 51(2), 243–263.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from detente.games.arrays import Arrays, FloatArray
from detente.games.tree import Mover

__all__ = [
    "LogitSystem",
    "centroid",
    "equations",
    "jacobian",
    "logit_system",
    "profile",
    "residual",
]

LOG_ZERO = -1e30
"""log of a zero chance probability (finite, so that differences of logs stay defined)."""


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class LogitSystem:
    """Index arrays and scaled payoffs of equation (1) for one game."""

    arr: Arrays
    dec: NDArray[np.intp]  # player slots, in slot order: the unknowns y
    first: NDArray[np.intp]  # for each unknown, the position of its information set's a_0
    is_first: NDArray[np.bool_]
    set_of: NDArray[np.intp]  # for each unknown, its information set (index into sets)
    sets: NDArray[np.intp]  # player information sets
    set_nodes: sparse.csr_matrix  # (sets, nodes) membership
    log_chance: FloatArray  # log sigma at chance slots, 0 elsewhere
    pair_k: NDArray[np.intp]  # (unknown, terminal) pairs: unknown above terminal
    pair_t: NDArray[np.intp]
    pair_x: NDArray[np.intp]  # the node of the unknown's information set on the way to t
    pair_below: sparse.csr_matrix  # (pairs, slots): the slots below the unknown's edge
    pair_u: FloatArray  # scaled payoff at t to the owner of the unknown
    above_t: sparse.csr_matrix  # (unknowns, terminals): A restricted to player slots
    above_x: sparse.csr_matrix  # (unknowns, nodes): C restricted to player slots
    scale: float


def logit_system(arr: Arrays) -> LogitSystem:
    """Build the index arrays of (1) for ``arr``."""
    game = arr.game
    sets = np.array(
        [h for h, i in enumerate(game.infosets) if i.player != Mover.CHANCE], dtype=np.intp
    )
    dec = np.flatnonzero(arr.slot_player != Mover.CHANCE).astype(np.intp)
    pos = np.full(arr.n_slots, -1, dtype=np.intp)
    pos[dec] = np.arange(len(dec))
    first = pos[arr.offsets[arr.slot_infoset[dec]]]
    set_index = np.full(len(game.infosets), -1, dtype=np.intp)
    set_index[sets] = np.arange(len(sets))
    rows = np.concatenate([[k] * len(game.infosets[h].nodes) for k, h in enumerate(sets)] or [[]])
    cols = np.concatenate([game.infosets[h].nodes for h in sets] or [[]])
    pk, pt, px, below = _pairs(arr, pos)
    scale = float(np.max(np.abs(arr.payoffs), initial=0.0)) or 1.0
    chance = np.where(np.isnan(arr.chance_sigma), 1.0, arr.chance_sigma)
    n, n_terms = len(dec), len(arr.terminals)
    return LogitSystem(
        arr=arr,
        dec=dec,
        first=first,
        is_first=first == np.arange(len(dec)),
        set_of=set_index[arr.slot_infoset[dec]],
        sets=sets,
        set_nodes=_incidence(rows, cols, (len(sets), len(game.nodes))),
        log_chance=np.where(chance > 0, np.log(np.maximum(chance, 1e-300)), LOG_ZERO),
        pair_k=pk,
        pair_t=pt,
        pair_x=px,
        pair_below=below,
        pair_u=arr.payoffs[pt, arr.slot_player[dec[pk]] - 1] / scale,
        above_t=_incidence(pk, pt, (n, n_terms)),
        above_x=_node_incidence(arr, pos, n),
        scale=scale,
    )


def _pairs(
    arr: Arrays, pos: NDArray[np.intp]
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], sparse.csr_matrix]:
    """(unknown, terminal, node, slots below) for every player edge on every play.

    The log reach of t from below the edge is summed from the slots below it, never taken as a
    difference of log reaches, which would cancel catastrophically when the edge's own log
    probability is very negative.
    """
    ks: list[int] = []
    ts: list[int] = []
    xs: list[int] = []
    rows: list[int] = []
    cols: list[int] = []
    for ti, t in enumerate(arr.terminals):
        edges: list[tuple[int, int]] = []  # (slot, parent node) from t upwards
        c = int(t)
        while arr.parent[c] >= 0:
            edges.append((int(arr.node_slot[c]), int(arr.parent[c])))
            c = int(arr.parent[c])
        for i, (slot, x) in enumerate(edges):
            if pos[slot] < 0:
                continue
            rows += [len(ks)] * i
            cols += [e[0] for e in edges[:i]]
            ks.append(int(pos[slot]))
            ts.append(ti)
            xs.append(x)
    below = _incidence(
        np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp), (len(ks), arr.n_slots)
    )
    return (
        np.array(ks, dtype=np.intp),
        np.array(ts, dtype=np.intp),
        np.array(xs, dtype=np.intp),
        below,
    )


def _incidence(
    rows: NDArray[np.intp], cols: NDArray[np.intp], shape: tuple[int, int]
) -> sparse.csr_matrix:
    data = np.ones(len(rows))
    return sparse.csr_matrix((data, (rows.astype(np.intp), cols.astype(np.intp))), shape=shape)


def _node_incidence(arr: Arrays, pos: NDArray[np.intp], n: int) -> sparse.csr_matrix:
    rows: list[int] = []
    cols: list[int] = []
    for x in range(len(arr.parent)):
        c = x
        while arr.parent[c] >= 0:
            k = int(pos[arr.node_slot[c]])
            if k >= 0:
                rows.append(k)
                cols.append(x)
            c = int(arr.parent[c])
    return _incidence(
        np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp), (n, len(arr.parent))
    )


def centroid(sys: LogitSystem) -> FloatArray:
    """``y`` of the uniform profile (the QRE at lambda = 0)."""
    sizes = np.bincount(sys.set_of)
    out: FloatArray = -np.log(sizes[sys.set_of].astype(float))
    return out


def _values(sys: LogitSystem, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(Q, w, mu)``: action values, pair weights and node beliefs (zero off the sets)."""
    arr = sys.arr
    ls = sys.log_chance.copy()
    ls[sys.dec] = y
    lr = np.zeros(len(arr.parent))
    for lev in arr.levels:
        lr[lev] = lr[arr.parent[lev]] + ls[arr.node_slot[lev]]
    member = sys.set_nodes.tocoo()
    top = np.full(len(sys.sets), -np.inf)
    np.maximum.at(top, member.row, lr[member.col])
    lse = top + np.log(np.bincount(member.row, np.exp(lr[member.col] - top[member.row]), len(top)))
    mu = np.zeros(len(arr.parent))
    mu[member.col] = np.exp(lr[member.col] - lse[member.row])
    w: FloatArray = np.exp(lr[sys.pair_x] - lse[sys.set_of[sys.pair_k]] + sys.pair_below @ ls)
    q = np.bincount(sys.pair_k, weights=w * sys.pair_u, minlength=len(y)).astype(float)
    return q, w, mu


def equations(sys: LogitSystem, y: FloatArray, lam: float) -> FloatArray:
    """``H(y, lambda)`` of (1), lambda on the scaled payoffs."""
    q = _values(sys, y)[0]
    h = y - y[sys.first] - lam * (q - q[sys.first])
    sums = np.bincount(sys.set_of, weights=np.exp(y), minlength=len(sys.sets))
    h[sys.is_first] = sums[sys.set_of[sys.is_first]] - 1.0
    return h


def jacobian(sys: LogitSystem, y: FloatArray, lam: float) -> FloatArray:
    """``[dH/dy, dH/dlambda]`` of (1) by (2), shape ``(n, n + 1)``."""
    q, w, mu = _values(sys, y)
    n = len(y)
    weighted = sparse.csr_matrix(
        (w * sys.pair_u, (sys.pair_k, sys.pair_t)), shape=sys.above_t.shape
    )
    dq = (weighted @ sys.above_t.T).toarray()
    dq[np.arange(n), np.arange(n)] -= q
    belief_rows = (sys.set_nodes.multiply(mu[None, :]) @ sys.above_x.T).toarray()
    dq -= q[:, None] * belief_rows[sys.set_of]
    jac = np.zeros((n, n + 1))
    jac[:, :n] = np.eye(n) - lam * dq
    jac[np.arange(n), sys.first] -= 1.0
    jac[:, :n] += lam * dq[sys.first]
    jac[:, n] = -(q - q[sys.first])
    firsts = np.flatnonzero(sys.is_first)
    jac[firsts, :] = 0.0
    same = sys.set_of[None, :] == sys.set_of[firsts, None]
    jac[firsts, :n] = np.where(same, np.exp(y)[None, :], 0.0)
    return jac


def profile(sys: LogitSystem, y: FloatArray) -> FloatArray:
    """The full behaviour profile (chance slots included) with ``exp(y)`` at the player slots."""
    sigma = np.where(np.isnan(sys.arr.chance_sigma), 0.0, sys.arr.chance_sigma)
    sigma[sys.dec] = np.exp(y)
    return sigma


def residual(sys: LogitSystem, y: FloatArray, lam: float) -> float:
    """``max |F(sigma) - sigma|``: the logit response's distance from the profile ``exp(y)``.

    ``F`` is the logit response of [McKelveyPalfrey1998] eq. 3 at ``lam`` on the original
    payoffs, evaluated at the profile itself (not at the solver's internal state).
    """
    q = _values(sys, y)[0] * sys.scale
    z = lam * q
    top = np.full(len(sys.sets), -np.inf)
    np.maximum.at(top, sys.set_of, z)
    e = np.exp(z - top[sys.set_of])
    new = e / np.bincount(sys.set_of, weights=e, minlength=len(sys.sets))[sys.set_of]
    return float(np.max(np.abs(new - np.exp(y)), initial=0.0))
