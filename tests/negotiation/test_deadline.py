"""Issue 15 item 3: symmetric strategies do not flip the agreement between deadlines 99/100/101.

Two tit-for-tats never concede first, so the one who makes the last offer gets its ideal.  With a
deadline known to the round that is the parity of the deadline [Stahl1972]; the default protocol
draws the binding deadline with the seed [MaManove1993], so the last word goes to either side
with probability 1/2 and, for a given seed, to the same side whatever the nominal deadline.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.negotiation import NegotiationParams, run, run_many
from detente.negotiation.chance import binding_deadline

from .conftest import make_scenario

TFT = ["tit-for-tat", "tit-for-tat"]


@pytest.fixture
def symmetric():
    """One issue, opposed ideals, equal saliences, no status quo (rv 0 for both)."""
    return make_scenario(
        {"A": (100.0,), "B": (0.0,)}, {"A": (100.0,), "B": (100.0,)}, (None,), issues=("share",)
    )


def test_same_seed_same_agreement_at_99_100_101(symmetric) -> None:
    for seed in range(6):
        deals = {
            run(symmetric, None, TFT, NegotiationParams(deadline=T), rng=seed).agreement
            for T in (99, 100, 101)
        }
        assert len(deals) == 1, (seed, deals)


def test_over_seeds_each_side_gets_the_last_word_half_the_time(symmetric) -> None:
    for T in (99, 100, 101):
        rs = run_many([symmetric] * 400, None, TFT, NegotiationParams(deadline=T), seeds=range(400))
        u_a = np.mean([r.utilities[0] for r in rs])
        assert abs(u_a - 0.5) < 0.075, (T, u_a)  # 400 fair coins: sd 0.025


def test_a_fixed_deadline_keeps_the_last_mover_effect(symmetric) -> None:
    """The sensitivity that remains when the deadline is certain (deadline_jitter=0)."""
    winners = [
        run(symmetric, None, TFT, NegotiationParams(deadline=T, deadline_jitter=0), rng=0).agreement
        for T in (99, 100, 101)
    ]
    assert winners == [(100.0,), (0.0,), (100.0,)]


@given(
    nominal=st.integers(2, 10_000),
    jitter=st.integers(1, 50),
    u=st.floats(0, 1, exclude_max=True),
    bit=st.integers(0, 1),
)
def test_binding_deadline_lies_in_the_window_with_the_parity_of_the_bit(nominal, jitter, u, bit):
    jitter = min(jitter, nominal - 1)
    t = binding_deadline(nominal, jitter, u, bit)
    assert nominal - jitter <= t <= nominal + jitter - 1
    assert t % 2 == bit


def test_binding_deadline_is_uniform_on_the_window() -> None:
    us = np.linspace(0, 1, 300, endpoint=False)
    grid = [binding_deadline(100, 3, u, b) for u in us for b in (0, 1)]
    counts = np.bincount(np.array(grid) - 97)
    assert counts.tolist() == [100] * 6


def test_the_deadline_table_of_the_docs() -> None:
    """docs/explanation/negotiation.md, "Sensitivity to the deadline", every cell."""
    from detente.api import load_scenario
    from detente.negotiation import deadline_sweep

    korea = load_scenario("korea-2019-12")
    pair = ["boulware", "stall-and-water-down"]
    fixed = deadline_sweep(korea, pair, range(98, 103), NegotiationParams(deadline_jitter=0))
    assert [r["agreement"] for r in fixed] == [0.0, 1.0, 0.0, 1.0, 0.0]
    assert [round(r["utility_PRK"], 3) for r in fixed] == [0.415, 0.582, 0.415, 0.582, 0.415]
    default = deadline_sweep(korea, pair, range(98, 103))
    assert [r["agreement"] for r in default] == [0.515] * 5
    assert [round(r["utility_PRK"], 3) for r in default] == [0.501] * 5
    assert {round(r["utility_USA"], 3) for r in fixed + default} == {0.541}
