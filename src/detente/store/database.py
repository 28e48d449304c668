"""The store of runs: scenarios by content hash, runs of every kind, Parquet files beside them.

A run is saved in one transaction after its Parquet files are complete on disk (written under a
temporary name, then renamed), so a process killed mid-save leaves either the whole run or none
of it; at worst an unreferenced folder of files, which :meth:`Store.orphans` lists.

>>> import tempfile, pathlib
>>> from detente import load_scenario, run
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> store = Store(tmp / "runs.sqlite")
>>> s = load_scenario("ec-emissions-1994")
>>> rid = store.save(NewRun(kind="run", result=run(s, "median").to_dict(), scenario=s))
>>> rec = store.get(rid)
>>> rec.model, rec.summary
('median', {'delay': 7.0})
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from detente.canonical import scenario_sha256
from detente.io import dump_json
from detente.io.native import build, parse_json
from detente.result import dumps_json
from detente.scenario import Scenario
from detente.store import schema as t
from detente.store.engine import Location, StoreError, UnknownRunError, connect, locate
from detente.store.records import Artifact, RunRecord, ScenarioRecord

__all__ = ["NewRun", "Store", "provenance_keys"]


@dataclass(frozen=True, slots=True, kw_only=True)
class NewRun:
    """A run to save: its kind, its JSON result (with the provenance keys) and what it ran on.

    ``tables`` maps a name to a table with a ``to_parquet(path)`` method (a pandas DataFrame);
    ``summary`` defaults to ``{issue: forecast}`` when the result has those keys.
    """

    kind: str
    result: Mapping[str, Any]
    scenario: Scenario | None = None
    command: str = ""
    label: str | None = None
    duration_s: float | None = None
    started_at: str | None = None
    summary: Mapping[str, Any] | None = None
    tables: Mapping[str, Any] = field(default_factory=dict)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """An open store (see :mod:`detente.store.engine` for where it lives)."""

    def __init__(self, store: str | Path | None = None) -> None:
        self.location: Location = locate(store)
        self._engine = connect(self.location)
        self._open()

    def __repr__(self) -> str:
        return f"<Store {self.location.name}>"

    def _open(self) -> None:
        try:
            with self._engine.begin() as conn:
                version = t.current_version(conn)
                if version > t.SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.location.name}: written by a newer detente (store schema "
                        f"v{version}; this version reads up to v{t.SCHEMA_VERSION}); upgrade "
                        "detente or choose another {store}"
                    )
                t.migrate(conn)
        except sa.exc.DatabaseError as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            raise StoreError(
                f"{self.location.name}: not a usable detente store ({reason})"
            ) from None

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    # -- scenarios ---------------------------------------------------------------------------

    def save_scenario(
        self, scenario: Scenario, *, label: str | None = None, parent: str | None = None
    ) -> str:
        """Store ``scenario`` (once per content hash) and return its SHA-256."""
        with self._engine.begin() as conn:
            return self._put_scenario(conn, scenario, label, parent)

    def _put_scenario(
        self, conn: sa.Connection, scenario: Scenario, label: str | None, parent: str | None
    ) -> str:
        sha = scenario_sha256(scenario)
        exists = conn.execute(sa.select(t.scenarios.c.sha256).where(t.scenarios.c.sha256 == sha))
        if exists.first() is None:
            conn.execute(
                t.scenarios.insert().values(
                    sha256=sha,
                    scenario_id=scenario.id,
                    title=scenario.title,
                    body=dump_json(scenario),
                    created_at=_now(),
                    label=label,
                    parent_sha256=parent,
                )
            )
        return sha

    def scenario(self, sha: str) -> Scenario:
        """The stored scenario whose hash is or starts with ``sha``."""
        row = self._one(t.scenarios, t.scenarios.c.sha256, sha, "scenario")
        return build(parse_json(row.body, f"store:{row.sha256[:12]}"))

    def scenarios(self, scenario_id: str | None = None) -> list[ScenarioRecord]:
        """Stored scenario versions, newest first (only those with ``scenario_id`` if given)."""
        cols = [c for c in t.scenarios.c if c.name != "body"]  # not the documents themselves
        q = sa.select(*cols).order_by(t.scenarios.c.created_at.desc())
        if scenario_id:
            q = q.where(t.scenarios.c.scenario_id == scenario_id)
        with self._engine.connect() as conn:
            rows = conn.execute(q).all()
        return [_scenario_record(r) for r in rows]

    def scenario_record(self, sha: str) -> ScenarioRecord:
        """The record of the stored scenario whose hash is or starts with ``sha``.

        Its id, title, label, parent and time; a :class:`StoreError` when no stored scenario's
        hash starts with ``sha`` or more than one's does.
        """
        return _scenario_record(self._one(t.scenarios, t.scenarios.c.sha256, sha, "scenario"))

    # -- runs ----------------------------------------------------------------------------------

    def save(self, run: NewRun) -> int:
        """Save ``run`` atomically and return its id."""
        token = uuid.uuid4().hex
        files = self._write_tables(token, run.tables)
        try:
            with self._engine.begin() as conn:
                sha = None
                if run.scenario is not None:
                    sha = self._put_scenario(conn, run.scenario, None, None)
                inserted = conn.execute(t.runs.insert().values(**_run_row(run, sha)))
                run_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
                for art in files:
                    conn.execute(
                        t.artifacts.insert().values(
                            run_id=run_id,
                            name=art.name,
                            path=str(art.path),
                            sha256=art.sha256,
                            bytes=art.bytes,
                        )
                    )
        except BaseException:
            shutil.rmtree(self.location.files / token, ignore_errors=True)
            raise
        return run_id

    def _write_tables(self, token: str, tables: Mapping[str, Any]) -> list[Artifact]:
        out = []
        for name, table in tables.items():
            folder = self.location.files / token
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / f"{_safe_name(name)}.parquet"
            tmp = final.with_suffix(".parquet.partial")
            table.to_parquet(tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, final)
            out.append(
                Artifact(
                    name=name, path=final, sha256=_sha256_file(final), bytes=final.stat().st_size
                )
            )
        return out

    def get(self, run_id: int) -> RunRecord:
        """The run with id ``run_id``, its full result and artifacts."""
        if not 0 < run_id < 2**63:  # beyond SQL's integers: no such run either
            raise UnknownRunError(f"no run {run_id} in {self.location.name}")
        with self._engine.connect() as conn:
            row = conn.execute(_run_query().where(t.runs.c.id == run_id)).first()
            if row is None:
                raise UnknownRunError(f"no run {run_id} in {self.location.name}")
            arts = conn.execute(sa.select(t.artifacts).where(t.artifacts.c.run_id == run_id)).all()
        return _record(row, with_result=True, artifacts=arts)

    def runs(
        self, *, scenario: str | None = None, kind: str | None = None, limit: int | None = None
    ) -> list[RunRecord]:
        """Runs, newest first; ``scenario`` is a scenario id or a hash prefix."""
        q = _run_query(with_result=False).order_by(t.runs.c.id.desc())
        if kind:
            q = q.where(t.runs.c.kind == kind)
        if scenario:
            q = q.where(
                (t.scenarios.c.scenario_id == scenario)
                | t.runs.c.scenario_sha256.startswith(scenario)
            )
        if limit:
            q = q.limit(limit)
        with self._engine.connect() as conn:
            return [_record(r, with_result=False) for r in conn.execute(q).all()]

    def delete(self, run_id: int) -> None:
        """Remove run ``run_id`` and its files."""
        rec = self.get(run_id)
        with self._engine.begin() as conn:
            conn.execute(t.artifacts.delete().where(t.artifacts.c.run_id == run_id))
            conn.execute(t.runs.delete().where(t.runs.c.id == run_id))
        for art in rec.artifacts:
            shutil.rmtree(art.path.parent, ignore_errors=True)

    def orphans(self) -> list[Path]:
        """Folders of Parquet files that no saved run refers to (left by a killed save)."""
        if not self.location.files.is_dir():
            return []
        with self._engine.connect() as conn:
            used = {Path(p).parent for (p,) in conn.execute(sa.select(t.artifacts.c.path))}
        return sorted(p for p in self.location.files.iterdir() if p.is_dir() and p not in used)

    def _one(self, table: sa.Table, col: sa.Column[Any], prefix: str, what: str) -> Any:
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(table).where(col.startswith(prefix)).limit(2)).all()
        if not rows:
            raise StoreError(f"no {what} {prefix!r} in {self.location.name}")
        if len(rows) > 1:
            raise StoreError(
                f"{what} {prefix!r} is ambiguous in {self.location.name}; give more of it"
            )
        return rows[0]


def _scenario_record(row: Any) -> ScenarioRecord:
    return ScenarioRecord(
        sha256=row.sha256,
        scenario_id=row.scenario_id,
        title=row.title,
        created_at=row.created_at,
        label=row.label,
        parent_sha256=row.parent_sha256,
    )


def _safe_name(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return keep[:64] or "table"


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_CHANCES = ("p_deal", "p_zone", "p_agreement", "p_provocation")
"""An outlook's headline probabilities, its summary."""


def _default_summary(result: Mapping[str, Any]) -> dict[str, Any] | None:
    """The headline numbers of a result, whichever interface saved it.

    A forecast per issue (a model run), the median per issue (a sweep), the outlook's
    probabilities, or the agreed position per issue (a negotiation that agreed).
    """
    issues, forecast = result.get("issues"), result.get("forecast")
    if isinstance(issues, list) and isinstance(forecast, list | tuple):
        return dict(zip(issues, forecast, strict=False))
    if isinstance(issues, list) and all(isinstance(d, Mapping) and "median" in d for d in issues):
        return {d["id"]: d["median"] for d in issues} or None
    chances = {k: result[k]["value"] for k in _CHANCES if isinstance(result.get(k), Mapping)}
    deal = result.get("agreement")
    return chances or (dict(deal) if isinstance(deal, Mapping) else None)


def provenance_keys(result: Mapping[str, Any]) -> Mapping[str, Any]:
    """Where a result keeps its provenance keys: on top, or nested (an old backtest).

    Every result has them on top now; a backtest saved by an earlier version kept them under
    "provenance", and is read the same way.
    """
    nested = result.get("provenance")
    return nested if "model" not in result and isinstance(nested, Mapping) else result


def _run_row(run: NewRun, sha: str | None) -> dict[str, Any]:
    res, prov = run.result, provenance_keys(run.result)
    summary = run.summary if run.summary is not None else _default_summary(res)
    seed = prov.get("seed")
    return {
        "kind": run.kind,
        "scenario_sha256": sha,
        "created_at": _now(),
        "command": run.command,
        "model": prov.get("model") if isinstance(prov.get("model"), str) else None,
        "params": dumps_json(prov.get("params") or {}),
        "seed": seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
        "version": str(prov.get("version") or _version()),
        "result": dumps_json(res),
        "label": run.label,
        "duration_s": run.duration_s,
        "started_at": run.started_at,
        "summary": None if summary is None else dumps_json(summary),
    }


def _version() -> str:
    from detente import __version__

    return __version__


def _run_query(*, with_result: bool = True) -> sa.Select[Any]:
    """Runs with their scenario id; listings leave the (possibly large) results out."""
    j = t.runs.outerjoin(t.scenarios, t.runs.c.scenario_sha256 == t.scenarios.c.sha256)
    cols = [c for c in t.runs.c if with_result or c.name != "result"]
    return sa.select(*cols, t.scenarios.c.scenario_id).select_from(j)


def _record(row: Any, *, with_result: bool, artifacts: Any = ()) -> RunRecord:
    return RunRecord(
        id=row.id,
        kind=row.kind,
        created_at=row.created_at,
        command=row.command,
        version=row.version,
        scenario_sha256=row.scenario_sha256,
        scenario_id=row.scenario_id,
        model=row.model,
        params=json.loads(row.params),
        seed=row.seed,
        label=row.label,
        duration_s=row.duration_s,
        started_at=row.started_at,
        summary=json.loads(row.summary) if row.summary else None,
        result=json.loads(row.result) if with_result else None,
        artifacts=tuple(
            Artifact(name=a.name, path=Path(a.path), sha256=a.sha256, bytes=a.bytes)
            for a in artifacts
        ),
    )
