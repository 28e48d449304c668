"""Issue 15 item 2: no rational strategy accepts an agreement worth less than walking away.

An agreement in round t pays ``delta^t u``; the reservation value ``rv`` is what breakdown pays.
The property holds for every strategy (the proposer's own offer included), protocol and scenario
that hypothesis draws, with discounting from the scenario's ``negotiation:`` section.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.negotiation import STRATEGIES, NegotiationParams, run
from generators import negotiation_scenarios

from .conftest import make_scenario

NAMES = sorted(STRATEGIES)


@settings(max_examples=60, deadline=None)
@given(
    sc=negotiation_scenarios(),
    a=st.sampled_from(NAMES),
    b=st.sampled_from(NAMES),
    protocol=st.sampled_from(["alternating", "mediated"]),
    deadline=st.integers(2, 40),
    seed=st.integers(0, 2**16),
)
def test_no_agreement_pays_less_than_the_reservation_value(sc, a, b, protocol, deadline, seed):
    params = NegotiationParams(protocol=protocol, deadline=deadline)
    r = run(sc, None, [a, b], params, rng=seed)
    for pay, rv in zip(r.payoffs, r.reservation, strict=True):
        assert pay >= rv - 1e-9, (r.status, r.round, r.payoffs, r.reservation)


def impatient(delta: float, rv: float):
    """One issue, opposed ideals, the status quo mid-scale: rv 0.5 each unless declared."""
    return make_scenario(
        {"A": (100.0,), "B": (0.0,)},
        {"A": (100.0,), "B": (100.0,)},
        status_quo=(None,),
        negotiation={"discount": {"A": delta, "B": delta}, "reservation": {"A": rv, "B": rv}},
        issues=("share",),
    )


@pytest.mark.parametrize("a", ["linear", "conceder", "boulware", "tit-for-tat"])
def test_late_deals_that_discounting_makes_worthless_are_refused(a) -> None:
    # with delta = 0.9, rv = 0.4: after round 8, 0.9^t u < 0.4 for every u <= 1
    r = run(impatient(0.9, 0.4), ["A", "B"], [a, "linear"], NegotiationParams(deadline=60), rng=0)
    if r.agreed:
        assert r.round is not None and 0.9**r.round >= 0.4 - 1e-9
        assert min(p - rv for p, rv in zip(r.payoffs, r.reservation, strict=True)) >= -1e-9


def test_recorded_discounts_are_those_used() -> None:
    r = run(impatient(0.95, 0.2), ["A", "B"], ["linear", "linear"], rng=1)
    assert r.provenance.params["discount"] == {"A": 0.95, "B": 0.95}
    assert '"discount": {"A": 0.95, "B": 0.95}' in r.to_json(indent=None).replace("\n", "")
    forced = run(
        impatient(0.95, 0.2),
        ["A", "B"],
        ["linear", "linear"],
        NegotiationParams(discount=0.9),
        rng=1,
    )
    assert forced.provenance.params["discount"] == {"A": 0.9, "B": 0.9}
    assert forced.provenance.params["deadline"] == 100
    assert forced.provenance.params["deadline_jitter"] == 1
