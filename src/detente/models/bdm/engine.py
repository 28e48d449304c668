"""The round loop of the BDM model on one issue, with the stopping rules (``BDMParams.stop``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.models.bdm.bargain import classify, select
from detente.models.bdm.kernels import (
    Board,
    expected_utility,
    median_position,
    risk_exponents,
    win_probabilities,
)
from detente.models.bdm.params import BDMParams

__all__ = ["Actors", "IssueRun", "RoundState", "run_issue", "step"]

_Array = NDArray[np.float64]
_IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Actors:
    """The actors on one issue at the start of a round.

    Positions, saliences in [0, 1], capabilities, and last round's risk exponents (used only
    when ``reset_risk`` is off).
    """

    x: _Array
    s: _Array
    c: _Array
    r: _Array


@dataclass(frozen=True, slots=True, kw_only=True)
class RoundState:
    """One round on one issue: what happened in it and the state at its end.

    ``eu[i, j]`` = E^i(U_ij) at r_i (pass 2); ``b[i, j]`` = the EU of j challenging i as the
    receiver i reads it (A3); ``kind``/``new`` are receiver-major (see
    :mod:`detente.models.bdm.bargain`); ``choice[i]`` is the accepted sender, −1 for none.
    """

    x_start: _Array
    x: _Array
    s: _Array
    r: _Array
    eu: _Array
    b: _Array
    kind: _IntArray
    new: _Array
    choice: _IntArray
    median: float
    mean: float


@dataclass(frozen=True, slots=True)
class IssueRun:
    """All rounds of one issue, the round-0 summary and the stopping rule that fired."""

    x0: _Array
    median0: float
    mean0: float
    rounds: tuple[RoundState, ...]
    stop: str


def _summary(x: _Array, w: _Array, tie: str) -> tuple[float, float]:
    """(median, mean) of positions ``x`` under weights ``w``."""
    mean = float(np.sum(w * x) / np.sum(w)) if np.sum(w) > 0 else float(np.mean(x))
    return median_position(x, w, tie), mean


def _draw_wins(P: _Array, gen: np.random.Generator) -> _Array:
    """i_wins[i, j] for a stochastic conflict: i wins with probability P_ij / (P_ij + P_ji)."""
    n = P.shape[0]
    tot = P + P.T
    pn = np.divide(P, tot, out=np.full_like(P, 0.5), where=tot > 0)
    won = gen.random((n, n)) < pn
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    out: _Array = np.where(upper, won, ~won.T).astype(float)
    return out


def _security(board: Board, E1: _Array, r0: _Array, params: BDMParams) -> _Array:
    """S_i of eq. 34 (A2): Σ_j E^j(U_ji) or Σ_j E^i(U_ji); equal while every r_0 = 1."""
    if params.security == "adversary_own" or np.all(r0 == 1.0):
        out: _Array = E1.sum(axis=0)
        return out
    perceived: _Array = expected_utility(board, r0[None, :], params).sum(axis=0)
    return perceived


def step(
    actors: Actors, R: float, params: BDMParams, gen: np.random.Generator | None = None
) -> RoundState:
    """One round: μ, P, pass-1 EU, security, r, pass-2 EU, offers, one move per receiver."""
    x, s = actors.x, actors.s
    w = actors.c * s
    mu = median_position(x, w, params.median_tie)
    r0 = np.ones_like(x) if params.reset_risk else actors.r
    P = win_probabilities(x, w, R, r0, params.p_rule)
    board = Board(x, s, P, mu, R)
    r = risk_exponents(_security(board, expected_utility(board, r0[:, None], params), r0, params))
    if params.p_rule == "all_pairs_riskweighted":
        board = Board(x, s, win_probabilities(x, w, R, r, params.p_rule), mu, R)
    eu = expected_utility(board, r[:, None], params)
    if params.classify_on == "own_estimates":
        b = eu.T
    else:
        b = expected_utility(board, r[None, :], params).T
    wins = _draw_wins(board.P, gen) if params.conflict == "stochastic" and gen else None
    kind, new = classify(eu, b, x, params, wins)
    choice = select(kind, new, eu, b, x, params.selection)
    movers = np.flatnonzero(choice >= 0)
    x_new = x.copy()
    x_new[movers] = new[movers, choice[movers]]
    median, mean = _summary(x_new, w, params.median_tie)
    return RoundState(
        x_start=x,
        x=x_new,
        s=s,
        r=r,
        eu=eu,
        b=b,
        kind=kind,
        new=new,
        choice=choice,
        median=median,
        mean=mean,
    )


def _range(x: _Array, x0: _Array, scale: float, mode: str) -> float:
    if mode == "scale":
        return scale
    return float(np.ptp(x0 if mode == "initial" else x))


def run_issue(
    x0: _Array,
    s0: _Array,
    c: _Array,
    scale: float,
    params: BDMParams,
    gen: np.random.Generator | None = None,
) -> IssueRun:
    """Run the rounds on one issue (positions ``x0``, saliences ``s0`` in [0, 1], scale width)."""
    x, s, r = x0.copy(), s0.copy(), np.ones_like(x0)
    median0, mean0 = _summary(x0, c * s0, params.median_tie)
    prev, quiet, rule = median0, 0, "fixed"
    states: list[RoundState] = []
    for _ in range(params.rounds):
        if params.salience_shock > 0 and gen is not None:
            hit = gen.random(len(s)) < params.salience_shock
            s = np.where(hit, gen.random(len(s)), s)
        R = _range(x, x0, scale, params.range_mode)
        if R <= 0 or np.ptp(x) == 0:
            rule = "converged"
            break
        state = step(Actors(x, s, c, r), R, params, gen)
        states.append(state)
        x, r = state.x, state.r
        quiet = quiet + 1 if abs(state.median - prev) < params.stop_tol * R else 0
        prev = state.median
        if params.stop == "median_stable" and quiet >= params.stop_k:
            rule = "median_stable"
            break
    return IssueRun(x0, median0, mean0, tuple(states), rule)
