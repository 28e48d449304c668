"""Protocols: alternating offers under a deadline, and a single negotiating text with a mediator.

**Alternating offers** [Rubinstein1982].  In round ``t = 0 .. T-1`` the proposer
``(opener + t) mod n`` makes an offer and every other party accepts or rejects it; the offer is
agreed when all accept (with two parties this is Rubinstein's game; with more it is the stacked,
round-robin form of [Aydogan2017] with unanimity).  An agreement in round ``t`` is worth
``delta_i^t u_i(x)`` to party ``i``.  After each rejected round the talks break down with
probability ``p_breakdown`` [Binmore1986]; after round ``T - 1`` the deadline has passed.  Either
way each party gets its reservation value ``rv_i`` (the breakdown payoff).

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

Chance is explicit (STYLE rule 11): the opener, the exploration points used in offers and the
breakdown draws are drawn up front, per negotiation, from that negotiation's own generator
(:func:`draw_chance`), so a batch run gives each row the trace it would get alone.

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
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from detente.negotiation.outcomes import AdditiveUtility, FloatArray, OutcomeSpace
from detente.negotiation.strategies import Strategy
from detente.negotiation.view import TOL, View

__all__ = ["STATUS", "Chance", "NegotiationParams", "Trace", "draw_chance", "negotiate"]

STATUS = ("open", "agreement", "partial", "no-agreement", "breakdown")
"""Status codes of :attr:`Trace.status`."""


MAX_DEADLINE = 10_000
"""Longest deadline accepted: each round stores a few numbers per negotiation and issue."""
MAX_LEVELS = 1_000_000
"""Finest grid accepted per issue."""


@dataclass(frozen=True, slots=True)
class NegotiationParams:
    """Parameters of a negotiation (protocol and environment; strategies are chosen separately)."""

    protocol: Literal["alternating", "mediated"] = "alternating"
    """Alternating offers [Rubinstein1982] or a mediator's single text [Raiffa1982]."""
    deadline: int = 100
    """Rounds before the deadline (one offer and its answers per round); 100 as in the benchmark."""
    discount: float = 1.0
    """Per-round discount factor delta in (0, 1] of every party (1 = no impatience)."""
    p_breakdown: float = 0.0
    """Probability that talks break down after a rejected round [Binmore1986]."""
    explore: float = 0.1
    """Weight of a random point in the direction of offers (0 = straight toward the other side)."""
    opener: Literal["first", "random"] = "first"
    """Who makes the first offer: the first party listed, or drawn at random."""
    partial: bool = True
    """Offer partial deals (a subset of issues, the rest at the status quo) at the deadline."""
    levels: int = 0
    """Values per issue (0 = continuous; k >= 2 discretises each scale into k points)."""
    step: float = 0.5
    """Mediator's step toward the mean request, in (0, 1] (mediated protocol only)."""

    def __post_init__(self) -> None:
        if self.deadline < 1:
            raise ValueError(f"deadline must be at least 1 round, got {self.deadline}")
        if not 0.0 < self.discount <= 1.0:
            raise ValueError(f"discount must be in (0, 1], got {self.discount}")
        if not 0.0 <= self.p_breakdown <= 1.0 or not 0.0 <= self.explore <= 1.0:
            raise ValueError("p_breakdown and explore must be in [0, 1]")
        if not 0.0 < self.step <= 1.0:
            raise ValueError(f"step must be in (0, 1], got {self.step}")
        if self.deadline > MAX_DEADLINE:
            raise ValueError(f"deadline must be at most {MAX_DEADLINE} rounds, got {self.deadline}")
        if self.levels == 1 or not 0 <= self.levels <= MAX_LEVELS:
            raise ValueError(
                f"levels must be 0 (continuous) or from 2 to {MAX_LEVELS}, got {self.levels}"
            )


@dataclass(frozen=True, slots=True, eq=False)
class Chance:
    """Chance outcomes per negotiation: opener, exploration points and breakdown draws.

    Shapes ``(B,)``, ``(T, B, m)`` and ``(T, B)``.
    """

    opener: NDArray[np.int64]
    explore: FloatArray
    breakdown: FloatArray


def draw_chance(
    rngs: Sequence[np.random.Generator], deadline: int, n_issues: int, n_parties: int
) -> Chance:
    """Draw every chance outcome of each negotiation from its own generator, in a fixed order."""
    B = len(rngs)
    opener = np.empty(B, dtype=np.int64)
    explore = np.empty((B, deadline, n_issues))
    breakdown = np.empty((B, deadline))
    for b, g in enumerate(rngs):
        opener[b] = g.integers(n_parties)
        g.random(out=explore[b])
        g.random(out=breakdown[b])
    return Chance(opener, explore.transpose(1, 0, 2), breakdown.T)


@dataclass(frozen=True, slots=True, eq=False)
class Trace:
    """Everything that happened, batched over negotiations.

    Offers ``(T, B, m)``, proposers ``(T, B)`` (-1 for the mediator), utilities and answers
    ``(T, n, B)``, and per negotiation its status, round, outcome and settled issues.
    """

    offers: FloatArray
    proposers: NDArray[np.int64]
    utilities: FloatArray
    accepted: NDArray[np.bool_]
    rounds: int
    status: NDArray[np.int64]
    when: NDArray[np.int64]
    agreement: FloatArray
    settled: NDArray[np.bool_]


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
        T, B, m, n = params.deadline, len(us[0].rv), space.n_issues, len(us)
        self.n, self.k = n, 0
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
        return np.asarray(self.status == 0)

    def view(self, i: int, t: int) -> View:
        k, T = self.k, self.p.deadline
        return View(
            t,
            T,
            i,
            self.period,
            self.us[i],
            self.offers[:k],
            self.proposers[:k],
            self.utils[i][:k],
            self.own_last[i].copy(),
            self.p.explore,
            self.chance.explore[min(t, T - 1)],
        )

    def value(self, x: FloatArray) -> FloatArray:
        return np.stack([u(x) for u in self.us])

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
        self, ok: NDArray[np.bool_], x: FloatArray, t: int, code: int, mask: NDArray[np.bool_]
    ) -> None:
        ok = ok & self.open
        self.status[ok], self.when[ok] = code, t
        self.agreement[ok] = x[ok]
        self.settled[ok] = mask[ok]

    def risk(self, t: int) -> None:
        broke = self.open & (self.chance.breakdown[t] < self.p.p_breakdown)
        self.status[broke], self.when[broke] = STATUS.index("breakdown"), t


def _all(answers: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Unanimity over parties (axis 0)."""
    return np.asarray(answers.all(axis=0), dtype=bool)


def _alternating(talks: _Talks) -> int:
    T, n = talks.p.deadline, talks.n
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
        acc = talks.answers(u, t + 1) | (prop[None, :] == np.arange(n)[:, None])
        talks.accepted[t] = acc
        talks.settle(_all(acc), offer, t, 1, full)
        talks.risk(t)
        if not talks.open.any():
            return t + 1
    return T


def _mediated(talks: _Talks) -> int:
    T, full = talks.p.deadline, np.ones_like(talks.settled)
    text = np.where(np.isnan(talks.sq), 0.5, talks.sq)
    for t in range(T):
        asks = np.stack([s.propose(talks.view(i, t)) for i, s in enumerate(talks.strategies)])
        draft = talks.space.snap(text + talks.p.step * (asks.mean(axis=0) - text))
        now = talks.value(text)
        u = talks.record(draft, np.full_like(talks.when, -1))
        yes = (u >= now - TOL) | talks.answers(u, t + 1)
        talks.accepted[t] = yes
        text = np.where(_all(yes)[:, None], draft, text)
        talks.settle(_all(talks.answers(talks.value(text), t + 1)), text, t, 1, full)
        talks.risk(t)
        if not talks.open.any():
            return t + 1
    talks.last_offer[:] = text
    return T


def _close(talks: _Talks) -> None:
    """Partial deals for the negotiations still open at the deadline (see the module docstring)."""
    sq = talks.sq
    m, T = sq.shape[1], talks.p.deadline
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
                talks.settle(ok, cand, T - 1, 2, np.broadcast_to(mask, cand.shape))
    left = talks.open
    talks.status[left] = STATUS.index("no-agreement")


def negotiate(
    space: OutcomeSpace,
    utilities: Sequence[AdditiveUtility],
    strategies: Sequence[Strategy],
    params: NegotiationParams,
    chance: Chance,
    status_quo: FloatArray | None = None,
) -> Trace:
    """Run a batch of negotiations between ``len(utilities)`` parties under ``params``.

    ``status_quo`` (``(B, m)``, unit scale, NaN where none) defaults to the space's own.
    """
    if len(utilities) != len(strategies) or len(utilities) < 2:
        raise ValueError("need one strategy per party and at least two parties")
    shape = utilities[0].ideal.shape
    sq = np.broadcast_to(space.sq_unit(), shape) if status_quo is None else status_quo
    talks = _Talks(space, utilities, strategies, params, chance, np.array(sq, dtype=float))
    rounds = _mediated(talks) if params.protocol == "mediated" else _alternating(talks)
    _close(talks)
    return Trace(
        talks.offers[:rounds],
        talks.proposers[:rounds],
        np.stack(talks.utils, axis=1)[:rounds],
        talks.accepted[:rounds],
        rounds,
        talks.status,
        talks.when,
        talks.agreement,
        talks.settled,
    )
