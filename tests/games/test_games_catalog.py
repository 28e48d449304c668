"""Equilibrium conditions published for each canonical game (see each module's docstring)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.games import CATALOG, load_game, solve_pbe, solve_qre, solve_spe, sweep
from detente.games.catalog.korea import DeadlineParams
from detente.scenario import GameParameter, GameSetup

BUNDLED = Path(__file__).resolve().parents[2] / "src" / "detente" / "data" / "scenarios"

# ---- International Interaction Game [BDM-Lalman1992] -------------------------------------------


@st.composite
def iig_utilities(draw: st.DrawFn, retaliate: bool) -> dict[str, float]:
    """Utilities with the book's orderings; doves (Nego over both wars)."""
    out: dict[str, float] = {}
    for i, j in (("a", "b"), ("b", "a")):
        xs = sorted(
            draw(st.lists(st.floats(-10, 10), min_size=8, max_size=8, unique=True)), reverse=True
        )
        acq_j, cap_j, nego, sq, war_i, war_j, acq_i, cap_i = xs
        if not retaliate:
            war_j, cap_i = cap_i, war_j  # capitulating beats fighting the other's war
        out.update(
            {
                f"{i}_acq_{j}": acq_j,
                f"{i}_cap_{j}": cap_j,
                f"{i}_nego": nego,
                f"{i}_sq": sq,
                f"{i}_war_{i}": war_i,
                f"{i}_war_{j}": war_j,
                f"{i}_acq_{i}": acq_i,
                f"{i}_cap_{i}": cap_i,
            }
        )
    return out


def _crisis_path(params: dict[str, float], crisis: str, first: str, second: str) -> tuple[str, str]:
    prof = solve_spe(load_game("iig", params).game).equilibria[0].profile
    a = max(prof[first][f"{crisis}: {first} force?"].items(), key=lambda kv: kv[1])[0]
    b = max(prof[second][f"{crisis}: {second} force?"].items(), key=lambda kv: kv[1])[0]
    return a, b


@settings(max_examples=40, deadline=None)
@given(iig_utilities(retaliate=True))
def test_iig_crisis_ends_in_negotiation_between_retaliating_doves(u: dict[str, float]) -> None:
    assert _crisis_path(u, "crisis 1", "A", "B") == ("No force", "No force")
    assert _crisis_path(u, "crisis 2", "B", "A") == ("No force", "No force")


@settings(max_examples=40, deadline=None)
@given(iig_utilities(retaliate=False))
def test_iig_no_negotiation_when_the_first_mover_would_capitulate(u: dict[str, float]) -> None:
    assert _crisis_path(u, "crisis 1", "A", "B") != ("No force", "No force")


def test_iig_status_quo_when_neither_gains_by_demanding() -> None:
    sol = solve_spe(load_game("iig", {"a_sq": 0.9, "b_sq": 0.9}).game)
    assert sol.equilibria[0].outcome_probabilities["SQ"] == 1.0
    sol = solve_spe(load_game("iig", {"b_sq": 0.6}).game)
    assert sol.equilibria[0].outcome_probabilities["Nego"] == 1.0


# ---- Audience costs [Fearon1994] -----------------------------------------------------------


@pytest.mark.parametrize("a", [0.1, 0.5, 0.69, 0.71, 1.5])
def test_fearon_stand_firm_iff_war_beats_audience_cost(a: float) -> None:
    loaded = load_game("audience_costs", {"a": a})
    q = solve_qre(loaded.game, 200.0).equilibria[0].profile["Challenger"]
    p = loaded.params
    for kind, cost in (("resolved", p["c_resolved"]), ("unresolved", p["c_unresolved"])):
        firm = p["q"] * p["v"] - cost >= -a
        assert (q[f"{kind}, resisted"]["Fight"] > 0.5) == firm


def test_fearon_high_audience_costs_make_the_defender_concede() -> None:
    sols = solve_pbe(load_game("audience_costs", {"a": 1.0}).game).equilibria
    assert {e.outcome_probabilities["Defender concedes"] for e in sols} == {1.0}


@pytest.mark.parametrize(("p", "pooling"), [(0.7, False), (0.85, True)])
def test_fearon_pooling_iff_prior_above_threshold(p: float, pooling: bool) -> None:
    loaded = load_game("audience_costs", {"p_resolved": p})
    sol = solve_pbe(loaded.game)
    assert sol.details["mixed"] != pooling  # below mu* = 1/1.3 only the mixed equilibrium exists
    if pooling:
        assert {e.outcome_probabilities["Defender concedes"] for e in sol.equilibria} == {1.0}
        return
    # the semi-separating equilibrium of the module docstring's condition 3
    (eq,) = sol.equilibria
    v = loaded.params
    w_d = (1 - v["q"]) * v["v"] - v["c_d"]
    mu = v["v"] / (v["v"] - w_d)
    bluff = p * (1 - mu) / ((1 - p) * mu)
    assert eq.profile["Challenger"]["unresolved challenger"]["Challenge"] == pytest.approx(bluff)
    resist = v["v"] / (v["v"] + v["a"])
    assert eq.profile["Defender"]["after challenge"]["Resist"] == pytest.approx(resist)


# ---- Deterrence [Morrow1994; ZagareKilgour2000] -------------------------------------------


@pytest.mark.parametrize(("p_hard", "challenge"), [(0.5, True), (0.8, True), (0.9, False)])
def test_deterrence_separating_challenge_threshold(p_hard: float, challenge: bool) -> None:
    params = {"p_hard": p_hard, "w_hard": -0.2}  # C fights even a known hard defender
    sols = solve_pbe(load_game("deterrence", params).game).equilibria
    assert sols
    expected = p_hard * -0.2 + (1 - p_hard) * 1.0 > 0
    assert expected == challenge
    for e in sols:
        assert (e.outcome_probabilities["Status quo"] == 0.0) == challenge
        assert e.profile["Defender"]["hard defender"]["Resist"] == 1.0


@pytest.mark.parametrize("p_hard", [0.3, 0.4, 0.42, 0.6])
def test_deterrence_pooling_iff_prior_at_least_threshold(p_hard: float) -> None:
    loaded = load_game("deterrence", {"p_hard": p_hard})
    p = loaded.params
    mu_star = (p["w_soft"] + p["b"]) / (p["w_soft"] - p["w_hard"])
    sols = solve_pbe(loaded.game).equilibria
    pooled = [e for e in sols if e.outcome_probabilities["Status quo"] == 1.0]
    assert bool(pooled) == (p_hard >= mu_star)
    for e in pooled:
        bounds = e.off_path_beliefs["after resistance"]["Hard/Challenge/Resist"]
        assert bounds == (p_hard, p_hard)


# ---- Deadline provocation (Korea) -------------------------------------------------------


@pytest.mark.parametrize("months", [0.0, 3.0, 6.0, 10.0, 24.0])
def test_korea_us_response_to_red_line_test_follows_condition_1(months: float) -> None:
    loaded = load_game("deadline_provocation", {"months_to_election": months})
    p = DeadlineParams(**loaded.params)
    pi = math.exp(-p.months_to_election / p.horizon)
    for e in solve_pbe(loaded.game).equilibria:
        key = "after red-line test"
        belief = e.beliefs.get(key) or {
            k: lo for k, (lo, hi) in e.off_path_beliefs[key].items() if lo == hi
        }
        if not belief:
            continue
        mu = belief["Resolute/Red-line test"]
        values = {
            "Partial relief": p.deal_us - p.audience_cost * pi,
            "Hold firm": -(p.hold_cost + p.tension_cost * pi),
            "Escalate": -p.crisis_cost_us
            + (p.rally - p.tension_cost) * pi
            + (1 - mu) * p.coercion_gain,
        }
        chosen = max(e.profile["US"][key].items(), key=lambda kv: kv[1])[0]
        assert values[chosen] == pytest.approx(max(values.values()))


def _red_line(months: list[float], **base: float) -> list[float]:
    s = sweep("deadline_provocation", "months_to_election", months, lam=5.0, base=base)
    return [r.qre_actions["NK"]["Red-line test"] for r in s.rows]


def test_korea_provocation_pays_more_as_the_election_nears() -> None:
    probs = _red_line([0.0, 3.0, 6.0, 10.0, 24.0])
    assert probs == sorted(probs, reverse=True)


def test_korea_provocation_backfires_when_the_rally_effect_dominates() -> None:
    near, far = _red_line([1.0, 24.0], rally=4.0, tension_cost=0.2)
    assert far > 2 * near  # the tested red line is answered by escalation near the vote


def test_korea_parameters_come_from_the_scenario() -> None:
    path = BUNDLED / "korea-2019-12.yaml"
    if not path.exists():
        pytest.skip("korea-2019-12.yaml not bundled")
    from detente.api import load_scenario

    scenario = load_scenario(path)
    setup = scenario.game("deadline_provocation")
    assert setup is not None
    names = {f.name for f in dataclasses.fields(DeadlineParams)}
    assert {p.name for p in setup.parameters} == names
    assert all(p.rationale for p in setup.parameters)
    loaded = load_game("deadline_provocation", {"p_resolute": 0.5}, scenario)
    assert loaded.params["months_to_election"] == setup.as_dict()["months_to_election"]
    assert loaded.params["p_resolute"] == 0.5  # explicit override wins


def test_scenario_values_override_defaults() -> None:
    from helpers import make_scenario

    base = make_scenario([[1.0], [2.0]], [[50.0], [50.0]], [1.0, 1.0])
    sc = dataclasses.replace(
        base, games=(GameSetup("deterrence", (GameParameter("p_hard", 0.9, "test"),)),)
    )
    assert load_game("deterrence", None, sc).params["p_hard"] == 0.9


def test_every_catalog_game_builds_with_defaults() -> None:
    for name, entry in CATALOG.items():
        game = entry.build(entry.params())
        assert game.nodes and game.players, name
