"""Cross-check against pygambit 16.7 (optional extra [gambit]); skipped unless it is installed.

Measured agreement (pygambit 16.7.0) is recorded in docs/explanation/games.md.  The games are
the small catalog games (the repeated game at 2 and 3 stages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from detente.adapters import gambit
from detente.games import load_game, parse_efg, solve_pbe, solve_pure_nash, solve_qre, solve_spe
from detente.games.tree import Game

pytest.importorskip("pygambit", minversion="16.7", exc_type=ImportError)

DATA = Path(__file__).resolve().parent / "data"

SMALL = [
    ("iig", {}),
    ("deterrence", {}),
    ("audience_costs", {}),
    ("audience_costs", {"a": 1.0}),
    ("deadline_provocation", {}),
    ("provoke_respond", {"stages": 2}),
]
QRE_GAMES = [*SMALL, ("provoke_respond", {"stages": 3})]
QRE_TOL = 1e-7  # measured max difference 3.6e-10


def _key(d: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((k, round(v, 9)) for k, v in d.items()))


def _gap(ours: Mapping[str, Mapping[str, Mapping[str, float]]], theirs: gambit.Profile) -> float:
    """Largest difference in any action probability."""
    return max(
        abs(p - theirs[pl][h][a])
        for pl, sets in ours.items()
        for h, probs in sets.items()
        for a, p in probs.items()
    )


@pytest.mark.parametrize(("name", "params"), SMALL)
def test_pure_nash_outcome_sets_match_pygambit(name: str, params: dict[str, float]) -> None:
    game = load_game(name, params).game
    ours = {_key(dict(e.outcome_probabilities)) for e in solve_pure_nash(game).equilibria}
    theirs = {_key(d) for d in gambit.pure_nash_outcomes(game)}
    assert ours and ours == theirs


@pytest.mark.parametrize("lam", [0.5, 1.0, 5.0, 50.0])
@pytest.mark.parametrize(("name", "params"), QRE_GAMES)
def test_qre_matches_pygambit(name: str, params: dict[str, float], lam: float) -> None:
    game = load_game(name, params).game
    q = solve_qre(game, lam)
    assert q.details["converged"]
    assert _gap(q.equilibria[0].profile, gambit.qre_profile(game, lam)) < QRE_TOL


@pytest.mark.parametrize(
    ("name", "params", "tol"),
    [
        ("iig", {"b_sq": 0.6}, 1e-5),
        ("deterrence", {}, 1e-5),
        ("deadline_provocation", {}, 1e-5),
        ("provoke_respond", {"stages": 2}, 1e-5),
        ("audience_costs", {}, 2e-3),  # mixed limit: the gap closes like 1/lambda
    ],
)
def test_qre_approaches_pygambits_logit_limit(
    name: str, params: dict[str, float], tol: float
) -> None:
    game = load_game(name, params).game
    limit = gambit.logit_limit_profile(game)
    gaps = [_gap(solve_qre(game, lam).equilibria[0].profile, limit) for lam in (10, 100, 1000)]
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < tol


def test_spe_is_pygambits_logit_limit_on_perfect_information() -> None:
    game = load_game("iig", {"b_sq": 0.6}).game
    assert _gap(solve_spe(game).equilibria[0].profile, gambit.logit_limit_profile(game)) < 1e-6


@pytest.mark.parametrize("name", ["deterrence", "deadline_provocation"])
def test_pbe_contains_pygambits_logit_limit(name: str) -> None:
    game = load_game(name).game
    limit = gambit.logit_limit_profile(game)
    assert min(_gap(e.profile, limit) for e in solve_pbe(game).equilibria) < 1e-6


def _same_but_outcome_labels(a: Game, b: Game, prob_tol: float = 0.0) -> None:
    """pygambit renames repeated outcome labels (War -> War_1, War_2)."""
    for x, y in zip(a.outcomes, b.outcomes, strict=True):
        assert x.payoffs == y.payoffs
        assert x.label == y.label or x.label.startswith(y.label + "_")
    for h, k in zip(a.infosets, b.infosets, strict=True):
        assert h.probs == pytest.approx(k.probs, abs=prob_tol, rel=0)
    assert replace(a, outcomes=(), infosets=()) == replace(b, outcomes=(), infosets=())
    assert [replace(h, probs=()) for h in a.infosets] == [replace(h, probs=()) for h in b.infosets]


@pytest.mark.parametrize("rational", [True, False])
@pytest.mark.parametrize(("name", "params"), QRE_GAMES)
def test_efg_round_trip_through_pygambit(
    name: str, params: dict[str, float], rational: bool
) -> None:
    game = load_game(name, params).game
    g = gambit.to_gambit(game, rational=rational)
    assert len(list(g.nodes)) == len(game.nodes)
    _same_but_outcome_labels(gambit.from_gambit(g), game)


@pytest.mark.parametrize("path", sorted(DATA.glob("*-gambit*.efg")), ids=lambda p: p.name)
def test_fixtures_are_what_pygambit_writes(path: Path) -> None:
    """tests/games/data/*-gambit*.efg were written by pygambit 16.7.0's ``Game.to_efg``."""
    text = path.read_text(encoding="utf-8")
    game = parse_efg(text, path.name)
    rational = "decimal" not in path.name
    assert gambit.to_gambit(game, rational=rational).to_efg() == text
