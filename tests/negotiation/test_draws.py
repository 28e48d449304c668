"""The batched entry: many draws at once, each equal to the single run with its seed and inputs."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from detente.api import load_scenario
from detente.errors import ModelInputError
from detente.negotiation import NegotiationParams, run, run_many
from detente.negotiation.draws import deadline_sweep, run_draws
from detente.scenario import NegotiationSetup, PartyValue

PARAMS = NegotiationParams(deadline=30, explore=0.3)


def declared(sc, rv, delta):
    """``sc`` with the reservation values and discount factors of one draw declared."""
    parties = ("USA", "PRK")
    setup = NegotiationSetup(
        parties=parties,
        reservation=tuple(PartyValue(p, float(v)) for p, v in zip(parties, rv, strict=True)),
        discount=tuple(PartyValue(p, float(v)) for p, v in zip(parties, delta, strict=True)),
    )
    return dataclasses.replace(sc, negotiation=setup)


def test_each_draw_equals_the_single_run(korea_like) -> None:
    gen = np.random.default_rng(5)
    D = 24
    rv = gen.uniform(0.0, 0.6, (D, 2))
    delta = gen.choice([1.0, 0.99, 0.95], (D, 2))
    pool = ["boulware", "linear", "tit-for-tat", "stall-and-water-down"]
    profiles = [[pool[d % 4], pool[(d // 4) % 4]] for d in range(D)]
    out = run_draws(
        korea_like,
        profiles,
        PARAMS,
        parties=["USA", "PRK"],
        n=D,
        seed=3,
        reservation=rv,
        discount=delta,
    )
    for d in range(D):
        alone = run(
            declared(korea_like, rv[d], delta[d]), None, profiles[d], PARAMS, rng=int(out.seeds[d])
        )
        assert str(alone.status) == str(out.to_frame()["status"][d])
        assert (alone.round if alone.round is not None else -1) == out.round[d]
        assert alone.deadline == out.deadline[d]
        assert np.allclose(alone.utilities, out.utilities[d])
        assert np.allclose(alone.payoffs, out.payoffs[d])
        deal = np.full(3, np.nan) if alone.agreement is None else np.array(alone.agreement)
        assert np.allclose(deal, out.agreement[d], equal_nan=True)


def test_run_many_takes_per_draw_reservations_and_discounts(korea_like) -> None:
    rv = np.array([[0.2, 0.3], [0.5, 0.1], [0.0, 0.0]])
    delta = np.array([[1.0, 0.9], [0.95, 0.95], [0.99, 1.0]])
    many = run_many(
        [korea_like] * 3,
        ["USA", "PRK"],
        ["linear", "conceder"],
        PARAMS,
        seeds=[7, 8, 9],
        reservation=rv,
        discount=delta,
    )
    for d, r in enumerate(many):
        alone = run(
            declared(korea_like, rv[d], delta[d]), None, ["linear", "conceder"], PARAMS, rng=7 + d
        )
        assert (r.status, r.round, r.utilities, r.payoffs) == (
            alone.status,
            alone.round,
            alone.utilities,
            alone.payoffs,
        )
        assert r.reservation == tuple(rv[d])
        assert r.provenance.params["discount"] == {"USA": delta[d, 0], "PRK": delta[d, 1]}
        assert r.provenance.params["reservation"] == {"USA": rv[d, 0], "PRK": rv[d, 1]}


def test_agreement_probability_and_frame(korea_like) -> None:
    out = run_draws(
        korea_like, ["linear", "tit-for-tat"], PARAMS, parties=["USA", "PRK"], n=50, seed=1
    )
    p = [out.agreement_probability(by=k) for k in (0, 10, 20, 30, None)]
    assert p == sorted(p) and p[0] == 0.0 and p[-1] == out.agreed.mean()
    assert out.agreement_probability(full=True) <= out.agreement_probability()
    frame = out.to_frame()
    assert len(frame) == 50 and {
        "seed",
        "status",
        "round",
        "deal_sequencing",
        "utility_USA",
    } <= set(frame.columns)
    again = run_draws(
        korea_like, ["linear", "tit-for-tat"], PARAMS, parties=["USA", "PRK"], n=50, seed=1
    )
    assert np.array_equal(again.utilities, out.utilities) and out.provenance.seed == 1


def test_bad_draw_inputs_are_refused(korea_like) -> None:
    with pytest.raises(ModelInputError, match="shape"):
        run_draws(
            korea_like,
            ["linear", "linear"],
            parties=["USA", "PRK"],
            n=4,
            seed=0,
            reservation=np.zeros((3, 2)),
        )
    with pytest.raises(ModelInputError, match="discount"):
        run_draws(
            korea_like,
            ["linear", "linear"],
            parties=["USA", "PRK"],
            n=2,
            seed=0,
            discount=np.full((2, 2), 1.5),
        )
    with pytest.raises(ModelInputError, match="one strategy profile per draw"):
        run_draws(korea_like, [["linear", "linear"]] * 3, parties=["USA", "PRK"], n=2, seed=0)


def test_deadline_sweep_on_korea() -> None:
    korea = load_scenario("korea-2019-12")
    pair = ["boulware", "stall-and-water-down"]
    fixed = deadline_sweep(korea, pair, [99, 100], NegotiationParams(deadline_jitter=0), n=40)
    assert [r["agreement"] for r in fixed] == [1.0, 0.0]
    rows = deadline_sweep(korea, pair, [99, 100], n=40)
    assert abs(rows[0]["agreement"] - rows[1]["agreement"]) < 0.1
    assert set(rows[0]) == {"deadline", "agreement", "full", "utility_USA", "utility_PRK"}
