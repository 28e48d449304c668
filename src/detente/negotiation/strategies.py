"""Negotiation strategies: one small class each, with its citation.

A strategy sees only what the protocol shows it, a :class:`~detente.negotiation.view.View`: its
own utility, the offers with their utility to itself, and the clock.  Every strategy answers two
questions, vectorised over a batch of ``B`` negotiations:

* ``aspiration(view)``: the utility ``u*(t)`` it demands for an offer at round ``view.t``;
* ``accept(view, u)``: whether it accepts an offer worth ``u`` to it.  ``view`` is the view at
  the *next* round (the offer under consideration is the last in its history), so the default
  rule is Faratin et al.'s with discounting: accept when ``u >= delta u(my next offer)`` (the next
  offer comes a round later), or when the deadline has come; and never when the agreement pays
  less than walking away, ``delta^t u < rv`` [Faratin1998; Rubinstein1982].

Aspirations never fall below the *floor* ``rv / delta^t`` (:attr:`View.floor`): an offer below it
would pay its proposer less than its reservation value once discounted.

It makes its offer with :func:`~detente.negotiation.view.concede_toward` (a straight line from
its ideal toward the other side's last offer, stopped at the aspiration).

Time-dependent tactics [Faratin1998], with ``tau = min(t, T - 1) / (T - 1)``::

    polynomial:   alpha(tau) = kappa + (1 - kappa) tau^(1/e)
    exponential:  alpha(tau) = exp((1 - tau)^e ln kappa)
    u*(t) = f + (1 - f)(1 - alpha(tau))          e < 1 Boulware, e = 1 linear, e > 1 Conceder

with ``f`` the floor (``rv`` without discounting).

Behaviour-dependent (imitative) tactics [Faratin1998], named tit-for-tat after [Axelrod1984], in
the strategy's own utility, with ``y_t`` the latest offer received and ``y_{t-n}`` the same
proposer's previous offer::

    absolute tit-for-tat:  u*(t) = u(own last offer) - (u(y_t) - u(y_{t-n}))
    relative tit-for-tat:  u*(t) - rv = (u(own last) - rv) (1 - u(y_t)) / (1 - u(y_{t-n}))

Assumptions
-----------
* Tit-for-tat starts at its ideal and, like Faratin's imitative tactics, never concedes first.
* The hardliner demands its ideal and accepts only its ideal: no deadline clause.
* Stall-and-water-down (our reading of the pattern the motivating case describes: concessions
  made only after delays, in watered-down form) answers the other side's concessions ``lag``
  rounds late and only in part: ``u*(t) = 1 - water (u(y_{t-lag}) - u(y_first))``, with
  ``lag = ceil(delay T)``; at the deadline it accepts anything above ``rv``.
* The subgame-perfect strategy plays the finite-horizon backward-induction equilibrium of
  Rubinstein's game (:func:`detente.negotiation.analysis.proposer_shares`) in units of its own
  utility above ``rv``.  It needs a belief ``delta_other`` about the other side's discount factor
  (the common-knowledge assumption of [Rubinstein1982]); it is exact for two parties dividing a
  unit surplus, a heuristic elsewhere.

References
----------
[Faratin1998] Faratin, P., Sierra, C., & Jennings, N. R. (1998). Negotiation decision functions
    for autonomous agents. Robotics and Autonomous Systems 24(3–4), 159–182.
[Rubinstein1982] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
    Econometrica 50(1), 97–109.
[Axelrod1984] Axelrod, R. (1984). The Evolution of Cooperation. Basic Books.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import numpy as np
from numpy.typing import NDArray

from detente.negotiation.analysis import proposer_shares
from detente.negotiation.outcomes import FloatArray
from detente.negotiation.view import TOL, View, concede_toward
from detente.params import ParamError, build_params

__all__ = [
    "STRATEGIES",
    "AbsoluteTitForTat",
    "Boulware",
    "Conceder",
    "Hardliner",
    "Linear",
    "RelativeTitForTat",
    "StallAndWaterDown",
    "Strategy",
    "SubgamePerfect",
    "TimeDependent",
    "View",
    "concede_toward",
    "make_strategy",
]


class Strategy(ABC):
    """Base class: an aspiration, Faratin's acceptance rule and offers by concession."""

    name: ClassVar[str]
    citation: ClassVar[str]

    @abstractmethod
    def aspiration(self, view: View) -> FloatArray:
        """Own utility demanded for an offer at round ``view.t``, shape ``(B,)``."""

    def accept(self, view: View, u: FloatArray) -> NDArray[np.bool_]:
        """Accept a rational offer worth the next offer (or any rational one at the deadline)."""
        ends = view.t >= view.deadline
        worth = u >= view.utility.discount * self.aspiration(view) - TOL
        return view.rational(u) & (worth | ends)

    def propose(self, view: View) -> FloatArray:
        """The offer at round ``view.t`` (``(B, m)``, unit scale)."""
        return concede_toward(view, self.aspiration(view))

    def options(self) -> dict[str, Any]:
        """The options that differ from their defaults, as Python values.

        ``make_strategy(s.name, s.options())`` rebuilds ``s``.
        """
        fields = getattr(self, "__dataclass_fields__", {})
        return {k: getattr(self, k) for k, f in fields.items() if getattr(self, k) != f.default}

    def describe(self) -> str:
        """A label: the name and its options (``boulware:e=0.1``), as the command line spells it."""
        args = ",".join(f"{k}={v}" for k, v in self.options().items())
        return f"{self.name}:{args}" if args else self.name


def _tau(view: View) -> float:
    return 1.0 if view.deadline <= 1 else min(view.t, view.deadline - 1) / (view.deadline - 1)


@dataclass(frozen=True, slots=True)
class TimeDependent(Strategy):
    """Faratin et al. time-dependent tactic: Boulware (e < 1), linear (e = 1), Conceder (e > 1)."""

    e: float = 1.0
    kappa: float = 0.0
    family: Literal["polynomial", "exponential"] = "polynomial"
    name: ClassVar[str] = "time-dependent"
    citation: ClassVar[str] = "Faratin1998"

    def __post_init__(self) -> None:
        if not self.e > 0 or not 0.0 <= self.kappa < 1.0:
            raise ValueError(f"time-dependent: need e > 0 and 0 <= kappa < 1 (e={self.e})")
        if self.family not in ("polynomial", "exponential"):
            raise ValueError(f"family must be polynomial or exponential, got {self.family!r}")
        if self.family == "exponential" and self.kappa <= 0:
            raise ValueError("time-dependent: the exponential family needs kappa > 0")

    def aspiration(self, view: View) -> FloatArray:
        """``f + (1 - f)(1 - alpha(tau))``, ``f`` the floor."""
        tau = _tau(view)
        if self.family == "polynomial":
            alpha = self.kappa + (1.0 - self.kappa) * tau ** (1.0 / self.e)
        else:
            alpha = math.exp((1.0 - tau) ** self.e * math.log(self.kappa))
        f = view.floor
        return np.asarray(f + (1.0 - f) * (1.0 - alpha), dtype=float)


@dataclass(frozen=True, slots=True)
class Boulware(TimeDependent):
    """Time-dependent tactic that holds firm and concedes near the deadline (e = 0.2)."""

    e: float = 0.2
    name: ClassVar[str] = "boulware"


@dataclass(frozen=True, slots=True)
class Linear(TimeDependent):
    """Time-dependent tactic that concedes at a constant rate (e = 1)."""

    e: float = 1.0
    name: ClassVar[str] = "linear"


@dataclass(frozen=True, slots=True)
class Conceder(TimeDependent):
    """Time-dependent tactic that concedes early (e = 2)."""

    e: float = 2.0
    name: ClassVar[str] = "conceder"


def _last_change(view: View) -> tuple[FloatArray, FloatArray]:
    """Own utility of the latest offer and of the same proposer's previous one (0 if none)."""
    now = view.utility_back(0)
    before = view.utility_back(view.period)
    ok = ~(np.isnan(now) | np.isnan(before))
    return np.where(ok, now, 0.0), np.where(ok, before, 0.0)


@dataclass(frozen=True, slots=True)
class AbsoluteTitForTat(Strategy):
    """Imitative tactic: concede, in own utility, what the other side last conceded."""

    name: ClassVar[str] = "absolute-tit-for-tat"
    citation: ClassVar[str] = "Faratin1998"

    def aspiration(self, view: View) -> FloatArray:
        """Own last demand minus the other side's last concession, within ``[floor, 1]``."""
        now, before = _last_change(view)
        own = np.where(np.isnan(view.own_last), 1.0, view.own_last)
        return np.clip(own - (now - before), view.floor, 1.0)


@dataclass(frozen=True, slots=True)
class RelativeTitForTat(Strategy):
    """Imitative tactic: shrink own demand above rv by the other side's relative concession."""

    name: ClassVar[str] = "tit-for-tat"
    citation: ClassVar[str] = "Faratin1998"

    def aspiration(self, view: View) -> FloatArray:
        """``f + (own last - f) (1 - u(y_t)) / (1 - u(y_{t-n}))`` within ``[f, 1]``, f the floor."""
        now, before = _last_change(view)
        f = view.floor
        own = np.where(np.isnan(view.own_last), 1.0, view.own_last)
        ratio = np.where(1.0 - before > TOL, (1.0 - now) / np.maximum(1.0 - before, TOL), 1.0)
        return np.clip(f + (own - f) * np.minimum(ratio, 1.0), f, 1.0)


@dataclass(frozen=True, slots=True)
class Hardliner(Strategy):
    """Demands its ideal outcome and accepts nothing less, deadline or not (e -> 0 limit)."""

    name: ClassVar[str] = "hardliner"
    citation: ClassVar[str] = "Faratin1998"

    def aspiration(self, view: View) -> FloatArray:
        """Always 1 (the ideal)."""
        return np.ones_like(view.utility.rv)

    def accept(self, view: View, u: FloatArray) -> NDArray[np.bool_]:
        """Only the ideal (within tolerance), and only if it beats walking away."""
        return np.asarray(u >= 1.0 - TOL) & view.rational(u)


@dataclass(frozen=True, slots=True)
class StallAndWaterDown(Strategy):
    """Answers the other side's concessions only after ``delay`` and only by ``water`` of them."""

    delay: float = 0.2
    water: float = 0.5
    name: ClassVar[str] = "stall-and-water-down"
    citation: ClassVar[str] = "Faratin1998"

    def __post_init__(self) -> None:
        if not 0.0 <= self.delay <= 1.0 or not 0.0 <= self.water <= 1.0:
            raise ValueError("stall-and-water-down: delay and water must be in [0, 1]")

    def aspiration(self, view: View) -> FloatArray:
        """``1 - water (u(y_{t-lag}) - u(first offer received))``, within ``[floor, 1]``."""
        lag = math.ceil(self.delay * view.deadline)
        late = view.received_back(lag)
        first = _first_received(view)
        gain = np.where(np.isnan(late) | np.isnan(first), 0.0, np.maximum(late - first, 0.0))
        return np.clip(1.0 - self.water * gain, view.floor, 1.0)


def _first_received(view: View) -> FloatArray:
    """Own utility of the first offer another party made (NaN where none yet)."""
    if not len(view.received):
        return np.full(view.utility.rv.shape, math.nan)
    mine = view.proposers[0] == view.me
    second = view.received[1] if len(view.received) > 1 else np.full(mine.shape, math.nan)
    return np.where(mine, second, view.received[0])


@dataclass(frozen=True, slots=True)
class SubgamePerfect(Strategy):
    """Plays the backward-induction equilibrium of Rubinstein's alternating-offers game."""

    delta_other: float | None = None
    name: ClassVar[str] = "subgame-perfect"
    citation: ClassVar[str] = "Rubinstein1982"

    def _share(self, view: View, t: int) -> FloatArray:
        d_me = view.utility.discount
        d_other = d_me if self.delta_other is None else np.full_like(d_me, self.delta_other)
        rv = view.utility.rv
        return np.asarray(rv + (1.0 - rv) * proposer_shares(d_me, d_other, view.deadline - t))

    def aspiration(self, view: View) -> FloatArray:
        """The proposer's equilibrium share of the remaining horizon (at least the floor)."""
        return np.maximum(self._share(view, min(view.t, view.deadline - 1)), view.floor)

    def accept(self, view: View, u: FloatArray) -> NDArray[np.bool_]:
        """Accept iff ``u`` is at least the discounted value of proposing next round."""
        if view.t >= view.deadline:
            return view.rational(u)
        worth = u >= view.utility.discount * self._share(view, view.t) - TOL
        return np.asarray(worth & view.rational(u))


STRATEGIES: dict[str, type[Strategy]] = {
    "boulware": Boulware,
    "linear": Linear,
    "conceder": Conceder,
    "time-dependent": TimeDependent,
    "tit-for-tat": RelativeTitForTat,
    "absolute-tit-for-tat": AbsoluteTitForTat,
    "hardliner": Hardliner,
    "stall-and-water-down": StallAndWaterDown,
    "subgame-perfect": SubgamePerfect,
}
"""Strategy names (as on the command line) and their constructors."""


def make_strategy(name: str, options: Mapping[str, Any] | None = None) -> Strategy:
    """Strategy ``name`` (a key of :data:`STRATEGIES`) with ``options`` as Python values.

    E.g. ``make_strategy("boulware", {"e": 0.1})``.  Errors are structured
    :class:`~detente.params.ParamError`: the option, the value and what is allowed, in one line.
    (The command line's ``NAME:key=value`` text is read in :mod:`detente.cli.params`.)
    """
    if name not in STRATEGIES:
        raise ParamError("no such strategy", value=name, allowed=tuple(STRATEGIES))
    return build_params(STRATEGIES[name], options, owner=f"strategy {name}")
