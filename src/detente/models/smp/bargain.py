"""Bargains of KTAB's SMP: formation by interpolation and resolution by a PCE per actor.

``SMPActor::interpolateBrgn`` (InterVecBrgn), the three BargnModels of ``SMPState::doBCN(i)`` and
KTAB's ``SMPState::updateBestBrgnPositions``, vectorised over bargains.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.errors import ModelInputError
from detente.models.smp.utility import distances, utility
from detente.models.smp.voting import scalar_pce

__all__ = ["Bargains", "interpolate", "queue_utilities", "resolve"]

_Array = NDArray[np.float64]
_Index = NDArray[np.intp]

MIN_WEIGHT = 1e-6
"""Added to the initiator's weight in S1P1/S2P2 and to the denominator in S2PMax (``minW``)."""


@dataclass(frozen=True, slots=True)
class Bargains:
    """Proposed bargains, in queue order (by initiator, then the initiator's view first).

    Attributes
    ----------
    init, rcvr : ndarray of int (b,)
        Initiator and receiver of each bargain.
    pos_init, pos_rcvr : ndarray (b, d)
        The positions the bargain asks the initiator and the receiver to adopt ([0, 1] scale).
    prob, gain : ndarray (b,)
        The initiator's estimate of P[init beats rcvr] and of its own expected gain.
    """

    init: _Index
    rcvr: _Index
    pos_init: _Array
    pos_rcvr: _Array
    prob: _Array
    gain: _Array


def _round4(x: _Array) -> _Array:
    """KTAB's ``round4``: ``(int)(0.5 + x·10⁴) / 10⁴`` (truncation toward zero)."""
    out: _Array = np.trunc(0.5 + x * 10000.0) / 10000.0
    return out


def interpolate(
    ivb: str, ti: _Array, si: _Array, tj: _Array, sj: _Array, p_i: _Array
) -> tuple[_Array, _Array]:
    """Bargain coordinates (b_i, b_j) for i → j per dimension, given the probability ``p_i``.

    ``ti``, ``si``, ``tj``, ``sj`` are (b, d) positions and saliences; ``p_i`` is (b,).
    """
    prb_i, prb_j = p_i[:, None], (1 - p_i)[:, None]
    if ivb in ("S2P2", "S1P1"):
        e = 2 if ivb == "S2P2" else 1
        wik = si**e * prb_i**e
        wjk = sj**e * prb_j**e
        den = wik + MIN_WEIGHT + wjk
        bi = _round4(((wik + MIN_WEIGHT) * ti + wjk * tj) / den)
        bj = _round4((wik * ti + (MIN_WEIGHT + wjk) * tj) / den)
        return bi, bj
    if ivb == "S2PMax":
        di = np.where(prb_j > prb_i, prb_j - prb_i, 0.0)
        dj = np.where(prb_i > prb_j, prb_i - prb_j, 0.0)
        si2, sj2 = si * si, sj * sj
        dik = (di * sj2) / ((di * sj2) + MIN_WEIGHT + ((1 - di) * si2))
        djk = (dj * si2) / ((dj * si2) + MIN_WEIGHT + ((1 - dj) * sj2))
        return ti + dik * (tj - ti), tj + djk * (ti - tj)
    raise ModelInputError(f"unknown InterVecBrgn {ivb!r}")


def queue_utilities(
    b: Bargains, ideals: _Array, sal: _Array, r: _Array, own: _Array
) -> tuple[_Array, _Array]:
    """Utility to every actor n of the status quo and of every bargain (means over N positions).

    ``own[n, m]`` is n's utility of m's current position (its own perspective, ``aUtil[n](n, m)``);
    the bargain positions are valued with n's own R_n (``SMPActor::posUtil``).  Returns the status
    quo utilities (n,) and the bargain utilities (n, b).
    """
    n = own.shape[0]
    rowsum = own.sum(axis=1)
    u_init = utility(distances(ideals, b.pos_init, sal), r[:, None])
    u_rcvr = utility(distances(ideals, b.pos_rcvr, sal), r[:, None])
    others = rowsum[:, None] - own[:, b.init] - own[:, b.rcvr]
    return rowsum / n, ((u_init + u_rcvr) + others) / n


def _choose(p: _Array, rng: np.random.Generator | None) -> int:
    """First maximum (deterministic) or a draw from ``p`` (stochastic, ``PRNG::probSel``)."""
    if rng is None:
        return int(np.argmax(p))
    draw = rng.random()
    idx = int(np.searchsorted(np.cumsum(p), draw, side="left"))
    return min(idx, len(p) - 1)


def _queues(b: Bargains, n: int) -> dict[int, list[int]]:
    """Each actor's queue as bargain indices, −1 for its status quo (actors with bargains only).

    Ordered by initiator, with k's status quo just before the bargains k initiates.  KTAB's order
    depends on thread timing (each actor's thread queues its status quo first and its proposal
    last); this order reproduces KTAB's runs, and matters for the order-dependent rule ASymProsp.
    """
    queues: dict[int, list[int]] = {}
    init = b.init.tolist()
    pairs = list(enumerate(zip(init, b.rcvr.tolist(), strict=True)))
    for k in range(n):
        mine = [m for m, (i, j) in pairs if k in (i, j)]
        if mine:
            at = sum(init[m] < k for m in mine)
            queues[k] = [*mine[:at], -1, *mine[at:]]
    return queues


def resolve(
    b: Bargains,
    u_sq: _Array,
    u_b: _Array,
    cap: _Array,
    models: tuple[str, str, str],
    rng: np.random.Generator | None,
) -> _Index:
    """For each actor k, the chosen bargain in its queue (−1 = status quo).

    ``models`` is (voting rule, victory probability model, PCE model); ``rng`` is None for
    deterministic transitions.  Queues of equal length are resolved as one batch of elections.
    """
    queues = _queues(b, len(u_sq))
    table = np.column_stack([u_b, u_sq])  # column −1 is the status quo
    probs: dict[int, _Array] = {}
    for m in sorted({len(q) for q in queues.values()}):
        ks = [k for k, q in queues.items() if len(q) == m]
        u = table[:, np.array([queues[k] for k in ks])].transpose(1, 0, 2)
        probs.update(zip(ks, scalar_pce(u, cap, *models), strict=True))
    chosen = np.full(len(u_sq), -1, dtype=np.intp)
    for k in sorted(probs):  # stochastic draws in actor order
        chosen[k] = queues[k][_choose(probs[k], rng)]
    return chosen
