"""The command line: its JSON contract, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DATA, EC_TABLE, cli

SOE = str(DATA / "ktab" / "SOE-Policy.csv")


def test_run_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "run", SOE, "--model", "median", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["model"] == "median" and d["forecast"] == [30.0] and d["seed"] is None
    assert d["actors"][0] == "XJ" and d["issues"] == ["Policy Position"]
    assert len(d["scenario"]["sha256"]) == 64 and d["rounds"][0]["positions"]["XJ"] == [30.0]


def test_run_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "run", SOE, "--model", "mean")
    assert code == 0 and "forecast" in out and "35.01" in out


def test_run_bundled_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "run", "ec-emissions-1994", "--model", "median", "--json")
    assert code == 0 and json.loads(out)["forecast"] == [7.0]


def test_run_out_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert cli(capsys, "run", SOE, "--out", str(out))[0] == 0
    first = out.read_text()
    assert json.loads(first)["model"] == "median"
    code, _, err = cli(capsys, "run", SOE, "--model", "mean", "--out", str(out))
    assert code == 2 and "already exists" in err and out.read_text() == first
    assert cli(capsys, "run", SOE, "--model", "mean", "--out", str(out), "--force")[0] == 0
    assert json.loads(out.read_text())["model"] == "mean"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", SOE, "--model", "nope"], "no model 'nope'"),
        (["run", "no-such-scenario"], "no such file"),
        (
            ["run", SOE, "--model", "nash", "--param", "power=huge"],
            "--param power=huge: is not an allowed value (allowed: capability, equal)",
        ),
        (["run", SOE, "--model", "nash", "--param", "bogus=1"], "bogus=1: nash has no such"),
        (["run", SOE, "--model", "median", "-p", "Q=0.5"], "--param Q=0.5: median takes no para"),
        (["run", SOE, "--model", "bdm", "-p", "rounds=8.5"], "rounds=8.5: must be a whole number"),
        (["run", SOE, "--param", "novalue"], "expected key=value"),
        (["run", SOE, "--model", "nash"], "needs a status quo"),
        (["validate", str(DATA / "ktab" / "smpExample.xml")], "line 32 (actor Alice <dCoord> #1)"),
    ],
)
def test_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = cli(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_validate_ok_and_all_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = cli(capsys, "validate", SOE)
    assert code == 0 and "ok" in out and "26 actors" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("Actor,Capability,Position,Salience\nA,-1,50,50\nB,1,50,500\nA,1,nan,5\n")
    code, _, err = cli(capsys, "validate", str(bad))
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 4
    assert all(line.startswith(f"error: {bad}: line ") for line in lines)


def test_convert_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "ec.csv"
    table.write_text(
        "Actor,Capability,Position,Salience\n" + "\n".join(",".join(map(str, r)) for r in EC_TABLE)
    )
    yaml_out, json_out = tmp_path / "ec.yaml", tmp_path / "ec.json"
    assert cli(capsys, "convert", str(table), str(yaml_out))[0] == 0
    assert cli(capsys, "convert", str(yaml_out), str(json_out))[0] == 0
    a = json.loads(cli(capsys, "run", str(table), "--model", "mean", "--json")[1])
    b = json.loads(cli(capsys, "run", str(json_out), "--model", "mean", "--json")[1])
    assert a["scenario"]["sha256"] == b["scenario"]["sha256"] and a["forecast"] == b["forecast"]
    code, _, err = cli(capsys, "convert", str(table), str(yaml_out))
    assert code == 2 and "already exists" in err
    code, _, err = cli(capsys, "convert", str(table), str(tmp_path / "x.txt"))
    assert code == 2 and "unsupported output format" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from detente import __version__

    assert cli(capsys, "--version") == (0, f"detente {__version__}\n", "")


def test_models_and_scenarios_lists(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "models")
    assert code == 0 and "median" in out and "Nash1950" in out
    assert "stochastic" not in out.split("\n")[1]  # the column said "stochastic: yes" for bdm
    code, out, _ = cli(capsys, "models", "--help")
    assert code == 0 and "--param" in out
    code, out, _ = cli(capsys, "scenarios")
    assert code == 0 and "korea-2019-12" in out and "ec-emissions-1994" in out


def test_models_listing_says_when_a_model_draws() -> None:
    """'detente models' called bdm and smp "stochastic: yes", but by default they draw nothing:
    the listing names the settings under which each draws, and those are the ones that do."""
    from detente import api
    from detente.models import MODELS, draws_random

    scenario = api.load_scenario("ec-emissions-1994")
    shown = {name: spec.randomness for name, spec in MODELS.items()}
    assert shown["bdm"] == "only with salience_shock > 0 or conflict=stochastic"
    assert shown["smp"].startswith("only with state_transitions=Stochastic")
    assert {n for n, v in shown.items() if v == "no"} == {
        n for n, spec in MODELS.items() if not spec.stochastic
    }
    for name, spec in MODELS.items():  # "only with" exactly where the defaults draw nothing
        default = api.model_params(name, None)
        assert shown[name].startswith("only with") == (
            spec.stochastic and not draws_random(name, default, scenario)
        )
    for name, params in [
        ("bdm", {"salience_shock": 0.2}),
        ("bdm", {"conflict": "stochastic"}),
        ("smp", {"state_transitions": "Stochastic"}),
    ]:
        assert draws_random(name, api.model_params(name, params), scenario)


def test_report_writes_self_contained_html(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    code, stdout, err = cli(capsys, "report", "korea-2019-12", "--seed", "1", "--out", str(out))
    assert code == 0 and stdout.strip() == str(out)  # stdout: the path alone, for scripts
    assert "Probability of any agreement by 31 Dec 2019" in err  # the opening answers, on stderr
    assert "(outlook: 100 draws, seed 1; the interval is Monte Carlo error;" in err
    assert "status quo" in err and "bdm" in err and err.rstrip().endswith("report:")
    text = out.read_text()
    assert text.count("<svg") >= 3 and "Provenance" in text and 'data-testid="glance"' in text
    assert "http://" not in text.replace("http://www.w3.org", "") or 'src="http' not in text
    assert "<script src" not in text and "<link " not in text


def test_report_with_negotiation_and_game_sweep(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    code, _, err = cli(
        capsys,
        "report",
        "korea-2019-12",
        "--model",
        "median",
        "--seed",
        "3",
        "--out",
        str(out),
        "--negotiate",
        "USA=boulware,PRK=stall-and-water-down",
        "--sweep",
        "deadline_provocation:months_to_election=1:12:4",
    )
    assert code == 0, err
    text = out.read_text()
    assert "Negotiation: USA, PRK" in text and "outcomes by months_to_election" in text
    for bad in (["--negotiate", "USA=nope"], ["--sweep", "nogame:x=1:2:2"], ["--sweep", "x"]):
        code, _, err = cli(
            capsys, "report", "korea-2019-12", "--out", str(tmp_path / "x.html"), *bad
        )
        assert code == 2 and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_console_script_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    proc = subprocess.run(
        [sys.executable, "-c", "from detente.cli import main; main()", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "not UTF-8" in proc.stderr and "Traceback" not in proc.stderr
