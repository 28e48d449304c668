"""Core commands: run, report, validate, convert, models, scenarios."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from detente.cli import located
from detente.cli.common import (
    Out,
    check_new_file,
    check_seed,
    emit,
    fail,
    fmt_value,
    seed_text,
    write_new_file,
)
from detente.cli.params import (
    param_errors,
    parse_assignments,
    parse_pairs,
    parse_strategy,
    split_items,
    typed_values,
)
from detente.cli.progress import progress_bar
from detente.cli.saving import SaveOpt, StoreOpt, Timer, check_store, save_if_asked
from detente.cli.sweep import NoiseOpt, parse_noise
from detente.errors import DetenteError

if TYPE_CHECKING:  # the library is imported inside each command: listing them stays quick
    from detente.reports.run import ReportData, SweepRequest
    from detente.result import Result

__all__ = ["register"]

_out = Out(highlight=False, soft_wrap=True)

ParamOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--param", "-p", help="Model parameter key=value (repeatable); e.g. preset=canonical."
    ),
]
SeedOpt = Annotated[
    int | None, typer.Option(help="Seed for stochastic models (recorded in the result).")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace OUT if it already exists.")]
ScenarioArg = Annotated[
    str,
    typer.Argument(help="A scenario file, or a bundled scenario name (see `detente scenarios`)."),
]


def _print_result(result: Result) -> None:
    table = Table(title=f"{result.model}: forecast per issue", title_justify="left")
    table.add_column("issue")
    for label in ("round 0 median", "round 0 mean", "forecast"):
        table.add_column(label, justify="right")
    first = result.rounds[0]
    for k, issue in enumerate(result.issues):
        table.add_row(
            issue, f"{first.median[k]:.2f}", f"{first.mean[k]:.2f}", f"{result.forecast[k]:.2f}"
        )
    _out.print(table)
    p = result.provenance
    seed = f"one sweep draw, --draw-seed {p.seed}" if "draw" in result.extra else seed_text(p.seed)
    _out.print(
        f"rounds: {len(result.rounds) - 1}  {seed}  "
        f"scenario sha256: {p.scenario_sha256[:12]}…  detente {p.version}"
    )


def run(
    scenario: ScenarioArg,
    model: Annotated[
        str, typer.Option("--model", "-m", help="Model name (see `detente models`).")
    ] = "median",
    param: ParamOpt = None,
    seed: SeedOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as one JSON document.")
    ] = False,
    out: Annotated[Path | None, typer.Option(help="Write the JSON result to this file.")] = None,
    force: ForceOpt = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
    draw_seed: Annotated[
        int | None,
        typer.Option(help="Re-run one draw of `detente sweep`: the seed of its row."),
    ] = None,
    noise: NoiseOpt = None,
    drop_actor: Annotated[
        str | None, typer.Option(help="With --draw-seed: the row's left-out actor.")
    ] = None,
) -> None:
    """Forecast a scenario with one model (or one draw of a sweep, with --draw-seed)."""
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente import api
    from detente.experiments import run_draw
    from detente.models import MODELS

    timer = Timer()
    loaded = located.load_scenario(scenario)
    with param_errors("--param"), progress_bar(model) as bar:
        raw = parse_assignments(param or [])
        values = typed_values(MODELS[model].params, raw) if model in MODELS else raw
        if draw_seed is None:
            result = api.run(loaded, model, values, seed=check_seed(seed), progress=bar)
        else:
            result = run_draw(
                loaded,
                model,
                check_seed(draw_seed) or 0,
                params=values,
                noise=parse_noise(noise),
                drop=drop_actor,
            )
    save_if_asked("run", result.to_dict(), loaded, save=save, store=store, timer=timer)
    if out is not None:
        write_new_file(out, result.to_json() + "\n", overwrite=force, inputs=(Path(scenario),))
        _out.print(f"wrote {out}")
    elif as_json:
        emit(result.to_json())
    else:
        _print_result(result)


def report(
    scenario: ScenarioArg,
    model: Annotated[
        list[str] | None,
        typer.Option("--model", "-m", help="Models to include (repeatable; default: all)."),
    ] = None,
    seed: SeedOpt = None,
    negotiate: Annotated[
        list[str] | None,
        typer.Option(
            help="Add a simulated negotiation, e.g. USA=boulware,PRK=stall-and-water-down "
            "(repeatable; strategies: see `detente negotiate --help`)."
        ),
    ] = None,
    sweep: Annotated[
        list[str] | None,
        typer.Option(
            help="Add a crisis-game sweep GAME:NAME=lo:hi:n, e.g. "
            "deadline_provocation:months_to_election=1:12:12 (see `detente game list`)."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Report file (default: reports/<scenario>-<time>.html).")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Run models on a scenario and write a self-contained HTML report."""
    from detente.models import MODELS
    from detente.reports.html import default_report_path, render_report, run_report

    loaded = located.load_scenario(scenario)
    check_seed(seed)
    path = out or default_report_path(loaded)
    path.parent.mkdir(parents=True, exist_ok=True)
    check_new_file(path, overwrite=force, inputs=(Path(scenario),))
    with param_errors("--negotiate"):
        talks = [
            {party: parse_strategy(name) for party, name in parse_pairs(split_items(t)).items()}
            for t in negotiate or []
        ]
    requests = [_sweep_request(s) for s in sweep or []]
    with progress_bar("report") as bar:
        models = model or list(MODELS)
        data = run_report(
            loaded, models, seed=seed, negotiations=talks, sweeps=requests, progress=bar
        )
    write_new_file(path, render_report(data), overwrite=force, inputs=(Path(scenario),))
    _glance(data)
    print(path)


def _glance(data: ReportData) -> None:
    """The report's opening answers on stderr (stdout stays the report's path, for scripts)."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    s = data.scenario
    when = f" (as of {s.as_of})" if s.as_of else ""
    err.print(f"{s.title}{when}", style="bold", markup=False)
    if data.outlook is not None:
        o = data.outlook
        err.print(o.sentence(), markup=False)
        err.print(
            f"(outlook: {o.p_deal.n} draws, seed {o.provenance.seed}; the interval is Monte Carlo "
            f"error; `detente outlook` with more --draws narrows it)",
            markup=False,
        )
    elif data.outlook_note:
        err.print(f"No deal outlook: {data.outlook_note}", markup=False)
    table = Table("forecast")
    for issue in s.issues:
        table.add_column(f"{issue.id} ({issue.low:g}–{issue.high:g})", justify="right")
    table.add_row("status quo", *(fmt_value(i.status_quo, ".1f") for i in s.issues))
    for r in data.results:
        table.add_row(r.model, *(f"{v:.1f}" for v in r.forecast))
    err.print(table)
    err.print("report:", style="bold", end=" ")


def _sweep_request(spec: str) -> SweepRequest:
    """``GAME:NAME=lo:hi:n`` (``--sweep``) as a typed request."""
    from detente.cli.params import param_errors, parse_range
    from detente.reports.run import SweepRequest

    game, sep, rest = spec.partition(":")
    if not sep or not game.strip():
        raise DetenteError(f"--sweep {spec!r}: expected GAME:NAME=lo:hi:n")
    with param_errors(f"--sweep {game.strip()}:"):
        name, values = parse_range(rest)
    return SweepRequest(game.strip(), name, tuple(values))


def validate(file: ScenarioArg) -> None:
    """Check a scenario file and report every problem with its line and field.

    Errors (exit code 2) and warnings (things legitimate but worth a look; exit code 0) each get
    one line on stderr.
    """
    from detente.bundled import scenario_path
    from detente.io import load_checked

    s, warnings = load_checked(scenario_path(file))
    for w in warnings:
        sys.stderr.write(f"warning: {w}\n")
    note = f"; {len(warnings)} warning{'s' * (len(warnings) != 1)}" if warnings else ""
    _out.print(f"{file}: ok — {len(s.actors)} actors, {len(s.issues)} issues ({s.title}){note}")


def convert(
    src: Annotated[
        Path, typer.Argument(metavar="IN", help="Scenario file in any supported format.")
    ],
    dst: Annotated[Path, typer.Argument(metavar="OUT", help="Output file: .yaml, .yml or .json.")],
    force: ForceOpt = False,
    issue: Annotated[
        str | None, typer.Option(help="IN is a DEU III folder: write this issue (e.g. d00032i1).")
    ] = None,
    capability: Annotated[
        str, typer.Option(help="With --issue: equal, or council (QMV votes).")
    ] = "equal",
) -> None:
    """Convert a scenario between formats (writes native YAML or JSON)."""
    from detente.io import dump_json, dump_yaml, load

    writers = {".yaml": dump_yaml, ".yml": dump_yaml, ".json": dump_json}
    if dst.suffix.lower() not in writers:
        fail(f"{dst}: unsupported output format {dst.suffix or '(none)'}; use .yaml, .yml or .json")
    if dst.exists() and dst.resolve() == src.resolve():
        fail(f"{dst}: OUT is the same file as IN")
    if issue is not None:
        from detente.io.deu_scenario import load_issue

        scenario = load_issue(src, issue, capability)
    else:
        scenario = load(src)
    write_new_file(dst, writers[dst.suffix.lower()](scenario), overwrite=force)
    _out.print(f"wrote {dst}")


def models() -> None:
    """List the registered forecast models (random: whether a run draws, and under which --param).

    A model that draws only under some settings draws nothing by default: its runs record no seed
    and do not depend on one.
    """
    from detente.models import MODELS

    table = Table("name", "random", "description", "citations")
    for name, spec in MODELS.items():
        table.add_row(name, spec.randomness, spec.summary, ", ".join(spec.citations))
    _out.print(table)
    _out.print("random: whether a run draws random numbers (settings are given with --param)")


def scenarios() -> None:
    """List the bundled scenarios with their sources."""
    from detente.bundled import bundled_scenarios, header

    table = Table("name", "title", "source")
    for name, path in bundled_scenarios().items():
        table.add_row(name, *header(path))
    _out.print(table)


def register(app: typer.Typer) -> None:
    """Add the core commands to ``app``."""
    for command in (run, report, validate, convert, models, scenarios):
        app.command()(command)
