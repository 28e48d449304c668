"""`--save` keeps the run of every command that produces a result, with its kind and command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import cli

COMMANDS = {
    "run": ["run", "ec-emissions-1994", "--model", "mean"],
    "sensitivity": ["sensitivity", "ec-emissions-1994", "--method", "oat"],
    "levers": ["levers", "ec-emissions-1994", "--issue", "delay", "--target", "8"],
    "game": ["game", "solve", "deadline_provocation", "--scenario", "korea-2019-12"],
    "negotiation": ["negotiate", "korea-2019-12", "--seed", "1"],
    "sweep": ["sweep", "ec-emissions-1994", "--model", "mean", "--draws", "50", "--seed", "1"],
    "outlook": ["outlook", "korea-2019-12", "--draws", "20", "--seed", "1"],
    "game-sweep": ["game", "sweep", "iig", "--param", "a_war_a=0.1:0.9:3"],
}


@pytest.mark.parametrize("kind", list(COMMANDS))
def test_save_keeps_the_run(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DETENTE_SAVE_RUNS", raising=False)
    store = str(tmp_path / "s.sqlite")
    code, out, err = cli(capsys, *COMMANDS[kind], "--json", "--save", "--store", store)
    assert code == 0, err
    json.loads(out)  # stdout stays one JSON document
    assert "saved as run 1" in err
    code, out, _ = cli(capsys, "runs", "show", "1", "--store", store, "--json")
    rec = json.loads(out)
    assert rec["kind"] == kind and rec["command"].startswith("detente " + COMMANDS[kind][0])
    assert rec["result"]


def test_backtest_save(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s.sqlite")
    deu = shared / "backtest" / "deu3"
    args = ["backtest", str(deu), "--models", "mean", "--json", "--save", "--store", store]
    code, _, err = cli(capsys, *args)
    assert code == 0 and "saved as run 1" in err
    code, out, _ = cli(capsys, "runs", "list", "--kind", "backtest", "--store", store, "--json")
    assert len(json.loads(out)) == 1


def test_save_runs_setting_saves_without_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_SAVE_RUNS", "1")
    store = str(tmp_path / "s.sqlite")
    cli(capsys, "run", "ec-emissions-1994", "--store", store)
    cli(capsys, "run", "ec-emissions-1994", "--store", store, "--no-save")
    _, out, _ = cli(capsys, "runs", "list", "--store", store, "--json")
    assert len(json.loads(out)) == 1
