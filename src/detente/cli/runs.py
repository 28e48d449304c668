"""``detente runs``: list, show, compare, export and remove the runs kept in the store."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from detente.cli.common import Out, emit, write_new_file
from detente.cli.saving import StoreOpt
from detente.errors import DetenteError

if TYPE_CHECKING:
    from detente.store import RunRecord, Store

__all__ = ["register"]


def _dumps(data: Any, indent: int | None = None) -> str:
    """The one JSON encoder (:func:`detente.result.dumps_json`), imported when needed."""
    from detente.result import dumps_json

    return dumps_json(data, indent=indent)


_out = Out(highlight=False)
runs_app = typer.Typer(
    help="The store of runs. Save a run with --save on run, sweep, sensitivity, levers, "
    "outlook, backtest, game solve or negotiate (or set DETENTE_SAVE_RUNS=1, or save_runs = true "
    "in the user config.toml); the store is $DETENTE_STORE or --store, else a SQLite file in the "
    "user data folder.",
    no_args_is_help=True,
)
RunArg = Annotated[int, typer.Argument(help="Run id (see `detente runs list`).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return "–" if value is None else str(value)


@runs_app.command("list")
def list_runs(
    scenario: Annotated[
        str | None, typer.Option(help="Only runs on this scenario id (or hash prefix).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only runs of this kind (run, sweep, …).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 50,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List stored runs, newest first."""
    from detente.store import Store

    db = Store(store)
    rows = db.runs(scenario=scenario, kind=kind, limit=limit)
    if as_json:
        emit(_dumps([r.to_dict() for r in rows]))
        return
    labels = any(r.label for r in rows)
    cols = ["id", "when (UTC)", "kind", "model", "scenario", "seed", "summary"]
    table = Table(*cols, *(["label"] if labels else []))
    for r in rows:
        summary = " ".join(_fmt(v) for v in (r.summary or {}).values())
        cells = [r.id, r.created_at[:16].replace("T", " "), r.kind, r.model, r.scenario_id]
        cells += [r.seed, summary, *([r.label] if labels else [])]
        table.add_row(*(_fmt(c) for c in cells))
    _out.print(table)
    _out.print(f"{len(rows)} run(s) in {db.location.name}")


@runs_app.command()
def show(run_id: RunArg, store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Show one run: its provenance, command, summary and files."""
    from detente.store import Store

    rec = _get(Store(store), run_id)
    if as_json:
        emit(_dumps(rec.to_dict()))
        return
    _out.print(f"[bold]run {rec.id}[/bold]  {rec.kind}  {rec.created_at}")
    took = None if rec.duration_s is None else f"{rec.duration_s:.2f} s"
    on = f"{rec.scenario_id} ({(rec.scenario_sha256 or '')[:12]})" if rec.scenario_id else "–"
    rows: dict[str, Any] = {"command": rec.command, "model": rec.model, "params": dict(rec.params)}
    rows |= {"seed": rec.seed, "scenario": on, "version": rec.version, "duration": took}
    for key, value in rows.items():
        _out.print(f"  {key}: {_fmt(value)}", markup=False)
    for k, v in (rec.summary or {}).items():
        _out.print(f"  {k}: {_fmt(v)}", markup=False)
    for art in rec.artifacts:
        _out.print(f"  file {art.name}: {art.path} ({art.bytes} bytes)", markup=False)


@runs_app.command()
def diff(a: RunArg, b: RunArg, store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Compare two runs: settings and inputs changed, forecasts moved."""
    from detente.store import Store, diff_runs

    db = Store(store)
    ra, rb = _get(db, a), _get(db, b)
    sa = db.scenario(ra.scenario_sha256) if ra.scenario_sha256 else None
    sb = db.scenario(rb.scenario_sha256) if rb.scenario_sha256 else None
    d = diff_runs(ra, rb, sa, sb)
    if as_json:
        emit(_dumps(d.to_dict()))
        return
    for title, changes, keep in (
        ("settings changed", d.settings, False),
        ("inputs changed", d.inputs, False),
        (f"forecasts (run {a} → run {b})", d.forecasts, True),
    ):
        table = Table("what", f"run {a}", f"run {b}", "change", title=title, title_justify="left")
        for c in changes:
            table.add_row(c.path, _fmt(c.before), _fmt(c.after), _fmt(c.delta))
        if changes or keep:
            _out.print(table)
        else:
            _out.print(f"{title}: none")


@runs_app.command()
def export(
    run_id: RunArg,
    out: Annotated[Path, typer.Option("--out", help="JSON file to write the run to.")],
    store: StoreOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Write one run (provenance and full result) to a JSON file."""
    from detente.store import Store

    rec = _get(Store(store), run_id)
    write_new_file(out, _dumps(rec.to_dict(), indent=1) + "\n", overwrite=force)
    _out.print(f"wrote {out}")


@runs_app.command("rm")
def remove(run_id: RunArg, store: StoreOpt = None) -> None:
    """Remove one run and its files from the store."""
    from detente.store import Store

    with _listed_ids():
        Store(store).delete(run_id)
    _out.print(f"removed run {run_id}")


def _get(db: Store, run_id: int) -> RunRecord:
    """``db.get(run_id)``; an unknown id says where the ids are listed."""
    with _listed_ids():
        return db.get(run_id)


@contextlib.contextmanager
def _listed_ids() -> Iterator[None]:
    """An unknown run id (:class:`~detente.store.UnknownRunError`) says where ids are listed."""
    from detente.store import UnknownRunError

    try:
        yield
    except UnknownRunError as exc:
        raise DetenteError(f"{exc} (see `detente runs list`)") from None


def register(app: typer.Typer) -> None:
    """Add ``detente runs`` to ``app``."""
    app.add_typer(runs_app, name="runs")
