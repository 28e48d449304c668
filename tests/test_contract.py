"""Contract tests that every registered model gets for free (STYLE.md rule 13)."""

from __future__ import annotations

import dataclasses
import json
import random

import numpy as np
import pytest

from detente.api import model_params, rerun, run
from detente.decision import Decision, DecisionRule
from detente.errors import ModelInputError
from detente.models import MODELS, draws_random
from detente.result import Result
from detente.scenario import Scenario
from helpers import make_scenario

POSITIONS = [[12, 80], [35, 64], [47, 20], [58, 93], [71, 41], [88, 7]]
SALIENCES = [[80, 30], [45, 70], [60, 55], [25, 90], [95, 40], [50, 65]]
CAPABILITIES = [30, 55, 20, 80, 45, 25]


# The decision section is there on purpose: the procedural model forecasts from institutions and
# needs one (an agenda setter, a Council with vote weights and its voting rule, a veto player
# outside the Council as the Parliament), refusing a scenario without it
# (test_procedural_needs_the_decision_section); winset reads its veto players and majority from
# it (without one, every actor that cares about an issue is a veto player).  So: a Council of
# actors 1, 3, 4, 5 voting by QMV (60 % of the weight), actor 0 as the Commission (agenda
# setter), actor 2 a veto player outside the Council (under codecision, the Parliament); issues
# have a status quo.  Models that do not use decision rules ignore it.
DECISION = Decision(
    DecisionRule(
        rule="qmv",
        veto=("actor2",),
        weights={"actor1": 55.0, "actor3": 80.0, "actor4": 45.0, "actor5": 25.0},
        threshold=0.6,
        count_threshold=None,
        agenda_setter="actor0",
    )
)


def scenario(order: list[int] | None = None) -> Scenario:
    order = order or list(range(len(POSITIONS)))
    return dataclasses.replace(
        make_scenario(
            [POSITIONS[i] for i in order],
            [SALIENCES[i] for i in order],
            [CAPABILITIES[i] for i in order],
            status_quo=[60.0, 50.0],
            ids=[f"actor{i}" for i in order],
        ),
        decision=DECISION,
    )


@pytest.fixture(params=sorted(MODELS))
def model(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_same_seed_same_result(model: str) -> None:
    assert run(scenario(), model, seed=7) == run(scenario(), model, seed=7)


def test_json_round_trip(model: str) -> None:
    text = run(scenario(), model, seed=3).to_json()
    back = Result.from_json(text)
    assert json.loads(back.to_json()) == json.loads(text)


def test_json_contract_keys(model: str) -> None:
    d = json.loads(run(scenario(), model, seed=3).to_json())
    assert {
        "model",
        "params",
        "seed",
        "version",
        "scenario",
        "issues",
        "actors",
        "rounds",
        "forecast",
    } <= set(d)
    assert d["model"] == model and set(d["scenario"]) >= {"title", "sha256"}
    assert d["rounds"][0]["round"] == 0
    assert d["rounds"][0]["positions"] == {f"actor{i}": POSITIONS[i] for i in range(6)}
    for r in d["rounds"]:
        assert set(r["positions"]) == set(d["actors"])
        assert all(len(v) == 2 for v in r["positions"].values())
        assert len(r["median"]) == len(r["mean"]) == 2
    assert len(d["forecast"]) == 2


def test_actor_order_does_not_matter(model: str) -> None:
    base = run(scenario(), model, seed=11)
    order = [3, 0, 5, 1, 4, 2]
    permuted = run(scenario(order), model, seed=11)
    assert permuted.forecast == pytest.approx(base.forecast, abs=1e-6)
    last_base, last_perm = base.rounds[-1].position_array(), permuted.rounds[-1].position_array()
    assert last_perm == pytest.approx(last_base[order], abs=1e-6)


def test_positions_stay_inside_bounds(model: str) -> None:
    result = run(scenario(), model, seed=5)
    for r in result.rounds:
        x = r.position_array()
        assert np.all((x >= 0) & (x <= 100))
    assert all(0 <= v <= 100 for v in result.forecast)


def test_global_rng_untouched(model: str) -> None:
    np_state, py_state = np.random.get_state(), random.getstate()
    run(scenario(), model, seed=1)
    assert random.getstate() == py_state
    after = np.random.get_state()
    assert (
        after[0] == np_state[0]
        and np.array_equal(after[1], np_state[1])
        and after[2:] == np_state[2:]
    )


DRAWING = {
    "bdm": {"salience_shock": 0.2, "rounds": 3},
    "smp": {"state_transitions": "Stochastic", "max_turns": 4},
}
"""Parameters under which each stochastic model draws random numbers."""


def test_provenance(model: str) -> None:
    result = run(scenario(), model, seed=9)
    assert result.provenance.scenario_sha256 and result.provenance.version
    assert result.provenance.seed is None  # the defaults draw nothing: no seed to record
    if MODELS[model].stochastic:
        assert run(scenario(), model, DRAWING[model], seed=9).provenance.seed == 9


def test_draws_random_says_whether_a_run_records_its_seed(model: str) -> None:
    for given in [None, *([DRAWING[model]] if model in DRAWING else [])]:
        p = model_params(model, given)
        drawn = draws_random(model, p, scenario())
        assert drawn == (given is not None)
        assert (run(scenario(), model, p, seed=3).provenance.seed is not None) == drawn


def test_runs_that_draw_nothing_diff_clean(model: str) -> None:
    assert run(scenario(), model).to_json() == run(scenario(), model).to_json()


@pytest.mark.parametrize(
    ("model", "drawing"), [(m, False) for m in sorted(MODELS)] + [(m, True) for m in DRAWING]
)
def test_rerun_from_provenance_reproduces(model: str, drawing: bool) -> None:
    first = run(scenario(), model, DRAWING[model] if drawing else None)
    assert (first.provenance.seed is not None) == drawing
    stored = Result.from_json(first.to_json())
    assert rerun(stored.provenance, scenario()) == first
    assert rerun(first, scenario()).to_json() == first.to_json()


def test_procedural_needs_the_decision_section() -> None:
    with pytest.raises(ModelInputError, match="procedural needs a decision section"):
        run(dataclasses.replace(scenario(), decision=None), "procedural")
