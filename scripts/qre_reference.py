"""An independent small-step continuation of the agent logit QRE, for golden test values.

Deliberately unlike :mod:`detente.games.qre`: plain Python over the tree (no index arrays, no
analytic Jacobian), the response map ``F`` of [McKelveyPalfrey1998] eq. 3 computed node by node
in log space, and *natural-parameter* continuation — lambda advanced in small steps (at most
``step`` on payoffs scaled to [-1, 1]), each solved by MINPACK's ``hybr`` from the previous
solution, a step accepted only when no action probability moves by more than ``jump`` (else
the step is halved; after a step that moved less than a quarter of that, the next is doubled, up
to ``step``).  Where the two methods agree, neither has left the principal branch.

Usage::

    python scripts/qre_reference.py GAME.efg LAMBDA [LAMBDA ...]
"""

from __future__ import annotations

import argparse
import json
import math
import sys

import numpy as np
from scipy.optimize import root

from detente.games import read_efg
from detente.games.tree import Game


def _lse(xs: list[float]) -> float:
    top = max(xs)
    return top + math.log(sum(math.exp(x - top) for x in xs)) if top > -math.inf else -math.inf


def _payoff_scale(game: Game) -> float:
    return max((abs(v) for t in game.terminals() for v in game.payoff(t)), default=1.0) or 1.0


def _response(
    game: Game, logs: dict[tuple[int, int], float], lam: float
) -> dict[tuple[int, int], float]:
    """log F(sigma) for the profile with log probabilities ``logs`` (scaled payoffs)."""
    scale = _payoff_scale(game)
    lr = [0.0] * len(game.nodes)
    for x, node in enumerate(game.nodes):
        if x:
            parent = game.nodes[node.parent]
            info = game.infosets[parent.infoset]
            step = (
                math.log(info.probs[node.action])
                if info.player == 0 and info.probs[node.action] > 0
                else (-1e30 if info.player == 0 else logs[(parent.infoset, node.action)])
            )
            lr[x] = lr[node.parent] + step
    value = [[0.0] * game.n_players for _ in game.nodes]
    for x in range(len(game.nodes) - 1, -1, -1):
        node = game.nodes[x]
        if node.player < 0:
            value[x] = [v / scale for v in game.payoff(x)]
            continue
        for c in node.children:
            p = math.exp(lr[c] - lr[x])
            value[x] = [a + p * b for a, b in zip(value[x], value[c], strict=True)]
    out: dict[tuple[int, int], float] = {}
    for h, info in enumerate(game.infosets):
        if info.player <= 0:
            continue
        total = _lse([lr[x] for x in info.nodes])
        q = [
            sum(
                math.exp(lr[x] - total) * value[game.nodes[x].children[a]][info.player - 1]
                for x in info.nodes
            )
            for a in range(len(info.actions))
        ]
        norm = _lse([lam * v for v in q])
        out.update({(h, a): lam * q[a] - norm for a in range(len(q))})
    return out


def follow(
    game: Game, targets: list[float], step: float = 0.5, jump: float = 0.01
) -> dict[float, dict[tuple[int, int], float]]:
    """Action probabilities of the principal branch at each lambda in ``targets`` (ascending)."""
    keys = [
        (h, a) for h, i in enumerate(game.infosets) if i.player > 0 for a in range(len(i.actions))
    ]
    scale = _payoff_scale(game)
    z = np.array([-math.log(len(game.infosets[h].actions)) for h, _ in keys])

    def gap(v: np.ndarray, lam: float) -> np.ndarray:
        f = _response(game, dict(zip(keys, v, strict=True)), lam)
        return np.array([f[k] for k in keys]) - v

    lam, h0, out = 0.0, step / 64, {}
    for target in sorted(targets):
        while lam < target * scale:
            h = min(h0, target * scale - lam)
            while True:
                sol = root(gap, z, args=(lam + h,), method="hybr", options={"xtol": 1e-13})
                moved = np.max(np.abs(np.exp(sol.x) - np.exp(z)))
                solved = float(np.max(np.abs(gap(sol.x, lam + h)))) < 1e-10
                if solved and moved <= jump:
                    break
                h /= 2
                if h < 1e-12:
                    raise RuntimeError(f"stuck at lambda {lam / scale}")
            z, lam = sol.x, lam + h
            h0 = min(step, 2 * h) if moved < jump / 4 else h
        out[target] = {k: float(math.exp(v)) for k, v in zip(keys, z, strict=True)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("game")
    parser.add_argument("lam", type=float, nargs="+")
    args = parser.parse_args()
    game = read_efg(args.game)
    found = follow(game, args.lam)
    json.dump({str(k): [v[key] for key in sorted(v)] for k, v in found.items()}, sys.stdout)


if __name__ == "__main__":
    main()
