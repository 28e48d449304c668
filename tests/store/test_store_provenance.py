"""A stored run keeps the provenance its result carries, whatever the result's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deu_files import write_deu
from helpers import cli


def test_stored_backtest_keeps_model_params_and_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backtest's provenance sits under "provenance"; the store listed it as model –, seed –."""
    deu, store = write_deu(tmp_path / "deu"), str(tmp_path / "s.sqlite")
    args = ["backtest", str(deu), "--models", "mean,bdm", "--draws", "2", "--seed", "4"]
    code, out, err = cli(capsys, *args, "--json", "--save", "--store", store)
    assert code == 0, err
    prov = json.loads(out)["provenance"]
    assert prov["seed"] == 4
    code, out, _ = cli(capsys, "runs", "show", "1", "--store", store, "--json")
    rec = json.loads(out)
    assert (rec["model"], rec["seed"], rec["version"]) == ("backtest", 4, prov["version"])
    assert rec["params"] == prov["params"]
    _, out, _ = cli(capsys, "runs", "list", "--store", store, "--json")
    assert json.loads(out)[0]["seed"] == 4


def test_a_changed_seed_or_switch_has_no_numeric_change() -> None:
    """'runs diff' gave a changed seed a 'change' (6976227015037502958 → 5 as
    -6976227015037502464.00, through a float) and a switched option one of ±1."""
    from detente.store.diff import Change

    assert Change("seed", 6976227015037502958, 5).delta is None
    assert Change("params.reset_risk", True, False).delta is None
    assert Change("params.rounds", 8, 10).delta == 2.0
