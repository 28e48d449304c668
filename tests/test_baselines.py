"""The baseline models against hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from detente.api import run
from detente.errors import ModelInputError
from detente.models import MODELS
from detente.scenario import Scenario
from helpers import DATA, make_scenario


def test_ec_mean_and_median(ec: Scenario) -> None:
    assert run(ec, "median").forecast == (7.0,)
    assert run(ec, "mean").forecast[0] == pytest.approx(7.389955686853767, rel=1e-12)


def test_ktab_soe_policy_median_is_30() -> None:
    assert run(DATA / "ktab" / "SOE-Policy.csv", "median").forecast == (30.0,)  # [Efird2016]


def test_mean_by_hand() -> None:
    s = make_scenario([[0, 10], [100, 20]], [[50, 100], [50, 0]], [1, 3])
    # issue 0: weights 50, 150 → 75; issue 1: only actor 0 has weight → 10
    assert run(s, "mean").forecast == pytest.approx((75.0, 10.0))


def test_median_by_hand() -> None:
    s = make_scenario([[10], [20], [90]], [[100], [100], [100]], [1, 1, 1.5])
    assert run(s, "median").forecast == (20.0,)  # cum 1, 2 ≥ 3.5/2
    s = make_scenario([[10], [20], [90]], [[100], [100], [100]], [1, 1, 2.5])
    assert run(s, "median").forecast == (90.0,)


def test_nash_two_actors_matches_first_order_condition() -> None:
    # Actors at 20 and 80, status quo 0, equal salience and power (unit scale z = x/100):
    # gains zA = z(0.4 − z), zB = z(1.6 − z); maximise log gA + log gB.
    s = make_scenario([[20], [80]], [[100], [100]], [1, 1], status_quo=[0.0])
    foc = lambda z: 2 / z - 1 / (0.4 - z) - 1 / (1.6 - z)  # noqa: E731
    expected = 100 * brentq(foc, 1e-6, 0.4 - 1e-6)
    result = run(s, "nash")
    assert result.forecast[0] == pytest.approx(expected, abs=1e-4)
    assert result.extra["agreement"] is True


def test_nash_power_weights_move_the_solution_towards_the_stronger() -> None:
    s = make_scenario([[20], [80]], [[100], [100]], [1, 3], status_quo=[0.0])
    equal = run(s, "nash", {"power": "equal"}).forecast[0]
    weighted = run(s, "nash").forecast[0]
    assert weighted > equal


def test_nash_is_status_quo_when_someone_cannot_gain() -> None:
    s = make_scenario([[0, 50], [80, 50]], [[100, 50], [100, 50]], [1, 1], status_quo=[0.0, 50.0])
    result = run(s, "nash")
    assert result.forecast == (0.0, 50.0) and result.extra["agreement"] is False


def test_nash_multi_issue_is_pareto_optimal_and_improves_on_the_status_quo() -> None:
    s = make_scenario(
        [[10, 90], [90, 80], [50, 10]],
        [[80, 20], [50, 50], [30, 90]],
        [3, 2, 1],
        status_quo=[100.0, 0.0],
    )
    result = run(s, "nash")
    z = np.array(result.forecast) / 100
    q, a = s.positions() / 100, s.saliences() / 100
    u = lambda x: -(a * (x - q) ** 2).sum(axis=1)  # noqa: E731
    assert np.all(u(z) > u(np.array([1.0, 0.0])))
    rng = np.random.default_rng(0)
    for _ in range(2000):  # no sampled point is better for everyone
        x = rng.uniform(0, 1, 2)
        assert not np.all(u(x) > u(z) + 1e-9)


def test_nash_needs_a_status_quo(ec: Scenario) -> None:
    with pytest.raises(ModelInputError, match="needs a status quo"):
        run(ec, "nash")


def test_registry_lists_the_baselines() -> None:
    assert {"mean", "median", "nash"} <= set(MODELS)
    for spec in MODELS.values():
        assert spec.summary and spec.citations
