"""Runs that draw nothing record no seed, so two identical runs diff clean (issue 15 item 6).

Covers every entry point that used to make up a fresh seed: ``run``, ``levers``, ``sensitivity``
(one-at-a-time), ``replicate``, and the same on the command line and in the workbench's tasks.
Entry points that always draw (sweeps, outlooks, negotiations, backtests: input draws, opener,
bootstrap) still record the seed they used.
"""

from __future__ import annotations

import json

import pytest

import detente
from detente.experiments import sweep
from detente.experiments.lever_analysis import levers
from detente.experiments.sensitivity_analysis import sensitivity
from detente.rng import seed_to_record
from helpers import cli

SHOCK = {"salience_shock": 0.2, "rounds": 3}
"""BDM settings that draw (salience shocks)."""


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


def test_seed_to_record() -> None:
    assert seed_to_record(7, False) is None and seed_to_record(None, False) is None
    assert seed_to_record(7, True) == 7
    assert isinstance(seed_to_record(None, True), int)


@pytest.mark.parametrize("model", ["mean", "median", "bdm"])
def test_levers_of_a_model_that_draws_nothing_record_no_seed(
    model: str, korea: detente.Scenario
) -> None:
    params = {"rounds": 3} if model == "bdm" else None
    first = levers(korea, model, issue="sequencing", target=50, actors=["PRK"], params=params)
    again = levers(korea, model, issue="sequencing", target=50, actors=["PRK"], params=params)
    assert first.provenance.seed is None
    assert first.to_json() == again.to_json()


def test_levers_that_draw_record_their_seed(korea: detente.Scenario) -> None:
    kw = {"issue": "sequencing", "target": 50.0, "actors": ["PRK"], "fields": ["position"]}
    assert levers(korea, "mean", draws=8, seed=4, **kw).provenance.seed == 4  # type: ignore[arg-type]
    assert levers(korea, "bdm", params=SHOCK, **kw).provenance.seed is not None  # type: ignore[arg-type]


def test_one_at_a_time_sensitivity_records_no_seed(korea: detente.Scenario) -> None:
    first = sensitivity(korea, "median", method="oat")
    assert first.provenance.seed is None
    assert first.to_json() == sensitivity(korea, "median", method="oat").to_json()
    assert sensitivity(korea, "median", method="morris", samples=2).provenance.seed is not None


def test_replicate_of_a_model_that_draws_nothing(korea: detente.Scenario) -> None:
    reps = detente.replicate(korea, "median", 3)
    assert reps.seed is None and reps.seeds == (None, None, None)
    assert all(r.provenance.seed is None for r in reps.results)
    assert "no seed" in repr(reps)
    assert detente.replicate(korea, "bdm", 2, params=SHOCK).seed is not None


def test_a_sweep_always_draws(korea: detente.Scenario) -> None:
    assert sweep(korea, "median", draws=4).provenance.seed is not None


def test_cli_levers_diff_clean(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("levers", "korea-2019-12", "--issue", "sequencing", "--target", "50", "--actor", "PRK")
    outs = [cli(capsys, *args, "-m", m, "--json")[1] for m in ("median", "median", "bdm")]
    assert outs[0] == outs[1] and json.loads(outs[0])["seed"] is None
    assert json.loads(outs[2])["seed"] is None
    code, text, _ = cli(capsys, *args)
    assert code == 0 and "no seed (nothing drawn)" in text


def test_cli_sensitivity_oat_diff_clean(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("sensitivity", "korea-2019-12", "-m", "mean", "--method", "oat", "--json")
    first, again = cli(capsys, *args)[1], cli(capsys, *args)[1]
    assert first == again and json.loads(first)["seed"] is None
