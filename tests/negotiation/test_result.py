"""The result: provenance, JSON round trip, the fields the issue asks for."""

from __future__ import annotations

import json

import pytest

from detente import __version__
from detente.canonical import scenario_sha256
from detente.negotiation import NegotiationParams, NegotiationResult, Status, run


def test_result_carries_provenance(korea_like) -> None:
    r = run(korea_like, ["USA", "PRK"], ["boulware", "stall-and-water-down"], rng=5)
    p = r.provenance
    assert (p.model, p.seed, p.version) == ("negotiation", 5, __version__)
    assert p.scenario_sha256 == scenario_sha256(korea_like)
    assert p.params["strategies"] == ["boulware", "stall-and-water-down"]
    assert p.params["deadline"] == 100


def test_json_round_trip(korea_like) -> None:
    for protocol in ("alternating", "mediated"):
        r = run(
            korea_like,
            ["USA", "PRK"],
            ["linear", "conceder"],
            NegotiationParams(protocol=protocol),
            rng=5,
        )
        d = json.loads(r.to_json())
        for key in (
            "status",
            "round",
            "agreement",
            "utilities",
            "nash_bargaining_point",
            "kalai_smorodinsky",
            "pareto_distance",
            "trace",
            "seed",
            "version",
            "scenario",
        ):
            assert key in d
        assert NegotiationResult.from_json(r.to_json()) == r
        assert len(d["trace"]) == len(r.trace) and d["trace"][0]["offer"].keys() == {
            "sequencing",
            "denuclearization",
            "us_posture",
        }


def test_no_agreement_round_trips(korea_like) -> None:
    r = run(
        korea_like, ["USA", "PRK"], ["hardliner", "hardliner"], NegotiationParams(deadline=3), rng=0
    )
    assert not r.agreed and r.agreement is None
    assert NegotiationResult.from_json(r.to_json()) == r


def test_status_is_an_enum_named_in_json(korea_like) -> None:
    from detente.negotiation import tournament
    from detente.negotiation.tournaments import rows_as_dicts

    r = run(korea_like, ["USA", "PRK"], ["linear", "conceder"], rng=5)
    assert r.status is Status.AGREEMENT and r.agreed
    assert json.loads(r.to_json())["status"] == "agreement" and f"{r.status:>10}" == " agreement"
    assert NegotiationResult.from_json(r.to_json()).status is Status.AGREEMENT
    rows = tournament([korea_like], ["linear", "hardliner"], ["USA", "PRK"], n_seeds=1)
    assert {type(row.status) for row in rows} == {Status}
    names = {d["status"] for d in rows_as_dicts(rows)}
    assert names <= {"agreement", "partial", "no-agreement", "breakdown"} and names
    assert Status.from_name("no-agreement") is Status.NO_AGREEMENT
    with pytest.raises(ValueError, match="unknown negotiation status 'deal'"):
        Status.from_name("deal")


def test_notebook_face(korea_like) -> None:
    r = run(korea_like, ["USA", "PRK"], ["linear", "conceder"], rng=5)
    assert repr(r).startswith("NegotiationResult(USA vs PRK on fixture: agreement in round ")
    assert len(repr(r)) < 120
    frame = r.to_frame()
    assert len(frame) == len(r.trace)
    assert list(frame.columns[:3]) == ["round", "proposer", "offer_sequencing"]
    assert frame["utility_USA"].tolist() == [t.utilities[0] for t in r.trace]
    assert frame["accepted_PRK"].tolist() == [t.accepted[1] for t in r.trace]


def test_tournament_frame(korea_like) -> None:
    from detente.negotiation import tournament
    from detente.negotiation.tournaments import rows_frame

    rows = tournament([korea_like], ["linear", "hardliner"], ["USA", "PRK"], n_seeds=2)
    frame = rows_frame(rows)
    assert len(frame) == 8 and "deal_sequencing" in frame.columns and "agreement" not in frame
    no_deal = frame[frame.status == "no-agreement"]
    assert no_deal["deal_sequencing"].isna().all()


def test_rerun_from_the_provenance_gives_the_same_result(korea_like) -> None:
    from detente.negotiation import make_strategy, rerun

    from .conftest import make_scenario

    declared = make_scenario(
        {"USA": (90.0, 95.0, 70.0), "PRK": (10.0, 5.0, 10.0)},
        {"USA": (60.0, 90.0, 30.0), "PRK": (80.0, 30.0, 70.0)},
        negotiation={"reservation": {"PRK": 0.3}, "discount": {"USA": 0.97}},
    )
    params = NegotiationParams(deadline=40, explore=0.3, opener="random", deadline_jitter=3)
    for sc in (korea_like, declared):
        with_options = [make_strategy("time-dependent", {"e": 3}), "tit-for-tat"]
        for pair in (["boulware", "stall-and-water-down"], with_options):
            r = run(sc, ["USA", "PRK"], pair, params, rng=11)
            assert rerun(r, sc) == r
            assert rerun(NegotiationResult.from_json(r.to_json()), sc) == r
    forced = run(declared, None, ["linear", "linear"], NegotiationParams(discount=0.9), rng=2)
    assert rerun(forced, declared) == forced
