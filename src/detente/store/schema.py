"""The store's tables and the migrations that build them, one schema version at a time.

The schema is written with SQLAlchemy Core so that one body of code serves the embedded SQLite
file (the default) and a PostgreSQL server named by URL (for a team).  Versions:

- **v1** — ``meta`` (key/value, holds ``schema_version``), ``scenarios`` (content-addressed by the
  canonical SHA-256 of :func:`detente.canonical.scenario_sha256`, body as native JSON) and
  ``runs`` (kind, scenario, command, model, params, seed, version, result JSON).
- **v2** — runs gain ``label``, ``duration_s``, ``started_at`` and ``summary`` (the headline
  numbers per issue that ``runs list`` and ``runs diff`` show, back-filled from each v1 result's
  ``forecast``); scenarios gain ``label`` and ``parent_sha256`` (the version it was edited from);
  a new ``artifacts`` table points at per-draw Parquet files beside the database, with their
  SHA-256.

Each migration runs in one transaction together with the ``schema_version`` update, so a store
is always at exactly one version.  A store whose version is newer than :data:`SCHEMA_VERSION` is
refused, never "downgraded".
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["SCHEMA_VERSION", "artifacts", "meta", "metadata", "migrate", "runs", "scenarios"]

SCHEMA_VERSION = 2
"""The schema version this code writes and reads."""

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("scenario_id", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("label", sa.Text),
    sa.Column("parent_sha256", sa.String(64)),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(32), nullable=False, index=True),
    sa.Column("scenario_sha256", sa.String(64), index=True),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("model", sa.Text),
    sa.Column("params", sa.Text, nullable=False),
    sa.Column("seed", sa.BigInteger),
    sa.Column("version", sa.Text, nullable=False),
    sa.Column("result", sa.Text, nullable=False),
    sa.Column("label", sa.Text),
    sa.Column("duration_s", sa.Float),
    sa.Column("started_at", sa.Text),
    sa.Column("summary", sa.Text),
)

artifacts = sa.Table(
    "artifacts",
    metadata,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("bytes", sa.BigInteger, nullable=False),
)

_V1_DROPPED = {
    "scenarios": ("label", "parent_sha256"),
    "runs": ("label", "duration_s", "started_at", "summary"),
}
"""The columns that v2 added to the v1 tables."""


def _create_v1(conn: Connection) -> None:
    """Version 1 as it was first written: meta, scenarios and runs, nothing else."""
    v1 = sa.MetaData()
    sa.Table(
        "meta",
        v1,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    sa.Table(
        "scenarios",
        v1,
        sa.Column("sha256", sa.String(64), primary_key=True),
        *(
            sa.Column(n, sa.Text, nullable=False)
            for n in ("scenario_id", "title", "body", "created_at")
        ),
    )
    sa.Table(
        "runs",
        v1,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False, index=True),
        sa.Column("scenario_sha256", sa.String(64), index=True),
        *(sa.Column(n, sa.Text, nullable=False) for n in ("created_at", "command")),
        sa.Column("model", sa.Text),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("seed", sa.BigInteger),
        *(sa.Column(n, sa.Text, nullable=False) for n in ("version", "result")),
    )
    v1.create_all(conn)


def _upgrade_v2(conn: Connection) -> None:
    """Version 2: labels, timings, summaries and the artifacts table; back-fill summaries."""
    for table, names in _V1_DROPPED.items():
        for name in names:
            col = metadata.tables[table].c[name]
            ddl = col.type.compile(dialect=conn.dialect)
            conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}"))
    artifacts.create(conn)
    rows = conn.execute(sa.select(runs.c.id, runs.c.result)).all()
    for run_id, text in rows:
        conn.execute(runs.update().where(runs.c.id == run_id).values(summary=_summary_of(text)))


def _summary_of(result_text: str) -> str | None:
    """The ``{issue: forecast}`` summary of a stored result, where it has one."""
    try:
        data = json.loads(result_text)
    except ValueError:
        return None
    issues, forecast = data.get("issues"), data.get("forecast")
    if not isinstance(issues, list) or not isinstance(forecast, list):
        return None
    return json.dumps(dict(zip(issues, forecast, strict=False)))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _create_v1, 2: _upgrade_v2}
"""``MIGRATIONS[v]`` brings a store from version ``v - 1`` (0: empty) to version ``v``."""


def current_version(conn: Connection) -> int:
    """The store's schema version (0 for an empty database)."""
    if not sa.inspect(conn).has_table("meta"):
        return 0
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(value) if value is not None else 0


def migrate(conn: Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply every migration above the store's version up to ``target``; return those applied.

    The caller runs this inside a transaction; each step also records its version.
    """
    applied = []
    for version in range(current_version(conn) + 1, target + 1):
        MIGRATIONS[version](conn)
        _set_version(conn, version)
        applied.append(version)
    return applied


def _set_version(conn: Connection, version: int) -> None:
    stmt = meta.update().where(meta.c.key == "schema_version").values(value=str(version))
    if conn.execute(stmt).rowcount == 0:
        conn.execute(meta.insert().values(key="schema_version", value=str(version)))
