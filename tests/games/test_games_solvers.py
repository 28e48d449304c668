from __future__ import annotations

import math

import numpy as np
import pytest

from detente.errors import ModelInputError
from detente.games import (
    build,
    chance,
    decide,
    leaf,
    load_game,
    solve,
    solve_pbe,
    solve_pure_nash,
    solve_qre,
    solve_spe,
)
from detente.games import qre as qre_module
from detente.games.arrays import compile_game
from detente.games.continuation import PathOptions
from detente.games.solution import describe


def entry_game() -> object:
    """Selten's chain-store stage game: SPE (In, Accommodate); Nash also (Out, Fight)."""
    return build(
        "entry",
        ["Entrant", "Incumbent"],
        decide(
            "Entrant",
            "enter?",
            {
                "Out": leaf("Out", 0, 2),
                "In": decide(
                    "Incumbent",
                    "respond",
                    {"Accommodate": leaf("Share", 1, 1), "Fight": leaf("Fight", -1, -1)},
                ),
            },
        ),
    )


def pennies() -> object:
    """Matching pennies in extensive form: no pure equilibrium, QRE uniform at every lambda."""

    def second(first: str) -> object:
        return decide(
            "P2",
            "guess",
            {
                "H": leaf("HH" if first == "H" else "TH", *((1, -1) if first == "H" else (-1, 1))),
                "T": leaf("HT" if first == "H" else "TT", *((-1, 1) if first == "H" else (1, -1))),
            },
        )

    return build(
        "pennies", ["P1", "P2"], decide("P1", "coin", {"H": second("H"), "T": second("T")})
    )


def test_spe_of_entry_game() -> None:
    eq = solve_spe(entry_game()).equilibria[0]  # type: ignore[arg-type]
    assert eq.profile["Entrant"]["enter?"] == {"Out": 0.0, "In": 1.0}
    assert eq.profile["Incumbent"]["respond"] == {"Accommodate": 1.0, "Fight": 0.0}
    assert eq.outcome_probabilities["Share"] == 1.0
    assert eq.payoffs == {"Entrant": 1.0, "Incumbent": 1.0}


def test_nash_finds_the_incredible_threat_and_pbe_drops_it() -> None:
    game = entry_game()
    nash = {tuple(e.outcome_probabilities.items()) for e in solve_pure_nash(game).equilibria}  # type: ignore[arg-type]
    assert len(nash) == 2
    pbe = solve_pbe(game).equilibria  # type: ignore[arg-type]
    assert [e.outcome_probabilities["Share"] for e in pbe] == [1.0]


def test_spe_reports_ties_and_refuses_imperfect_information() -> None:
    tie = build("tie", ["A"], decide("A", "h", {"x": leaf("X", 1), "y": leaf("Y", 1)}))
    assert solve_spe(tie).details["ties"] == ["h"]
    with pytest.raises(ModelInputError, match="perfect information"):
        solve_spe(pennies())  # type: ignore[arg-type]


def test_pennies_has_no_pure_equilibrium_and_uniform_qre() -> None:
    game = pennies()
    assert solve_pure_nash(game).equilibria == ()  # type: ignore[arg-type]
    q = solve_qre(game, 3.0)  # type: ignore[arg-type]
    assert q.details["converged"]
    for sets in q.equilibria[0].profile.values():
        for probs in sets.values():
            assert list(probs.values()) == pytest.approx([0.5, 0.5], abs=1e-8)


def test_single_decision_is_the_logit_formula() -> None:
    game = build("one", ["A"], decide("A", "h", {"x": leaf("X", 1.0), "y": leaf("Y", 0.0)}))
    p = solve_qre(game, 2.0).equilibria[0].profile["A"]["h"]["x"]
    assert p == pytest.approx(math.exp(2) / (1 + math.exp(2)), rel=1e-12)


def test_backward_recursion_equals_fixed_point_on_perfect_information() -> None:
    game = load_game("iig").game
    arr = compile_game(game)
    exact = qre_module._backward(arr, 3.0)
    path, details = qre_module._path(arr, 3.0, PathOptions())
    assert details["converged"]
    assert np.allclose(exact, path, atol=1e-8)


def test_qre_approaches_spe_as_lambda_grows() -> None:
    loaded = load_game("iig", {"b_sq": 0.6})
    spe = solve_spe(loaded.game)
    assert spe.details["ties"] == []
    target = spe.equilibria[0].profile
    gaps = []
    for lam in (1.0, 10.0, 100.0, 1000.0):
        prof = solve_qre(loaded.game, lam).equilibria[0].profile
        gaps.append(
            max(
                abs(prof[p][h][a] - target[p][h][a])
                for p in target
                for h in target[p]
                for a in target[p][h]
            )
        )
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] < 1e-3


def test_qre_approaches_the_mixed_equilibrium_of_the_audience_cost_game() -> None:
    """Semi-separating equilibrium ([Fearon1994] game, module docstring condition 3)."""
    loaded = load_game("audience_costs")
    p = loaded.params
    w_d = (1 - p["q"]) * p["v"] - p["c_d"]
    mu = p["v"] / (p["v"] - w_d)
    bluff = p["p_resolved"] * (1 - mu) / ((1 - p["p_resolved"]) * mu)
    resist = p["v"] / (p["v"] + p["a"])
    gaps = []
    for lam in (5.0, 50.0, 400.0):
        q = solve_qre(loaded.game, lam)
        assert q.details["converged"]
        prof = q.equilibria[0].profile
        gaps.append(
            max(
                abs(prof["Challenger"]["unresolved challenger"]["Challenge"] - bluff),
                abs(prof["Defender"]["after challenge"]["Resist"] - resist),
            )
        )
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] < 0.01


def test_qre_approaches_the_pooling_pbe_of_the_deterrence_game() -> None:
    loaded = load_game("deterrence")
    pbe = solve_pbe(loaded.game).equilibria
    assert len(pbe) == 1
    q = solve_qre(loaded.game, 300.0).equilibria[0]
    for k, v in pbe[0].outcome_probabilities.items():
        assert q.outcome_probabilities[k] == pytest.approx(v, abs=1e-3)


def test_describe_probabilities_and_beliefs_sum_to_one() -> None:
    game = load_game("deadline_provocation").game
    arr = compile_game(game)
    rng = np.random.default_rng(7)
    sigma = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    for h, info in enumerate(game.infosets):
        if info.player > 0:
            sigma[arr.offsets[h] : arr.offsets[h + 1]] = rng.dirichlet(np.ones(len(info.actions)))
    eq = describe(arr, sigma)
    assert sum(eq.outcome_probabilities.values()) == pytest.approx(1.0)
    for b in eq.beliefs.values():
        assert sum(b.values()) == pytest.approx(1.0)
    assert sum(eq.action_probabilities["NK"].values()) == pytest.approx(1.0)


def test_chance_only_game() -> None:
    game = build(
        "lottery", ["A"], chance("c", [("a", 0.25, leaf("win", 4)), ("b", 0.75, leaf("lose", 0))])
    )
    eq = solve_spe(game).equilibria[0]
    assert eq.outcome_probabilities == {"win": 0.25, "lose": 0.75}
    assert eq.payoffs == {"A": 1.0}


def test_solution_records_the_parameters_that_built_the_game() -> None:
    """The game owns its parameters: the record is what was solved (issue 15, seams)."""
    sol = solve(load_game("deterrence", {"p_hard": 0.9}), "pbe")
    assert sol.params["p_hard"] == 0.9
    assert sol.params == dict(load_game("deterrence", {"p_hard": 0.9}).params)
    d = solve(load_game("deterrence"), "pbe").to_dict()
    assert {"game", "method", "params", "equilibria"} <= set(d)
    assert d["method"] == "pbe" and d["params"]["p_hard"] == 0.5
    eq = d["equilibria"][0]
    assert {"profile", "beliefs", "outcome_probabilities"} <= set(eq)
    assert eq["off_path_beliefs"]["after resistance"]["Hard/Challenge/Resist"] == [0.5, 0.5]


def test_enumeration_refuses_huge_games_before_building_them() -> None:
    game = load_game("provoke_respond", {"stages": 5}).game
    with pytest.raises(ModelInputError, match="pure strategy profiles"):
        solve_pbe(game)


def test_a_loaded_game_given_to_a_solver_says_what_to_pass() -> None:
    """load_game returns a LoadedGame; solve_pbe(it) failed with "no attribute 'infosets'"."""
    from detente.games import load_game, solve_mixed_nash, solve_pure_nash, solve_qre

    loaded = load_game("deterrence")
    for solver in (solve_spe, solve_pbe, solve_qre, solve_mixed_nash, solve_pure_nash):
        with pytest.raises(TypeError, match=r"got LoadedGame: pass its \.game, or use detente"):
            solver(loaded)  # type: ignore[arg-type]
    assert solve_pbe(loaded.game).equilibria
