"""The fast paths of batch runs: lazy offer traces, shared per-scenario work, the tournament
progress hook and its table in an 80-column terminal."""

from __future__ import annotations

import io
import json

import numpy as np
from rich.console import Console

from detente.cli import negotiate as negotiate_cli
from detente.negotiation import NegotiationParams, NegotiationResult, analysis, run, tournament
from detente.negotiation.offers import OfferTrace
from detente.negotiation.outcomes import outcome_space, utilities_from_scenario
from detente.negotiation.simulate import run_many

PARAMS = NegotiationParams(deadline=25, explore=0.3, opener="random")


def test_offer_trace_reads_like_a_tuple_of_records(korea_like) -> None:
    r = run(korea_like, ["USA", "PRK"], ["boulware", "tit-for-tat"], PARAMS, rng=3)
    assert isinstance(r.trace, OfferTrace)
    records = tuple(r.trace)
    assert len(r.trace) == len(records) > 1
    assert r.trace == records and records == r.trace
    assert r.trace[1:] == records[1:] and r.trace[-1] == records[-1]
    assert [t.round for t in r.trace] == list(range(len(records)))
    assert all(isinstance(v, float) for t in r.trace for v in t.offer + t.utilities)
    assert r.trace != records[:-1]
    back = NegotiationResult.from_json(r.to_json())
    assert back.trace == r.trace and back == r
    assert json.loads(back.to_json())["trace"] == json.loads(r.to_json())["trace"]


def test_the_same_scenario_object_shares_its_setup(korea_like) -> None:
    many = run_many(
        [korea_like] * 4, ["USA", "PRK"], ["linear", "conceder"], PARAMS, seeds=range(4)
    )
    for seed, r in enumerate(many):
        assert r == run(korea_like, ["USA", "PRK"], ["linear", "conceder"], PARAMS, rng=seed)
    assert many[0].frontier is many[3].frontier
    assert many[0].provenance.params is not many[1].provenance.params
    assert [r.provenance.seed for r in many] == [0, 1, 2, 3]


def test_frontier_utilities_equal_the_utility_functions(korea_like) -> None:
    us = utilities_from_scenario(korea_like, ["USA", "PRK"], outcome_space(korea_like))
    u, x = analysis.pareto_frontier(*us)
    assert np.array_equal(u[:, 0], us[0](x[:, None, :])[:, 0])
    assert np.array_equal(u[:, 1], us[1](x[:, None, :])[:, 0])


def test_tournament_reports_progress(korea_like) -> None:
    calls: list[tuple[int, int]] = []
    rows = tournament(
        [korea_like],
        ["boulware", "hardliner", "linear"],
        params=PARAMS,
        n_seeds=2,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(rows) == 3 * 3 * 2
    assert calls == [(k, 9) for k in range(1, 10)]


def test_tournament_table_fits_80_columns(korea_like) -> None:
    rows = tournament([korea_like], params=NegotiationParams(deadline=10), n_seeds=1)
    buf = io.StringIO()
    negotiate_cli._print_table(rows, 2**63 - 1, Console(file=buf, width=80, highlight=False))
    text = buf.getvalue()
    assert max(map(len, text.splitlines())) <= 80
    assert "…" not in text
    assert "sawd = stall-and-water-down" in " ".join(text.split())
    assert "fixture" in text.splitlines()[0]
    wide = io.StringIO()
    negotiate_cli._print_table(rows, 0, Console(file=wide, width=200, highlight=False))
    assert "stall-and-water-down" in wide.getvalue() and "sawd" not in wide.getvalue()
