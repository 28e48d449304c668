"""The same store code on a PostgreSQL server, when the test environment names one.

Set ``DETENTE_TEST_POSTGRES_URL`` (e.g. ``postgresql+psycopg://user@127.0.0.1/detente_test``) to
run it; it is an optional cross-check of the SQLAlchemy layer, skipped otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente import load_scenario, run
from detente.store import NewRun, Store

URL = os.environ.get("DETENTE_TEST_POSTGRES_URL", "")


@pytest.mark.skipif(not URL, reason="no PostgreSQL server named by DETENTE_TEST_POSTGRES_URL")
def test_postgres_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_STORE_FILES", str(tmp_path))
    db = Store(URL)
    s = load_scenario("ec-emissions-1994")
    rid = db.save(NewRun(kind="run", result=run(s, "median").to_dict(), scenario=s))
    assert db.get(rid).summary == {"delay": 7.0}
    db.delete(rid)
