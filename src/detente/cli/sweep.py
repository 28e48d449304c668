"""``detente sweep``: a Monte Carlo sweep of one model over a scenario's uncertain inputs."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from detente.cli import located
from detente.cli.common import Out, check_new_file, check_seed, emit, write_new_file
from detente.cli.params import param_errors, parse_assignments, split_items, typed_values
from detente.cli.progress import progress_bar
from detente.cli.saving import SaveOpt, StoreOpt, Timer, check_store, save_if_asked, should_save
from detente.errors import DetenteError

if TYPE_CHECKING:  # detente.experiments (scipy) is imported inside the command: --help is quick
    from detente.experiments import SweepResult
    from detente.scenario import Scenario

__all__ = ["NoiseOpt", "parse_noise", "register"]

_out = Out(highlight=False)
_ROWS = (".parquet", ".csv")

NoiseOpt = Annotated[
    str | None,
    typer.Option(
        help="± half-widths for values without their own range, e.g. position=5,salience=10 "
        "(position: % of the scale; salience: points; capability: % of the value)."
    ),
]


def parse_noise(text: str | None) -> dict[str, float]:
    """``"position=5,salience=10"`` → ``{"position": 5.0, "salience": 10.0}``."""
    out: dict[str, float] = {}
    with param_errors("--noise"):
        items = parse_assignments(split_items(text or ""))
    for key, value in items.items():
        try:
            out[key] = float(value)
        except ValueError:
            raise DetenteError(f"--noise {key}={value}: not a number") from None
        if not math.isfinite(out[key]):
            raise DetenteError(f"--noise {key}={value}: not a finite number")
    return out


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.0f}%"


def _print(result: SweepResult) -> None:
    from detente.experiments.result import BAND

    s, (lo, hi) = result.summary(), BAND
    table = Table(
        title=f"{s['model']}: {s['draws']:,} draws, seed {s['seed']}", title_justify="left"
    )
    stats = ("point", "mean", f"p{lo}", "p25", "median", "p75", f"p{hi}")
    fails = result.agreement is not None
    widest = max((len(i["id"]) for i in s["issues"]), default=5)  # ids whole on 80 columns
    table.add_column("issue", min_width=widest)
    for col in (*stats, *(["no agreement"] if fails else [])):
        table.add_column(col, justify="right")
    for i in s["issues"]:
        cells = [f"{i[k]:.1f}" for k in stats] + ([_pct(i["no_agreement"])] if fails else [])
        table.add_row(i["id"], *cells)
    _out.print(table)
    _out.print(
        f"p{lo}–p{hi}: the {hi - lo}% band (as the workbench shows); p25–p75: the middle half"
    )
    if "dropped" in s:
        drop = Table(title="median shift when an actor is left out", title_justify="left")
        drop.add_column("actor")
        for issue in result.issues:
            drop.add_column(issue, justify="right")
        for actor, d in s["dropped"].items():
            drop.add_row(actor, *(f"{d['shift'][k]:+.1f}" for k in result.issues))
        _out.print(drop)
    from detente.uncertainty import describe_widths

    noise = describe_widths(s["noise"])
    _out.print(
        f"inputs: {s['uncertainty']} uncertainty ({noise}; values with their own range use it)"
        f"  scenario sha256: "
        f"{s['scenario']['sha256'][:12]}…  detente {s['version']}"
    )


def _check_out(out: Path | None, scenario: str, force: bool) -> None:
    if out is None:
        return
    if out.suffix.lower() not in (*_ROWS, ".html"):
        raise DetenteError(f"--out {out}: use .parquet or .csv (per-draw rows) or .html (a page)")
    check_new_file(out, overwrite=force, inputs=(Path(scenario),))


def sweep_command(
    scenario: Annotated[str, typer.Argument(help="A scenario file or a bundled scenario name.")],
    model: Annotated[str, typer.Option("--model", "-m", help="Model name (`detente models`).")],
    draws: Annotated[int, typer.Option(help="Number of draws.")] = 1000,
    seed: Annotated[
        int | None, typer.Option(help="Root seed (recorded; fresh when absent).")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Model parameter key=value.")
    ] = None,
    noise: NoiseOpt = None,
    drop_actors: Annotated[
        bool, typer.Option("--drop-actors", help="Add draws leaving out each actor in turn.")
    ] = False,
    jobs: Annotated[int, typer.Option(help="Local worker processes (joblib).")] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler tcp://HOST:PORT, or local:N workers.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    out: Annotated[
        Path | None, typer.Option(help="Per-draw rows to .parquet/.csv, or an .html page.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """Monte Carlo: a model's forecast over many seeded draws of the scenario's inputs."""
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente.experiments import sweep
    from detente.models import MODELS

    timer, loaded = Timer(), located.load_scenario(scenario)
    _check_out(out, scenario, force)
    if jobs < 1:
        raise DetenteError(f"--jobs {jobs}: needs at least 1")
    with param_errors("--param"):
        raw = parse_assignments(param or [])
        values: Any = typed_values(MODELS[model].params, raw) if model in MODELS else raw
    rows = out if out is not None and out.suffix.lower() in _ROWS else None
    with progress_bar("sweep") as tick:
        result = sweep(
            loaded,
            model,
            draws=draws,
            seed=check_seed(seed),
            params=values,
            noise=parse_noise(noise),
            drop_actors=drop_actors,
            jobs=jobs,
            scheduler=scheduler,
            out=rows,
            progress=tick,
        )
    _save(result, loaded, save, store, timer)
    if out is not None and rows is None:
        from detente.reports.uncertainty import sweep_page

        write_new_file(out, sweep_page(result), overwrite=force, inputs=(Path(scenario),))
    if as_json:
        emit(result.to_json())
        return
    _print(result)
    if out is not None:
        _out.print(f"wrote {out}")


def register(app: typer.Typer) -> None:
    """Add ``sweep`` to ``app``."""
    app.command("sweep")(sweep_command)


STORED_ROWS = 1_000_000
"""Sweeps up to this many draws keep their per-draw rows in the store (as Parquet)."""


def _save(
    result: SweepResult, scenario: Scenario, save: bool | None, store: str | None, timer: Timer
) -> None:
    """Keep the sweep in the store when asked: its summary, and its draws when not too many."""
    if not should_save(save):
        return  # no summary, no per-draw table built for nothing
    big = len(result.seeds) > STORED_ROWS
    tables = {} if big else {"draws": result.to_frame(wide=True)}
    data = result.summary()
    save_if_asked("sweep", data, scenario, save=save, store=store, timer=timer, tables=tables)
