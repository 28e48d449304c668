"""The QRE path follower stays on the principal branch and never reports a non-QRE as converged.

Regression tests for issue 15 item 10: on Gambit's ``bhg4``, ``bhg5`` (λ = 0.5, 1, 5) and
``coord3`` (λ = 5) the old follower returned a QRE off the principal branch (differences up to
1.0); on ``large_payoff_game`` (payoffs ±1e19) it returned a pure profile marked converged whose
logit response was 0.731.  The games are read from ``../shared/reference/gambit-games`` (GPL,
not in the repository); the expected values are in ``tests/reference/``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from detente.games import load_game, logit, read_efg, solve_qre
from detente.games.arrays import compile_game
from detente.games.continuation import PathOptions
from detente.games.solution import flat_profile
from detente.games.tree import Game
from helpers import SHARED

GAMBIT = SHARED / "reference" / "gambit-games"
REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "gambit_qre_principal_branch.yaml"
needs_gambit_games = pytest.mark.skipif(
    not GAMBIT.is_dir(), reason=f"Gambit's example games not found at {GAMBIT}"
)


def flat(game: Game, lam: float, options: PathOptions | None = None) -> list[float]:
    """Our QRE's action probabilities in information-set order (the reference's order)."""
    q = solve_qre(game, lam, options=options)
    assert q.details["converged"], q.details
    return flat_profile(game, q.equilibria[0])


def _cases() -> list[tuple[str, float, list[float]]]:
    ref = yaml.safe_load(REFERENCE.read_text())
    return [(f, lam, v) for f, by in ref["expected"].items() for lam, v in by.items()]


@needs_gambit_games
@pytest.mark.parametrize(("path", "lam", "expected"), _cases())
def test_principal_branch_on_gambit_games(path: str, lam: float, expected: list[float]) -> None:
    assert flat(read_efg(GAMBIT / path), lam) == pytest.approx(expected, abs=1e-8)


@needs_gambit_games
def test_huge_payoffs_give_the_qre_not_a_pure_profile() -> None:
    """Payoffs ±1e19, λ = 0.5: player 1 mixes as the logit formula says ([McKelveyPalfrey1998]).

    Player 2 plays Y at its first set and X at its second with probability 1 - exp(-~1e18).
    Then player 1 after L compares A (payoff 1) with B (payoff -1): P(A) = 1 / (1 + e^-1); after
    R it compares A (1) with B (0): P(A) = 1 / (1 + e^-0.5).
    """
    game = read_efg(GAMBIT / "tests/test_games/large_payoff_game.efg")
    q = solve_qre(game, 0.5)
    assert q.details["converged"] and q.details["residual"] < 1e-12
    assert q.details["payoff_scale"] == 1e19
    p1 = q.equilibria[0].profile["1"]
    assert p1["1:1"]["A"] == pytest.approx(1 / (1 + math.exp(-1.0)), abs=1e-9)
    assert p1["1:2"]["A"] == pytest.approx(1 / (1 + math.exp(-0.5)), abs=1e-9)


def test_a_path_cut_short_is_not_converged() -> None:
    game = load_game("deterrence").game
    q = solve_qre(game, 5.0, options=PathOptions(max_steps=3))
    assert not q.details["converged"]
    assert q.details["lambda_reached"] < 5.0
    assert q.details["residual"] > 1e-8  # the residual of the profile actually returned


def test_lambda_zero_is_the_centroid() -> None:
    q = solve_qre(load_game("deterrence").game, 0.0)
    assert q.details["converged"] and q.details["steps"] == 0
    for sets in q.equilibria[0].profile.values():
        for probs in sets.values():
            assert set(probs.values()) == {1 / len(probs)}


@pytest.mark.parametrize("name", ["deterrence", "audience_costs", "deadline_provocation"])
def test_jacobian_matches_finite_differences(name: str) -> None:
    system = logit.logit_system(compile_game(load_game(name).game))
    rng = np.random.default_rng(3)
    y = logit.centroid(system) + rng.normal(0.0, 0.3, len(system.dec))
    jac = logit.jacobian(system, y, 1.7)
    eps = 1e-6
    for j in range(len(y) + 1):
        d = np.zeros(len(y) + 1)
        d[j] = eps
        up = logit.equations(system, y + d[:-1], 1.7 + d[-1])
        down = logit.equations(system, y - d[:-1], 1.7 - d[-1])
        assert np.allclose(jac[:, j], (up - down) / (2 * eps), atol=1e-7)


def test_follower_agrees_with_the_exact_backward_pass_through_a_scale_change() -> None:
    """Perfect information has an exact answer; the path follower, forced, must find it."""
    from detente.games import qre as qre_module

    game = load_game("iig", {"a_acq_b": 100.0, "b_acq_a": 100.0}).game
    arr = compile_game(game)
    path, details = qre_module._path(arr, 0.3, PathOptions())
    assert details["converged"] and details["payoff_scale"] == 100.0
    assert np.allclose(path, qre_module._backward(arr, 0.3), atol=1e-9)
