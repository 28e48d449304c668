"""Issue 15 item 1: negotiations between the right parties, named in every output.

``detente negotiate korea-2019-12 --tournament`` used to play the first two actors (USA against
USA-CONGRESS) without saying so, ignored ``--strategy`` and left the deals out.
"""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from detente.canonical import scenario_to_dict
from detente.cli import negotiate as negotiate_cli
from detente.negotiation import run
from detente.reports.negotiation import section

from .conftest import make_scenario

runner = CliRunner()


def invoke(*args: str) -> str:
    app = typer.Typer()
    negotiate_cli.register(app)
    app.command("noop")(lambda: None)
    res = runner.invoke(app, ["negotiate", *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_korea_tournament_plays_usa_against_prk_and_shows_the_deals() -> None:
    out = invoke("korea-2019-12", "--tournament", "-p", "deadline=20", "--strategy", "USA=linear")
    assert "USA (A) vs PRK (B)" in out and "USA-CONGRESS" not in out
    assert "deals" in out and "sequencing" in out
    doc = json.loads(invoke("korea-2019-12", "--tournament", "--json", "-p", "deadline=20"))
    assert doc["parties"] == ["USA", "PRK"]
    rows = doc["rows"]
    assert {(r["party_a"], r["party_b"]) for r in rows} == {("USA", "PRK")}
    for r in rows:
        agreed = r["status"] in ("agreement", "partial")
        assert (r["agreement"] is not None) == agreed
        if agreed:
            assert set(r["agreement"]) == {"sequencing", "denuclearization", "us_posture"}


def test_tournament_honours_a_fixed_strategy() -> None:
    args = ["korea-2019-12", "--tournament", "--json", "-p", "deadline=20"]
    doc = json.loads(invoke(*args, "--strategy", "USA=boulware"))
    assert doc["params"]["fixed"] == {"USA": "boulware"}
    rows = doc["rows"]
    assert {r["strategy_a"] for r in rows} == {"boulware"}
    assert len({r["strategy_b"] for r in rows}) == 7 and len(rows) == 7 * 5
    rows = json.loads(invoke(*args, "--strategy", "PRK=hardliner", "--strategy", "USA=linear"))[
        "rows"
    ]
    assert {(r["strategy_a"], r["strategy_b"]) for r in rows} == {("linear", "hardliner")}


def test_single_run_names_its_parties() -> None:
    out = invoke("korea-2019-12", "--seed", "1", "-p", "deadline=20")
    assert out.startswith("USA vs PRK on korea-2019-12")
    d = json.loads(invoke("korea-2019-12", "--seed", "1", "--json", "-p", "deadline=20"))
    assert d["parties"] == ["USA", "PRK"] and d["params"]["parties"] == ["USA", "PRK"]
    r = run(_three(), ["A", "C"], ["linear", "linear"], rng=0)
    assert "Negotiation: A, C" in section(r)


def _three():
    return make_scenario(
        {"A": (100.0,), "B": (0.0,), "C": (40.0,)},
        {"A": (50.0,), "B": (50.0,), "C": (50.0,)},
        (50.0,),
        issues=("x",),
    )


def test_without_declared_parties_the_cli_asks_for_them(tmp_path) -> None:
    path = tmp_path / "three.json"
    path.write_text(json.dumps(scenario_to_dict(_three()), default=str))
    app = typer.Typer()
    negotiate_cli.register(app)
    app.command("noop")(lambda: None)
    for extra in ([], ["--tournament"]):
        res = runner.invoke(app, ["negotiate", str(path), *extra])
        assert res.exit_code != 0
        assert "negotiation.parties: fixture has 3 actors" in str(res.exception)
        assert "--parties" in str(res.exception)
    with pytest.raises(ValueError, match=r"negotiation\.parties: fixture has 3 actors"):
        run(_three(), None, ["linear", "linear"])


def test_tournament_json_carries_its_provenance(tmp_path) -> None:
    """It was a bare list of rows: no version, scenario hash or protocol; stored without a model."""
    from detente.api import load_scenario, scenario_path
    from detente.canonical import scenario_sha256

    text = scenario_path("korea-2019-12").read_text()
    anchor = "  parties: [USA, PRK]\n"
    assert text.count(anchor) == 1
    path = tmp_path / "korea.yaml"
    path.write_text(text.replace(anchor, anchor + "  discount: {USA: 0.99, PRK: 0.9}\n"))
    doc = json.loads(
        invoke(str(path), "--tournament", "--json", "-p", "deadline=12", "--seed", "3")
    )
    assert doc["model"] == "tournament" and doc["seed"] == 3 and doc["version"]
    assert doc["scenario"]["sha256"] == scenario_sha256(load_scenario(path))
    params = doc["params"]
    assert params["deadline"] == 12 and params["protocol"] == "alternating"
    assert params["discount"] == {"USA": 0.99, "PRK": 0.9}  # the scenario's, as used
    assert params["parties"] == ["USA", "PRK"] and params["seeds_per_pairing"] == 5
    assert len(doc["rows"]) == 7 * 7 * 5
