"""``detente negotiate`` on a scenario file and on the bundled Korea scenario."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from detente.api import bundled_scenarios
from detente.canonical import scenario_to_dict
from detente.cli import negotiate as negotiate_cli

runner = CliRunner()


def app() -> typer.Typer:
    a = typer.Typer()
    negotiate_cli.register(a)
    a.command("noop")(lambda: None)  # a second command keeps typer in multi-command mode
    return a


@pytest.fixture
def scenario_file(tmp_path, korea_like):
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(scenario_to_dict(korea_like), default=str))
    return str(path)


def test_negotiate_prints_json(scenario_file) -> None:
    args = [
        "negotiate",
        scenario_file,
        "--parties",
        "USA,PRK",
        "--strategy",
        "USA=boulware",
        "--strategy",
        "PRK=stall-and-water-down",
        "--deadline",
        "30",
        "--seed",
        "4",
        "--json",
    ]
    res = runner.invoke(app(), args)
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["strategies"] == ["boulware", "stall-and-water-down"]
    assert d["seed"] == 4 and d["params"]["deadline"] == 30 and len(d["trace"]) <= 30


def test_negotiate_table_and_tournament(scenario_file) -> None:
    res = runner.invoke(app(), ["negotiate", scenario_file, "--strategy", "USA=conceder"])
    assert res.exit_code == 0, res.output
    assert "USA" in res.output and "conceder" in res.output
    res = runner.invoke(
        app(), ["negotiate", scenario_file, "--tournament", "--json", "-p", "deadline=20"]
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    rows = doc["rows"]
    assert len(rows) == 7 * 7 * 5
    assert {"strategy_a", "strategy_b", "seed", "status", "utility_a", "pareto_distance"} <= rows[
        0
    ].keys()


def test_tournament_without_seed_shows_and_records_the_seed_it_used(scenario_file) -> None:
    """'negotiate --tournament' without --seed used seed 0 silently: now a fresh seed, printed and
    recorded, and the same --seed reruns it."""
    args = ["negotiate", scenario_file, "--tournament", "-p", "deadline=10"]
    strategies = ["--strategy", "USA=boulware", "--strategy", "PRK=linear"]
    res = runner.invoke(app(), [*args, *strategies])
    assert res.exit_code == 0, res.output
    seed = int(res.output.split("root seed ")[1].split()[0])
    docs = [
        json.loads(runner.invoke(app(), [*args, *strategies, *extra, "--json"]).output)
        for extra in ([], ["--seed", str(seed)], ["--seed", str(seed)])
    ]
    assert docs[0]["seed"] != seed  # fresh each time, not a fixed 0
    assert docs[1]["seed"] == docs[2]["seed"] == seed and docs[1]["rows"] == docs[2]["rows"]
    res = runner.invoke(app(), ["negotiate", "--help"])
    assert "a fresh one" in " ".join(res.output.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--strategy", "USA"], "PARTY=NAME"),
        (["--strategy", "KOR=linear"], "not among the parties"),
        (["--strategy", "USA=nobody"], "--strategy 'nobody': no such strategy (allowed: boulware,"),
        (
            ["--strategy", "USA=boulware:ee=1"],
            "--strategy ee=1: strategy boulware has no such parameter (allowed: e, kappa, family)",
        ),
        (["--strategy", "USA=boulware:e=x"], "--strategy e=x: strategy boulware: must be a finite"),
        (["-p", "deadline=0"], "deadline"),
        (["--parties", "USA"], "two or more distinct parties"),
        (["--parties", "USA,USA"], "two or more distinct parties"),
        (["--parties", "USA,PRK,XYZ"], "no actor XYZ"),
        (["--parties", "USA,PRK,USA-CONGRESS", "--tournament"], "plays pairs"),
    ],
)
def test_user_errors(scenario_file, args, message) -> None:
    res = runner.invoke(app(), ["negotiate", scenario_file, *args])
    assert res.exit_code != 0
    assert message in str(res.exception)


@pytest.mark.skipif("korea-2019-12" not in bundled_scenarios(), reason="Korea scenario not bundled")
def test_korea_showcase() -> None:
    args = [
        "negotiate",
        "korea-2019-12",
        "--parties",
        "USA,PRK",
        "--strategy",
        "USA=boulware",
        "--strategy",
        "PRK=stall-and-water-down",
        "--seed",
        "1",
        "--json",
    ]
    res = runner.invoke(app(), args)
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["parties"] == ["USA", "PRK"]
    assert d["issues"] == ["sequencing", "denuclearization", "us_posture"]
    assert d["status"] in ("agreement", "partial", "no-agreement", "breakdown")
