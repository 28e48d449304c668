"""The outlook: components, JSON contract, reproducibility, bad input, HTML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

import detente
from detente.deal_outlook import OutlookError, outlook
from detente.deal_outlook.estimate import wilson
from detente.decision import Decision, DecisionRule
from helpers import cli, make_scenario

DRAWS = 40


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


@pytest.fixture(scope="module")
def korea_outlook(korea: detente.Scenario) -> dict:  # type: ignore[type-arg]
    return outlook(korea, draws=DRAWS, seed=5).to_dict()


def test_json_contract(korea_outlook: dict) -> None:  # type: ignore[type-arg]
    d = korea_outlook
    assert {"p_zone", "p_agreement", "p_provocation", "given_agreement", "by"} <= set(d)
    assert d["by"] == "2019-12-31"  # the first deadline after as_of
    for key in ("p_deal", "p_zone", "p_agreement", "p_provocation", "p_containment"):
        est = d[key]
        assert 0 <= est["interval"][0] <= est["value"] <= est["interval"][1] <= 1
        assert est["method"] and est["interval_method"]
    assert d["p_deal"]["value"] <= d["p_agreement"]["value"]  # a deal is an agreement that passes
    assert d["seed"] == 5 and d["model"] == "outlook" and d["scenario"]["sha256"]
    for issue, p in d["given_agreement"].items():
        assert p["p5"] <= p["p50"] <= p["p95"], issue
    assert d["headline"].startswith("Probability of any agreement by 31 Dec 2019: ")


def test_same_seed_same_outlook(korea: detente.Scenario, korea_outlook: dict) -> None:  # type: ignore[type-arg]
    again = outlook(korea, draws=DRAWS, seed=5).to_dict()
    assert json.dumps(again, sort_keys=True) == json.dumps(korea_outlook, sort_keys=True)


def test_no_zone_no_deal() -> None:
    # Two veto players on opposite sides of the status quo on one issue: no draw has a zone
    # wide enough... unless the noise moves one across; with narrow noise none does.
    s = make_scenario([[10], [90]], [[80], [80]], [1, 1], status_quo=[50], ids=["A", "B"])
    s = dataclasses.replace(
        s,
        as_of=dt.date(2020, 1, 1),
        decision=Decision(DecisionRule(rule="unanimity", veto=("A", "B"))),
    )
    o = outlook(s, draws=DRAWS, seed=1)
    assert o.p_zone.value == 0.0 and o.p_deal.value == 0.0 and o.given_agreement is None
    assert o.p_provocation is None and o.by == dt.date(2020, 12, 31)
    assert "Otherwise: status quo (i0 50)" in o.sentence()


def test_ratification_can_fail() -> None:
    # A and B negotiate; C must also consent and sits at the status quo, so it blocks every deal.
    s = make_scenario(
        [[20], [30], [50]], [[80], [80], [80]], [1, 1, 1], status_quo=[50], ids=["A", "B", "C"]
    )
    rule = DecisionRule(rule="unanimity", veto=("A", "B"))
    s = dataclasses.replace(
        s,
        as_of=dt.date(2020, 1, 1),
        decision=Decision(rule, {"i0": DecisionRule(veto=("A", "B", "C"))}),
    )
    o = outlook(s, draws=DRAWS, seed=2)
    assert o.p_agreement.value > 0.3 and o.p_deal.value < o.p_agreement.value


def test_by_before_as_of(korea: detente.Scenario) -> None:
    with pytest.raises(OutlookError, match="before the scenario's as_of 2019-12-09"):
        outlook(korea, by=dt.date(2019, 12, 1), draws=5)


def test_wilson_interval_reference_values() -> None:
    # 5/10, z = 1.6449: centre 0.5, half-width z·sqrt(0.025 + z²/400) / (1 + z²/10) = 0.23073
    lo, hi = wilson(5, 10)
    assert (lo, hi) == pytest.approx((0.26927, 0.73073), abs=1e-5)
    # 95% interval of 1/10 (z = 1.96): 0.0179–0.4042, the textbook example (Newcombe 1998)
    assert wilson(1, 10, 1.959964) == pytest.approx((0.0179, 0.4042), abs=1e-4)
    assert wilson(0, 100)[0] == 0.0 and wilson(100, 100)[1] == 1.0


def test_cli_json_and_html(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = cli(capsys, "outlook", "korea-2019-12", "--draws", "20", "--seed", "1", "--json")
    d = json.loads(out)
    assert code == 0 and d["by"] == "2019-12-31" and d["p_zone"]["n"] == 20
    page = tmp_path / "o.html"
    code, _, _ = cli(
        capsys, "outlook", "korea-2019-12", "--draws", "20", "--seed", "1", "--out", str(page)
    )
    text = page.read_text()
    assert code == 0 and "Probability of any agreement" in text and "<svg" in text
    # the page showed the headline twice: as its subtitle and atop the outlook section
    assert text.count(d["headline"]) == 1 and "20 draws, seed 1" in text


@pytest.mark.parametrize(
    "args,message",
    [
        (["--by", "2019-11-01"], "--by 2019-11-01: before the scenario's as_of date 2019-12-09"),
        (["--by", "31/12/2019"], "expected a date YYYY-MM-DD"),
        (["--out", "x.txt"], "writes an HTML page"),
        (["--draws", "0"], "positive whole number"),
    ],
)
def test_cli_bad_input(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, _, err = cli(capsys, "outlook", "korea-2019-12", *args)
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err
    if args[0] == "--by" and "before" in message:
        assert "korea-2019-12.yaml: line 11 (as_of)" in err


def test_draw_uniforms_for_profiles_are_not_the_inputs(korea: detente.Scenario) -> None:
    from detente.experiments import input_space
    from detente.rng import draw_uniforms

    k = input_space(korea).size
    u = draw_uniforms([7, 8], k + 2)
    assert not np.allclose(u[:, k:], u[:, :2])


def test_report_opens_with_the_outlook(korea: detente.Scenario) -> None:
    from detente.reports.html import render_report, run_report

    def page_of(s: detente.Scenario, **kw: int) -> str:
        return render_report(run_report(s, ["median"], seed=1, uncertainty=False, **kw))

    page = page_of(korea, outlook_draws=20)
    outlook_at = page.index('<section class="outlook">')
    assert outlook_at < page.index('id="glance"') < page.index('id="forecasts"')
    assert "Probability of any agreement by 31 Dec 2019" in page[outlook_at:]
    no_parties = dataclasses.replace(korea, decision=None, negotiation=None)
    assert "No outlook:" in page_of(no_parties)


def test_cli_table_says_each_interval_and_its_draws(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "outlook", "korea-2019-12", "--draws", "120", "--seed", "1")
    text = " ".join(out.split())  # the terminal wraps long lines
    assert code == 0 and "seed 1; 120 draws; intervals:" in text
    assert "p_deal, p_zone, p_agreement: 90% Wilson score interval of a share of 120 draws" in text
    assert "p_provocation, p_containment: 5th-95th percentile over 100 draws" in text


def test_wilson_interval_contains_the_share() -> None:
    for n in (10, 100, 999, 1000, 1234, 5000):
        for k in range(n + 1):
            lo, hi = wilson(k, n)
            assert lo <= k / n <= hi, (k, n)
    assert wilson(1000, 1000)[1] == 1.0  # was 0.9999999999999998: the page's chart crashed


def test_chart_draws_an_estimate_outside_its_interval(korea: detente.Scenario) -> None:
    from detente.deal_outlook.estimate import Estimate
    from detente.reports.outlook import outlook_figure

    o = outlook(korea, draws=10, seed=1)
    zone = dataclasses.replace(o.p_zone, value=1.0, low=0.997, high=0.9999999999999998)
    skewed = Estimate(0.04, 0.0, 0.0, 100, "mean of a rare event", "5th-95th percentile")
    fig = outlook_figure(dataclasses.replace(o, p_zone=zone, p_provocation=skewed))
    assert len(fig.axes) == 2
