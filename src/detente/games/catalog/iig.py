"""The International Interaction Game of Bueno de Mesquita & Lalman ([BDM-Lalman1992] ch. 2).

Two states, A and B, with complete information.  A moves first:

* A makes no demand → B makes no demand (**SQ**, status quo) or demands; facing B's demand A
  acquiesces (**Acq_A**) or counter-demands, which opens a crisis in which B moves first;
* A demands → B acquiesces (**Acq_B**) or counter-demands, which opens a crisis in which A
  moves first.

In the crisis the first mover I uses force (F) or not; after F the other state J capitulates
(**Cap_J**) or fights (**War_I**, war begun by I); after no force J uses force or not (no force on
both sides: **Nego**, negotiation); after J's force I capitulates (**Cap_I**) or fights (**War_J**).
Each state has a utility for each of the eight outcomes; these sixteen numbers are the parameters.

Equilibrium conditions (subgame perfection, [BDM-Lalman1992] ch. 3), asserted in the tests:

1. A crisis ends in negotiation iff each side prefers negotiating to both wars and would fight
   rather than capitulate to the other's force (``U_i(War_j) > U_i(Cap_i)``), given that each
   prefers the other's capitulation to negotiation.
2. The status quo survives iff neither state expects to gain by demanding: ``U_A(SQ) >= U_A`` of
   the demand branch and ``U_B(SQ) >= U_B`` of B's demand branch.

Assumptions
-----------
* [BDM-Lalman1992] derive the outcome utilities from policy positions, costs and probabilities of
  victory; here they are parameters directly.  The defaults follow the book's orderings
  (``Acq_j > Cap_j > Nego > SQ > War_i > War_j > Acq_i > Cap_i`` for each state i) with illustrative
  values.
* The structure of the two crisis subgames follows the common rendering of the game (e.g.
  [Signorino1999] Fig. 4).

References
----------
[BDM-Lalman1992] Bueno de Mesquita, B. & Lalman, D. (1992). *War and Reason*. Yale University Press.
[Signorino1999] Signorino, C. S. (1999). APSR 93(2), 279–297.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.games.builder import Leaf, Move, build, decide, leaf
from detente.games.parameters import param
from detente.games.tree import Game

__all__ = ["OUTCOMES", "IIGParams", "build_game"]

OUTCOMES = ("SQ", "Acq_A", "Acq_B", "Nego", "Cap_A", "Cap_B", "War_A", "War_B")

SOURCE = "illustrative; orderings of [BDM-Lalman1992] ch. 2"
"""Source of every default below."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IIGParams:
    """Utilities of A (``a_*``) and B (``b_*``) for the eight outcomes ([BDM-Lalman1992])."""

    a_sq: float = param(0.0, "A's utility for the status quo (SQ).", source=SOURCE)
    a_acq_a: float = param(
        -0.5, "A's utility for A acquiescing to B's demand (Acq_A).", source=SOURCE
    )
    a_acq_b: float = param(
        1.0, "A's utility for B acquiescing to A's demand (Acq_B).", source=SOURCE
    )
    a_nego: float = param(0.5, "A's utility for negotiation (Nego).", source=SOURCE)
    a_cap_a: float = param(-0.8, "A's utility for A capitulating (Cap_A).", source=SOURCE)
    a_cap_b: float = param(0.8, "A's utility for B capitulating (Cap_B).", source=SOURCE)
    a_war_a: float = param(-0.2, "A's utility for a war begun by A (War_A).", source=SOURCE)
    a_war_b: float = param(-0.4, "A's utility for a war begun by B (War_B).", source=SOURCE)
    b_sq: float = param(0.0, "B's utility for the status quo (SQ).", source=SOURCE)
    b_acq_a: float = param(
        1.0, "B's utility for A acquiescing to B's demand (Acq_A).", source=SOURCE
    )
    b_acq_b: float = param(
        -0.5, "B's utility for B acquiescing to A's demand (Acq_B).", source=SOURCE
    )
    b_nego: float = param(0.5, "B's utility for negotiation (Nego).", source=SOURCE)
    b_cap_a: float = param(0.8, "B's utility for A capitulating (Cap_A).", source=SOURCE)
    b_cap_b: float = param(-0.8, "B's utility for B capitulating (Cap_B).", source=SOURCE)
    b_war_a: float = param(-0.4, "B's utility for a war begun by A (War_A).", source=SOURCE)
    b_war_b: float = param(-0.2, "B's utility for a war begun by B (War_B).", source=SOURCE)


def _out(p: IIGParams, name: str) -> Leaf:
    key = name.lower()
    return leaf(name, getattr(p, f"a_{key}"), getattr(p, f"b_{key}"))


def _crisis(p: IIGParams, first: str, second: str, where: str) -> Move:
    i, j = first, second
    return decide(
        i,
        f"{where}: {i} force?",
        {
            "Force": decide(
                j,
                f"{where}: {j} after {i} force",
                {"Capitulate": _out(p, f"Cap_{j}"), "Fight": _out(p, f"War_{i}")},
            ),
            "No force": decide(
                j,
                f"{where}: {j} force?",
                {
                    "No force": _out(p, "Nego"),
                    "Force": decide(
                        i,
                        f"{where}: {i} after {j} force",
                        {"Capitulate": _out(p, f"Cap_{i}"), "Fight": _out(p, f"War_{j}")},
                    ),
                },
            ),
        },
    )


def build_game(p: IIGParams) -> Game:
    """The International Interaction Game with utilities ``p``."""
    root = decide(
        "A",
        "A demand?",
        {
            "No demand": decide(
                "B",
                "B demand?",
                {
                    "No demand": _out(p, "SQ"),
                    "Demand": decide(
                        "A",
                        "A answers B",
                        {
                            "Acquiesce": _out(p, "Acq_A"),
                            "Counter": _crisis(p, "B", "A", "crisis 2"),
                        },
                    ),
                },
            ),
            "Demand": decide(
                "B",
                "B answers A",
                {"Acquiesce": _out(p, "Acq_B"), "Counter": _crisis(p, "A", "B", "crisis 1")},
            ),
        },
    )
    return build(
        "International Interaction Game", ("A", "B"), root, "Bueno de Mesquita & Lalman (1992)"
    )
