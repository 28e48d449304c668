"""SMP parameters, file settings, quirk flags, chance, per-turn output and invariants."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

from detente.errors import DetenteError, ModelInputError
from detente.io import load
from detente.models.smp import SMPParams, run
from detente.models.smp.params import KTAB_DEFAULTS, KTAB_ELEMENTS
from detente.params import ParamError, build_params
from detente.scenario import Scenario
from generators import scenarios
from helpers import make_scenario

INPUTS = Path(__file__).resolve().parents[1] / "reference" / "ktab" / "inputs"


@pytest.fixture(scope="module")
def d3() -> Scenario:
    return load(INPUTS / "dummyData_3Dim.csv")


def _with_ktab(s: Scenario, **ktab: object) -> Scenario:
    return dataclasses.replace(s, extra={"ktab": ktab})


def _choices(name: str) -> tuple[str, ...]:
    choices = typing.get_args(typing.get_type_hints(SMPParams)[name])
    assert choices[0] == "auto"
    return choices[1:]


ALL_VALUES = [(name, v) for name in KTAB_ELEMENTS for v in _choices(name)]


def test_every_ktab_parameter_value_is_listed() -> None:
    """The nine KTAB parameters with every value of spec §4.2."""
    assert len(ALL_VALUES) == 5 + 3 + 2 + 6 + 5 + 3 + 3 + 3 + 3


@pytest.mark.parametrize(("name", "value"), ALL_VALUES)
def test_every_value_runs_from_the_command_line(d3: Scenario, name: str, value: str) -> None:
    params = build_params(SMPParams, {name: value, "max_turns": 3})
    res = run(d3, params, rng=1)
    assert res.provenance.params[name] == value
    assert 1 <= res.extra["turns"] <= 3


def test_unknown_value_is_a_param_error() -> None:
    with pytest.raises(ParamError, match="voting_rule"):
        build_params(SMPParams, {"voting_rule": "Quadratic"})
    with pytest.raises(ParamError):
        build_params(SMPParams, {"max_turns": 0})


def test_file_parameters_resolve_with_aliases_and_overrides(d3: Scenario) -> None:
    s = _with_ktab(d3, model_parameters={"VotingRule": "Proportional", "BigRAdjust": "No"})
    p = SMPParams().resolve(s)
    assert p.voting_rule == "Prop" and p.big_r_adjust == "None"
    assert p.pce_model == KTAB_DEFAULTS["pce_model"]
    assert SMPParams(big_r_adjust="Half").resolve(s).big_r_adjust == "Half"
    assert SMPParams(use_file_parameters=False).resolve(s).big_r_adjust == "OneThird"


def test_bad_file_parameter_names_the_element(d3: Scenario) -> None:
    s = _with_ktab(d3, model_parameters={"PCEModel": "Markov"})
    with pytest.raises(ModelInputError, match="PCEModel"):
        run(s)


@pytest.mark.parametrize("model", ["InitRcvrInterp", "PWCompInterp"])
def test_quirk_flags_change_only_the_models_they_touch(d3: Scenario, model: str) -> None:
    ktab = run(d3, SMPParams(bargn_model=model))  # type: ignore[arg-type]
    fixed = run(d3, build_params(SMPParams, {"bargn_model": model, "preset": "fixed"}))
    assert ktab.rounds != fixed.rounds
    plain = run(d3, SMPParams())
    assert run(d3, SMPParams(fix_receiver_probability=True, fix_pwcomp_weight=True)).rounds == (
        plain.rounds
    )


def test_full_risk_adjustment_runs(d3: Scenario) -> None:
    """KTAB stops with an error on BigRAdjust=Full (spec §5); here it is an ordinary model."""
    res = run(d3, SMPParams(big_r_adjust="Full"))
    assert res.extra["turns"] >= 2


def test_stochastic_transitions_are_reproducible(d3: Scenario) -> None:
    p = SMPParams(state_transitions="Stochastic")
    a, b = run(d3, p, rng=42), run(d3, p, rng=42)
    assert a == b and a.provenance.seed == 42
    others = {run(d3, p, rng=seed).extra["turns"] for seed in range(6)}
    assert len(others) > 1
    generator = np.random.default_rng(5)
    assert run(d3, p, rng=generator).provenance.seed is None


def test_file_seed_is_used_when_no_rng_is_given(d3: Scenario) -> None:
    s = _with_ktab(d3, prng_seed="03507583219545544127")
    p = SMPParams(state_transitions="Stochastic")
    res = run(s, p)
    assert res.provenance.seed == 3507583219545544127 % 2**63
    assert run(s, p) == res


def test_shipped_xml_samples(d3: Scenario) -> None:
    """dummyData_3Dim.xml lacks <IdealAdjustment> (fix-up: identity); smpExample.xml has an
    empty dCoord (a clear error)."""
    assert run(load(INPUTS / "dummyData_3Dim.xml")).rounds == run(d3).rounds
    with pytest.raises(DetenteError, match="dCoord"):
        load(INPUTS / "smpExample.xml")


def test_lagging_ideals_follow_the_accommodation_matrix(tmp_path: Path) -> None:
    text = (INPUTS / "smpExample.xml").read_text(encoding="utf-8-sig")
    restored = tmp_path / "smpExample-restored.xml"
    restored.write_text(text.replace("<dCoord></dCoord>", "<dCoord>52.8</dCoord>", 1))
    s = load(restored)
    res = run(s, rng=7)
    assert res.provenance.params["pce_model"] == "MarkovIncentive"
    acc = np.eye(5)
    acc[0, 0], acc[1, 1], acc[1, 0], acc[2, 2], acc[2, 3], acc[3, 3] = (
        0.87,
        0.75,
        0.07,
        0.65,
        0.13,
        0.57,
    )
    ideals = [np.array([r.extra["ideals"][a] for a in res.actors]) for r in res.rounds]
    for t in range(1, len(res.rounds)):
        x = res.rounds[t].position_array()
        expected = acc @ x + (1 - acc.sum(1))[:, None] * ideals[t - 1]
        assert ideals[t] == pytest.approx(expected, abs=1e-9)
    assert any(not np.allclose(ideals[t], res.rounds[t].position_array()) for t in range(1, 3))
    tracking = run(s, SMPParams(use_ideal_adjustment=False), rng=7)
    for r in tracking.rounds:
        assert [tuple(r.extra["ideals"][a]) for a in res.actors] == list(r.positions)


def test_per_turn_output(d3: Scenario) -> None:
    res = run(d3)
    d = res.to_dict()
    assert d["turns"] == len(d["rounds"]) - 1 and d["stopped_by"] == "quiet"
    for t, r in enumerate(res.rounds):
        assert set(r.extra["win_probability"]) == set(res.actors)
        assert all(0 <= p <= 1 for p in r.extra["win_probability"].values())
        if t == 0:
            continue
        prev = res.rounds[t - 1]
        for a, c in r.extra["chosen_bargain"].items():
            n = res.actors.index(a)
            if c is None:
                assert r.positions[n] == prev.positions[n]
                continue
            b = r.extra["bargains"][c]
            side = "initiator_position" if b["initiator"] == a else "receiver_position"
            assert a in (b["initiator"], b["receiver"])
            assert r.positions[n] == pytest.approx(b[side])


def test_issue_scale_does_not_matter() -> None:
    pos, sal, cap = (
        [[10, 80], [40, 20], [75, 55], [90, 5]],
        [[60, 30], [40, 40], [20, 70], [50, 10]],
        [5, 8, 3, 6],
    )
    unit = run(make_scenario(pos, sal, cap))
    bounds = [(-50.0, 150.0), (0.0, 10.0)]
    scaled_pos = [[-50 + 2 * a, b / 10] for a, b in pos]
    scaled = run(make_scenario(scaled_pos, sal, cap, bounds=bounds))
    assert scaled.extra["turns"] == unit.extra["turns"]
    back = np.array(scaled.rounds[-1].positions) * [0.5, 10] + [25, 0]
    assert back == pytest.approx(np.array(unit.rounds[-1].positions), abs=1e-9)


def test_saliences_above_100_in_total_are_scaled_down() -> None:
    pos, cap = [[10, 80], [40, 20], [75, 55]], [5, 8, 3]
    big = run(make_scenario(pos, [[100, 100], [80, 80], [60, 60]], cap))
    small = run(make_scenario(pos, [[50, 50], [50, 50], [50, 50]], cap))
    assert [r.positions for r in big.rounds] == [r.positions for r in small.rounds]


@settings(max_examples=15, deadline=None)
@given(scenarios(max_actors=6, max_issues=2))
def test_random_scenarios_run_inside_bounds(s: Scenario) -> None:
    res = run(s, SMPParams(max_turns=8), rng=0)
    lo, hi = s.bounds()[:, 0], s.bounds()[:, 1]
    span = hi - lo
    for r in res.rounds:
        x = r.position_array()
        assert np.all((x >= lo - 1e-9 * span) & (x <= hi + 1e-9 * span))
        assert all(0 <= p <= 1 + 1e-12 for p in r.extra["win_probability"].values())
    assert 1 <= res.extra["turns"] <= 8
