"""Audience-cost crisis bargaining after Fearon (1994), in one-shot discrete form.

A good worth ``v`` is held by the defender D.  Chance makes the challenger C *resolved* (war cost
``c_resolved``) with probability ``p_resolved``, else *unresolved* (``c_unresolved``); only C
knows its type.  C keeps the status quo (C 0, D v) or challenges.  D, not knowing the type,
concedes (C v, D 0) or resists.  C then backs down — paying the audience cost ``a`` of a public
climb-down (C −a, D v) — or fights (C ``q v − c_C``, D ``(1 − q) v − c_D``).

Equilibrium conditions ([Fearon1994] §3; the discrete version as in [Morrow1994] ch. 8),
asserted in the tests:

1. A challenger of type k that has challenged and met resistance stands firm iff
   ``q v − c_k >= −a``: audience costs make threats credible ("tying hands").
2. If both types would stand firm, D facing a challenge concedes iff its war payoff
   ``W_D = (1 − q) v − c_D`` is below 0 (the value of conceding); both types then challenge.
3. If only the resolved type stands firm, D resists iff its belief in resolve is at most
   ``mu* = v / (v − W_D)``.  Pooling on a challenge is a pure PBE iff ``p_resolved > mu*`` (D
   concedes); otherwise the equilibrium is semi-separating: the unresolved type bluffs with
   probability ``b = p (1 − mu*) / ((1 − p) mu*)`` and D resists with probability ``v / (v + a)``.

References
----------
[Fearon1994] Fearon, J. D. (1994). Domestic political audiences and the escalation of
international disputes. *American Political Science Review* 88(3), 577–592.
[Morrow1994] Morrow, J. D. (1994). *Game Theory for Political Scientists*. Princeton UP.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.games.builder import Move, build, chance, decide, leaf
from detente.games.parameters import param
from detente.games.tree import Game

__all__ = ["FearonParams", "build_game"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FearonParams:
    """Parameters of the audience-cost game (illustrative values; units of the stake ``v``)."""

    p_resolved: float = param(
        0.4, "Prior probability that the challenger is resolved.", low=0, high=1
    )
    v: float = param(1.0, "Value of the disputed good.", low=0)
    q: float = param(0.5, "Probability that the challenger wins a war.", low=0, high=1)
    c_resolved: float = param(0.2, "War cost of a resolved challenger.", low=0)
    c_unresolved: float = param(1.2, "War cost of an unresolved challenger.", low=0)
    c_d: float = param(0.8, "War cost of the defender.", low=0)
    a: float = param(
        0.5,
        "Audience cost the challenger pays for backing down .",
        low=0,
        source="illustrative; the mechanism of [Fearon1994]",
    )


def _branch(p: FearonParams, kind: str, cost: float) -> Move:
    war = (p.q * p.v - cost, (1 - p.q) * p.v - p.c_d)
    return decide(
        "Challenger",
        f"{kind} challenger",
        {
            "Status quo": leaf("Status quo", 0.0, p.v),
            "Challenge": decide(
                "Defender",
                "after challenge",
                {
                    "Concede": leaf("Defender concedes", p.v, 0.0),
                    "Resist": decide(
                        "Challenger",
                        f"{kind}, resisted",
                        {
                            "Back down": leaf("Challenger backs down", -p.a, p.v),
                            "Fight": leaf("War", *war),
                        },
                    ),
                },
            ),
        },
    )


def build_game(p: FearonParams) -> Game:
    """The audience-cost game with parameters ``p``."""
    if not 0.0 <= p.p_resolved <= 1.0:
        raise ValueError("p_resolved must lie in [0, 1]")
    root = chance(
        "type",
        [
            ("Resolved", p.p_resolved, _branch(p, "resolved", p.c_resolved)),
            ("Unresolved", 1 - p.p_resolved, _branch(p, "unresolved", p.c_unresolved)),
        ],
    )
    return build(
        "Audience-cost crisis bargaining", ("Challenger", "Defender"), root, "After Fearon (1994)"
    )
