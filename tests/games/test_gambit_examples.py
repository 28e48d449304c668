"""Cross-check on the Gambit project's 174 example games against golden numbers.

The games (GPL) are read from ``../shared/reference/gambit-games`` and are not in the
repository; ``tests/reference/gambit_examples.yaml`` holds numbers computed from them (see its
``source`` and ``how``): node counts, located refusals of absent-minded games, pure Nash
equilibrium counts (matched against pygambit 16.7 when recorded), subgame-perfect payoffs, and
agent QRE probabilities at lambda = 0.5, 1, 5 from an independent small-step continuation.  The
default suite checks every file that is quick to solve and the QRE of a few games; the rest is
marked slow (it runs in CI under ``make test-slow``).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from detente.errors import InputError
from detente.games import read_efg, solve_pure_nash, solve_qre, solve_spe
from detente.games.solution import flat_profile
from detente.games.tree import Game
from helpers import SHARED

GAMBIT = SHARED / "reference" / "gambit-games"
REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "gambit_examples.yaml"
GAMES: dict[str, dict[str, Any]] = yaml.safe_load(REFERENCE.read_text())["games"]
QUICK_PROFILES = 5_000
QUICK_QRE = {
    "contrib/games/bhg4.efg",
    "contrib/games/bhg5.efg",
    "contrib/games/coord3.efg",
    "contrib/games/condjury.efg",
    "catalog/books/myerson1991/fig2_1.efg",
    "catalog/books/shohamleytonbrown2008/fig5_10.efg",
    "contrib/games/sww3.efg",
}
QRE_TOL = 1e-8  # the two continuations agree within 5e-13; the golden values have 10 decimals

pytestmark = pytest.mark.skipif(
    not GAMBIT.is_dir(), reason=f"Gambit's example games not found at {GAMBIT}"
)


def _profiles(game: Game) -> int:
    return math.prod(len(h.actions) for h in game.infosets if h.player > 0)


def _size(rel: str) -> int:
    entry = GAMES[rel]
    return 0 if "error" in entry else int(entry["nodes"])


def _mark(quick: bool) -> list[pytest.MarkDecorator]:
    return [] if quick else [pytest.mark.slow]


def _structure_cases() -> list[Any]:
    return [pytest.param(rel, marks=_mark(_size(rel) <= 200)) for rel in GAMES]


def _qre_cases() -> list[Any]:
    return [
        pytest.param(rel, lam, values, marks=_mark(rel in QUICK_QRE))
        for rel, entry in GAMES.items()
        if isinstance(entry.get("qre"), dict)
        for lam, values in entry["qre"].items()
    ]


def test_every_file_has_golden_numbers() -> None:
    on_disk = {str(p.relative_to(GAMBIT)) for p in GAMBIT.rglob("*.efg")}
    assert on_disk == set(GAMES) and len(GAMES) == 174
    assert sum("error" in e for e in GAMES.values()) == 15  # the absent-minded files
    assert sum(isinstance(e.get("qre"), dict) for e in GAMES.values()) >= 120


@pytest.mark.parametrize("rel", _structure_cases())
def test_structure_equilibria_and_refusals(rel: str) -> None:
    entry = GAMES[rel]
    if "error" in entry:
        with pytest.raises(InputError) as info:
            read_efg(GAMBIT / rel)
        assert str(info.value).endswith(entry["error"])
        return
    game = read_efg(GAMBIT / rel)
    assert len(game.nodes) == entry["nodes"]
    if "spe_payoffs" in entry:
        payoffs = list(solve_spe(game).equilibria[0].payoffs.values())
        assert payoffs == pytest.approx(entry["spe_payoffs"], abs=1e-9)
    if "pure_nash" in entry and (_profiles(game) <= QUICK_PROFILES or _size(rel) > 200):
        assert len(solve_pure_nash(game).equilibria) == entry["pure_nash"]


@pytest.mark.parametrize(("rel", "lam", "expected"), _qre_cases())
def test_qre_principal_branch(rel: str, lam: float, expected: list[float]) -> None:
    game = read_efg(GAMBIT / rel)
    q = solve_qre(game, lam)
    assert q.details["converged"], q.details
    assert flat_profile(game, q.equilibria[0]) == pytest.approx(expected, abs=QRE_TOL)
