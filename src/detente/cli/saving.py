"""``--save`` and ``--store`` for every command that produces a result.

A command calls :func:`save_if_asked` with its result's JSON form; the run is saved when
``--save`` was given, or when the ``save_runs`` setting is on and ``--no-save`` was not given.  The
confirmation goes to stderr so that ``--json`` output on stdout stays one clean document.
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from detente.scenario import Scenario

__all__ = [
    "SaveOpt",
    "StoreOpt",
    "Timer",
    "check_store",
    "remember_command",
    "save_if_asked",
    "should_save",
]

_COMMAND: list[str] = []
"""The words of the command being run (set once by :func:`detente.cli.main`)."""


def remember_command(argv: list[str] | None) -> None:
    """Record the command line that a saved run will show (``argv`` None: ``sys.argv``)."""
    _COMMAND[:] = ["detente", *(sys.argv[1:] if argv is None else argv)]


SaveOpt = Annotated[
    bool | None,
    typer.Option(
        "--save/--no-save",
        help="Keep this run in the store (default: the save_runs setting, off unless set; "
        "see `detente runs --help`).",
        show_default=False,
    ),
]
StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store file or database URL (default: $DETENTE_STORE, else the user data folder).",
        show_default=False,
    ),
]


class Timer:
    """When a command started (UTC, ISO) and how long it has run (seconds)."""

    def __init__(self) -> None:
        self.started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._t0 = time.perf_counter()

    def elapsed(self) -> float:
        """Seconds since the command started."""
        return time.perf_counter() - self._t0


def should_save(save: bool | None) -> bool:
    """True when ``--save`` was given, or the save_runs setting is on and not ``--no-save``."""
    from detente.store import save_by_default

    return save is True or (save is None and save_by_default())


def check_store(save: bool | None, store: str | None) -> None:
    """Before any work: a store that cannot be opened is a one-line error now, not after a run."""
    from detente.store import Store

    if should_save(save):
        Store(store).close()


def save_if_asked(
    kind: str,
    result: Mapping[str, Any],
    scenario: Scenario | None,
    *,
    save: bool | None,
    store: str | None,
    timer: Timer | None = None,
    tables: Mapping[str, Any] | None = None,
) -> int | None:
    """Save the run when asked (or by the setting); print its id on stderr; return it."""
    from detente.store import NewRun, Store

    if not should_save(save):
        return None
    db = Store(store)
    try:
        run_id = db.save(
            NewRun(
                kind=kind,
                result=result,
                scenario=scenario,
                command=shlex.join(_COMMAND or ["detente", *sys.argv[1:]]),
                duration_s=None if timer is None else timer.elapsed(),
                started_at=None if timer is None else timer.started_at,
                tables=tables or {},
            )
        )
    finally:
        db.close()
    sys.stderr.write(f"saved as run {run_id} in {db.location.name}\n")
    return run_id
