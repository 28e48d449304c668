"""``detente backtest``: every forecast model against real EU decisions (DEU III)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from detente.cli.common import (
    Out,
    check_new_file,
    check_seed,
    emit,
    fail,
    fmt_value,
    progress_bar,
    write_new_file,
)
from detente.cli.params import parse_models
from detente.cli.saving import SaveOpt, StoreOpt, Timer, check_store, save_if_asked

if TYPE_CHECKING:  # detente.backtest is imported inside the command: --help is quick
    from detente.backtest import Backtest

__all__ = ["register"]

_out = Out(highlight=False, width=None if sys.stdout.isatty() else 140)
_FORMATS = (".html", ".csv", ".parquet")


def _run_with_bar(**kwargs: Any) -> Backtest:
    """Run the backtest with a progress bar on stderr once it has run for more than a moment."""
    from detente.backtest import backtest

    with progress_bar("backtest") as tick:
        return backtest(progress=tick, **kwargs)


def _print(bt: Backtest) -> None:
    d = bt.to_dict()
    title = (
        f"DEU III backtest: split {d['split']}, {d['n_issues']} issues, "
        f"{d['capability']} capability"
    )
    table = Table(title=title, title_justify="left")
    for col in (
        "model",
        "n",
        "MAE",
        "med. AE",
        "RMSE",
        "≤5",
        "≤10",
        "vs mean",
        "95% CI",
        "cov50/80",
    ):
        table.add_column(col, justify="left" if col == "model" else "right", no_wrap=True)
    for name, m in d["models"].items():
        vs = m["vs_mean"] or {"diff": None, "ci95": [None, None]}
        ci = f"{fmt_value(vs['ci95'][0], '+.1f')}, {fmt_value(vs['ci95'][1], '+.1f')}"
        cov = f"{fmt_value(m['coverage_50'], '.0%')}/{fmt_value(m['coverage_80'], '.0%')}"
        table.add_row(
            name,
            str(m["n"]),
            fmt_value(m["mae"]),
            fmt_value(m["median_ae"]),
            fmt_value(m["rmse"]),
            fmt_value(m["within_5"], ".0%"),
            fmt_value(m["within_10"], ".0%"),
            fmt_value(vs["diff"], "+.2f"),
            ci,
            cov,
        )
    _out.print(table)
    for u in d["unscored"]:
        _out.print(f"not scored: {u['isnr']}: {u['reason']}")
    if d["missing"]:
        _out.print(f"{len(d['missing'])} model/issue pairs without a forecast (see --json)")
    _out.print(f"seed {bt.provenance.seed}; vs mean: mean |error| − compromise model's (paired)")


def _write(bt: Backtest, out: Path, force: bool, data: Path) -> None:
    if out.suffix == ".parquet":
        from detente.backtest.export import write_parquet

        write_parquet(bt, out, overwrite=force)
    elif out.suffix == ".csv":
        from detente.backtest.export import to_csv

        write_new_file(out, to_csv(bt), overwrite=force, inputs=(data,))
    else:
        from detente.reports.backtest import render_backtest

        write_new_file(out, render_backtest(bt), overwrite=force, inputs=(data,))
    _out.print(f"wrote {out}")


def backtest_command(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="DEU III folder (deu3_issues.csv + deu3_actor_positions.csv, or the .tsv); "
            "data: doi:10.34810/data53.",
        ),
    ],
    models: Annotated[
        str | None,
        typer.Option(help="Comma-separated models, NAME or NAME:key=value (default: all)."),
    ] = None,
    split: Annotated[str, typer.Option(help="dev (1996–2000), test (2003–2019) or all.")] = "all",
    capability: Annotated[str, typer.Option(help="equal, or council (QMV votes).")] = "equal",
    draws: Annotated[
        int, typer.Option(help="Draws of noisy inputs per model and issue: 50%/80% intervals.")
    ] = 0,
    seed: Annotated[int | None, typer.Option(help="Seed (stochastic models, bootstrap).")] = None,
    jobs: Annotated[int, typer.Option(help="Parallel processes (joblib).")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask: local:N (a local cluster) or tcp://host:8786 (a running scheduler)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON result.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Write FILE.html (report), or .csv / .parquet (a row per issue and model)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """Score every forecast model against the real outcomes of 351 EU decisions (DEU III)."""
    check_store(save, store)  # before the work: a bad --store is an error now
    if out is not None:
        if out.suffix not in _FORMATS:
            fail(f"{out}: unsupported output format; use {', '.join(_FORMATS)}")
        check_new_file(out, overwrite=force, inputs=(path,))
    if jobs < 1 and jobs != -1:
        fail(f"--jobs {jobs}: give a number of processes ≥ 1 (or -1 for all cores)")
    timer = Timer()
    bt = _run_with_bar(
        data=path,
        models=parse_models(models),
        split=split,
        capability=capability,
        seed=check_seed(seed),
        jobs=jobs,
        scheduler=scheduler,
        draws=draws,
    )
    save_if_asked("backtest", json.loads(bt.to_json()), None, save=save, store=store, timer=timer)
    if out is not None:
        _write(bt, out, force, path)
    elif as_json:
        emit(bt.to_json())
    else:
        _print(bt)


def register(app: typer.Typer) -> None:
    """Add ``backtest`` to ``app``."""
    app.command("backtest")(backtest_command)
