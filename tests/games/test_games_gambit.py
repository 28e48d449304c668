"""Cross-check against pygambit (optional extra [gambit]); skipped unless it is installed."""

from __future__ import annotations

import pytest

from detente.games import load_game, solve_nash, solve_qre

pytest.importorskip("pygambit")

SMALL = [
    ("iig", {}),
    ("deterrence", {}),
    ("audience_costs", {"a": 1.0}),
    ("provoke_respond", {"stages": 2}),
]


def _key(d: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((k, round(v, 9)) for k, v in d.items()))


@pytest.mark.parametrize(("name", "params"), SMALL)
def test_pure_nash_matches_pygambit(name: str, params: dict[str, float]) -> None:
    from detente.adapters.gambit import pure_nash_outcomes

    game = load_game(name, params).game
    ours = {_key(dict(e.outcome_probabilities)) for e in solve_nash(game).equilibria}
    theirs = {_key(d) for d in pure_nash_outcomes(game)}
    assert ours == theirs


@pytest.mark.parametrize(("name", "params"), SMALL)
def test_qre_matches_pygambit(name: str, params: dict[str, float]) -> None:
    from detente.adapters.gambit import qre_profile

    game = load_game(name, params).game
    ours = solve_qre(game, 1.0).equilibria[0].profile
    theirs = qre_profile(game, 1.0)
    for player, sets in ours.items():
        for h, probs in sets.items():
            for a, p in probs.items():
                assert theirs[player][h][a] == pytest.approx(p, abs=1e-4)
