"""A store that keeps every run: SQLite by default, PostgreSQL by URL; Parquet files beside it.

Why SQLAlchemy Core rather than plain ``sqlite3``: the same statements then run on the embedded
SQLite file and on a team's PostgreSQL server (``--store postgresql+psycopg://…``), and the
schema's migrations (:mod:`detente.store.schema`) are written once for both.  No ORM: rows become
the frozen records of :mod:`detente.store.records`.

Layer: the store sits beside the experiments layer (it imports only the core and ``io``); the
CLI and the web workbench save to it and read from it.
"""

from __future__ import annotations

from detente.store.database import NewRun, Store
from detente.store.diff import Change, RunDiff, diff_runs
from detente.store.engine import StoreError, UnknownRunError, locate
from detente.store.records import Artifact, RunRecord, ScenarioRecord
from detente.store.schema import SCHEMA_VERSION
from detente.store.settings import save_by_default

__all__ = [
    "SCHEMA_VERSION",
    "Artifact",
    "Change",
    "NewRun",
    "RunDiff",
    "RunRecord",
    "ScenarioRecord",
    "Store",
    "StoreError",
    "UnknownRunError",
    "diff_runs",
    "locate",
    "save_by_default",
]
