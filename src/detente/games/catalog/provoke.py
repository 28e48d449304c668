"""A repeated provoke/respond crisis: the benchmark game for solver speed (``benchmarks/games.py``).

Chance draws the challenger's type (resolute with probability ``p_resolute``), which only the
challenger knows.  In each of ``stages`` stages the challenger provokes or waits; after a
provocation the defender, who sees the history but not the type, concedes (game ends), holds
(play continues) or escalates (game ends).  Waiting also continues to the next stage; after the
last stage play ends.  Stage payoffs are discounted by ``delta**t``.  The tree has
``10 * 2**stages - 7`` nodes.

Stage payoffs (challenger, defender): concede (1, −1); hold (−0.1, −0.1); escalate against a
resolute challenger (−0.5, −2), against an irresolute one (−2, 0.5); wait (0, 0).

Assumptions
-----------
The benchmark fixes the shape, not the payoffs; the values above are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.games.builder import Leaf, Move, build, chance, decide, leaf
from detente.games.parameters import param
from detente.games.tree import Game

__all__ = ["ProvokeParams", "build_game"]

SOURCE = "benchmark setting"
"""Source of every default below."""


@dataclass(frozen=True, slots=True)
class ProvokeParams:
    """Parameters of the repeated provoke/respond game."""

    stages: int = param(
        2,
        "Number of stages (the tree has 10 * 2**stages - 7 nodes).",
        low=1,
        source=SOURCE,
    )
    delta: float = param(0.9, "Discount factor per stage.", low=0, high=1, source=SOURCE)
    p_resolute: float = param(
        0.5,
        "Prior probability that the challenger is resolute.",
        low=0,
        high=1,
        source=SOURCE,
    )


def _stage(p: ProvokeParams, t: int, kind: str, hist: str, acc: tuple[float, float]) -> Move | Leaf:
    if t == p.stages:
        return leaf("End", *acc)
    d = p.delta**t
    esc = (-0.5, -2.0) if kind == "R" else (-2.0, 0.5)

    def add(x: tuple[float, float]) -> tuple[float, float]:
        return (acc[0] + d * x[0], acc[1] + d * x[1])

    respond = decide(
        "Defender",
        f"D{hist}",
        {
            "Concede": leaf("Concede", *add((1.0, -1.0))),
            "Hold": _stage(p, t + 1, kind, hist + "P", add((-0.1, -0.1))),
            "Escalate": leaf("Escalate", *add(esc)),
        },
    )
    return decide(
        "Challenger",
        f"C{kind}{hist}",
        {
            "Provoke": respond,
            "Wait": _stage(p, t + 1, kind, hist + "W", acc),
        },
    )


def build_game(p: ProvokeParams) -> Game:
    """The provoke/respond game with ``p.stages`` stages."""
    if p.stages < 1:
        raise ValueError("stages must be >= 1")
    root = chance(
        "type",
        [
            ("Resolute", p.p_resolute, _stage(p, 0, "R", "", (0.0, 0.0))),
            ("Irresolute", 1 - p.p_resolute, _stage(p, 0, "I", "", (0.0, 0.0))),
        ],
    )
    return build(f"Provoke/respond, {p.stages} stages", ("Challenger", "Defender"), root)
