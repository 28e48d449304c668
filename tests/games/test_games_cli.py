from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli import main
from detente.games import format_efg, load_game, parse_efg


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["game", "list"], capsys)
    assert code == 0 and "deadline_provocation" in out and "iig" in out
    code, out, _ = run(["game", "show", "deterrence", "--param", "p_hard=0.25"], capsys)
    assert code == 0 and 'c "" 1 "type" { "Hard" 1/4' in out
    assert (
        "p_hard = 0.25: Prior probability that the defender is hard (resolute). Range [0, 1]; "
        "default 0.5; source: illustrative." in out
    )
    assert parse_efg(out).players == ("Challenger", "Defender")  # still a valid .efg file


@pytest.mark.parametrize("method", ["spe", "pure-nash", "nash", "pbe", "qre"])
def test_solve_json(method: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["game", "solve", "iig", "--method", method, "--lambda", "2", "--json"], capsys
    )
    assert code == 0
    d = json.loads(out)
    assert d["game"] == "iig" and d["method"] == {"nash": "pure-nash"}.get(method, method)
    assert {"game", "method", "params", "equilibria"} <= set(d)
    eq = d["equilibria"][0]
    assert set(eq["profile"]) == {"A", "B"}
    assert sum(eq["outcome_probabilities"].values()) == pytest.approx(1.0)
    if method == "qre":
        assert d["params"]["lambda"] == 2.0


def test_solve_with_scenario_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["game", "solve", "deadline_provocation", "--scenario", "korea-2019-12", "--json"], capsys
    )
    assert code == 0, err
    d = json.loads(out)
    assert d["params"]["months_to_election"] == 10.0
    assert "after red-line test" in d["equilibria"][0]["profile"]["USA"]  # US is played by USA
    assert set(d["equilibria"][0]["payoffs"]) == {"PRK", "USA"}
    code, out, _ = run(
        ["game", "solve", "deadline_provocation", "--scenario", "korea-2019-12"], capsys
    )
    assert "PRK @ " in out and "USA @ " in out and "NK @" not in out


def test_solve_text_and_efg_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fearon.efg"
    path.write_text(format_efg(load_game("audience_costs", {"a": 1.0}).game))
    code, out, _ = run(["game", "solve", str(path)], capsys)
    assert code == 0 and "Defender concedes 1.000" in out


def test_sweep(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        [
            "game",
            "sweep",
            "deadline_provocation",
            "--param",
            "months_to_election=0:12:3",
            "--param",
            "p_resolute=0.4",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    d = json.loads(out)
    assert [r["value"] for r in d["rows"]] == [0.0, 6.0, 12.0]
    assert d["params"]["p_resolute"] == 0.4
    code, out, _ = run(["game", "sweep", "deterrence", "--param", "p_hard=0:1:3"], capsys)
    assert code == 0 and "outcome probabilities by p_hard" in out


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            'EFG 2 R "x" { "A" }\n""\nc "" 1 "" { "a" 1/2 "b" 1/3 } 0\nt "" 1 "o" { 1 }\n'
            't "" 2 "p" { 2 }\n',
            "line 3",
        ),
        ('EFG 2 R "x" { "A" "B" }\n""\np "" 1 1 "" { "a" } 0\nt "" 1 "o" { 1 }\n', "line 4"),
        ('EFG 2 R "x" { "A" }\n""\np "" 1 1 "" { "a" } 0\n', "line 3"),
    ],
)
def test_bad_efg_exit_2_with_line(
    text: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.efg"
    path.write_text(text)
    code, _, err = run(["game", "solve", str(path)], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and f"bad.efg: {where}:" in lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["game", "solve", "nosuchgame"],
        ["game", "solve", "missing.efg"],
        ["game", "solve", "iig", "--param", "nosuch=1"],
        ["game", "solve", "deterrence", "--param", "p_hard=2"],
        ["game", "solve", "deterrence", "--method", "spe"],
        ["game", "sweep", "iig", "--param", "a_sq=0:1"],
    ],
)
def test_user_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2 and err.startswith("error: ") and len(err.strip().splitlines()) == 1


def test_pbe_says_when_only_a_mixed_equilibrium_exists(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15 item 8: "0 equilibria" with no hint; now the mixed PBE, labelled as such."""
    argv = ["game", "solve", "audience_costs", "-p", "p_resolved=0.7", "--method", "pbe"]
    code, out, _ = run(argv, capsys)
    assert code == 0 and "1 equilibria" in out and "no pure-strategy equilibrium exists" in out
    assert "unresolved challenger: Status quo 0.300, Challenge 0.700" in out
    code, out, _ = run(["game", "solve", "audience_costs", "--method", "mixed-nash"], capsys)
    assert code == 0 and "mixed-nash" in out


def test_no_pure_equilibrium_points_to_mixed_and_qre(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from detente.games import build, decide, leaf, write_efg

    pennies = {"H": leaf("A wins", 1, -1), "T": leaf("B wins", -1, 1)}
    other = {"H": leaf("B wins", -1, 1), "T": leaf("A wins", 1, -1)}
    root = decide("A", "a", {"H": decide("B", "b", pennies), "T": decide("B", "b", other)})
    write_efg(build("pennies", ["A", "B"], root), tmp_path / "pennies.efg")
    argv = ["game", "solve", str(tmp_path / "pennies.efg"), "--method", "pure-nash", "--json"]
    d = json.loads(run(argv, capsys)[1])
    note = d["details"]["note"]  # the library's words in the result, the flags on screen
    assert d["equilibria"] == [] and "method='mixed-nash'" in note and "--" not in note
    assert "use --method mixed-nash" in run(argv[:-1], capsys)[1]
    d = json.loads(run([*argv[:4], "mixed-nash", "--json"], capsys)[1])
    assert d["equilibria"][0]["profile"]["B"]["b"] == {"H": 0.5, "T": 0.5}


def test_one_qre_precision_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    """'game sweep' and 'game solve' defaulted to QRE λ = 1 where the report and the outlook use
    5: one default now, named in --help, and the same in the workbench and the library."""
    from detente.deal_outlook import crisis
    from detente.games import DEFAULT_LAMBDA, solve
    from detente.reports.run import SWEEP_LAMBDA

    assert DEFAULT_LAMBDA == SWEEP_LAMBDA == crisis.LAMBDA == 5.0
    args = ["game", "sweep", "deterrence", "-p", "p_hard=0.1:0.9:2", "--json"]
    code, out, _ = run(args, capsys)
    assert code == 0 and json.loads(out)["lambda"] == DEFAULT_LAMBDA
    code, out, _ = run(["game", "solve", "deterrence", "--method", "qre", "--json"], capsys)
    assert code == 0 and json.loads(out)["params"]["lambda"] == DEFAULT_LAMBDA
    assert solve(load_game("deterrence"), "qre").provenance.params["lambda"] == DEFAULT_LAMBDA
    for command in ("sweep", "solve"):
        _, out, _ = run(["game", command, "--help"], capsys)
        assert "[default: 5.0]" in out and "games.md" in " ".join(out.split())


def test_game_sweep_params_carry_lambda_for_runs_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A game sweep's JSON 'params' were its fixed game parameters only (the provenance's record
    was overwritten), so two sweeps that differed in λ stored the same params and 'runs diff'
    showed no change. They now hold the whole record: fixed ones, the swept one, method and λ."""
    monkeypatch.setenv("DETENTE_STORE", str(tmp_path / "s.sqlite"))
    base = ["game", "sweep", "deterrence", "-p", "p_hard=0.1:0.9:2", "--save", "--json"]
    code, out, _ = run([*base, "--lambda", "2"], capsys)
    params = json.loads(out)["params"]
    assert code == 0 and params["lambda"] == 2.0 and params["param"] == "p_hard"
    assert params["values"] == [0.1, 0.9] and "method" in params
    code, _, _ = run([*base, "--lambda", "7"], capsys)
    code, out, _ = run(["runs", "diff", "1", "2", "--json"], capsys)
    changes = {c["path"]: (c["before"], c["after"]) for c in json.loads(out)["settings"]}
    assert code == 0 and changes["params.lambda"] == (2.0, 7.0)
