"""Parameters of a negotiation (protocol and environment) and the status codes of its outcome.

Strategies are chosen separately (:mod:`detente.negotiation.strategies`).  Settings the scenario
declares in its ``negotiation:`` section (deadline, discount factors, reservation values) are used
where a parameter is left at ``None``; :func:`resolve` records which values were used.

References
----------
[Rubinstein1982], [Binmore1986], [MaManove1993], [Raiffa1982]: full citations in
:mod:`detente.negotiation.protocol` and ``docs/reference/bibliography.md``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Literal

from detente.scenario import Scenario

__all__ = [
    "DEFAULT_DEADLINE",
    "MAX_DEADLINE",
    "MAX_LEVELS",
    "NegotiationParams",
    "Status",
    "resolve",
]

DEFAULT_DEADLINE = 100
"""Rounds before the deadline when neither the parameters nor the scenario give one."""
MAX_DEADLINE = 10_000
"""Longest deadline accepted: each round stores a few numbers per negotiation and issue."""
MAX_LEVELS = 1_000_000
"""Finest grid accepted per issue."""


class Status(enum.IntEnum):
    """How a negotiation ended (``OPEN`` only while it runs); ``str(s)`` is its JSON name."""

    OPEN = 0
    AGREEMENT = 1
    PARTIAL = 2
    NO_AGREEMENT = 3
    BREAKDOWN = 4

    def __str__(self) -> str:
        return self.name.lower().replace("_", "-")

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)  # the name in any f-string, never the code

    @property
    def agreed(self) -> bool:
        """A full or a partial agreement."""
        return self in (Status.AGREEMENT, Status.PARTIAL)

    @classmethod
    def from_name(cls, name: str) -> Status:
        """The status whose JSON name is ``name`` (``"no-agreement"``: ``NO_AGREEMENT``)."""
        try:
            return cls[name.upper().replace("-", "_")]
        except KeyError:
            known = ", ".join(str(s) for s in cls)
            raise ValueError(f"unknown negotiation status {name!r} (known: {known})") from None


@dataclass(frozen=True, slots=True, kw_only=True)
class NegotiationParams:
    """Parameters of a negotiation (protocol and environment; strategies are chosen separately)."""

    protocol: Literal["alternating", "mediated"] = "alternating"
    """Alternating offers [Rubinstein1982] or a mediator's single text [Raiffa1982]."""
    deadline: int | None = None
    """Rounds before the deadline (one offer and its answers per round); None: the scenario's
    ``negotiation.deadline``, else 100 (as in the automated-negotiation benchmarks)."""
    deadline_jitter: int = 1
    """Uncertainty of the deadline, in rounds: the deadline that binds is drawn with the seed,
    uniformly from the ``2 jitter`` rounds ``deadline - jitter .. deadline + jitter - 1``
    [MaManove1993] (at most ``deadline - 1``; the value used is recorded); 0 fixes it.  The
    default 1 makes the last offer fall to either side with equal chance, so outcomes do not
    hinge on the parity of ``deadline`` (see the protocol module)."""
    discount: float | None = None
    """Per-round discount factor delta in (0, 1] of every party; None: each party's from the
    scenario's ``negotiation.discount``, else 1 (no impatience) [Rubinstein1982]."""
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
        if self.deadline is not None and self.deadline < 1:
            raise ValueError(f"deadline must be at least 1 round, got {self.deadline}")
        if self.deadline is not None and self.deadline > MAX_DEADLINE:
            raise ValueError(f"deadline must be at most {MAX_DEADLINE} rounds, got {self.deadline}")
        if self.discount is not None and not 0.0 < self.discount <= 1.0:
            raise ValueError(f"discount must be in (0, 1], got {self.discount}")
        if not 0.0 <= self.p_breakdown <= 1.0 or not 0.0 <= self.explore <= 1.0:
            raise ValueError("p_breakdown and explore must be in [0, 1]")
        if not 0.0 < self.step <= 1.0:
            raise ValueError(f"step must be in (0, 1], got {self.step}")
        if not 0 <= self.deadline_jitter <= MAX_DEADLINE:
            raise ValueError(
                f"deadline_jitter must be from 0 to {MAX_DEADLINE}, got {self.deadline_jitter}"
            )
        if self.levels == 1 or not 0 <= self.levels <= MAX_LEVELS:
            raise ValueError(
                f"levels must be 0 (continuous) or from 2 to {MAX_LEVELS}, got {self.levels}"
            )

    @property
    def rounds(self) -> int:
        """The nominal deadline in rounds (``deadline``, else the default)."""
        return DEFAULT_DEADLINE if self.deadline is None else self.deadline

    @property
    def draws(self) -> bool:
        """Whether negotiations under these parameters draw any chance outcome.

        They do with an uncertain deadline, an exploration point, a breakdown risk or a random
        opener; the strategies themselves draw nothing.
        """
        random_opener = self.opener == "random"
        return self.deadline_jitter > 0 or self.explore > 0 or self.p_breakdown > 0 or random_opener


def resolve(params: NegotiationParams, scenario: Scenario | None = None) -> NegotiationParams:
    """``params`` as used: the deadline filled in and the jitter cut to ``deadline - 1``.

    The deadline comes from ``params``, else the scenario's ``negotiation.deadline``, else the
    default; a deadline of one round cannot move, so its jitter is 0.
    """
    setup = scenario.negotiation if scenario is not None else None
    deadline = params.deadline
    if deadline is None:
        deadline = setup.deadline if setup is not None and setup.deadline else DEFAULT_DEADLINE
    return replace(
        params, deadline=deadline, deadline_jitter=min(params.deadline_jitter, deadline - 1)
    )
