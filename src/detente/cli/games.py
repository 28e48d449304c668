"""``detente game``: list, show, solve and sweep the crisis games of :mod:`detente.games`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from detente.cli import located
from detente.cli.common import Out, emit
from detente.cli.params import param_errors, parse_assignments, parse_range
from detente.cli.saving import SaveOpt, StoreOpt, Timer, check_store, save_if_asked
from detente.games.precision import DEFAULT_LAMBDA
from detente.params import ParamError

if TYPE_CHECKING:  # detente.games (scipy) is imported inside the commands: listing stays quick
    from detente.games import GameSolution, Sweep
    from detente.games.solving import LoadedGame
    from detente.scenario import Scenario

__all__ = ["register"]

SHOWN = 20
"""Equilibria printed as text; ``--json`` streams them all."""

_out = Out(highlight=False)
game_app = typer.Typer(
    help="Extensive-form crisis games: equilibria, QRE, comparative statics.", no_args_is_help=True
)

GameArg = Annotated[
    str, typer.Argument(help="A catalog game name or a path to a Gambit .efg file.")
]
ParamOpt = Annotated[
    list[str] | None, typer.Option("--param", "-p", help="key=value (repeatable).")
]
ScenarioOpt = Annotated[
    str | None,
    typer.Option(
        help="Take parameter values from this scenario's games: section (file or bundled name)."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
LambdaOpt = Annotated[
    float,
    typer.Option(
        "--lambda",
        help="QRE precision λ: 0 is uniform play, large values approach a Nash equilibrium. "
        "The default is the one the report, the outlook and the workbench use (a project "
        "choice, not a published value: see docs/explanation/games.md).",
    ),
]


def _scenario(scenario: str | None) -> Scenario | None:
    return located.load_scenario(scenario) if scenario else None


def _values(game: str, items: list[str]) -> dict[str, object]:
    """``key=value`` items as Python values by the catalog game's parameter types."""
    from detente.games.solving import game_values

    return game_values(game, parse_assignments(items))


def _load(game: str, param: list[str] | None, scenario: str | None) -> LoadedGame:
    from detente.games import load_game

    sc = _scenario(scenario)
    with param_errors("--param"):
        return load_game(game, _values(game, param or []), sc)


@game_app.command("list")
def list_games() -> None:
    """List the catalog games."""
    from detente.games import CATALOG

    for name, entry in CATALOG.items():
        cites = ", ".join(entry.citations)
        _out.print(f"[bold]{name}[/bold]  {entry.summary}" + (f"  [{cites}]" if cites else ""))


@game_app.command()
def show(game: GameArg, param: ParamOpt = None, scenario: ScenarioOpt = None) -> None:
    """Print a game as Gambit .efg text (its comment explains each parameter and role).

    For a catalog game the comment lists each parameter's value, meaning, range, default and
    source, and which actor plays which role.
    """
    from detente.games import format_efg
    from detente.games.solving import explained

    emit(format_efg(explained(_load(game, param, scenario))))


@game_app.command("solve")
def solve_cmd(
    game: GameArg,
    method: Annotated[
        str,
        typer.Option(
            help="auto (spe if perfect information, else pbe), spe, pure-nash, mixed-nash "
            "(two players), pbe or qre."
        ),
    ] = "auto",
    lam: LambdaOpt = DEFAULT_LAMBDA,
    param: ParamOpt = None,
    scenario: ScenarioOpt = None,
    as_json: JsonOpt = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """Solve a game for its equilibria (or its logit QRE)."""
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente.games import solve

    timer = Timer()
    result = solve(_load(game, param, scenario), method, lam)
    sc = _scenario(scenario)
    save_if_asked("game", json.loads(result.to_json()), sc, save=save, store=store, timer=timer)
    for warning in result.details.get("warnings", []):
        typer.echo(f"warning: {warning}", err=True)
    if result.details.get("converged") is False:
        d = result.details
        typer.echo(
            f"warning: the QRE path stopped at lambda {d['lambda_reached']:.4g}; the profile "
            f"shown is not a QRE at {lam:g} (residual {d['residual']:.2g})",
            err=True,
        )
    emit(result.iter_json()) if as_json else _print_solution(result)


@game_app.command("sweep")
def sweep_cmd(
    game: GameArg,
    param: Annotated[
        list[str],
        typer.Option(
            "--param", "-p", help="name=lo:hi:n to vary, or key=value to fix (repeatable)."
        ),
    ],
    lam: LambdaOpt = DEFAULT_LAMBDA,
    scenario: ScenarioOpt = None,
    as_json: JsonOpt = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """Tabulate equilibrium and QRE outcome probabilities across one parameter."""
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente.games import sweep as run_sweep

    ranged = [p for p in param if ":" in p]
    if len(ranged) != 1:
        raise ParamError("give exactly one --param name=lo:hi:n to vary")
    sc = _scenario(scenario)
    with param_errors("--param"):
        name, values = parse_range(ranged[0])
        base = _values(game, [p for p in param if ":" not in p])
        result = run_sweep(game, name, values, lam=lam, base=base, scenario=sc)
    data = json.loads(result.to_json())
    save_if_asked("game-sweep", data, sc, save=save, store=store)
    emit(result.to_json()) if as_json else _print_sweep(result)


def _print_solution(r: GameSolution) -> None:
    _out.print(f"[bold]{r.game}[/bold]  method {r.method}  {len(r.equilibria)} equilibria")
    if r.details.get("mixed") and r.method == "pbe":
        _out.print("no pure-strategy equilibrium exists; these are in mixed strategies")
    if "note" in r.details:
        from detente.cli.params import flag

        _out.print(r.note(flag), markup=False)
    for k, eq in enumerate(r.equilibria[:SHOWN], start=1):
        _out.print(
            f"\n[bold]#{k}[/bold]  payoffs "
            + ", ".join(f"{p} {v:.3f}" for p, v in eq.payoffs.items())
        )
        for player, sets in eq.profile.items():
            for h, acts in sets.items():
                shown = ", ".join(f"{a} {p:.3f}" for a, p in acts.items() if p > 5e-4)
                _out.print(f"  {player} @ {h}: {shown}", markup=False)
        for h, b in eq.beliefs.items():
            _out.print(
                f"  belief @ {h}: " + ", ".join(f"{x} {p:.3f}" for x, p in b.items()), markup=False
            )
        for h, bounds in eq.off_path_beliefs.items():
            _out.print(
                f"  off-path belief @ {h}: "
                + ", ".join(f"{x} in [{lo:.3f}, {hi:.3f}]" for x, (lo, hi) in bounds.items()),
                markup=False,
            )
        _out.print(
            "  outcomes: "
            + ", ".join(f"{o} {p:.3f}" for o, p in eq.outcome_probabilities.items() if p > 5e-4),
            markup=False,
        )

    if len(r.equilibria) > SHOWN:
        _out.print(f"\n… and {len(r.equilibria) - SHOWN:,} more equilibria (--json lists them all)")


def _print_sweep(s: Sweep) -> None:
    outcomes = s.outcomes()
    t = Table(
        title=f"{s.game}: outcome probabilities by {s.param} (QRE λ={s.lam:g} | equilibrium)",
        title_justify="left",
    )
    t.add_column(s.param, justify="right")
    for o in outcomes:
        t.add_column(f"{o} QRE", justify="right")
        t.add_column("eq", justify="right")
    for r in s.rows:
        cells = [f"{r.value:g}"]
        for o in outcomes:
            eq = "–" if r.mean_equilibrium is None else f"{r.mean_equilibrium.get(o, 0.0):.3f}"
            cells += [f"{r.qre.get(o, 0.0):.3f}", eq]
        t.add_row(*cells)
    _out.print(t)
    if s.provenance is not None:
        p = s.provenance
        where = f"scenario sha256: {p.scenario_sha256[:12]}…  " if p.scenario_sha256 else ""
        _out.print(f"{where}detente {p.version}")


def register(app: typer.Typer) -> None:
    """Add the ``game`` command group to ``app``."""
    app.add_typer(game_app, name="game")
