"""Where the store lives and how it is opened: SQLite file (default) or a database URL.

Location, first match wins: the ``--store`` option, the ``DETENTE_STORE`` environment variable, then
``store.sqlite`` in the user's data directory (``platformdirs.user_data_dir("detente")``).  A value
with ``://`` in it is a SQLAlchemy URL (``postgresql+psycopg://user@host/db``); anything else is a
file path.  Per-draw tables (Parquet) go in a folder beside a SQLite file (``<name>-files/``), or,
for a server URL, in ``DETENTE_STORE_FILES`` (default: ``files/`` in the user's data directory).

SQLite is opened in WAL mode (readers never block the writer) with a 30 s busy timeout, and every
transaction starts with ``BEGIN IMMEDIATE`` so two writers queue instead of failing half-way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from detente.errors import SettingError

__all__ = ["Location", "StoreError", "UnknownRunError", "connect", "locate"]

BUSY_TIMEOUT_S = 30.0


class StoreError(SettingError):
    """The store cannot be opened or used (newer schema, not a database, unknown run)."""


class UnknownRunError(StoreError):
    """No saved run has the id asked for (front ends add where to look the ids up)."""


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved store: its SQLAlchemy URL, a readable name and the folder for Parquet files."""

    url: str
    name: str
    files: Path
    is_sqlite: bool


def _data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("detente", appauthor=False))


def locate(store: str | Path | None = None) -> Location:
    """Resolve ``store`` (or ``DETENTE_STORE``, or the default) to a :class:`Location`."""
    value = str(store) if store is not None else os.environ.get("DETENTE_STORE", "")
    if "://" in value:
        files = Path(os.environ.get("DETENTE_STORE_FILES") or _data_dir() / "files")
        return Location(value, sa.engine.make_url(value).render_as_string(), files, False)
    path = Path(value).expanduser() if value else _data_dir() / "store.sqlite"
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the store's file name (e.g. runs.sqlite)")
    files = path.with_name(f"{path.stem}-files")
    return Location(f"sqlite:///{path}", str(path), files, True)


def connect(location: Location) -> Engine:
    """An engine for ``location`` (creating the SQLite file's folder if needed)."""
    if not location.is_sqlite:
        return sa.create_engine(location.url, pool_pre_ping=True)
    path = Path(location.name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(
            f"{path}: cannot create the store's folder {path.parent} ({reason})"
        ) from None
    engine = sa.create_engine(
        location.url,
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
        pool_size=8,  # connections are reused: the pragmas run once per connection
        max_overflow=16,
    )
    sa.event.listen(engine, "connect", _on_connect)
    sa.event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    """Hand transaction control to us, then WAL, foreign keys and the busy timeout."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
