"""Outcome space and additive utilities of the negotiating parties, built from a scenario.

An *outcome* is one point ``x`` in the issue box, written on the unit scale
``z_k = (x_k - low_k) / (high_k - low_k)``.  Each party ``i`` values it with a linear-additive
utility [Raiffa1982; Faratin1998]::

    u_i(z) = sum_k w_ik v_ik(z_k),  v_ik(z_k) = 1 - |z_k - p_ik| / s_ik,  s_ik = max(p_ik, 1 - p_ik)

with weights ``w_ik = salience_ik / sum_k salience_ik`` and ideal points ``p_ik`` = the actor's
position (rescaled).  ``v_ik`` is 1 at the ideal and 0 at the far end of the scale, so ``u_i`` runs
from 0 (the worst outcome) to 1 (the ideal).  The reservation value ``rv_i`` is the utility of
the party's best alternative to a negotiated agreement: a declared alternative outcome (or a
utility) in the scenario's ``negotiation.reservation`` section, else the status quo, else 0
(breakdown is as bad as the worst outcome).  The discount factor is the one given in the
parameters for every party, else the actor's in the scenario's ``negotiation.discount``, else 1.

Arrays are *batched*: every field has a leading axis ``B`` over independent negotiations, so one
pass of the protocol runs a whole tournament column; a single negotiation is ``B = 1``.

Assumptions
-----------
* Per-issue value functions are linear in the distance to the ideal point (the standard
  linear-additive profile of automated negotiation [Faratin1998]); the status quo enters only
  through the reservation value and through partial deals.
* An actor with zero salience on every issue is indifferent; it gets equal weights so that its
  utility stays defined.
* Discretised issues (``levels > 1``) snap offers to ``levels`` equally spaced values.

References
----------
[Raiffa1982] Raiffa, H. (1982). The Art and Science of Negotiation. Harvard University Press.
[Faratin1998] Faratin, P., Sierra, C., & Jennings, N. R. (1998). Negotiation decision functions
    for autonomous agents. Robotics and Autonomous Systems 24(3–4), 159–182.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from detente.errors import ModelInputError
from detente.scenario import Scenario

__all__ = [
    "AdditiveUtility",
    "OutcomeSpace",
    "discount_of",
    "outcome_space",
    "stack",
    "utilities_from_scenario",
]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class OutcomeSpace:
    """The issue box: ids, scales, the status quo on the unit scale (NaN if none), grid levels."""

    issues: tuple[str, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    status_quo: tuple[float, ...]
    levels: int = 0

    def __post_init__(self) -> None:
        if not len(self.issues) == len(self.low) == len(self.high) == len(self.status_quo):
            raise ValueError("outcome space: issues, scales and status quo differ in length")
        if self.levels == 1 or self.levels < 0:
            raise ValueError(f"levels must be 0 (continuous) or at least 2, got {self.levels}")

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.issues)

    def sq_unit(self) -> FloatArray:
        """Status quo on the unit scale, NaN where absent."""
        return np.array(self.status_quo, dtype=float)

    def snap(self, z: FloatArray) -> FloatArray:
        """Offers clipped to the box and, for discretised issues, rounded to the grid."""
        z = np.clip(z, 0.0, 1.0)
        if self.levels:
            z = np.round(z * (self.levels - 1)) / (self.levels - 1)
        return z

    def to_scale(self, z: FloatArray) -> FloatArray:
        """Unit-scale outcomes back on each issue's own scale."""
        lo, hi = np.array(self.low), np.array(self.high)
        return np.asarray(lo + np.asarray(z) * (hi - lo), dtype=float)


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class AdditiveUtility:
    """One party's utility over a batch of negotiations: shapes ``(B, m)`` and ``(B,)``."""

    weights: FloatArray
    ideal: FloatArray
    rv: FloatArray
    discount: FloatArray
    span: FloatArray = field(init=False, repr=False)
    """Distance from the ideal to the far end of each scale (derived)."""
    worst: FloatArray = field(init=False, repr=False)
    """The outcome of utility 0: the far end of every scale (derived)."""
    _slope: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        span = np.maximum(np.maximum(self.ideal, 1.0 - self.ideal), 1e-12)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "worst", np.where(self.ideal <= 0.5, 1.0, 0.0))
        object.__setattr__(self, "_slope", self.weights / span)

    def take(self, index: NDArray[np.int64]) -> AdditiveUtility:
        """The utilities of negotiations ``index`` of the batch."""
        return AdditiveUtility(
            weights=self.weights[index],
            ideal=self.ideal[index],
            rv=self.rv[index],
            discount=self.discount[index],
        )

    def __call__(self, z: FloatArray) -> FloatArray:
        """Utility of outcomes ``z`` of shape ``(B, m)`` (or ``(k, B, m)``)."""
        return np.asarray(1.0 - (self._slope * np.abs(z - self.ideal)).sum(axis=-1), dtype=float)


def outcome_space(scenario: Scenario, levels: int = 0) -> OutcomeSpace:
    """The scenario's issue box with its status quo on the unit scale."""
    lo, hi = scenario.bounds().T
    sq = (scenario.status_quo() - lo) / (hi - lo)
    return OutcomeSpace(
        scenario.issue_ids, tuple(lo.tolist()), tuple(hi.tolist()), tuple(sq.tolist()), levels
    )


def _reservation(scenario: Scenario, actor: str, space: OutcomeSpace, u: AdditiveUtility) -> float:
    """Utility of the declared alternative, else of the status quo, else 0."""
    alt = None if scenario.negotiation is None else scenario.negotiation.of("reservation", actor)
    if alt is not None:
        if alt.value is not None:
            if not 0.0 <= alt.value <= 1.0:
                raise ModelInputError(f"reservation value of {actor} must be in [0, 1]")
            return alt.value
        unknown = sorted(set(alt.outcome) - set(space.issues))
        if unknown:
            raise ModelInputError(f"reservation of {actor}: unknown issue {', '.join(unknown)}")
        z = np.array([alt.outcome.get(i, math.nan) for i in space.issues], dtype=float)
        z = (z - np.array(space.low)) / (np.array(space.high) - np.array(space.low))
        z = np.where(np.isnan(z), space.sq_unit(), z)
    else:
        z = space.sq_unit()
    if np.isnan(z).any():
        return 0.0
    return float(u(np.clip(z, 0.0, 1.0)[None, :])[0])


def discount_of(scenario: Scenario, actor: str, common: float | None = None) -> float:
    """``common`` if given, else the actor's discount factor in the scenario, else 1."""
    if common is not None:
        return common
    declared = None if scenario.negotiation is None else scenario.negotiation.of("discount", actor)
    return 1.0 if declared is None or declared.value is None else declared.value


def utilities_from_scenario(
    scenario: Scenario, parties: Sequence[str], space: OutcomeSpace, discount: float | None = None
) -> list[AdditiveUtility]:
    """One batch-of-one utility per party (weights from salience, ideals from positions).

    ``discount`` (every party's) overrides the scenario's per-actor discount factors.
    """
    ids = scenario.actor_ids
    unknown = [p for p in parties if p not in ids]
    if unknown:
        raise ModelInputError(
            f"no actor {', '.join(unknown)} in {scenario.id} (known: {', '.join(ids)})"
        )
    lo, hi = scenario.bounds().T
    saliences, positions = scenario.saliences(), scenario.positions()
    out = []
    for p in parties:
        i = ids.index(p)
        delta = discount_of(scenario, p, discount)
        if not 0.0 < delta <= 1.0:
            raise ModelInputError(f"discount factor of {p} must be in (0, 1], got {delta}")
        s = saliences[i]
        total = s.sum()
        w = s / total if total > 0 else np.full_like(s, 1.0 / len(s))
        ideal = (positions[i] - lo) / (hi - lo)
        u = AdditiveUtility(
            weights=w[None, :], ideal=ideal[None, :], rv=np.zeros(1), discount=np.full(1, delta)
        )
        u.rv[0] = _reservation(scenario, p, space, u)  # rv does not enter u's derived fields
        out.append(u)
    return out


def stack(utilities: Sequence[AdditiveUtility]) -> AdditiveUtility:
    """Concatenate batches of one party's utilities along the batch axis."""
    return AdditiveUtility(
        weights=np.concatenate([u.weights for u in utilities]),
        ideal=np.concatenate([u.ideal for u in utilities]),
        rv=np.concatenate([u.rv for u in utilities]),
        discount=np.concatenate([u.discount for u in utilities]),
    )
