"""Closed forms of Rubinstein (1982) alternating offers, reproduced by simulation."""

from __future__ import annotations

import numpy as np
import pytest

from detente.negotiation import NegotiationParams, Status, make_strategy, run
from detente.negotiation.analysis import proposer_shares, rubinstein_split

from .conftest import make_scenario

DELTAS = [(0.9, 0.8), (0.8, 0.9), (0.95, 0.5), (0.6, 0.6), (0.99, 0.9)]


def pie(d1: float, d2: float):
    """Split a unit surplus: A wants x = 100, B wants x = 0, no agreement is worth 0 to both."""
    return make_scenario(
        {"A": (100.0,), "B": (0.0,)},
        {"A": (100.0,), "B": (100.0,)},
        status_quo=(None,),
        negotiation={"discount": {"A": d1, "B": d2}},
        issues=("share",),
    )


def spe_run(d1: float, d2: float, opener: str = "A"):
    parties = ["A", "B"] if opener == "A" else ["B", "A"]
    beliefs = {"A": d2, "B": d1}
    strategies = [make_strategy("subgame-perfect", {"delta_other": beliefs[p]}) for p in parties]
    params = NegotiationParams(deadline=400, explore=0.0)
    return run(pie(d1, d2), parties, strategies, params, rng=0)


@pytest.mark.parametrize(("d1", "d2"), DELTAS)
def test_proposer_gets_rubinstein_share_at_once(d1: float, d2: float) -> None:
    r = spe_run(d1, d2)
    assert r.status is Status.AGREEMENT
    assert r.round == 0
    share = (1 - d2) / (1 - d1 * d2)
    assert r.utilities[0] == pytest.approx(share, abs=1e-9)
    assert r.utilities[1] == pytest.approx(1 - share, abs=1e-9)
    assert r.agreement == pytest.approx((100 * share,), abs=1e-7)


@pytest.mark.parametrize(("d1", "d2"), DELTAS)
def test_second_player_opening_gets_its_share(d1: float, d2: float) -> None:
    r = spe_run(d1, d2, opener="B")
    assert r.parties == ("B", "A")
    assert r.utilities[0] == pytest.approx((1 - d1) / (1 - d1 * d2), abs=1e-9)


@pytest.mark.parametrize(("d1", "d2"), DELTAS)
def test_backward_induction_converges_to_closed_form(d1: float, d2: float) -> None:
    s = proposer_shares(np.array([d1]), np.array([d2]), 2000)[0]
    assert s == pytest.approx(rubinstein_split(d1, d2), abs=1e-12)


def test_finite_horizon_without_discounting_gives_all_to_the_last_proposer() -> None:
    one = np.ones(1)
    assert proposer_shares(one, one, 1)[0] == 1.0  # ultimatum game
    assert proposer_shares(one, one, 2)[0] == 0.0
    assert proposer_shares(one, one, 7)[0] == 1.0
    assert proposer_shares(one, one, 0)[0] == 0.0


def test_payoffs_are_discounted_by_the_round_of_agreement() -> None:
    # the opener demands everything and the other side only accepts at the deadline
    params = NegotiationParams(deadline=5, explore=0.0, discount=0.9)
    sc = pie(0.9, 0.9)
    r = run(sc, ["A", "B"], ["hardliner", "linear"], params, rng=0)
    assert r.status is Status.AGREEMENT
    assert r.payoffs[0] == pytest.approx(0.9**r.round * r.utilities[0])
