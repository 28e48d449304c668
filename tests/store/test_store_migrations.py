"""A store written by the first schema version is upgraded in place, its runs intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from detente.store import SCHEMA_VERSION, Store
from helpers import REPO

FIXTURE = REPO / "tests" / "reference" / "store" / "store_v1.sql"


def _v1_store(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.executescript(FIXTURE.read_text(encoding="utf-8"))
    return path


def test_v1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    path = _v1_store(tmp_path)
    db = Store(path)
    with sqlite3.connect(path) as con:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        cols = {r[1] for r in con.execute("PRAGMA table_info(runs)")}
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert int(version) == SCHEMA_VERSION == 2
    assert {"summary", "duration_s", "label", "started_at"} <= cols and "artifacts" in tables
    runs = db.runs()
    assert [r.kind for r in runs] == ["game", "run"]
    old = db.get(runs[1].id)
    assert old.summary == {"delay": 7.0}  # back-filled from the v1 result
    assert old.result is not None and old.result["model"] == "median"
    assert db.scenario(old.scenario_sha256 or "").id == "ec-emissions-1994"
    assert db.get(runs[0].id).summary is None  # a result without a forecast has no summary


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    path = _v1_store(tmp_path)
    Store(path).close()
    db = Store(path)  # second open: nothing left to migrate, data unchanged
    assert len(db.runs()) == 2
