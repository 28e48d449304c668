"""The procedural models on hand-solved cases: consultation and codecision, QMV and unanimity."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from detente.decision import Decision, DecisionRule
from detente.errors import ModelInputError
from detente.models import procedural
from detente.models.procedural import ProceduralParams
from helpers import make_scenario

COUNCIL = {"A": 1.0, "B": 1.0, "C": 1.0, "D": 1.0, "E": 1.0}  # ideals 10, 30, 50, 70, 90


def outcome(
    sq: float,
    commission: float,
    *,
    rule: str = "qmv",
    threshold: float | None = 0.6,
    ep: float | None = None,
    params: ProceduralParams | None = None,
) -> tuple[float, dict]:  # type: ignore[type-arg]
    positions = [[10.0], [30.0], [50.0], [70.0], [90.0], [commission]] + ([[ep]] * (ep is not None))
    ids = ["A", "B", "C", "D", "E", "COM"] + ["EP"] * (ep is not None)
    s = make_scenario(positions, [[50.0]] * len(ids), [1.0] * len(ids), status_quo=[sq], ids=ids)
    veto = ("EP",) if ep is not None else ()
    if rule == "unanimity":
        veto = (*veto, *COUNCIL)
        threshold = None
    r = DecisionRule(
        rule=rule,  # type: ignore[arg-type]
        veto=veto,
        weights=COUNCIL,
        threshold=threshold,
        count_threshold=None,
        agenda_setter="COM",
    )
    res = procedural.run(dataclasses.replace(s, decision=Decision(r)), params)
    return res.forecast[0], res.extra["procedures"][0]


@pytest.mark.parametrize(
    "commission,expected",
    [(100.0, 60.0), (55.0, 55.0), (0.0, 40.0)],  # pivot C (reach 60); nobody's QMV to the left
)
def test_consultation_qmv_pivot(commission: float, expected: float) -> None:
    y, info = outcome(40.0, commission)
    assert y == pytest.approx(expected) and info["procedure"] == "consultation"
    assert info["council_interval"] == pytest.approx([40.0, 60.0])


def test_consultation_unanimity_amendment_bounds_the_commission() -> None:
    # q = 95 is right of every member: a QMV (3 of 5) reaches 5, but any proposal left of 10 is
    # amended unanimously, so the Commission at 0 gets 10, not the pivot's 5.
    y, info = outcome(95.0, 0.0)
    assert y == pytest.approx(10.0) and info["council_interval"] == pytest.approx([5.0, 95.0])


@pytest.mark.parametrize("sq,expected", [(40.0, 40.0), (95.0, 85.0)])
def test_consultation_unanimity(sq: float, expected: float) -> None:
    # Unanimity: nothing moves from inside the members' range; from 95, E (reach 85) binds.
    assert outcome(sq, 0.0, rule="unanimity")[0] == pytest.approx(expected)


def test_codecision_with_commission_as_setter() -> None:
    # The Parliament at 45 accepts (40, 50): the Commission at 100 gets 50.
    params = ProceduralParams(codecision="setter")
    y, info = outcome(40.0, 100.0, ep=45.0, params=params)
    assert y == pytest.approx(50.0) and info["procedure"] == "codecision"


def test_codecision_conciliation_is_the_nbs_of_parliament_and_pivot() -> None:
    y, info = outcome(40.0, 0.0, ep=100.0)
    grid = np.linspace(40.0, 60.0, 200_001)
    product = (60.0**2 - (grid - 100.0) ** 2) * (10.0**2 - (grid - 50.0) ** 2)
    assert info["pivot"] == "C" and y == pytest.approx(grid[np.argmax(product)], abs=1e-3)


def test_codecision_unanimity_parliament_on_the_wrong_side() -> None:
    # From 95 the Council (unanimity) wants to move left, the Parliament at 99 only right.
    assert outcome(95.0, 0.0, rule="unanimity", ep=99.0)[0] == pytest.approx(95.0)


def test_two_issues_are_decided_separately() -> None:
    rule = DecisionRule(
        rule="qmv",
        veto=(),
        weights=COUNCIL,
        threshold=0.6,
        count_threshold=None,
        agenda_setter="COM",
    )
    pos = [[10, 90], [30, 70], [50, 50], [70, 30], [90, 10], [100, 0]]
    s = make_scenario(
        pos, [[50, 50]] * 6, [1.0] * 6, status_quo=[40, 60], ids=["A", "B", "C", "D", "E", "COM"]
    )
    r = procedural.run(dataclasses.replace(s, decision=Decision(rule)))
    assert r.forecast == pytest.approx((60.0, 40.0))  # the mirror image on the second issue


def test_needs_roles() -> None:
    s = make_scenario([[10], [20]], [[50], [50]], [1, 1], status_quo=[15])
    with pytest.raises(ModelInputError, match="decision section"):
        procedural.run(s)
    single = dataclasses.replace(s, decision=Decision(DecisionRule(rule="single", veto=("a0",))))
    with pytest.raises(ModelInputError, match="not an EU procedure"):
        procedural.run(single)
    with pytest.raises(ModelInputError, match="outside the Council"):
        outcome(40.0, 0.0, params=ProceduralParams(procedure="codecision"))
