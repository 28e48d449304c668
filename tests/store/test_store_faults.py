"""The store under concurrency and faults, with real processes.

Two processes saving at once both land; a writer killed with SIGKILL in the middle of saving
leaves a readable database with no half-written run (every run present has all of its rows and
files, with matching hashes).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from detente.store import NewRun, Store

WRITER = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from detente.store import NewRun, Store
    db = Store(sys.argv[1])
    n, rows = int(sys.argv[2]), int(sys.argv[3])
    for i in range(n):
        frame = pd.DataFrame({"draw": range(rows), "x": [float(i)] * rows})
        result = {"model": "mean", "params": {}, "seed": i, "version": "test",
                  "issues": ["x"], "forecast": [float(i)], "blob": "y" * rows}
        db.save(NewRun(kind="sweep", result=result, tables={"draws": frame}))
        print(i, flush=True)
    """
)


def _writer(path: Path, n: int, rows: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(n), str(rows)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def _check_complete(path: Path) -> int:
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db = Store(path)
    runs = db.runs()
    for rec in runs:
        full = db.get(rec.id)
        assert full.result is not None and full.summary is not None
        assert [a.name for a in full.artifacts] == ["draws"]
        art = full.artifacts[0]
        assert hashlib.sha256(art.path.read_bytes()).hexdigest() == art.sha256
    return len(runs)


def test_two_processes_saving_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    Store(path).close()
    procs = [_writer(path, 8, 200) for _ in range(2)]
    for p in procs:
        assert p.wait(timeout=120) == 0
    assert _check_complete(path) == 16


def test_writer_killed_mid_save_leaves_store_whole(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite"
    Store(path).close()
    proc = _writer(path, 10_000, 200_000)  # large rows: most of the time is spent saving
    assert proc.stdout is not None
    proc.stdout.readline()  # one run has landed; the next saves are under way
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    n = _check_complete(path)
    assert n >= 1
    db = Store(path)
    assert len(db.orphans()) <= 1  # at most the killed save's files, which no run refers to
    db.save(NewRun(kind="run", result={"issues": ["x"], "forecast": [1.0]}))
    assert len(db.runs()) == n + 1  # the store still takes runs after the crash
