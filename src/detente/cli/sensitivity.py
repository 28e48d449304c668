"""``detente sensitivity`` and ``detente levers``: what drives a forecast, what would move it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from detente.cli import located
from detente.cli.common import (
    Out,
    check_new_file,
    check_seed,
    emit,
    progress_bar,
    seed_text,
    write_new_file,
)
from detente.cli.core import ParamOpt, ScenarioArg
from detente.cli.params import params_from_text
from detente.cli.saving import SaveOpt, StoreOpt, Timer, check_store, save_if_asked
from detente.errors import DetenteError

if TYPE_CHECKING:  # detente.experiments (scipy, SALib) is imported inside the commands
    from detente.experiments.lever_result import LeversResult
    from detente.experiments.sensitivity_result import SensitivityResult

__all__ = ["register"]

_out = Out(highlight=False)
_TOP = 12
"""Inputs shown per issue in the terminal table (all are in --json and --out)."""

ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Model name (see `detente models`).")]
SeedOpt = Annotated[
    int | None, typer.Option(help="Seed of the sampler, the bootstrap and the model (recorded).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as one JSON document.")]


def _bar(value: float, top: float, width: int = 10) -> str:
    n = 0 if not top > 0 or value != value else round(width * max(value, 0.0) / top)
    return "█" * n


def _cells(columns: tuple[str, ...], values: tuple[float, ...]) -> dict[str, str]:
    """Column → text, with each ``X_conf`` folded into its ``X`` as ``value±conf``."""
    out: dict[str, str] = {}
    for c, v in zip(columns, values, strict=True):
        if c.endswith("_conf") and c[:-5] in out:
            out[c[:-5]] += f"±{_number(v, '.2g')}"
        else:
            out[c] = _number(v, ".2g" if abs(v) < 1 else ".3g")
    return out


def _number(v: float, spec: str) -> str:
    """``v`` in ``spec``; ``–`` where not estimated (NaN), ``0`` for rounding noise.

    Morris' sigma of grouped inputs is NaN; an input that moves nothing gets SALib's 2.1e-15.
    """
    if v != v:
        return "–"
    return "0" if abs(v) < 1e-9 else format(v, spec)


def _print_sensitivity(r: SensitivityResult) -> None:
    from detente.experiments.sensitivity_analysis import RANK_BY

    key = r.columns.index(RANK_BY[r.method])
    shown = list(_cells(r.columns, r.rows[0].values)) if r.rows else []
    for issue, base in r.base.items():
        rows = r.ranking(issue)
        table = Table(title=f"{issue}: forecast {base:.4g}; ranked by {RANK_BY[r.method]}")
        table.add_column("#", justify="right", min_width=2)  # shown on 80 columns, too
        table.add_column("input", no_wrap=True)
        for c in shown:
            table.add_column(c, justify="right", no_wrap=True)
        table.add_column("")
        top = max((x.values[key] for x in rows if x.values[key] == x.values[key]), default=0.0)
        for x in rows[:_TOP]:
            cells = _cells(r.columns, x.values)
            table.add_row(str(x.rank), x.input, *cells.values(), _bar(x.values[key], top))
        _out.print(table)
    p = r.provenance
    n = f", N={r.samples}" if r.samples else ""  # the tornado (oat) samples nothing
    _out.print(
        f"{r.method}: {r.runs} runs{n}, {seed_text(p.seed)}, "
        f"scenario sha256: {p.scenario_sha256[:12]}…, detente {p.version}"
    )


def _write(out: Path, text: str, force: bool, scenario: str) -> None:
    write_new_file(out, text, overwrite=force, inputs=(Path(scenario),))
    _out.print(f"wrote {out}")


def _params(model: str, items: list[str] | None) -> object:
    """The model's Params from ``--param`` items (an unknown model is reported by the API)."""
    from detente.models import MODELS

    if model not in MODELS:
        return None
    return params_from_text(MODELS[model].params, items or [], owner=model)


def sensitivity(
    scenario: ScenarioArg,
    model: ModelOpt = "mean",
    method: Annotated[
        str,
        typer.Option(
            help="sobol (Sobol S1/ST with 95% CIs; the default, as in the workbench: global "
            "methods over one-at-a-time, Saltelli 2008), morris (mu*, sigma) or oat (tornado)."
        ),
    ] = "sobol",
    samples: Annotated[
        int | None,
        typer.Option(help="Base samples N (Sobol: a power of 2; default 256; Morris: 32)."),
    ] = None,
    issue: Annotated[str | None, typer.Option(help="Only this issue's forecast.")] = None,
    group: Annotated[
        str | None, typer.Option(help="'actor': all of one actor's inputs move as one group.")
    ] = None,
    param: ParamOpt = None,
    seed: SeedOpt = None,
    as_json: JsonOpt = False,
    out: Annotated[Path | None, typer.Option(help="Write the result: .json or .csv.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """Rank a scenario's inputs by their effect on a model's forecast (SALib).

    Every position, salience and capability (named ACTOR.field.ISSUE) varies uniformly over its
    plausible range: the scenario's own range, else its `uncertainty:` half-widths, else the
    default (±10% of the scale, ±15 salience points, ±20% capability).  Sobol gives first- and
    total-order indices (share of the forecast's variance) with bootstrap 95% intervals; Morris
    screens cheaply (mu* in forecast units); oat is a tornado: each input alone at its low and
    high end.  The model sees every sample in one batch.
    """
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente.experiments.sensitivity_analysis import sensitivity as analyse

    if out is not None:
        _check_out(out, force, scenario)
    timer, loaded = Timer(), located.load_scenario(scenario)
    with progress_bar(f"{method} ({model})") as tick:
        r = analyse(
            loaded,
            model,
            method=method,
            samples=samples,
            issue=issue,
            group=group,
            params=_params(model, param),
            seed=check_seed(seed),
            progress=tick,
        )
    save_if_asked(
        "sensitivity", json.loads(r.to_json()), loaded, save=save, store=store, timer=timer
    )
    if out is not None:
        text = r.to_frame().to_csv(index=False) if out.suffix == ".csv" else r.to_json() + "\n"
        _write(out, text, force, scenario)
    elif as_json:
        emit(r.to_json())
    else:
        _print_sensitivity(r)


def _check_out(out: Path, force: bool, scenario: str) -> None:
    if out.suffix.lower() not in (".json", ".csv"):
        raise DetenteError(f"{out}: unsupported output format {out.suffix or '(none)'}")
    check_new_file(out, overwrite=force, inputs=(Path(scenario),))


def _print_levers(r: LeversResult) -> None:
    title = (
        f"{r.provenance.model} on {r.issue}: forecast {r.forecast:.4g}, target {r.target:g} "
        f"(± {r.tolerance:g})"
    )
    table = Table(title=title, title_justify="left")
    for c in ("lever", "forecast", "how"):
        table.add_column(c)
    if r.draws:
        table.add_column(f"P(reach), {r.draws} draws", justify="right")
    still = [lv for lv in r.levers if not lv.reached and lv.before == lv.after]
    for lv in r.levers:
        if lv in still:
            continue
        how = lv.method if not lv.resolution else f"search, ±{lv.resolution:.2g}"
        row = [lv.describe(), f"{lv.forecast:.4g}", how]
        if r.draws:
            row.append(f"{lv.probability:.0%}")
        table.add_row(*row)
    _out.print(table)
    if still:  # "from 85 to 85": listed once, not as levers
        names = ", ".join(f"{'+'.join(lv.actors)} {lv.field}" for lv in still)
        _out.print(f"no change of these brings the forecast closer: {names} (see --json)")
    if r.baseline_probability is not None:
        _out.print(f"without any change: P(reach) = {r.baseline_probability:.0%}")
    p = r.provenance
    _out.print(
        f"{seed_text(p.seed)}, scenario sha256: {p.scenario_sha256[:12]}…, detente {p.version}"
    )


def levers(
    scenario: ScenarioArg,
    issue: Annotated[str, typer.Option(help="The issue whose forecast should move.")],
    target: Annotated[float, typer.Option(help="The forecast wanted, on the issue's scale.")],
    model: ModelOpt = "mean",
    actor: Annotated[
        list[str] | None, typer.Option(help="Only this actor (repeatable; default: all).")
    ] = None,
    fields: Annotated[
        str, typer.Option(help="Fields that may change, comma-separated.")
    ] = "position,salience,capability",
    pairs: Annotated[bool, typer.Option("--pairs", help="Move two actors at once.")] = False,
    tolerance: Annotated[
        float | None, typer.Option(help="How close counts, in issue units (default 0.5% of scale).")
    ] = None,
    draws: Annotated[
        int, typer.Option(help="Also give P(reach) over N draws of the uncertain inputs.")
    ] = 0,
    param: ParamOpt = None,
    seed: SeedOpt = None,
    as_json: JsonOpt = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """What would it take: the smallest change of one field that moves a forecast to a target.

    For each actor (or pair with --pairs) and each field, the change of that field alone, in the
    scenario's own units ("PRK salience on sequencing from 95 to 70"), or "cannot reach it" with
    the closest it gets.  Exact for the weighted mean (every field) and the weighted median
    (position); otherwise a grid of 65 points over the field's range refined by 12 bisection steps
    (the resolution is shown).  With --draws N, the share of N draws of the uncertain inputs in
    which the change takes the forecast to or past the target.
    """
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente.experiments.lever_analysis import levers as find_levers

    if draws < 0:
        raise DetenteError(f"--draws {draws}: must be 0 or more")
    timer, loaded = Timer(), located.load_scenario(scenario)
    r = find_levers(
        loaded,
        model,
        issue=issue,
        target=target,
        actors=actor,
        fields=[f.strip() for f in fields.split(",") if f.strip()],
        pairs=pairs,
        tolerance=tolerance,
        params=_params(model, param),
        seed=check_seed(seed),
        draws=draws,
    )
    save_if_asked("levers", json.loads(r.to_json()), loaded, save=save, store=store, timer=timer)
    emit(r.to_json()) if as_json else _print_levers(r)


def register(app: typer.Typer) -> None:
    """Add ``sensitivity`` and ``levers`` to ``app``."""
    app.command()(sensitivity)
    app.command()(levers)
