"""SMP against KTAB's own trajectories (tests/reference/ktab, copied from shared/reference/ktab).

For every sample with a KTAB trajectory, and every single-parameter variant of dummyData_3Dim:
each actor's position on each dimension at each turn within 0.01 of KTAB's (0–100 scale), the same
number of turns, the win probabilities and the stop-rule ratios to KTAB's 4 printed decimals.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from detente.io import load
from detente.models.smp import SMPParams, run
from detente.result import Result

REF = Path(__file__).resolve().parents[1] / "reference" / "ktab"
OUT = REF / "outputs"
POSITION_TOL = 0.01  # KTAB rounds bargains to 0.01 on the 0–100 scale (spec §6.11)
PRINTED_TOL = 5e-5 + 1e-9  # KTAB's log prints 4 decimals

VARIANTS = sorted(
    f"variants/{p.name}"
    for p in (OUT / "variants").iterdir()
    if (p / "positions_by_turn.csv").exists() and "Stochastic" not in p.name
)
CASES = ["dummyData_3Dim", "SOE-Pol-Comp", *VARIANTS]


def _input(case: str) -> Path:
    if case.startswith("variants/"):
        return REF / "inputs" / "variants" / f"{case.split('/')[1]}.xml"
    return REF / "inputs" / f"{case}.csv"


@cache
def _result(case: str) -> Result:
    return run(load(_input(case)), rng=20191209)


def _ktab_positions(case: str, column: str = "position_0_100") -> np.ndarray:
    with (OUT / case / "positions_by_turn.csv").open() as f:
        rows = list(csv.DictReader(f))
    shape = [1 + max(int(r[k]) for r in rows) for k in ("turn", "actor_i", "dim_k")]
    x = np.full(shape, np.nan)
    for r in rows:
        x[int(r["turn"]), int(r["actor_i"]), int(r["dim_k"])] = float(r[column])
    return x


def _ours(res: Result, key: str | None = None) -> np.ndarray:
    if key is None:
        return np.array([r.positions for r in res.rounds])
    return np.array([[r.extra[key][a] for a in res.actors] for r in res.rounds])


@pytest.mark.parametrize("case", CASES)
def test_positions_match_ktab(case: str) -> None:
    res, ktab = _result(case), _ktab_positions(case)
    turns = json.loads((OUT / case / "summary.json").read_text())["num_turns"]
    assert res.extra["turns"] == turns == len(ktab) - 1
    ours = _ours(res)
    assert ours.shape == ktab.shape
    gap = np.abs(ours - ktab).max(axis=(1, 2))
    assert np.all(gap <= POSITION_TOL), f"first turn off by more than 0.01: {np.argmax(gap > 0.01)}"


@pytest.mark.parametrize("case", CASES)
def test_ideals_match_ktab(case: str) -> None:
    ours, ktab = _ours(_result(case), "ideals"), _ktab_positions(case, "ideal_0_100")
    assert np.abs(ours - ktab).max() <= POSITION_TOL


@pytest.mark.parametrize("case", CASES)
def test_win_probabilities_match_ktab(case: str) -> None:
    res = _result(case)
    with (OUT / case / "win_probs_by_turn.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(res.actors) * len(res.rounds)
    for r in rows:
        ours = res.rounds[int(r["turn"])].extra["win_probability"][r["actor"]]
        assert ours == pytest.approx(float(r["prob"]), abs=PRINTED_TOL), r


@pytest.mark.parametrize("case", CASES)
def test_stop_ratios_match_ktab(case: str) -> None:
    res = _result(case)
    with (OUT / case / "stop_trace.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == res.extra["turns"]
    for r in rows:
        ours = res.rounds[int(r["iteration"])].extra["fractional_change"]
        assert ours == pytest.approx(float(r["fractional_change_vs_first_step"]), abs=PRINTED_TOL)


def test_every_variant_with_a_trajectory_is_checked() -> None:
    with_trajectory = {
        p.name for p in (OUT / "variants").iterdir() if (p / "positions_by_turn.csv").exists()
    }
    checked = {c.split("/")[1] for c in CASES if c.startswith("variants/")}
    assert with_trajectory - checked == {"d3__StateTransitions-Stochastic"}
    assert len(checked) == 23


@pytest.mark.xfail(
    strict=True,
    reason="KTAB's stochastic transitions are not reproducible (its actors draw their bargain "
    "choices from one shared PRNG in whatever order its threads run), so no seed can match its "
    "one recorded run: with seed 20191209 we stop after 3 turns against KTAB's 28, positions "
    "differ by up to 28.4 points from turn 1 (seeds 0-19 give 7 to 56 turns)",
)
def test_stochastic_variant_matches_ktab() -> None:
    case = "variants/d3__StateTransitions-Stochastic"
    res, ktab = run(load(_input(case)), rng=20191209), _ktab_positions(case)
    assert res.extra["turns"] == len(ktab) - 1
    assert np.abs(_ours(res) - ktab).max() <= POSITION_TOL


def test_default_params_on_xml_baseline_equal_csv() -> None:
    base = _result("variants/d3__baseline")
    csv_run = _result("dummyData_3Dim")
    assert base.rounds == csv_run.rounds


@pytest.mark.parametrize(
    ("sample", "turns"),
    [("dummyData_6Dim", 29), ("SOE-Policy", 19), ("SOE-Competitive", 35), ("dummyData-a040", 20)],
)
def test_turn_counts_of_samples_without_trajectory(sample: str, turns: int) -> None:
    """KTAB's turn counts from the spec's table of measured runs (§5)."""
    assert run(load(REF / "inputs" / f"{sample}.csv")).extra["turns"] == turns


def test_turn_count_a080() -> None:
    """About 1 s: one 80-actor run."""
    assert run(load(REF / "inputs" / "dummyData-a080.csv")).extra["turns"] == 17


def test_file_parameters_are_recorded_in_provenance() -> None:
    res = _result("variants/d3__VotingRule-PropCbc")
    assert res.provenance.params["voting_rule"] == "PropCbc"
    assert res.provenance.params["victory_prob_model"] == "Linear"
    overridden = run(load(_input("variants/d3__VotingRule-PropCbc")), SMPParams(voting_rule="Prop"))
    assert overridden.rounds == _result("dummyData_3Dim").rounds
