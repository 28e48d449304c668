"""One-sided incomplete-information deterrence: the challenger unsure of the defender's resolve.

Chance makes the defender D *hard* with probability ``p_hard``, else *soft*; only D knows.  The
challenger C keeps the status quo (0, 0) or challenges.  D concedes (C ``v``, D ``−v``) or
resists.  C, not knowing D's type, backs down (C ``−b``, D ``b``) or fights: war gives C
``w_hard`` against a hard and ``w_soft`` against a soft defender, and gives D ``d_hard``
(hard, ``> −v``) or ``d_soft`` (soft, ``< −v``).  This is the textbook game of [Morrow1994]
ch. 8 in the asymmetric form of [ZagareKilgour2000] (the challenger's uncertainty only).

Equilibrium conditions ([Morrow1994] §8; [ZagareKilgour2000] ch. 5), asserted in the tests:

1. A hard defender always resists; a soft one resists only if C would then back down.
2. After resistance C fights iff its belief ``mu`` that D is hard satisfies
   ``mu w_hard + (1 − mu) w_soft >= −b``, i.e. ``mu <= mu* = (w_soft + b) / (w_soft − w_hard)``.
3. If C fights even a known hard defender (``w_hard >= −b``), the equilibrium separates the
   types and C challenges iff ``p_hard w_hard + (1 − p_hard) v > 0``.
4. Otherwise deterrence by pooling — both types resist, C backs down and so keeps the status
   quo — is a perfect Bayesian equilibrium iff ``p_hard >= mu*``.

References
----------
[Morrow1994] Morrow, J. D. (1994). *Game Theory for Political Scientists*. Princeton UP.
[ZagareKilgour2000] Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge UP.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.games.builder import Move, build, chance, decide, leaf
from detente.games.parameters import param
from detente.games.tree import Game

__all__ = ["DeterrenceParams", "build_game"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeterrenceParams:
    """Parameters of the deterrence game (illustrative values)."""

    p_hard: float = param(
        0.5, "Prior probability that the defender is hard (resolute).", low=0, high=1
    )
    v: float = param(1.0, "Stake: C's gain and D's loss when D concedes.")
    b: float = param(0.3, "C's cost of backing down after resistance (D's gain).")
    w_hard: float = param(-1.0, "C's war payoff against a hard defender.")
    w_soft: float = param(0.2, "C's war payoff against a soft defender.")
    d_hard: float = param(
        -0.5, "War payoff of a hard defender (above −v: it prefers war to conceding)."
    )
    d_soft: float = param(-2.0, "War payoff of a soft defender (below −v).")


def _defender(p: DeterrenceParams, kind: str, war_c: float, war_d: float) -> Move:
    return decide(
        "Challenger",
        "challenge?",
        {
            "Status quo": leaf("Status quo", 0.0, 0.0),
            "Challenge": decide(
                "Defender",
                f"{kind} defender",
                {
                    "Concede": leaf("Defender concedes", p.v, -p.v),
                    "Resist": decide(
                        "Challenger",
                        "after resistance",
                        {
                            "Back down": leaf("Challenger backs down", -p.b, p.b),
                            "Fight": leaf("War", war_c, war_d),
                        },
                    ),
                },
            ),
        },
    )


def build_game(p: DeterrenceParams) -> Game:
    """The deterrence game with parameters ``p``."""
    if not 0.0 <= p.p_hard <= 1.0:
        raise ValueError("p_hard must lie in [0, 1]")
    root = chance(
        "type",
        [
            ("Hard", p.p_hard, _defender(p, "hard", p.w_hard, p.d_hard)),
            ("Soft", 1 - p.p_hard, _defender(p, "soft", p.w_soft, p.d_soft)),
        ],
    )
    return build(
        "Deterrence with a defender of unknown resolve",
        ("Challenger", "Defender"),
        root,
        "After Morrow (1994) and Zagare & Kilgour (2000)",
    )
