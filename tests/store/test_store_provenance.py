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
    """The store listed a backtest as model –, seed – (its provenance sat under "provenance")."""
    deu, store = write_deu(tmp_path / "deu"), str(tmp_path / "s.sqlite")
    args = ["backtest", str(deu), "--models", "mean,bdm", "--draws", "2", "--seed", "4"]
    code, out, err = cli(capsys, *args, "--json", "--save", "--store", store)
    assert code == 0, err
    prov = json.loads(out)
    assert prov["seed"] == 4 and "provenance" not in prov  # flat, as every other result
    code, out, _ = cli(capsys, "runs", "show", "1", "--store", store, "--json")
    rec = json.loads(out)
    assert (rec["model"], rec["seed"], rec["version"]) == ("backtest", 4, prov["version"])
    assert rec["params"] == prov["params"]
    _, out, _ = cli(capsys, "runs", "list", "--store", store, "--json")
    assert json.loads(out)[0]["seed"] == 4


def test_a_backtest_stored_in_the_old_nested_shape_still_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Backtests used to keep their provenance under "provenance"; a run saved so still lists
    and shows its model, parameters and seed, as one saved in today's flat shape does."""
    from detente.result import Provenance
    from detente.store import NewRun, Store

    prov = Provenance(
        model="backtest",
        params={"split": "dev", "draws": 0},
        scenario_id="deu3",
        scenario_title="DEU III",
        scenario_sha256="ab" * 32,
        seed=11,
        version="0.1.0",
    ).to_dict()
    scores = {"dataset": "deu3", "split": "dev", "models": {"mean": {"mae": 20.0}}}
    store = tmp_path / "s.sqlite"
    db = Store(store)
    old = db.save(NewRun(kind="backtest", result={**scores, "provenance": prov}))
    new = db.save(NewRun(kind="backtest", result={**prov, **scores}))
    db.close()
    shown = []
    for run_id in (old, new):
        code, out, err = cli(capsys, "runs", "show", str(run_id), "--store", str(store), "--json")
        assert code == 0, err
        rec = json.loads(out)
        shown.append((rec["model"], rec["params"], rec["seed"], rec["version"]))
    assert shown[0] == shown[1] == ("backtest", {"split": "dev", "draws": 0}, 11, "0.1.0")


def test_a_changed_seed_or_switch_has_no_numeric_change() -> None:
    """'runs diff' gave a changed seed a 'change' (6976227015037502958 → 5 as
    -6976227015037502464.00, through a float) and a switched option one of ±1."""
    from detente.store.diff import Change

    assert Change("seed", 6976227015037502958, 5).delta is None
    assert Change("params.reset_risk", True, False).delta is None
    assert Change("params.rounds", 8, 10).delta == 2.0
