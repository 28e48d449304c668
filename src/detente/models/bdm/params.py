"""Parameters of the BDM expected-utility model: every ambiguity a named field, two presets.

The ambiguities of the literature are numbered A1–A11 (the field docstrings say which field is
which); each field names the source of each of its options.  ``preset=scholz-code``, the default,
follows the public code that reproduces Scholz et al.'s Table 2
(jmckib/bdm-scholz-expected-utility-model, whose comments say it is faithful to Scholz's own code),
including its bug-compatible choices.  ``preset=canonical`` follows the printed equations of
[Scholz2011]; read literally they make third parties adopt the most extreme actor's position in the
first round, which is why it is not the default (:data:`PRESET_NOTES`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

__all__ = ["PRESET_NOTES", "BDMParams", "preset_name"]

PRule = Literal["dyad", "all_pairs_riskweighted"]
Security = Literal["adversary_own", "self_perceived"]
ClassifyOn = Literal["own_estimates", "receiver_perception"]
Selection = Literal["enforceability", "type_order", "least_move"]
UbUwDistance = Literal["mu_plus_target", "mu_plus_mu"]
RangeMode = Literal["initial", "scale", "dynamic"]
MedianTie = Literal["lower", "first_pairwise"]
Conflict = Literal["lower_eu_moves", "no_move", "stochastic"]
CompromiseRule = Literal["eq35_36", "weighted_average"]
NoChallenge = Literal["full", "q_only"]
Stop = Literal["fixed", "median_stable"]
Record = Literal["offers", "moves"]

_CANONICAL: dict[str, Any] = {
    "p_rule": "dyad",
    "security": "adversary_own",
    "classify_on": "own_estimates",
    "selection": "enforceability",
    "ub_uw_distance": "mu_plus_target",
    "range_mode": "initial",
    "median_tie": "lower",
    "conflict": "lower_eu_moves",
    "capitulation": True,
    "compromise_rule": "eq35_36",
    "no_challenge": "full",
}

_SCHOLZ_CODE: dict[str, Any] = {
    **_CANONICAL,
    "p_rule": "all_pairs_riskweighted",
    "security": "self_perceived",
    "classify_on": "receiver_perception",
    "selection": "type_order",
    "median_tie": "first_pairwise",
    "capitulation": False,
    "no_challenge": "q_only",
}


PRESET_NOTES: dict[str, str] = {
    "scholz-code": "reproduces the published table of [Scholz2011] (Table 2, EC emissions case) "
    "with the public code's choices, including its bug-compatible ones (capitulation never "
    "fires); the default",
    "canonical": "the equations as printed in [Scholz2011]; in round 1 third parties typically "
    "adopt the most extreme actor's position (conflicts resolve by full moves), a move area "
    "experts do not accept; use it to study the printed model, not to forecast",
}
"""What each preset is and what it is known to do (printed by the reports)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BDMParams:
    """Parameters of :func:`detente.models.bdm.run` (defaults = the ``scholz-code`` preset).

    The defaults reproduce the published table ([Scholz2011] Table 2); ``preset=canonical`` gives
    the printed equations instead (see :data:`PRESET_NOTES` for what each is known to do).

    Raises
    ------
    ValueError
        If a probability is outside [0, 1] or a count is not positive.
    """

    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "canonical": _CANONICAL,
        "scholz-code": _SCHOLZ_CODE,
    }

    Q: float = 1.0
    """Probability that an unchallenged target stays put, in [0, 1]. 1.0 as [BDM1985] and as
    [Scholz2011] chose for the EC case; 0.5 in [BDM-Lalman1986], [BDM2009], [Masad2016]."""
    T: float | None = None
    """Probability that an unchallenged target's move helps the challenger.  None: by geometry,
    T = 1 iff |x_i − μ| < |x_i − x_j| ([Scholz2011] §3.1 Figs 1–4; rule of decisionmechanics/eum
    and hamzagul, citing [Eftekhari2014]); a number in [0, 1]: fixed, as [Masad2016] (0.5)."""
    p_rule: PRule = "all_pairs_riskweighted"
    """A1, probability of prevailing.  ``dyad``: eq. 31 of [Scholz2011], votes linear in distance,
    per-dyad denominator so P_ij + P_ji = 1.  ``all_pairs_riskweighted``: jmckib's code, each
    voter's distances as (d/R)^r_k and one round-wide denominator over all voters and pairs."""
    security: Security = "self_perceived"
    """A2, security sum S_i.  ``adversary_own``: Σ_j E^j(U_ji), the prose of [BDM1985] and Masad
    2014, decisionmechanics, hamzagul.  ``self_perceived``: Σ_j E^i(U_ji), eq. 34 as printed in
    [Scholz2011] and jmckib's code.  Identical while every r = 1 (``reset_risk=True``)."""
    classify_on: ClassifyOn = "receiver_perception"
    """A3, the EU pair that classifies a dyad.  ``own_estimates``: (E^i(U_ij), E^j(U_ji)),
    [Scholz2011] Fig. 6.  ``receiver_perception``: (E^i(U_ij), E^i(U_ji)), both at r_i, jmckib."""
    selection: Selection = "type_order"
    """A4, which offer a receiver accepts.  ``enforceability``: highest proposer EU, ties → least
    move ([BDM1997] pp. 251–252 as quoted in [Scholz2011] §6.2).  ``type_order``: conflict (least
    move) ≻ compromise (lowest weighted-average position) ≻ capitulation, jmckib's code.
    ``least_move``: least move, ties → highest EU, [Masad2016]."""
    ub_uw_distance: UbUwDistance = "mu_plus_target"
    """A5, distance in U_b and U_w.  ``mu_plus_target``: |x_i−μ| + |x_i−x_j| ([Scholz2011] eq.
    22–23); ``mu_plus_mu``: |x_i−μ| + |x_j−μ| ([Masad2016])."""
    range_mode: RangeMode = "initial"
    """A6, the range R of eq. 14.  ``initial``: range of the round-0 positions (jmckib,
    decisionmechanics); ``scale``: the issue's declared scale; ``dynamic``: recomputed each round
    (hamzagul)."""
    median_tie: MedianTie = "first_pairwise"
    """A7, median voter.  ``lower``: lower weighted median ([Black1948]; hamzagul).
    ``first_pairwise``: scan distinct positions in ascending order and keep the first strict
    pairwise winner (jmckib's Condorcet scan, in a deterministic order)."""
    conflict: Conflict = "lower_eu_moves"
    """A9, what conflict does.  ``lower_eu_moves``: the side with the lower EU moves fully
    ([Scholz2011] Fig. 6; from the receiver's view the same test as jmckib's E^i(U_ji) >
    E^i(U_ij) > 0).  ``no_move``: "uncertain outcome" ([BDM1997] p. 244; hamzagul).
    ``stochastic``: winner drawn with probability P, loser moves ([Masad2016]; needs ``rng``)."""
    capitulation: bool = False
    """A10, whether capitulation (Compel ±) moves the receiver fully ([Scholz2011] Fig. 6).  False
    reproduces jmckib's code, whose capitulation branch never fires (bug-compatible)."""
    compromise_rule: CompromiseRule = "eq35_36"
    """Compromise move.  ``eq35_36``: x_i − (x_i − x_j)|a/b| ([Scholz2011] eq. 35–36, also what
    jmckib moves by); ``weighted_average``: (|a|x_i + |b|x_j)/(|a|+|b|) (decisionmechanics)."""
    no_challenge: NoChallenge = "q_only"
    """A11, the no-challenge branch.  ``full``: Q U_sq + (1−Q)[T U_b + (1−T) U_w] ([Scholz2011]
    eq. 7); ``q_only``: only Q U_sq, jmckib's code (the same when Q = 1)."""
    reset_risk: bool = True
    """Reset every r to 1 at the start of a round (every inspected implementation does; the
    appendix of [Scholz2011] is silent).  False carries last round's r into pass 1."""
    eps: float = 0.0
    """Offer threshold: i sends an offer to j iff E^i(U_ij) > eps ([Scholz2011] §2: > 0;
    Masad 2014 uses 1e-4)."""
    rounds: int = 8
    """Number of rounds τ (maximum with ``stop=median_stable``); 8 as [Scholz2011] Table 2."""
    stop: Stop = "fixed"
    """``fixed``: run τ rounds ([Scholz2011]).  ``median_stable``: stop once the median has moved
    less than ``stop_tol`` × R for ``stop_k`` consecutive rounds (after hamzagul's rule)."""
    stop_tol: float = 0.01
    """Median tolerance for ``stop=median_stable``, as a fraction of the range R."""
    stop_k: int = 2
    """Consecutive quiet rounds for ``stop=median_stable`` (hamzagul: 2)."""
    salience_shock: float = 0.0
    """Probability, per actor, issue and round, that salience is redrawn U(0, 1) before the round
    ([BDM2002] China case as read by [Masad2016]: 0.2).  Needs ``rng`` when > 0."""
    record: Record = "offers"
    """What each round records besides positions, median, mean and r: ``offers`` (every offer,
    n² per round) or ``moves`` (only the accepted ones, for large scenarios)."""

    def __post_init__(self) -> None:
        for name in ("Q", "salience_shock"):
            _probability(name, getattr(self, name))
        if self.T is not None:
            _probability("T", self.T)
        if self.rounds < 1 or self.stop_k < 1:
            raise ValueError("rounds and stop_k must be at least 1")
        if not (math.isfinite(self.eps) and math.isfinite(self.stop_tol)) or self.stop_tol < 0:
            raise ValueError("eps must be finite and stop_tol finite and ≥ 0")

    @property
    def stochastic(self) -> bool:
        """Whether a run draws random numbers (salience shocks or stochastic conflict)."""
        return self.salience_shock > 0 or self.conflict == "stochastic"


def _probability(name: str, value: float) -> None:
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise ValueError(f"{name} must be a probability in [0, 1], got {value}")


def preset_name(params: BDMParams) -> str | None:
    """The preset whose choices ``params`` has (other fields may differ), or None for a mix."""
    for name, values in BDMParams.PRESETS.items():
        if all(getattr(params, k) == v for k, v in values.items()):
            return name
    return None
