"""Write tests/reference/gambit_examples.yaml: golden numbers for Gambit's example games.

Reads the 174 ``.efg`` files of the Gambit project from a folder laid out as their repository
(default ``../shared/reference/gambit-games``) and records, for each file, numbers only (no game
text, which is GPL): the node count, the number of pure Nash equilibria of the unreduced
strategic form, the subgame-perfect payoffs of perfect-information games, and — for games of
imperfect information with at most ``MAX_UNKNOWNS`` action probabilities — the agent logit QRE at
lambda = 0.5, 1 and 5 from the independent small-step continuation of
``scripts/qre_reference.py``, with the largest difference from detente's arc-length follower.

Usage::

    .venv/bin/python scripts/gambit_examples_reference.py [FOLDER]
"""

from __future__ import annotations

import math
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

import yaml
from qre_reference import follow

from detente.errors import DetenteError
from detente.games import read_efg, solve_pure_nash, solve_qre, solve_spe
from detente.games.solution import flat_profile
from detente.games.tree import Game, is_perfect_information

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "tests" / "reference" / "gambit_examples.yaml"
LAMBDAS = (0.5, 1.0, 5.0)
MAX_UNKNOWNS = 60
MAX_PROFILES = 200_000
SECONDS = 300

HEADER = {
    "source": "Gambit project example games (github.com/gambitproject/gambit, commit "
    "8883f7591cb86563b54be3fb00b8d2ab5ea91647): catalog/, contrib/games/, doc/, tests/test_games/",
    "licence": "The games are GPL-2.0-or-later and are not copied here; these are numbers "
    "computed from them (counts, payoffs, probabilities).",
    "how": "scripts/gambit_examples_reference.py.  pure_nash and spe_payoffs by detente, which "
    "matched pygambit 16.7 on every file both read (pure Nash sets 157/157, SPE 29/29; issue 15); "
    "qre by the independent small-step continuation scripts/qre_reference.py (action "
    "probabilities in information-set order); qre_gap is its largest difference from "
    "detente's arc-length follower.",
}


class _TimeoutError(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TimeoutError


def _entry(game: Game, qre: bool = True) -> dict[str, Any]:
    entry: dict[str, Any] = {"nodes": len(game.nodes)}
    profiles = math.prod(len(h.actions) for h in game.infosets if h.player > 0)
    if profiles <= MAX_PROFILES:
        entry["pure_nash"] = len(solve_pure_nash(game).equilibria)
    if is_perfect_information(game):
        entry["spe_payoffs"] = list(solve_spe(game).equilibria[0].payoffs.values())
        return entry
    unknowns = sum(len(h.actions) for h in game.infosets if h.player > 0)
    if qre and unknowns <= MAX_UNKNOWNS:
        ref = follow(game, list(LAMBDAS))
        entry["qre"], gap = {}, 0.0
        for lam in LAMBDAS:
            values = [ref[lam][k] for k in sorted(ref[lam])]
            ours = flat_profile(game, solve_qre(game, lam).equilibria[0])
            gap = max(gap, *(abs(a - b) for a, b in zip(values, ours, strict=True)))
            entry["qre"][lam] = [round(v, 10) for v in values]
        entry["qre_gap"] = float(f"{gap:.2g}")
    return entry


def main() -> None:
    folder = Path(
        sys.argv[1] if len(sys.argv) > 1 else REPO.parent / "shared/reference/gambit-games"
    )
    signal.signal(signal.SIGALRM, _alarm)
    games: dict[str, Any] = {}
    for path in sorted(folder.rglob("*.efg")):
        rel = str(path.relative_to(folder))
        start = time.monotonic()
        signal.alarm(SECONDS)
        try:
            games[rel] = _entry(read_efg(path))
        except DetenteError as exc:
            games[rel] = {"error": str(exc).split(": ", 1)[1]}
        except (_TimeoutError, RuntimeError):
            games[rel] = _entry(read_efg(path), qre=False)
            games[rel]["qre"] = (
                f"not computed: the reference continuation took more than {SECONDS} s"
            )
        finally:
            signal.alarm(0)
        print(f"{rel}: {time.monotonic() - start:.1f} s {games[rel]}", file=sys.stderr)
    OUT.write_text(yaml.safe_dump({**HEADER, "games": games}, sort_keys=False, width=100))


if __name__ == "__main__":
    main()
