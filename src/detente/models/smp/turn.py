"""One turn of KTAB's SMP (KTAB's ``SMPState::stepBCN``), on the [0, 1] scale.

A turn assesses the state (distances, risk attitudes, perspectives), lets every actor choose its
best target and propose a bargain, resolves every actor's queue of bargains by a PCE, moves all
actors at once and updates the ideals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.models.smp.bargain import Bargains, interpolate, queue_utilities, resolve
from detente.models.smp.challenge import Assessment, best_targets, challenge_estimates
from detente.models.smp.params import SMPParams
from detente.models.smp.utility import distances, estimated_r, risk_attitudes, utility
from detente.models.smp.voting import scalar_pce

__all__ = [
    "Setting",
    "State",
    "assess",
    "position_distribution",
    "state_distance",
    "step",
    "win_probabilities",
]

_Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Setting:
    """What stays fixed during a run: capabilities, saliences ([0, 1]), accommodation, params."""

    cap: _Array
    sal: _Array
    acc: _Array | None
    params: SMPParams

    @property
    def models(self) -> tuple[str, str, str]:
        """(voting rule, victory probability model, PCE model) of every PCE."""
        p = self.params
        return (str(p.voting_rule), str(p.victory_prob_model), str(p.pce_model))


@dataclass(frozen=True, slots=True)
class State:
    """Positions and ideals at one turn, with everyone's assessment of them."""

    x: _Array
    y: _Array
    r: _Array
    assessment: Assessment

    @property
    def own(self) -> _Array:
        """``own[n, m]``: n's utility of m's position in n's own view (``aUtil[n](n, m)``)."""
        a = self.assessment
        out: _Array = utility(a.delta, np.diagonal(a.rh)[:, None])
        return out


def assess(x: _Array, y: _Array, st: Setting) -> State:
    """Distances, risk attitudes R and every actor's estimates of them (§3.4)."""
    p = st.params
    delta = distances(y, x, st.sal)
    r = risk_attitudes(delta, st.cap, *st.models, str(p.big_r_range))
    s_tot = st.sal.sum(axis=1)
    a = Assessment(
        delta=delta,
        rh=estimated_r(r, str(p.big_r_adjust)),
        w_sal=s_tot * st.cap,
        s_tot=s_tot,
        rule=str(p.voting_rule),
        tpc=str(p.third_party_commit),
    )
    return State(x, y, r, a)


def _near(x: _Array, tol: float) -> NDArray[np.bool_]:
    """``near[i, j]``: positions i and j count as one (``SMPState::equivNdx``)."""
    out: NDArray[np.bool_] = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=2) < tol
    return out


def _unique(near: NDArray[np.bool_]) -> list[int]:
    """Indices of the first actor at each distinct position (``KBase::ueIndices``)."""
    uniq: list[int] = []
    for i in range(len(near)):
        if not near[i, uniq].any():
            uniq.append(i)
    return uniq


def position_distribution(s: State, st: Setting) -> tuple[list[int], _Array]:
    """The distinct positions (as actor indices) and the probability that each wins.

    A PCE over the distinct positions, each actor voting by its own view with capability
    weights (``SMPState::pDist(-1)``).
    """
    uniq = _unique(_near(s.x, st.params.position_tolerance))
    return uniq, scalar_pce(s.own[:, uniq], st.cap, *st.models)


def win_probabilities(s: State, st: Setting) -> _Array:
    """Each actor's reported probability that its position wins (``SMPModel::showVPHistory``).

    An actor gets the number of the last distinct position it is equivalent to (``posProb``).
    """
    near = _near(s.x, st.params.position_tolerance)
    uniq = _unique(near)
    p = scalar_pce(s.own[:, uniq], st.cap, *st.models)
    at = near[:, uniq]
    last = at.shape[1] - 1 - np.argmax(at[:, ::-1], axis=1)
    out: _Array = p[last]
    return out


def _receiver_view(s: State, st: Setting, i: NDArray[np.intp], j: NDArray[np.intp]) -> _Array:
    """The probability used for j's view of i → j: KTAB passes j's ΔEU for i (a bug)."""
    p, gain = challenge_estimates(s.assessment, j, i, i, j)
    return p if st.params.fix_receiver_probability else gain


def _interleave(a: NDArray[Any], b: NDArray[Any]) -> NDArray[Any]:
    """Rows a0, b0, a1, b1, …: the initiator's view, then the receiver's, per initiator."""
    return np.stack([a, b], axis=1).reshape((-1, *a.shape[1:]))


def propose(s: State, st: Setting) -> Bargains:
    """Every actor's best challenge turned into a bargain (``SMPState::doBCN(i)``)."""
    target, prob, gain = best_targets(s.assessment)
    i = np.nonzero(target >= 0)[0]
    j, p_i, g_i = target[i], prob[i], gain[i]
    ivb, model = str(st.params.inter_vec_brgn), str(st.params.bargn_model)
    xi, xj, si, sj = s.x[i], s.x[j], st.sal[i], st.sal[j]
    bi, bj = interpolate(ivb, xi, si, xj, sj, p_i)
    if model == "InitOnlyInterp":
        return Bargains(i, j, bi, bj, p_i, g_i)
    ri, rj = interpolate(ivb, xi, si, xj, sj, _receiver_view(s, st, i, j))
    if model == "InitRcvrInterp":
        two = _interleave
        return Bargains(
            two(i, i), two(j, j), two(bi, ri), two(bj, rj), two(p_i, p_i), two(g_i, g_i)
        )
    s_tot = st.sal.sum(axis=1)
    wi = st.cap[i] * s_tot[i]
    wj = (st.cap[j] if st.params.fix_pwcomp_weight else st.cap[i]) * s_tot[j]
    wi, wj = wi[:, None], wj[:, None]
    return Bargains(
        i, j, (wi * bi + wj * ri) / (wi + wj), (wi * bj + wj * rj) / (wi + wj), p_i, g_i
    )


def step(
    s: State, st: Setting, rng: np.random.Generator | None
) -> tuple[State, Bargains, NDArray[np.intp]]:
    """One turn: the next state, the bargains proposed and each actor's chosen bargain (−1 = SQ)."""
    b = propose(s, st)
    u_sq, u_b = queue_utilities(b, s.y, st.sal, s.r, s.own)
    chosen = resolve(b, u_sq, u_b, st.cap, st.models, rng)
    x = s.x.copy()
    k = np.nonzero(chosen >= 0)[0]
    c = chosen[k]
    x[k] = np.where((b.init[c] == k)[:, None], b.pos_init[c], b.pos_rcvr[c])
    if st.acc is None:
        y = x.copy()
    else:
        lag = 1.0 - np.minimum(st.acc.sum(axis=1), 1.0)
        y = st.acc @ x + lag[:, None] * s.y
    return assess(x, y, st), b, chosen


def state_distance(x0: _Array, x1: _Array) -> float:
    """Σ_i ‖x_i(a) − x_i(b)‖₂ on the [0, 1] scale (``SMPModel::stateDist``)."""
    return float(np.linalg.norm(x1 - x0, axis=1).sum())
