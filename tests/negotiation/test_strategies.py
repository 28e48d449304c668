"""Strategies: the Faratin tactics, imitation, the hardliner and stall-and-water-down."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.cli.params import parse_strategy
from detente.negotiation.outcomes import AdditiveUtility
from detente.negotiation.strategies import (
    STRATEGIES,
    AbsoluteTitForTat,
    Hardliner,
    RelativeTitForTat,
    StallAndWaterDown,
    TimeDependent,
    View,
    concede_toward,
    make_strategy,
)
from detente.params import ParamError

U = AdditiveUtility(
    weights=np.array([[0.5, 0.5]]),
    ideal=np.array([[1.0, 0.0]]),
    rv=np.array([0.2]),
    discount=np.ones(1),
)


def view(t: int, received: list[float] = (), own_last: float = math.nan, T: int = 11, me: int = 0):
    k = len(received)
    offers = np.zeros((k, 1, 2))
    proposers = np.array(
        [[(1 - me) if (k - 1 - j) % 2 == 0 else me] for j in range(k)], dtype=np.int64
    )
    return View(
        t=t,
        deadline=T,
        me=me,
        period=2,
        utility=U,
        offers=offers,
        proposers=proposers.reshape(k, 1),
        received=np.array(received, dtype=float).reshape(k, 1),
        own_last=np.array([own_last]),
        explore=0.0,
        explore_point=np.zeros((1, 2)),
    )


def test_time_dependent_runs_from_ideal_to_reservation() -> None:
    for e in (0.2, 1.0, 2.0):
        s = TimeDependent(e=e)
        assert s.aspiration(view(0))[0] == pytest.approx(1.0)
        assert s.aspiration(view(10))[0] == pytest.approx(0.2)
        assert s.aspiration(view(99))[0] == pytest.approx(0.2)
    mid = [TimeDependent(e=e).aspiration(view(5))[0] for e in (0.2, 1.0, 2.0)]
    assert mid[0] > mid[1] > mid[2]  # Boulware holds firm, Conceder gives early
    assert mid[1] == pytest.approx(1 - 0.8 * 0.5)


def test_exponential_family_and_kappa() -> None:
    s = TimeDependent(e=0.5, kappa=0.1, family="exponential")
    a = [s.aspiration(view(t))[0] for t in range(11)]
    assert a[0] == pytest.approx(0.2 + 0.8 * 0.9)
    assert a[-1] == pytest.approx(0.2)
    assert all(x >= y for x, y in itertools.pairwise(a))
    with pytest.raises(ValueError, match="kappa"):
        TimeDependent(family="exponential")


def test_absolute_tit_for_tat_mirrors_the_last_concession() -> None:
    s = AbsoluteTitForTat()
    assert s.aspiration(view(0))[0] == 1.0
    # the other side's offers went from 0.30 to 0.40 for me: I give back 0.10
    v = view(4, received=[0.3, 0.9, 0.4], own_last=0.9)
    assert s.aspiration(v)[0] == pytest.approx(0.8)


def test_relative_tit_for_tat_mirrors_the_relative_concession() -> None:
    s = RelativeTitForTat()
    v = view(4, received=[0.3, 0.9, 0.65], own_last=0.9)
    # their gap to my ideal halved (0.7 -> 0.35): my demand above rv halves too
    assert s.aspiration(v)[0] == pytest.approx(0.2 + 0.7 * 0.5)


def test_hardliner_accepts_only_its_ideal_even_at_the_deadline() -> None:
    h = Hardliner()
    assert not h.accept(view(11), np.array([0.99]))[0]
    assert h.accept(view(11), np.array([1.0]))[0]


def test_stall_and_water_down_answers_late_and_in_part() -> None:
    s = StallAndWaterDown(delay=0.2, water=0.5)  # lag = ceil(0.2 * 11) = 3 offers
    rec = [0.2, 1.0, 0.6, 1.0, 0.6]
    assert s.aspiration(view(5, received=rec[:3], own_last=1.0))[0] == 1.0  # still stalling
    v = view(8, received=[1.0, 0.2, 1.0, 0.6, 1.0, 0.9, 1.0, 0.9], own_last=1.0)
    assert s.aspiration(v)[0] == pytest.approx(1 - 0.5 * 0.4)


def test_default_acceptance_rule() -> None:
    s = TimeDependent(e=1.0)
    assert s.accept(view(5), np.array([0.61]))[0]
    assert not s.accept(view(5), np.array([0.59]))[0]
    assert s.accept(view(11), np.array([0.2]))[0]
    assert not s.accept(view(11), np.array([0.19]))[0]


def test_concession_hits_the_aspiration_exactly() -> None:
    v = view(0)
    x = concede_toward(v, np.array([0.7]))
    assert U(x)[0] == pytest.approx(0.7)


def test_make_strategy_takes_names_and_python_values() -> None:
    assert make_strategy("boulware").describe() == "boulware"
    assert make_strategy("boulware", {"e": 0.1}).e == 0.1
    s = make_strategy("time-dependent", {"e": 3, "family": "exponential", "kappa": 0.1})
    assert s.describe() == "time-dependent:e=3.0,kappa=0.1,family=exponential"
    assert s.options() == {"e": 3.0, "kappa": 0.1, "family": "exponential"}
    bad = [
        ("nobody", {}),
        ("boulware", {"e": "0.1"}),
        ("boulware", {"zeta": 1}),
        ("stall-and-water-down", {"delay": 2}),
        ("boulware:e=0.1", {}),  # text is the command line's: cli.params.parse_strategy
    ]
    for name, options in bad:
        with pytest.raises(ParamError):
            make_strategy(name, options)


def test_the_command_line_reads_strategy_text() -> None:
    assert parse_strategy("boulware:e=0.1") == make_strategy("boulware", {"e": 0.1})
    s = parse_strategy("time-dependent:e=3,family=exponential,kappa=0.1")
    assert s == make_strategy("time-dependent", {"e": 3.0, "family": "exponential", "kappa": 0.1})
    for bad in ("nobody", "boulware:e", "boulware:zeta=1", "stall-and-water-down:delay=2"):
        with pytest.raises(ParamError):
            parse_strategy(bad)


def test_every_strategy_has_a_citation() -> None:
    for name, cls in STRATEGIES.items():
        s = cls()
        assert s.citation and (s.name == name or name == "time-dependent")


@settings(max_examples=40, deadline=None)
@given(
    t=st.integers(0, 12),
    received=st.lists(st.floats(0.0, 1.0), max_size=8),
    own=st.floats(0.2, 1.0),
)
def test_aspirations_stay_between_reservation_and_ideal(t, received, own) -> None:
    for name in STRATEGIES:
        if name == "subgame-perfect":
            continue
        a = STRATEGIES[name]().aspiration(view(t, received, own))[0]
        assert 0.2 - 1e-12 <= a <= 1.0 + 1e-12, name
