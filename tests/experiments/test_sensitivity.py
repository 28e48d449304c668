"""Sensitivity analysis: SALib's Sobol and Morris wired to the right inputs, a tornado, groups.

The weighted mean with only positions varying is linear, F = Σ a_i x_i with a_i = w_i / Σw, so
every index has a closed form for inputs uniform on [low_i, high_i] with variance v_i = (h−l)²/12:
S1_i = ST_i = a_i² v_i / Σ_j a_j² v_j [Saltelli2008, ch. 4]; Morris mu*_i = |a_i| (h_i − l_i),
sigma_i = 0; tornado swing_i = |a_i| (h_i − l_i).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import detente
from detente.errors import DetenteError
from detente.experiments.factors import factors
from detente.experiments.sensitivity_analysis import sensitivity
from detente.experiments.sensitivity_result import SensitivityResult
from helpers import cli

pytest.importorskip("SALib")


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


def _linear(s: detente.Scenario, issue: str) -> dict[str, tuple[float, float]]:
    """Weight a_i of each position input on ``issue`` and its range width."""
    k = s.issue_ids.index(issue)
    w = s.capabilities() * s.saliences()[:, k]
    a = w / w.sum()
    fs = factors(s, ["position"], issues=[issue])
    return {f.name: (float(a[f.actor]), f.high - f.low) for f in fs}


def test_sobol_matches_the_linear_closed_form(korea: detente.Scenario) -> None:
    r = sensitivity(
        korea, "mean", method="sobol", samples=1024, issue="sequencing", fields=["position"], seed=3
    )
    lin = _linear(korea, "sequencing")
    v = {n: a**2 * h**2 / 12 for n, (a, h) in lin.items()}
    total = sum(v.values())
    for name, vi in v.items():
        for col in ("S1", "ST"):
            got, conf = r.value("sequencing", name, col), r.value("sequencing", name, col + "_conf")
            assert abs(got - vi / total) <= max(3 * conf, 0.02), (name, col, got, vi / total)
    # ranked by ST, ranks 1..k
    st = [row.values[r.columns.index("ST")] for row in r.ranking("sequencing")]
    assert st == sorted(st, reverse=True)
    n = len(factors(korea, ["position"]))
    assert [row.rank for row in r.ranking("sequencing")] == list(range(1, n + 1))


def test_inputs_of_other_issues_have_zero_indices(korea: detente.Scenario) -> None:
    r = sensitivity(korea, "mean", method="sobol", samples=64, seed=1)
    for row in r.rows:
        field_issue = row.input.split(".")
        if len(field_issue) == 3 and field_issue[2] != row.issue:
            assert row.values[0] == 0.0 and row.values[2] == 0.0, row
    assert r.runs == 64 * (len(factors(korea)) + 2)


def test_morris_and_tornado_match_the_linear_closed_form(korea: detente.Scenario) -> None:
    lin = _linear(korea, "us_posture")
    m = sensitivity(
        korea, "mean", method="morris", samples=8, issue="us_posture", fields=["position"], seed=2
    )
    o = sensitivity(korea, "mean", method="oat", issue="us_posture", fields=["position"])
    for name, (a, h) in lin.items():
        assert m.value("us_posture", name, "mu_star") == pytest.approx(a * h, rel=1e-9, abs=1e-9)
        assert m.value("us_posture", name, "sigma") == pytest.approx(0.0, abs=1e-9)
        assert o.value("us_posture", name, "swing") == pytest.approx(a * h, rel=1e-9, abs=1e-9)


def test_tornado_ends_equal_single_runs(korea: detente.Scenario) -> None:
    o = sensitivity(korea, "median", method="oat", issue="sequencing", fields=["salience"])
    top = o.ranking("sequencing")[0]
    f = next(x for x in factors(korea, ["salience"]) if x.name == top.input)
    cols = dict(zip(o.columns, top.values, strict=True))
    for end, col in ((f.low, "at_low"), (f.high, "at_high")):
        s = _with_salience(korea, f.actor, f.issue or 0, end)
        assert detente.run(s, "median").forecast[0] == cols[col]


def _with_salience(s: detente.Scenario, a: int, k: int, v: float) -> detente.Scenario:
    import dataclasses

    actor = s.actors[a]
    stances = list(actor.stances)
    stances[k] = dataclasses.replace(stances[k], salience=v)
    actors = list(s.actors)
    actors[a] = dataclasses.replace(actor, stances=tuple(stances))
    return dataclasses.replace(s, actors=tuple(actors))


def test_groups_rank_actors(korea: detente.Scenario) -> None:
    r = sensitivity(korea, "mean", method="sobol", samples=128, group="actor", seed=5)
    assert {row.input for row in r.ranking("sequencing")} == set(korea.actor_ids)
    assert r.ranking("sequencing")[0].input == "USA"  # capability 100, salience 75, far off
    m = sensitivity(korea, "mean", method="morris", samples=8, group="actor", seed=5)
    assert len(m.ranking("denuclearization")) == len(korea.actors)


def test_same_seed_same_result_and_json_round_trip(korea: detente.Scenario) -> None:
    a = sensitivity(korea, "mean", method="sobol", samples=32, seed=11, issue="sequencing")
    b = sensitivity(korea, "mean", method="sobol", samples=32, seed=11, issue="sequencing")
    assert a.to_json() == b.to_json()
    back = SensitivityResult.from_json(a.to_json())
    assert back.to_json() == a.to_json()
    assert back.provenance.seed == 11 and back.provenance.model == "mean"
    frame = a.to_frame()
    assert list(frame.columns) == ["issue", "input", "rank", "S1", "S1_conf", "ST", "ST_conf"]
    assert len(frame) == len(factors(korea))


def test_stochastic_model_is_deterministic_given_the_seed(korea: detente.Scenario) -> None:
    kw = {"method": "morris", "samples": 2, "fields": ["capability"], "issue": "sequencing"}
    a = sensitivity(korea, "bdm", seed=4, **kw)  # type: ignore[arg-type]
    b = sensitivity(korea, "bdm", seed=4, **kw)  # type: ignore[arg-type]
    assert a.to_json() == b.to_json()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "sobol", "samples": 1000}, r"power of 2 \(e.g. 1024\)"),
        ({"method": "fast"}, "unknown method"),
        ({"method": "oat", "group": "actor"}, "groups apply to sobol and morris"),
        ({"method": "sobol", "group": "issue"}, "unknown group"),
        ({"issue": "nope"}, "unknown issue"),
        ({"fields": ["wealth"]}, "unknown field"),
    ],
)
def test_bad_input_is_refused(korea: detente.Scenario, kwargs: dict, message: str) -> None:
    with pytest.raises(DetenteError, match=message):
        sensitivity(korea, "mean", **kwargs)


def test_cli_json_and_out(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "sensitivity", "korea-2019-12", "--method", "oat", "--json")
    assert code == 0 and json.loads(out)["kind"] == "sensitivity"
    target = tmp_path / "s.csv"
    target.write_text("keep")
    code, _, err = cli(
        capsys, "sensitivity", "korea-2019-12", "--method", "oat", "--out", str(target)
    )
    assert code == 2 and "already exists" in err and target.read_text() == "keep"
    code, _, err = cli(capsys, "sensitivity", "korea-2019-12", "--samples", "100")
    assert code == 2 and err.count("\n") == 1 and "power of 2" in err
    code, _, _ = cli(
        capsys, "sensitivity", "korea-2019-12", "--method", "oat", "--out", str(target), "--force"
    )
    assert code == 0 and target.read_text().startswith("issue,input,rank,low")
    assert np.isfinite(float(target.read_text().splitlines()[1].split(",")[-1]))


def test_progress_is_reported_and_changes_nothing(korea: detente.Scenario) -> None:
    seen: list[tuple[int, int]] = []
    kw = {"method": "morris", "samples": 4, "seed": 3, "issue": "us_posture"}
    a = sensitivity(korea, "median", progress=lambda d, t: seen.append((d, t)), **kw)  # type: ignore[arg-type]
    b = sensitivity(korea, "median", **kw)  # type: ignore[arg-type]
    assert a.to_json() == b.to_json()
    assert seen[-1] == (a.runs, a.runs) and len(seen) > 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cli_tornado_footer_has_no_sample_size(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--model", "mean", "--method", "oat", "--issue", "sequencing"]
    code, out, _ = cli(capsys, "sensitivity", "korea-2019-12", *args)
    assert code == 0 and "oat: 112 runs, no seed (nothing drawn)" in out and "N=0" not in out


def test_cli_default_method_is_the_library_default(capsys: pytest.CaptureFixture[str]) -> None:
    from detente.experiments.sensitivity_analysis import DEFAULT_METHOD

    code, out, _ = cli(capsys, "sensitivity", "--help")
    assert code == 0 and f"[default: {DEFAULT_METHOD}]" in out
