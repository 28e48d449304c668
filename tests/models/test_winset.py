"""The win-set model on hand-solved cases, 1-D and 2-D, for every rule."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pytest

from detente.decision import Decision, DecisionRule
from detente.errors import ModelInputError
from detente.models import winset
from detente.scenario import Scenario
from helpers import make_scenario

FIVE = [10.0, 30.0, 50.0, 70.0, 90.0]  # voters A..E on one issue


def scen(
    positions: Sequence[Sequence[float]],
    sq: Sequence[float],
    rule: DecisionRule | None,
    *,
    saliences: Sequence[Sequence[float]] | None = None,
    overrides: dict[str, DecisionRule] | None = None,
) -> Scenario:
    ids = [chr(ord("A") + i) for i in range(len(positions))]
    sal = saliences or [[50.0] * len(positions[0]) for _ in positions]
    s = make_scenario(positions, sal, [1.0] * len(positions), status_quo=list(sq), ids=ids)
    if rule is None:
        return s
    return dataclasses.replace(s, decision=Decision(rule, overrides or {}))


def forecast(s: Scenario) -> tuple[list[float], dict]:  # type: ignore[type-arg]
    r = winset.run(s)
    return list(r.forecast), dict(r.extra)


# --- 1-D --------------------------------------------------------------------------------------


def test_unanimity_vetoes_on_both_sides_give_the_status_quo() -> None:
    s = scen([[20], [80], [45]], [50], DecisionRule(rule="unanimity", veto=("A", "B")))
    x, extra = forecast(s)
    assert x == [50.0] and extra["agreement"] is False
    assert extra["win_set"]["blocking"] == ["A", "B"]


def test_a_veto_player_at_the_status_quo_blocks() -> None:
    s = scen([[50], [80]], [50], DecisionRule(rule="unanimity", veto=("A", "B")))
    _, extra = forecast(s)
    assert extra["agreement"] is False and extra["win_set"]["blocking"] == ["A"]


def test_unanimity_without_setter_is_the_nbs_of_the_veto_players() -> None:
    s = scen([[60], [80], [0]], [50], DecisionRule(rule="unanimity", veto=("A", "B")))
    (x,), extra = forecast(s)
    grid = np.linspace(50, 70, 200_001)  # W = (50, 70): A's indifference point is 70
    product = (100 - (grid - 60) ** 2) * (900 - (grid - 80) ** 2)
    assert extra["agreement"] and x == pytest.approx(grid[np.argmax(product)], abs=1e-3)


@pytest.mark.parametrize("setter,expected", [("B", 40.0), ("C", 10.0), (None, 30.0)])
def test_single_decider_with_and_without_setter(setter: str | None, expected: float) -> None:
    # A decides alone; W = (10, 50).  B (40) gets its ideal; C (5) gets A's indifference point.
    s = scen(
        [[30], [40], [5]], [50], DecisionRule(rule="single", veto=("A",), agenda_setter=setter)
    )
    assert forecast(s)[0] == pytest.approx([expected], abs=1e-6)


@pytest.mark.parametrize("veto_b,expected", [(10.0, 30.0), (45.0, 40.0)])
def test_single_other_veto_gives_the_setter_its_ideal_within_it(
    veto_b: float, expected: float
) -> None:
    s = scen(
        [[30], [veto_b]], [50], DecisionRule(rule="unanimity", veto=("A", "B"), agenda_setter="A")
    )
    assert forecast(s)[0] == pytest.approx([expected], abs=1e-6)


def test_setter_who_prefers_the_status_quo_keeps_it() -> None:
    s = scen([[50], [80]], [50], DecisionRule(rule="single", veto=("B",), agenda_setter="A"))
    x, extra = forecast(s)
    assert x == [50.0] and not extra["agreement"]
    assert "agenda setter prefers the status quo" in extra["win_set"]["reason"]


def five(rule: str, threshold: float | None, count: float | None = None, **kw: object) -> Scenario:
    weights = {"A": 3.0, "B": 1.0, "C": 1.0, "D": 1.0, "E": 1.0} if kw.get("heavy") else None
    weights = weights or dict.fromkeys("ABCDE", 1.0)
    setter = str(kw.get("setter", "F"))
    where = float(kw.get("at", 100.0))
    return scen(
        [[p] for p in FIVE] + [[where]],
        [40],
        DecisionRule(
            rule=rule,  # type: ignore[arg-type]
            veto=(),
            weights=weights,
            threshold=threshold,
            count_threshold=count,
            agenda_setter=setter,
        ),
    )


def test_qmv_pivot_one_dimension() -> None:
    # Three of five must gain.  Right of 40: C (reach 60), D (100), E (140): C is pivotal.
    x, extra = forecast(five("qmv", 0.6))
    assert x == pytest.approx([60.0]) and extra["win_set"]["coalition"] == ["C", "D", "E"]
    assert forecast(five("majority", None))[0] == pytest.approx([60.0])
    x, extra = forecast(five("qmv", 0.8))  # four of five: nobody's majority on either side
    assert x == [40.0] and not extra["agreement"]


def test_qmv_weights_and_count_criterion() -> None:
    # A has 3 of 7 votes; left of 40, A and B (reaches -20 and 20) hold 4/7 ≥ 0.5.
    x, _ = forecast(five("qmv", 0.5, heavy=True, at=0.0))
    assert x == pytest.approx([20.0])
    x, extra = forecast(five("qmv", 0.5, 0.5, heavy=True, at=0.0))  # but only 2 of 5 voters
    assert x == [40.0] and not extra["agreement"]


# --- 2-D --------------------------------------------------------------------------------------


def test_status_quo_on_the_contract_curve_is_absorbing() -> None:
    s = scen([[20, 20], [80, 80]], [50, 50], DecisionRule(rule="unanimity", veto=("A", "B")))
    x, extra = forecast(s)
    assert x == [50.0, 50.0] and extra["win_set"]["blocking"] == ["A", "B"]


def test_setter_gets_the_point_of_the_veto_players_disc_nearest_its_ideal() -> None:
    s = scen(
        [[70, 50], [50, 100]], [50, 50], DecisionRule(rule="single", veto=("A",), agenda_setter="B")
    )
    x, _ = forecast(s)
    u = np.array([-20.0, 50.0]) / np.hypot(20, 50)
    assert x == pytest.approx(list(np.array([70.0, 50.0]) + 20 * u), abs=1e-4)


def test_symmetric_nbs_of_two_veto_players() -> None:
    s = scen([[30, 70], [70, 70]], [50, 0], DecisionRule(rule="unanimity", veto=("A", "B")))
    assert forecast(s)[0] == pytest.approx([50.0, 70.0], abs=1e-4)


def test_qmv_pivot_two_dimensions() -> None:
    # Two of A (20,50), B (80,50), C (50,80) must gain; A∩B is a single point (no interior), so
    # the setter D at (0,100) buys A and C and gets the corner (20,80) of their lens.
    rule = DecisionRule(
        rule="qmv",
        veto=(),
        weights={"A": 1.0, "B": 1.0, "C": 1.0},
        threshold=0.6,
        count_threshold=None,
        agenda_setter="D",
    )
    s = scen([[20, 50], [80, 50], [50, 80], [0, 100]], [50, 50], rule)
    x, extra = forecast(s)
    assert x == pytest.approx([20.0, 80.0], abs=1e-4)
    assert extra["win_set"]["coalition"] == ["A", "C"] and extra["win_set"]["exact"]
    s = dataclasses.replace(s, decision=Decision(dataclasses.replace(rule, threshold=1.0)))
    assert forecast(s)[0] == [50.0, 50.0]


def test_per_issue_rules_let_the_setter_move_only_what_it_can() -> None:
    # Issue i0 needs A; issue i1 needs A and B.  B blocks any move on i1 that A wants, so the
    # setter A moves i0 alone to its ideal.
    rule = DecisionRule(rule="unanimity", veto=("A",), agenda_setter="A")
    s = scen([[80, 70], [50, 20]], [50, 50], rule, overrides={"i1": DecisionRule(veto=("A", "B"))})
    x, extra = forecast(s)
    assert x == pytest.approx([80.0, 50.0], abs=1e-6)
    assert extra["win_set"]["issues_moved"] == ["i0"]


def test_no_decision_section_means_unanimity_of_everyone() -> None:
    s = scen([[60, 60], [70, 55]], [50, 50], None)
    x, extra = forecast(s)
    assert extra["agreement"] and extra["win_set"]["coalition"] == ["A", "B"]
    assert 50 < x[0] < 70 and 50 < x[1] < 60


def test_missing_status_quo_is_a_model_input_error() -> None:
    s = make_scenario([[10], [20]], [[50], [50]], [1, 1])
    with pytest.raises(ModelInputError, match="status_quo"):
        winset.run(s)


@pytest.mark.parametrize("drop", [False, True])
@pytest.mark.parametrize("name", ["korea-2019-12", None])
def test_batch_kernel_equals_single_runs(drop: bool, name: str | None) -> None:
    import detente
    from detente.batch import apply_draw
    from detente.experiments import draw_inputs, input_space
    from detente.rng import spawn_seeds

    s = (
        detente.load_scenario(name)
        if name
        else dataclasses.replace(detente.load_scenario("korea-2019-12"), decision=None)
    )
    n = 10
    inputs = draw_inputs(s, input_space(s), np.array(spawn_seeds(3, n), dtype=np.uint64))
    if drop:
        present = np.ones(inputs.capabilities.shape, dtype=bool)
        present[np.arange(n), np.arange(n) % len(s.actors)] = False
        inputs = dataclasses.replace(inputs, present=present)
    got = winset.run_batch(s, inputs, seeds=list(range(n)))
    assert got.agreement is not None
    for d in range(n):
        one = winset.run(apply_draw(s, inputs, d))
        assert got.forecast[d].tolist() == list(one.forecast)
        assert bool(got.agreement[d]) == one.extra["agreement"]
