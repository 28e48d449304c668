"""The notebook face: one-line reprs, HTML tables, DataFrames, figures and replicate()."""

from __future__ import annotations

import pytest

import detente
from detente.api import bundled_scenarios
from detente.params import ParamError
from detente.rng import spawn_seeds

SHOCK = {"salience_shock": 0.2, "rounds": 3}


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


@pytest.fixture(scope="module")
def bdm(korea: detente.Scenario) -> detente.Result:
    return detente.run(korea, "bdm")


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_a_scenario_prints_as_one_short_line(name: str) -> None:
    s = detente.load_scenario(name)
    text = repr(s)
    assert "\n" not in text and len(text) < 200 and text.startswith(f"Scenario({s.id!r}: ")
    html = s._repr_html_()
    assert html.startswith("<table>") and html.count("<tr>") == len(s.actors) + 1


def test_a_result_and_its_rounds_print_as_one_line(bdm: detente.Result) -> None:
    assert repr(bdm) == (
        "Result('bdm' on 'korea-2019-12': 8 actors, 8 rounds, seed None, "
        "forecast sequencing=75, denuclearization=95, us_posture=35)"
    )
    assert repr(bdm.rounds[1]).startswith("Round(1: 8 actors, median (75, 95, 85), mean (")
    assert repr(bdm.rounds[1]).endswith("extra: risk, accepted, offers)")
    assert bdm._repr_html_().count("<tr>") == 1 + len(bdm.issues)


def test_scenario_frame(korea: detente.Scenario) -> None:
    f = korea.to_frame()
    assert list(f.columns) == ["actor", "name", "capability", "issue", "position", "salience"]
    assert len(f) == len(korea.actors) * len(korea.issues)
    usa = f[(f.actor == "USA") & (f.issue == "sequencing")].iloc[0]
    assert (usa.position, usa.salience) == (75.0, 75.0)


def test_result_frames(bdm: detente.Result) -> None:
    positions = bdm.to_frame()
    assert len(positions) == len(bdm.rounds) * len(bdm.actors) * len(bdm.issues)
    last = positions[positions["round"] == len(bdm.rounds) - 1]
    assert last.position.tolist() == [x for row in bdm.rounds[-1].positions for x in row]
    rounds = bdm.to_frame("rounds")
    assert rounds.groupby("issue")["median"].last().to_dict() == dict(
        zip(bdm.issues, bdm.forecast, strict=True)
    )
    offers = bdm.to_frame("offers")
    assert {"round", "issue", "from", "to", "eu", "accepted"} <= set(offers.columns)
    assert len(offers) == sum(len(r.extra["offers"]) for r in bdm.rounds[1:])
    risk = bdm.to_frame("risk")
    assert list(risk.columns) == ["round", "actor", "issue", "risk"]
    assert risk.risk.between(0.5, 2.0).all()
    with pytest.raises(KeyError, match="known: positions, rounds, accepted, offers, risk"):
        bdm.to_frame("bargains")


def test_smp_traces() -> None:
    smp = detente.run("ktab-soe-policy", "smp", {"max_turns": 3})
    wins = smp.to_frame("win_probability")
    assert len(wins) == len(smp.rounds) * len(smp.actors)
    assert wins.win_probability.between(0.0, 1.0).all()
    assert {"initiator", "receiver", "p_initiator"} <= set(smp.to_frame("bargains").columns)


def test_plots_are_figures(korea: detente.Scenario, bdm: detente.Result) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    from detente import plot

    fig = plot.positions(korea, "us_posture", [bdm])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.get_yticklabels()}
    assert labels == set(korea.actor_ids) and len(ax.lines) == 2  # status quo and bdm
    assert len(plot.rounds(bdm).axes[0].lines) == 2 * len(bdm.issues)
    assert len(plot.trajectories(bdm, korea, 1).axes[0].lines) >= len(bdm.actors)
    smp = detente.run(korea, "smp", {"max_turns": 2})
    assert len(plot.win_probabilities(smp).axes[0].lines) == len(smp.actors)


def test_replicate_spawns_seeds_in_the_parent(korea: detente.Scenario) -> None:
    reps = detente.replicate(korea, "bdm", 4, seed=11, params=SHOCK)
    assert reps.seeds == tuple(spawn_seeds(11, 4))
    assert [r.provenance.seed for r in reps.results] == list(reps.seeds)
    again = detente.run(korea, "bdm", SHOCK, seed=reps.seeds[2])
    assert again == reps.results[2]  # any run can be repeated alone
    assert detente.replicate(korea, "bdm", 2, seed=11, params=SHOCK).results == reps.results[:2]
    assert reps.forecasts().shape == (4, 3) and reps.forecasts().std(axis=0).max() > 0
    f = reps.to_frame()
    assert list(f.columns) == ["replicate", "seed", "issue", "forecast"] and len(f) == 12
    assert repr(reps).startswith("Replicates('bdm', 4 runs, seed 11: sequencing=")


def test_replicate_of_a_deterministic_model(korea: detente.Scenario) -> None:
    reps = detente.replicate(korea, "median", 3, seed=1)
    assert reps.forecasts().std(axis=0).max() == 0
    with pytest.raises(ParamError, match="positive whole number"):
        detente.replicate(korea, "median", 0, seed=1)


def test_sweeps_show_a_table_and_give_frames(korea: detente.Scenario) -> None:
    """The Monte Carlo summary as an HTML table; a game sweep as a frame, one row per value."""
    from detente import games

    swept = detente.sweep(korea, "median", draws=12, seed=2)
    html = swept._repr_html_()
    assert (
        html.count("<tr>") == 1 + len(korea.issues) and "median on korea-2019-12: 12 draws" in html
    )
    assert "<td>sequencing</td>" in html
    game = games.sweep("deterrence", "p_hard", games.grid(0.1, 0.9, 3))
    frame = game.to_frame()
    assert frame.index.name == "p_hard" and list(frame.index) == [0.1, 0.5, 0.9]
    assert "equilibria" in frame.columns
    assert {c for c in frame.columns if c.startswith("qre ")} == {
        f"qre {o}" for o in game.outcomes()
    }
