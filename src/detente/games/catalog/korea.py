"""Deadline provocation: North Korea's year-end deadline and a US election approaching.

Chance makes North Korea (NK) *resolute* with probability ``p_resolute``, else *restrained*;
only NK knows.  Before its deadline NK chooses **Restraint**, a **Limited test** (short-range
missiles, engine tests) or a **Red-line test** (an ICBM or nuclear test).  The US sees the move but
not the type, and chooses **Partial relief**, **Hold firm** or **Escalate**.  Outcomes: a
*partial deal* (relief), *containment* (the status quo of sanctions and deterrence) and a
*crisis* (escalation).

Election proximity is ``pi = exp(−months_to_election / horizon)``.  US payoffs (containment
after restraint = 0):

* relief: ``deal_us − s_k · audience_cost · pi`` — granting relief under provocation looks weak,
  the more so near an election; ``s_k`` is 0 after restraint, ``limited_share`` after a limited
  test and 1 after a red-line test;
* hold firm: ``−s_k · (hold_cost + tension_cost · pi)`` — an unanswered test, and tension that
  costs the incumbent more the closer the election;
* escalate: ``−crisis_cost_us + s_k · (rally − tension_cost) · pi``, plus ``coercion_gain``
  against a restrained NK (which backs down); ``rally`` is the rally-round-the-flag gain.

NK payoffs: ``relief_nk`` for relief, 0 for containment, ``−crisis_cost_nk`` (resolute) or
``−crisis_cost_nk_restrained`` for a crisis; plus ``s_k · test_gain`` (resolute: technical and
domestic gains) or ``−s_k · test_cost`` (restrained: isolation) for a test.

Equilibrium conditions (derived here by backward induction; asserted in the tests):

1. After a red-line test with belief ``mu`` that NK is resolute, the US prefers relief to
   holding firm iff ``deal_us + hold_cost >= (audience_cost − tension_cost) pi`` and to
   escalating iff ``deal_us − audience_cost pi >= −crisis_cost_us + (rally − tension_cost) pi
   + (1 − mu) coercion_gain``: the audience cost, the tension and the rally effect all grow as
   the election nears, so which dominates decides whether provocation pays or backfires.
2. A type of NK tests only if the US response to the test gives it more than restraint does.

Assumptions
-----------
All values are analyst judgements, not estimates; ``korea-2019-12`` gives the values used for
December 2019 with a rationale for each.

References
----------
[AsiaTimes2019] Asia Times op-ed on the US–North Korea standoff, December 2019.
[Fearon1994] audience costs; [Baum2002] rally effects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from detente.games.builder import Leaf, Move, build, chance, decide, leaf
from detente.games.parameters import param
from detente.games.tree import Game

__all__ = ["DeadlineParams", "build_game"]

MOVES = (("Restraint", 0.0), ("Limited test", None), ("Red-line test", 1.0))

SOURCE = "analyst judgement (December 2019 values with rationales: scenario korea-2019-12)"
"""Source of every default below."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineParams:
    """Parameters of the deadline-provocation game (analyst judgements; see korea-2019-12)."""

    p_resolute: float = param(
        0.3,
        "Prior probability that NK is resolute (prefers testing and tolerates a crisis).",
        low=0,
        high=1,
        source=SOURCE,
    )
    months_to_election: float = param(
        11.0,
        "Months from the deadline to the US presidential election.",
        low=0,
        source=SOURCE,
    )
    horizon: float = param(
        6.0,
        "Months over which election proximity decays (pi = exp(-months/horizon)).",
        low=0,
        source=SOURCE,
    )
    deal_us: float = param(
        -0.6,
        "US value of a partial deal relative to containment (negative: relief before "
        "denuclearization is unwelcome).",
        source=SOURCE,
    )
    audience_cost: float = param(
        1.0,
        "US audience cost of relief after a red-line test, at the election.",
        low=0,
        source=SOURCE,
    )
    hold_cost: float = param(
        0.4,
        "US cost of leaving a red-line test unanswered.",
        low=0,
        source=SOURCE,
    )
    tension_cost: float = param(
        1.5,
        "US cost of unresolved tension after a red-line test, at the election.",
        low=0,
        source=SOURCE,
    )
    crisis_cost_us: float = param(
        1.0,
        "US cost of a crisis against a resolute NK.",
        low=0,
        source=SOURCE,
    )
    coercion_gain: float = param(
        0.4,
        "US gain when escalating against a restrained NK (it backs down).",
        low=0,
        source=SOURCE,
    )
    rally: float = param(
        0.5,
        "Rally-round-the-flag gain of escalating after a red-line test, at the election.",
        low=0,
        source=SOURCE,
    )
    limited_share: float = param(
        0.3,
        "Weight of a limited test relative to a red-line test in the terms above.",
        low=0,
        high=1,
        source=SOURCE,
    )
    relief_nk: float = param(
        1.0,
        "NK value of partial sanctions relief.",
        low=0,
        source=SOURCE,
    )
    crisis_cost_nk: float = param(
        0.5,
        "Crisis cost to a resolute NK.",
        low=0,
        source=SOURCE,
    )
    crisis_cost_nk_restrained: float = param(
        1.5,
        "Crisis cost to a restrained NK.",
        low=0,
        source=SOURCE,
    )
    test_gain: float = param(
        0.3,
        "Gain of a red-line test to a resolute NK (technical and domestic).",
        low=0,
        source=SOURCE,
    )
    test_cost: float = param(
        0.4,
        "Cost of a red-line test to a restrained NK (isolation, Chinese displeasure).",
        low=0,
        source=SOURCE,
    )


def _us(p: DeadlineParams, s: float, resolute: bool, nk_extra: float) -> dict[str, Move | Leaf]:
    pi = math.exp(-p.months_to_election / p.horizon)
    crisis_us = (
        -p.crisis_cost_us
        + s * (p.rally - p.tension_cost) * pi
        + (0.0 if resolute else p.coercion_gain)
    )
    crisis_nk = -(p.crisis_cost_nk if resolute else p.crisis_cost_nk_restrained)
    return {
        "Partial relief": leaf(
            "partial deal", p.relief_nk + nk_extra, p.deal_us - s * p.audience_cost * pi
        ),
        "Hold firm": leaf("containment", nk_extra, -s * (p.hold_cost + p.tension_cost * pi)),
        "Escalate": leaf("crisis", crisis_nk + nk_extra, crisis_us),
    }


def _nk(p: DeadlineParams, resolute: bool) -> Move:
    kind = "resolute" if resolute else "restrained"
    moves: dict[str, Move | Leaf] = {}
    for name, share in MOVES:
        s = p.limited_share if share is None else share
        extra = s * (p.test_gain if resolute else -p.test_cost)
        moves[name] = decide("US", f"after {name.lower()}", _us(p, s, resolute, extra))
    return decide("NK", f"{kind} NK", moves)


def build_game(p: DeadlineParams) -> Game:
    """The deadline-provocation game with parameters ``p``."""
    if not 0.0 <= p.p_resolute <= 1.0:
        raise ValueError("p_resolute must lie in [0, 1]")
    if p.horizon <= 0:
        raise ValueError("horizon must be positive")
    root = chance(
        "type",
        [("Resolute", p.p_resolute, _nk(p, True)), ("Restrained", 1 - p.p_resolute, _nk(p, False))],
    )
    return build(
        "Deadline provocation (Korea, Dec 2019)",
        ("NK", "US"),
        root,
        "NK chooses restraint or a test before its deadline; the US responds",
    )
