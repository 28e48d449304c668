"""The result: provenance, JSON round trip, the fields the issue asks for."""

from __future__ import annotations

import json

from detente import __version__
from detente.canonical import scenario_sha256
from detente.negotiation import NegotiationParams, NegotiationResult, run


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
            "nash",
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
