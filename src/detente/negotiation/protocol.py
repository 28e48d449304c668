"""Protocols: alternating offers under a deadline, and a single negotiating text with a mediator.

**Alternating offers** [Rubinstein1982].  In round ``t = 0 .. T-1`` the proposer
``(opener + t) mod n`` makes an offer and every other party accepts or rejects it; the offer is
agreed when all accept (with two parties this is Rubinstein's game; with more it is the stacked,
round-robin form of [Aydogan2017] with unanimity).  An agreement in round ``t`` is worth
``delta_i^t u_i(x)`` to party ``i``; the proposer stands by its own offer only when that is worth
at least ``rv_i`` to it.  After each rejected round the talks break down with probability
``p_breakdown`` [Binmore1986]; after round ``T - 1`` the deadline has passed.  Either way each
party gets its reservation value ``rv_i`` (the breakdown payoff).

**Uncertain deadline.**  With a deadline known to the round, the last proposer makes a
take-it-or-leave-it offer, and two strategies that never concede first (tit-for-tat) agree on
whichever side's ideal the parity of ``T`` hands the last word to: ``T = 99, 100, 101`` flip the
outcome.  That is the finite-horizon last-mover effect of [Stahl1972] (Rubinstein's infinite game
has none [Rubinstein1982]).  The default protocol therefore draws the binding deadline ``T*`` with
the seed from a window around ``T`` (:mod:`~detente.negotiation.chance`, [MaManove1993]); the
parties negotiate to ``T*`` (each knows it), the analyst does not know it, so a forecast is a
distribution over seeds and the last word falls to either side with probability 1/2.  Batches
run grouped by ``T*``.  ``deadline_jitter=0`` restores the fixed deadline.

**Single negotiating text** [Raiffa1982].  A mediator holds a text, starting at the status
quo (mid-scale where there is none).  Each round every party states the offer its strategy would
make; the mediator drafts ``text + step (mean of requests - text)``; each party votes for the
draft if it is no worse for it than the text or its strategy would accept it; a unanimous draft
becomes the text.  The text is agreed in the first round in which every strategy accepts it.

**Partial deals** (``partial=True``).  When the deadline passes without agreement, the issues are
put to the parties in subsets ``S`` (largest first, then in issue order): the candidate takes, on
``S``, the mean of the parties' last offers (the mediator's text) and leaves every other issue at
the status quo; the first subset that every strategy accepts at the deadline is a partial deal.
Issues without a status quo cannot be left open.

Chance is explicit (STYLE rule 11): the opener, the binding deadline, the exploration points used
in offers and the breakdown draws are drawn up front, per negotiation, from that negotiation's own
generator (:func:`~detente.negotiation.chance.draw_chance`), so a batch run gives each row the
trace it would get alone.

References
----------
[Rubinstein1982] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
    Econometrica 50(1), 97–109.
[Binmore1986] Binmore, K., Rubinstein, A., & Wolinsky, A. (1986). The Nash bargaining solution in
    economic modelling. RAND Journal of Economics 17(2), 176–188.
[Aydogan2017] Aydoğan, R., Festen, D., Hindriks, K. V., & Jonker, C. M. (2017). Alternating
    offers protocols for multilateral negotiation. In Modern Approaches to Agent-based Complex
    Automated Negotiation, 153–167. Springer.
[Raiffa1982] Raiffa, H. (1982). The Art and Science of Negotiation. Harvard University Press.
[Stahl1972] Stahl, I. (1972). Bargaining Theory. Stockholm School of Economics.
[MaManove1993] Ma, C. A., & Manove, M. (1993). Bargaining with deadlines and imperfect player
    control. Econometrica 61(6), 1313–1339.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from detente.negotiation.chance import Chance
from detente.negotiation.outcomes import AdditiveUtility, FloatArray, OutcomeSpace
from detente.negotiation.params import NegotiationParams, Status
from detente.negotiation.strategies import Strategy
from detente.negotiation.trace import Trace, merge
from detente.negotiation.view import TOL, View

__all__ = ["Trace", "negotiate"]


class _Talks:
    """A negotiation in progress (batched state); the only holder of every party's utility."""

    def __init__(
        self,
        space: OutcomeSpace,
        us: Sequence[AdditiveUtility],
        strategies: Sequence[Strategy],
        params: NegotiationParams,
        chance: Chance,
        status_quo: FloatArray,
    ) -> None:
        self.space, self.us, self.strategies = space, us, strategies
        self.p, self.chance, self.sq = params, chance, status_quo
        T, B, m, n = int(chance.deadline[0]), len(us[0].rv), space.n_issues, len(us)
        self.T, self.n, self.k = T, n, 0
        self.period = 1 if params.protocol == "mediated" else n
        self.offers = np.full((T, B, m), np.nan)
        self.proposers = np.full((T, B), -1, dtype=np.int64)
        # One array per party, so that a view's slices lead back to that party's data only.
        self.utils = [np.full((T, B), np.nan) for _ in range(n)]
        self.own_last = [np.full(B, np.nan) for _ in range(n)]
        self.accepted = np.zeros((T, n, B), dtype=bool)
        self.last_offer = np.full((n, B, m), np.nan)
        self.status = np.zeros(B, dtype=np.int64)
        self.when = np.full(B, -1, dtype=np.int64)
        self.agreement = np.full((B, m), np.nan)
        self.settled = np.zeros((B, m), dtype=bool)

    @property
    def open(self) -> NDArray[np.bool_]:
        return np.asarray(self.status == Status.OPEN)

    def view(self, i: int, t: int) -> View:
        k, T = self.k, self.T
        return View(
            t=t,
            deadline=T,
            me=i,
            period=self.period,
            utility=self.us[i],
            offers=self.offers[:k],
            proposers=self.proposers[:k],
            received=self.utils[i][:k],
            own_last=self.own_last[i].copy(),
            explore=self.p.explore,
            explore_point=self.chance.explore[min(t, T - 1)],
        )

    def value(self, x: FloatArray) -> FloatArray:
        return np.stack([u(x) for u in self.us])

    def rational(self, u: FloatArray, t: int) -> NDArray[np.bool_]:
        """Whether an agreement worth ``u`` (``(n, B)``) in round ``t`` beats each party's rv."""
        return np.stack([x.discount**t * u[i] >= x.rv - TOL for i, x in enumerate(self.us)])

    def record(self, offer: FloatArray, proposer: NDArray[np.int64]) -> FloatArray:
        k = self.k
        self.offers[k], self.proposers[k] = offer, proposer
        u = self.value(offer)
        for i in range(self.n):
            mine = proposer == i
            self.utils[i][k] = u[i]
            self.own_last[i][mine] = u[i][mine]
            self.last_offer[i] = np.where(mine[:, None], offer, self.last_offer[i])
        self.k += 1
        return u

    def answers(self, u: FloatArray, t: int) -> NDArray[np.bool_]:
        return np.stack([s.accept(self.view(i, t), u[i]) for i, s in enumerate(self.strategies)])

    def settle(
        self, ok: NDArray[np.bool_], x: FloatArray, t: int, code: Status, mask: NDArray[np.bool_]
    ) -> None:
        ok = ok & self.open
        self.status[ok], self.when[ok] = code, t
        self.agreement[ok] = x[ok]
        self.settled[ok] = mask[ok]

    def risk(self, t: int) -> None:
        broke = self.open & (self.chance.breakdown[t] < self.p.p_breakdown)
        self.status[broke], self.when[broke] = Status.BREAKDOWN, t


def _all(answers: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Unanimity over parties (axis 0)."""
    return np.asarray(answers.all(axis=0), dtype=bool)


def _alternating(talks: _Talks) -> int:
    T, n = talks.T, talks.n
    full = np.ones_like(talks.settled)
    for t in range(T):
        prop = (
            (talks.chance.opener + t) % n
            if talks.p.opener == "random"
            else np.full_like(talks.when, t % n)
        )
        offer = np.empty_like(talks.agreement)
        for i, s in enumerate(talks.strategies):
            sel = prop == i
            if sel.any():
                offer[sel] = s.propose(talks.view(i, t))[sel]
        offer = talks.space.snap(offer)
        u = talks.record(offer, prop)
        own = prop[None, :] == np.arange(n)[:, None]
        acc = talks.answers(u, t + 1) | (own & talks.rational(u, t))
        talks.accepted[t] = acc
        talks.settle(_all(acc), offer, t, Status.AGREEMENT, full)
        talks.risk(t)
        if not talks.open.any():
            return t + 1
    return T


def _mediated(talks: _Talks) -> int:
    T, full = talks.T, np.ones_like(talks.settled)
    text = np.where(np.isnan(talks.sq), 0.5, talks.sq)
    for t in range(T):
        asks = np.stack([s.propose(talks.view(i, t)) for i, s in enumerate(talks.strategies)])
        draft = talks.space.snap(text + talks.p.step * (asks.mean(axis=0) - text))
        now = talks.value(text)
        u = talks.record(draft, np.full_like(talks.when, -1))
        yes = (u >= now - TOL) | talks.answers(u, t + 1)
        talks.accepted[t] = yes
        text = np.where(_all(yes)[:, None], draft, text)
        talks.settle(_all(talks.answers(talks.value(text), t + 1)), text, t, Status.AGREEMENT, full)
        talks.risk(t)
        if not talks.open.any():
            return t + 1
    talks.last_offer[:] = text
    return T


def _close(talks: _Talks) -> None:
    """Partial deals for the negotiations still open at the deadline (see the module docstring)."""
    sq, T = talks.sq, talks.T
    m = sq.shape[1]
    if talks.p.partial and m > 1 and not np.isnan(sq).all() and talks.open.any():
        base = np.nanmean(talks.last_offer, axis=0)
        must = np.isnan(sq)
        for size in range(m - 1, 0, -1):
            for subset in itertools.combinations(range(m), size):
                mask = np.zeros(m, dtype=bool)
                mask[list(subset)] = True
                allowed = ~(must & ~mask).any(axis=1)
                if not allowed.any():
                    continue
                cand = np.where(mask, base, sq)
                ok = _all(talks.answers(talks.value(cand), T)) & allowed
                talks.settle(ok, cand, T - 1, Status.PARTIAL, np.broadcast_to(mask, cand.shape))
    talks.status[talks.open] = Status.NO_AGREEMENT


def _run(
    space: OutcomeSpace,
    utilities: Sequence[AdditiveUtility],
    strategies: Sequence[Strategy],
    params: NegotiationParams,
    chance: Chance,
    sq: FloatArray,
) -> Trace:
    """A batch whose negotiations share one binding deadline."""
    talks = _Talks(space, utilities, strategies, params, chance, sq)
    rounds = _mediated(talks) if params.protocol == "mediated" else _alternating(talks)
    _close(talks)
    return Trace(
        offers=talks.offers[:rounds],
        proposers=talks.proposers[:rounds],
        utilities=np.stack(talks.utils, axis=1)[:rounds],
        accepted=talks.accepted[:rounds],
        rounds=rounds,
        status=talks.status,
        when=talks.when,
        deadline=chance.deadline,
        agreement=talks.agreement,
        settled=talks.settled,
    )


def negotiate(
    space: OutcomeSpace,
    utilities: Sequence[AdditiveUtility],
    strategies: Sequence[Strategy],
    params: NegotiationParams,
    chance: Chance,
    status_quo: FloatArray | None = None,
) -> Trace:
    """Run a batch of negotiations between ``len(utilities)`` parties under ``params``.

    Each negotiation ends at its binding deadline ``chance.deadline``; ``status_quo`` (``(B, m)``,
    unit scale, NaN where none) defaults to the space's own.
    """
    if len(utilities) != len(strategies) or len(utilities) < 2:
        raise ValueError("need one strategy per party and at least two parties")
    shape = utilities[0].ideal.shape
    sq = np.array(np.broadcast_to(space.sq_unit(), shape) if status_quo is None else status_quo)
    groups = np.unique(chance.deadline)
    if len(groups) == 1:
        return _run(space, utilities, strategies, params, chance, sq)
    parts = []
    for T in groups.tolist():
        index = np.flatnonzero(chance.deadline == T)
        us = [u.take(index) for u in utilities]
        parts.append((index, _run(space, us, strategies, params, chance.take(index, T), sq[index])))
    return merge(parts, shape[0])
