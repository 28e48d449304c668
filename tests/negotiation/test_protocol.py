"""Protocols: agreement when zones overlap, none when they do not, partial deals, breakdown."""

from __future__ import annotations

import numpy as np
import pytest

from detente.negotiation import NegotiationParams, Status, run
from detente.negotiation.strategies import STRATEGIES

from .conftest import make_scenario

CONCEDERS = ["conceder", "linear", "boulware"]


def one_issue(rv: float):
    """One issue, opposed ideals, declared reservation values: zones overlap iff rv < 0.5."""
    return make_scenario(
        {"A": (100.0,), "B": (0.0,)},
        {"A": (100.0,), "B": (100.0,)},
        status_quo=(None,),
        negotiation={"reservation": {"A": rv, "B": rv}},
        issues=("share",),
    )


@pytest.mark.parametrize("a", CONCEDERS)
@pytest.mark.parametrize("b", CONCEDERS)
@pytest.mark.parametrize("protocol", ["alternating", "mediated"])
def test_conceders_with_overlapping_zones_agree_before_the_deadline(a, b, protocol) -> None:
    params = NegotiationParams(protocol=protocol, deadline=60)
    r = run(one_issue(0.3), ["A", "B"], [a, b], params, rng=1)
    assert r.status is Status.AGREEMENT
    assert r.round is not None and r.round < params.deadline - 1
    assert all(u >= rv - 1e-9 for u, rv in zip(r.utilities, r.reservation, strict=True))


@pytest.mark.parametrize("a", CONCEDERS)
@pytest.mark.parametrize("b", CONCEDERS)
@pytest.mark.parametrize("protocol", ["alternating", "mediated"])
def test_no_agreement_when_zones_do_not_overlap(a, b, protocol) -> None:
    params = NegotiationParams(protocol=protocol, deadline=60)
    r = run(one_issue(0.7), ["A", "B"], [a, b], params, rng=1)
    assert r.status is Status.NO_AGREEMENT
    assert r.round is None and r.agreement is None
    assert r.utilities == r.reservation == r.payoffs


def test_three_issue_conceders_agree_before_the_deadline(korea_like) -> None:
    r = run(korea_like, ["USA", "PRK"], ["conceder", "conceder"], rng=3)
    assert r.status is Status.AGREEMENT and r.round < 99
    assert r.settled == korea_like.issue_ids


def test_hardliners_never_agree(korea_like) -> None:
    r = run(korea_like, ["USA", "PRK"], ["hardliner", "hardliner"], rng=3)
    assert r.status is Status.NO_AGREEMENT
    assert len(r.trace) == 100


def test_every_agreement_is_individually_rational(korea_like) -> None:
    names = [s for s in STRATEGIES if s != "subgame-perfect"]
    for a in names:
        for b in names:
            r = run(korea_like, ["USA", "PRK"], [a, b], NegotiationParams(deadline=30), rng=0)
            for u, rv in zip(r.utilities, r.reservation, strict=True):
                assert u >= rv - 1e-9, (a, b, r.status)


def partial_scenario():
    """A cares most about x, B about y; on z their ideals are opposed and the status quo is 30."""
    return make_scenario(
        {"A": (100.0, 0.0, 100.0), "B": (0.0, 100.0, 0.0)},
        {"A": (40.0, 10.0, 50.0), "B": (10.0, 40.0, 50.0)},
        status_quo=(0.0, 0.0, 30.0),
        issues=("x", "y", "z"),
    )


def test_partial_deal_settles_some_issues_and_leaves_the_rest_at_the_status_quo() -> None:
    # tit-for-tat never concedes first, so both keep demanding their ideals until the deadline
    sc = partial_scenario()
    params = NegotiationParams(deadline=40, explore=0.0)
    r = run(sc, ["A", "B"], ["tit-for-tat", "tit-for-tat"], params, rng=0)
    assert r.status is Status.PARTIAL
    assert r.settled == ("x", "y")
    assert r.agreement == pytest.approx((50.0, 50.0, 30.0))
    assert all(u > rv for u, rv in zip(r.utilities, r.reservation, strict=True))
    params = NegotiationParams(deadline=40, explore=0.0, partial=False)
    none = run(sc, ["A", "B"], ["tit-for-tat", "tit-for-tat"], params, rng=0)
    assert none.status is Status.NO_AGREEMENT


def test_certain_breakdown_ends_talks_after_the_first_rejection(korea_like) -> None:
    params = NegotiationParams(p_breakdown=1.0)
    r = run(korea_like, ["USA", "PRK"], ["hardliner", "hardliner"], params, rng=0)
    assert r.status is Status.BREAKDOWN and r.round == 0 and len(r.trace) == 1
    assert r.utilities == r.reservation


def test_stacked_alternating_offers_with_three_parties() -> None:
    sc = make_scenario(
        {"A": (100.0, 0.0), "B": (0.0, 100.0), "C": (50.0, 50.0)},
        {"A": (80.0, 20.0), "B": (20.0, 80.0), "C": (50.0, 50.0)},
        status_quo=(None, None),
        issues=("x", "y"),
    )
    r = run(
        sc, ["A", "B", "C"], ["linear", "linear", "conceder"], NegotiationParams(deadline=60), rng=2
    )
    assert r.status is Status.AGREEMENT
    assert [t.proposer for t in r.trace[:4]] == ["A", "B", "C", "A"]
    assert r.nash_bargaining_point is not None and r.kalai_smorodinsky is not None
    assert r.pareto_distance >= 0


def test_discretised_issues_keep_offers_on_the_grid(korea_like) -> None:
    r = run(korea_like, ["USA", "PRK"], ["linear", "linear"], NegotiationParams(levels=5), rng=0)
    values = np.array([t.offer for t in r.trace])
    assert np.isin(np.round(values, 9), [0.0, 25.0, 50.0, 75.0, 100.0]).all()


def test_random_opener_is_drawn_from_the_seed(korea_like) -> None:
    openers = {
        run(
            korea_like,
            ["USA", "PRK"],
            ["linear", "linear"],
            NegotiationParams(opener="random", deadline=5),
            rng=s,
        )
        .trace[0]
        .proposer
        for s in range(12)
    }
    assert openers == {"USA", "PRK"}


def test_mediator_offers_are_marked(korea_like) -> None:
    r = run(
        korea_like,
        ["USA", "PRK"],
        ["linear", "linear"],
        NegotiationParams(protocol="mediated"),
        rng=0,
    )
    assert {t.proposer for t in r.trace} == {"mediator"}
    assert r.status.agreed
