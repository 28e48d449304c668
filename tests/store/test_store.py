"""The store of runs: save, read, list, diff, export, remove; bad stores; the CLI's runs group."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from detente import load_scenario, run
from detente.store import NewRun, Store, StoreError, diff_runs, save_by_default
from helpers import cli


@pytest.fixture
def db(tmp_path: Path) -> Store:
    return Store(tmp_path / "runs.sqlite")


def _save(db: Store, model: str, **kw: object) -> int:
    s = load_scenario("ec-emissions-1994")
    return db.save(NewRun(kind="run", result=run(s, model).to_dict(), scenario=s, **kw))  # type: ignore[arg-type]


def test_save_and_get_round_trip(db: Store) -> None:
    rid = _save(db, "mean", command="detente run ec-emissions-1994 --model mean")
    rec = db.get(rid)
    assert rec.model == "mean" and rec.kind == "run" and rec.scenario_id == "ec-emissions-1994"
    assert rec.result is not None and rec.result["forecast"] == [pytest.approx(7.389955686853767)]
    assert rec.summary == {"delay": pytest.approx(7.389955686853767)}
    assert db.scenario(rec.scenario_sha256 or "").id == "ec-emissions-1994"
    assert json.loads(json.dumps(rec.to_dict()))["id"] == rid


def test_scenarios_are_content_addressed(db: Store) -> None:
    _save(db, "mean")
    _save(db, "median")
    assert len(db.scenarios()) == 1  # the same scenario twice is stored once


def test_one_scenario_record_by_hash_prefix(db: Store) -> None:
    a = load_scenario("ec-emissions-1994")
    b = load_scenario("korea-2019-12")
    sha_a, sha_b = db.save_scenario(a, label="first"), db.save_scenario(b)
    rec = db.scenario_record(sha_a[:10])
    assert rec.sha256 == sha_a and rec.scenario_id == a.id and rec.label == "first"
    assert db.scenario_record(sha_b).scenario_id == b.id
    with pytest.raises(StoreError, match="no scenario"):
        db.scenario_record("ffff" if not sha_a.startswith("ffff") else "0000")
    common = next((n for n in range(64) if sha_a[:n] != sha_b[:n]), 1) - 1
    with pytest.raises(StoreError, match="ambiguous"):
        db.scenario_record(sha_a[:common])


def test_list_filters_and_order(db: Store) -> None:
    a, b = _save(db, "mean"), _save(db, "median")
    db.save(NewRun(kind="game", result={"equilibria": []}))
    assert [r.id for r in db.runs()][:2] == [b + 1, b]
    assert [r.id for r in db.runs(kind="run")] == [b, a]
    assert [r.id for r in db.runs(scenario="ec-emissions-1994")] == [b, a]
    assert db.runs(scenario="nope") == []


def test_diff_names_changed_inputs_and_forecasts(db: Store) -> None:
    s = load_scenario("korea-2019-12")
    stances = []
    for st in s.actors[1].stances:
        stances.append(
            st
            if st.issue != "sequencing"
            else type(st)(issue=st.issue, position=st.position, salience=40.0)
        )
    import dataclasses

    actor = dataclasses.replace(s.actors[1], stances=tuple(stances))
    s2 = dataclasses.replace(s, actors=(s.actors[0], actor, *s.actors[2:]))
    a = db.save(NewRun(kind="run", result=run(s, "mean").to_dict(), scenario=s))
    b = db.save(NewRun(kind="run", result=run(s2, "mean").to_dict(), scenario=s2))
    ra, rb = db.get(a), db.get(b)
    d = diff_runs(
        ra, rb, db.scenario(ra.scenario_sha256 or ""), db.scenario(rb.scenario_sha256 or "")
    )
    paths = [c.path for c in d.inputs]
    assert f"actors[{actor.id}].positions.sequencing.salience" in paths
    moved = {c.path: c.delta for c in d.forecasts}
    assert moved["sequencing"] != 0 and set(moved) == {i.id for i in s.issues}
    assert d.settings == ()


def test_delete_removes_run(db: Store) -> None:
    rid = _save(db, "mean")
    db.delete(rid)
    with pytest.raises(StoreError, match=f"no run {rid}"):
        db.get(rid)


def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer detente"):
        Store(path)


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="not a usable detente store"):
        Store(path)
    assert path.read_text().startswith("these are my notes")  # nothing the user had is lost


def test_folder_as_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_save_runs_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_SAVE_RUNS", "1")
    assert save_by_default()
    monkeypatch.setenv("DETENTE_SAVE_RUNS", "no")
    assert not save_by_default()
    monkeypatch.setenv("DETENTE_SAVE_RUNS", "maybe")
    with pytest.raises(StoreError, match="DETENTE_SAVE_RUNS"):
        save_by_default()


def test_cli_save_list_show_diff_export_rm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_STORE", str(tmp_path / "s.sqlite"))
    monkeypatch.delenv("DETENTE_SAVE_RUNS", raising=False)
    code, out, err = cli(capsys, "run", "ec-emissions-1994", "--model", "mean", "--save", "--json")
    assert code == 0 and json.loads(out)["model"] == "mean" and "saved as run 1" in err
    cli(capsys, "run", "ec-emissions-1994", "--model", "median", "--save")
    code, out, _ = cli(capsys, "run", "ec-emissions-1994", "--model", "median")  # not saved
    code, out, _ = cli(capsys, "runs", "list", "--json")
    assert [r["id"] for r in json.loads(out)] == [2, 1]
    code, out, _ = cli(capsys, "runs", "show", "1")
    assert code == 0 and "detente run ec-emissions-1994 --model mean --save --json" in out
    code, out, _ = cli(capsys, "runs", "diff", "1", "2", "--json")
    d = json.loads(out)
    assert d["settings"][0] == {"path": "model", "before": "mean", "after": "median", "delta": None}
    assert d["forecasts"][0]["after"] == 7.0
    target = tmp_path / "run1.json"
    code, _, _ = cli(capsys, "runs", "export", "1", "--out", str(target))
    assert code == 0 and json.loads(target.read_text())["result"]["model"] == "mean"
    code, _, err = cli(capsys, "runs", "export", "2", "--out", str(target))
    assert code == 2 and "already exists" in err  # never overwritten
    assert json.loads(target.read_text())["result"]["model"] == "mean"
    code, _, _ = cli(capsys, "runs", "rm", "1")
    code, _, err = cli(capsys, "runs", "show", "1")
    assert code == 2 and err.count("\n") == 1 and "no run 1" in err
    assert "(see `detente runs list`)" in err  # the command line's own hint, added in cli/
    code, _, err = cli(capsys, "runs", "rm", "1")
    assert code == 2 and "no run 1" in err and "runs list" in err


def test_cli_newer_store_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    code, _, err = cli(capsys, "runs", "list", "--store", str(path))
    assert code == 2 and err.count("\n") == 1 and "newer detente" in err


def test_out_of_range_run_ids_are_missing_runs(db: Store) -> None:
    for bad in (0, -1, 2**63, 10**30):
        with pytest.raises(StoreError, match="no run"):
            db.get(bad)
