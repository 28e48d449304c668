"""Outcome space and additive utilities from a scenario."""

from __future__ import annotations

import numpy as np
import pytest

from detente.errors import ModelInputError
from detente.negotiation.outcomes import OutcomeSpace, outcome_space, utilities_from_scenario

from .conftest import make_scenario


def test_weights_from_salience_ideals_from_positions(korea_like) -> None:
    space = outcome_space(korea_like)
    usa, prk = utilities_from_scenario(korea_like, ["USA", "PRK"], space)
    assert usa.weights[0] == pytest.approx(np.array([60, 90, 30]) / 180)
    assert usa.ideal[0] == pytest.approx([0.9, 0.95, 0.7])
    assert usa(usa.ideal)[0] == pytest.approx(1.0)
    assert usa(usa.worst)[0] == pytest.approx(0.0)
    assert prk(prk.ideal)[0] == pytest.approx(1.0)


def test_reservation_value_is_the_utility_of_the_status_quo(korea_like) -> None:
    space = outcome_space(korea_like)
    (usa,) = utilities_from_scenario(korea_like, ["USA"], space)
    sq = np.array([[0.8, 0.2, 0.8]])
    assert usa.rv[0] == pytest.approx(usa(sq)[0])


def test_declared_alternative_overrides_the_status_quo() -> None:
    alt = {"reservation": {"A": {"x": 25.0}, "B": 0.4}}
    sc = make_scenario(
        {"A": (100.0, 0.0), "B": (0.0, 100.0)},
        {"A": (50.0, 50.0), "B": (50.0, 50.0)},
        status_quo=(50.0, 50.0),
        negotiation=alt,
        issues=("x", "y"),
    )
    a, b = utilities_from_scenario(sc, ["A", "B"], outcome_space(sc))
    assert a.rv[0] == pytest.approx(a(np.array([[0.25, 0.5]]))[0])
    assert b.rv[0] == 0.4


def test_without_status_quo_breakdown_is_worth_zero() -> None:
    sc = make_scenario(
        {"A": (10.0,), "B": (90.0,)}, {"A": (50.0,), "B": (0.0,)}, (None,), issues=("x",)
    )
    a, b = utilities_from_scenario(sc, ["A", "B"], outcome_space(sc))
    assert a.rv[0] == 0.0
    assert b.weights[0] == pytest.approx([1.0])  # zero salience everywhere: equal weights


def test_bad_inputs_are_refused(korea_like) -> None:
    space = outcome_space(korea_like)
    with pytest.raises(ModelInputError, match="no actor XYZ"):
        utilities_from_scenario(korea_like, ["USA", "XYZ"], space)
    bad = make_scenario(
        {"A": (10.0,)},
        {"A": (50.0,)},
        (None,),
        negotiation={"discount": {"A": 1.5}},
        issues=("x",),
    )
    with pytest.raises(ModelInputError, match="discount"):
        utilities_from_scenario(bad, ["A"], outcome_space(bad))
    with pytest.raises(ValueError, match="levels"):
        OutcomeSpace(("x",), (0.0,), (1.0,), (0.5,), levels=1)


def test_snap_and_scale() -> None:
    space = OutcomeSpace(("x", "y"), (0.0, -10.0), (100.0, 10.0), (0.5, 0.5), levels=3)
    z = space.snap(np.array([[0.2, 1.4]]))
    assert z.tolist() == [[0.0, 1.0]]
    assert space.to_scale(np.array([0.5, 0.25])).tolist() == [50.0, -5.0]
