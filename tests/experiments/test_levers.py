"""Levers: exact answers against their formulas, the search against them, pairs, draws."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import detente
from detente.errors import DetenteError
from detente.experiments.evaluate import model_params
from detente.experiments.factors import factors
from detente.experiments.lever_analysis import levers
from detente.experiments.lever_result import LeversResult
from detente.experiments.lever_search import Goal, IssueForecast, candidates, search_levers
from detente.spatial import weighted_median
from helpers import cli, make_scenario


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


def _set(s: detente.Scenario, actor: str, field: str, issue: str, v: float) -> detente.Scenario:
    a, k = s.actor_ids.index(actor), s.issue_ids.index(issue)
    act = s.actors[a]
    if field == "capability":
        act = dataclasses.replace(act, capability=v)
    else:
        stances = list(act.stances)
        stances[k] = dataclasses.replace(stances[k], **{field: v})
        act = dataclasses.replace(act, stances=tuple(stances))
    return dataclasses.replace(s, actors=(*s.actors[:a], act, *s.actors[a + 1 :]))


def test_mean_position_lever_is_the_formula(korea: detente.Scenario) -> None:
    """A shift d of actor i moves the weighted mean by w_i / Σw · d, so d = (T − F) Σw / w_i."""
    k = korea.issue_ids.index("us_posture")
    w = korea.capabilities() * korea.saliences()[:, k]
    F = float(w @ korea.positions()[:, k] / w.sum())
    target = 60.0
    r = levers(korea, "mean", issue="us_posture", target=target, fields=["position"])
    assert r.forecast == pytest.approx(F, abs=1e-12)
    for lv in r.levers:
        i = korea.actor_ids.index(lv.actors[0])
        d = (target - F) * w.sum() / w[i] if w[i] else np.inf
        want = korea.positions()[i, k] + d
        if 0 <= want <= 100:
            assert lv.reached and lv.method == "closed form"
            assert lv.after[0] == pytest.approx(want, abs=1e-9)
            assert lv.forecast == pytest.approx(target, abs=1e-9)
        else:
            assert not lv.reached and lv.after[0] in (0.0, 100.0)
            assert "cannot reach it" in lv.describe()


@pytest.mark.parametrize("field", ["salience", "capability"])
def test_mean_salience_and_capability_levers_reach_the_target(
    korea: detente.Scenario, field: str
) -> None:
    r = levers(korea, "mean", issue="sequencing", target=45, fields=[field])
    assert any(lv.reached for lv in r.levers)
    for lv in r.levers:
        run = detente.run(_set(korea, lv.actors[0], field, "sequencing", lv.after[0]), "mean")
        assert run.forecast[0] == pytest.approx(lv.forecast, abs=1e-9)
        assert lv.reached == (abs(lv.forecast - 45) <= r.tolerance)


def _search_only(s: detente.Scenario, model: str, issue: str, target: float, fields: list[str]):  # type: ignore[no-untyped-def]
    k = s.issue_ids.index(issue)
    fs = factors(s, fields, issues=[issue])
    goal = Goal(issue, target, 0.5, 100.0, s.actor_ids)
    f = IssueForecast(s, model, model_params(model, None), k, 0)
    return {(*lv.actors, lv.field): lv for lv in search_levers(f, goal, candidates(fs, False))}


@pytest.mark.parametrize(
    ("model", "fields"),
    [("mean", ["position", "salience", "capability"]), ("median", ["position"])],
)
def test_search_agrees_with_the_exact_levers(
    korea: detente.Scenario, model: str, fields: list[str]
) -> None:
    exact = levers(korea, model, issue="sequencing", target=45, fields=fields)
    found = _search_only(korea, model, "sequencing", 45, fields)
    for lv in exact.levers:
        got = found[(*lv.actors, lv.field)]
        assert got.reached == lv.reached, (lv, got)
        if lv.reached:
            assert got.after[0] == pytest.approx(lv.after[0], abs=2 * got.resolution + 1e-9)
            assert got.resolution > 0 and got.method == "search"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 10), min_size=3, max_size=6).map(lambda v: [10.0 * x for x in v]),
    st.lists(st.integers(1, 9), min_size=6, max_size=6),
    st.integers(0, 100),
)
def test_median_position_lever_is_exact(xs: list[float], ws: list[int], target: int) -> None:
    """Actor 0 at the lever's answer gives the closest median to the target, by the least move.

    Checked against a fine grid of actor 0's positions.
    """
    n = len(xs)
    s = make_scenario([[x] for x in xs], [[50.0]] * n, [float(w) for w in ws[:n]])
    r = levers(s, "median", issue="i0", target=float(target), actors=["a0"], fields=["position"])
    lv = r.levers[0]
    moved = detente.run(_set(s, "a0", "position", "i0", lv.after[0]), "median").forecast[0]
    assert moved == lv.forecast
    grid = np.linspace(0, 100, 401)
    x = np.tile(np.array(xs)[:, None], (1, len(grid)))
    x[0] = grid
    medians = weighted_median(x, np.array(ws[:n], dtype=float)[:, None])
    assert abs(moved - target) <= np.abs(medians - target).min() + 1e-9
    if lv.reached:  # on the target itself if any move gets there, else within the tolerance
        ok = np.abs(medians - target) <= (1e-9 if lv.forecast == target else r.tolerance)
        assert lv.change <= np.abs(grid[ok] - xs[0]).min() + 1e-9


def test_pair_lever_is_the_common_shift(korea: detente.Scenario) -> None:
    """Both actors shift by t towards the target: t = (F − T) Σw / (w_i + w_j), if unclipped."""
    k = korea.issue_ids.index("sequencing")
    w = korea.capabilities() * korea.saliences()[:, k]
    x = korea.positions()[:, k]
    F, target = float(w @ x / w.sum()), 45.0
    r = levers(korea, "mean", issue="sequencing", target=target, fields=["position"], pairs=True)
    assert r.levers and all(len(lv.actors) == 2 for lv in r.levers)
    checked = 0
    for lv in r.levers:
        i, j = (korea.actor_ids.index(a) for a in lv.actors)
        t = (F - target) * w.sum() / (w[i] + w[j])
        if lv.reached and min(x[i], x[j]) - t >= 0:
            assert lv.change == pytest.approx(t, abs=2 * lv.resolution)
            checked += 1
    assert checked >= 3
    single = levers(korea, "mean", issue="sequencing", target=target, fields=["position"])
    alone = {lv.actors[0]: lv.change for lv in single.levers if lv.reached}
    for lv in r.levers:  # a pair is listed only if it beats each of its actors alone
        assert all(lv.change < alone.get(a, np.inf) for a in lv.actors)


def test_model_without_exact_lever_is_searched(korea: detente.Scenario) -> None:
    r = levers(korea, "median", issue="sequencing", target=40, fields=["salience"], seed=1)
    assert all(lv.method == "search" for lv in r.levers)
    for lv in r.levers:
        run = detente.run(
            _set(korea, lv.actors[0], "salience", "sequencing", lv.after[0]), "median"
        )
        assert run.forecast[0] == lv.forecast


def test_already_there_needs_no_change(korea: detente.Scenario) -> None:
    base = detente.run(korea, "mean").forecast[0]
    r = levers(korea, "mean", issue="sequencing", target=base)
    assert all(lv.reached and lv.change == 0 for lv in r.levers)


def test_probability_under_draws(korea: detente.Scenario) -> None:
    kw = {"issue": "sequencing", "target": 45.0, "fields": ["position"], "draws": 300, "seed": 9}
    a = levers(korea, "mean", **kw)  # type: ignore[arg-type]
    b = levers(korea, "mean", **kw)  # type: ignore[arg-type]
    assert a.to_json() == b.to_json() and a.draws == 300
    assert a.baseline_probability is not None and a.baseline_probability < 0.2
    best = a.levers[0]
    assert best.reached and best.probability is not None and 0.3 < best.probability < 0.7
    unreached = [lv for lv in a.levers if not lv.reached]
    assert all(lv.probability is not None and lv.probability < 0.5 for lv in unreached)


def test_json_round_trip_and_frame(korea: detente.Scenario) -> None:
    r = levers(korea, "median", issue="us_posture", target=60, seed=2)
    back = LeversResult.from_json(r.to_json())
    assert back.to_json() == r.to_json()
    frame = r.to_frame()
    assert len(frame) == len(r.levers) == 3 * len(korea.actors)
    assert {"actors", "field", "before", "after", "reached", "description"} <= set(frame.columns)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": 140}, r"outside the scale of sequencing \[0, 100\]"),
        ({"actors": ["XX"]}, "unknown actor 'XX'"),
        ({"fields": ["wealth"]}, "unknown field 'wealth'"),
        ({"issue": "nope"}, "unknown issue 'nope'"),
        ({"tolerance": 0.0}, "tolerance"),
        ({"pairs": True, "actors": ["USA"]}, "at least two actors"),
        ({"draws": 10**9}, "draws"),
    ],
)
def test_bad_input_is_refused(korea: detente.Scenario, kwargs: dict, message: str) -> None:
    args = {"issue": "sequencing", "target": 40.0} | kwargs
    with pytest.raises(DetenteError, match=message):
        levers(korea, "mean", **args)


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["levers", "korea-2019-12", "--issue", "sequencing", "--target", "40"]
    code, out, _ = cli(capsys, *args, "--json", "--fields", "position")
    assert code == 0 and json.loads(out)["kind"] == "levers"
    code, out, _ = cli(capsys, *args, "--actor", "PRK", "--actor", "USA")
    assert code == 0 and "USA position on sequencing from 75 to 32.23" in out
    for bad in (["--target", "140"], ["--actor", "XX"], ["--fields", "x"], ["--draws", "-1"]):
        code, out, err = cli(capsys, *args, *bad)
        assert code == 2 and err.startswith("error: ") and err.count("\n") == 1, err


def test_cli_names_fields_that_do_not_move_it_once(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--issue", "sequencing", "--target", "40", "--actor", "PRK", "--actor", "USA"]
    code, out, _ = cli(capsys, "levers", "korea-2019-12", "--model", "bdm", *args)
    text = " ".join(out.split())
    assert code == 0 and "USA position on sequencing from 75 to 40" in text
    assert "from 10 to 10" not in text and "from 95 to 95" not in text  # not levers
    assert "no change of these brings the forecast closer: PRK position, PRK salience" in text
