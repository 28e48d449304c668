"""The contract every negotiation strategy keeps (like Axelrod's ``TestPlayer``).

Parametrised over the registry ``STRATEGIES``: a strategy added there gets these checks for free
(see ``docs/how-to/add-a-strategy.md``).  Each plays the first party against a small panel of
opponents on a three-issue scenario with discounting and declared reservation values.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from detente.cli.params import parse_strategy
from detente.negotiation import STRATEGIES, NegotiationParams, NegotiationResult, run, run_many
from detente.negotiation.outcomes import AdditiveUtility
from detente.negotiation.protocol import _Talks
from detente.negotiation.strategies import Strategy, make_strategy

from .conftest import make_scenario
from .test_view import reachable

NAMES = sorted(STRATEGIES)
OPPONENTS = ["linear", "boulware", "tit-for-tat", "hardliner"]
PARAMS = NegotiationParams(deadline=25, explore=0.3, opener="random")


@pytest.fixture(scope="module")
def scenario():
    return make_scenario(
        {"USA": (90.0, 95.0, 70.0), "PRK": (10.0, 5.0, 10.0)},
        {"USA": (60.0, 90.0, 30.0), "PRK": (80.0, 30.0, 70.0)},
        status_quo=(80.0, 20.0, 80.0),
        negotiation={"reservation": {"PRK": 0.3}, "discount": {"USA": 0.97, "PRK": 0.95}},
    )


def play(scenario, name: str, opponent: str, seed: int = 0, protocol: str = "alternating"):
    params = dataclasses.replace(PARAMS, protocol=protocol)
    return run(scenario, ["USA", "PRK"], [name, opponent], params, rng=seed)


def my_offers(r: NegotiationResult) -> list[tuple[int, tuple[float, ...], float]]:
    return [(t.round, t.offer, t.utilities[0]) for t in r.trace if t.proposer == "USA"]


@pytest.mark.parametrize("name", NAMES)
def test_registry_name_citation_and_round_trip_of_options(name: str) -> None:
    s = make_strategy(name)
    assert s.name == name and isinstance(s, Strategy)
    assert s.citation and s.citation[0].isupper()
    assert dataclasses.is_dataclass(s) and type(s).__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert make_strategy(s.name, s.options()) == s
    assert parse_strategy(s.describe()) == s
    hash(s)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_trace(scenario, name: str) -> None:
    for opponent in OPPONENTS:
        assert play(scenario, name, opponent, seed=4) == play(scenario, name, opponent, seed=4)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("protocol", ["alternating", "mediated"])
def test_accepts_nothing_worth_less_than_walking_away(scenario, name: str, protocol) -> None:
    for opponent in OPPONENTS:
        for seed in range(3):
            r = play(scenario, name, opponent, seed, protocol)
            rv, delta = r.reservation[0], r.provenance.params["discount"]["USA"]
            if r.agreed:
                assert r.payoffs[0] >= rv - 1e-9, (opponent, seed)
            for t in r.trace:
                if t.accepted[0] and protocol == "alternating":
                    assert delta**t.round * t.utilities[0] >= rv - 1e-9, (opponent, seed, t)


@pytest.mark.parametrize("name", NAMES)
def test_offers_lie_in_the_box_and_above_the_discounted_floor(scenario, name: str) -> None:
    for opponent in OPPONENTS:
        r = play(scenario, name, opponent, seed=1)
        rv, delta = r.reservation[0], r.provenance.params["discount"]["USA"]
        for k, offer, u in my_offers(r):
            assert all(0.0 <= x <= 100.0 for x in offer)
            assert u >= min(1.0, rv / delta**k) - 1e-9, (opponent, k, u)


@pytest.mark.parametrize("name", NAMES)
def test_a_batch_gives_each_negotiation_its_single_run(scenario, name: str) -> None:
    many = run_many([scenario] * 3, ["USA", "PRK"], [name, "boulware"], PARAMS, seeds=[3, 4, 5])
    for seed, r in zip([3, 4, 5], many, strict=True):
        assert r == play(scenario, name, "boulware", seed)


@pytest.mark.parametrize("name", NAMES)
def test_holds_no_utility_and_no_protocol_state(scenario, name: str) -> None:
    """It cannot see the other side's utility: it keeps none, before or after playing."""
    s = make_strategy(name)
    run(scenario, ["USA", "PRK"], [s, "linear"], PARAMS, rng=0)
    held = reachable(s)
    assert not any(isinstance(o, (AdditiveUtility, _Talks, np.ndarray)) for o in held)


@pytest.mark.parametrize("name", NAMES)
def test_global_rng_untouched(scenario, name: str) -> None:
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    play(scenario, name, "linear", seed=2)
    assert (np.random.get_state()[1] == state).all()  # noqa: NPY002
