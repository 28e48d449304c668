"""``detente negotiate``: simulate talks between parties of a scenario, or a strategy tournament."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from detente.api import load_scenario
from detente.errors import DetenteError
from detente.negotiation import NegotiationParams, NegotiationResult, Strategy, simulate
from detente.negotiation.result import Point
from detente.negotiation.simulate import TournamentRow, with_deadline
from detente.negotiation.strategies import make_strategy
from detente.params import ParamError, params_from_strings, parse_assignments
from detente.result import jsonable
from detente.scenario import Scenario

__all__ = ["register"]

_out = Console(highlight=False)


def _pairs(items: list[str]) -> dict[str, str]:
    """``["USA=boulware"]`` → ``{"USA": "boulware"}``."""
    out: dict[str, str] = {}
    for item in items:
        party, sep, name = item.partition("=")
        if not sep or not party.strip() or not name.strip():
            raise DetenteError(f"--strategy {item!r}: expected PARTY=NAME")
        out[party.strip()] = name.strip()
    return out


def _setup(
    scenario: str, parties: str | None, strategy: list[str], param: list[str], deadline: int | None
) -> tuple[Scenario, list[str], list[Strategy], NegotiationParams]:
    sc = load_scenario(scenario)
    who = [p.strip() for p in parties.split(",")] if parties else list(sc.actor_ids[:2])
    chosen = _pairs(strategy)
    extra = sorted(set(chosen) - set(who))
    if extra:
        raise DetenteError(f"--strategy for {', '.join(extra)}, who is not among --parties")
    try:
        params = with_deadline(
            params_from_strings(NegotiationParams, parse_assignments(param)), deadline
        )
        strats = [make_strategy(chosen.get(p, "linear")) for p in who]
    except ValueError as exc:
        raise ParamError(str(exc)) from None
    return sc, who, strats, params


def _fmt_point(point: Point | None, k: int) -> str:
    return "–" if point is None else f"{point.utilities[k]:.3f}"


def _mean(xs: Sequence[float]) -> str:
    return f"{sum(xs) / len(xs):.3f}" if xs else "–"


def _print_run(r: NegotiationResult) -> None:
    when = "" if r.round is None else f" in round {r.round}"
    _out.print(
        f"[bold]{r.status}[/bold]{when}  ({r.protocol}, deadline {r.provenance.params['deadline']})"
    )
    t = Table(title="parties", title_justify="left")
    for col in ("party", "strategy", "utility", "payoff", "reservation", "Nash", "KS"):
        t.add_column(col, justify="left" if col in ("party", "strategy") else "right")
    for k, p in enumerate(r.parties):
        t.add_row(
            p,
            r.strategies[k],
            f"{r.utilities[k]:.3f}",
            f"{r.payoffs[k]:.3f}",
            f"{r.reservation[k]:.3f}",
            _fmt_point(r.nash, k),
            _fmt_point(r.kalai_smorodinsky, k),
        )
    _out.print(t)
    if r.agreement is not None:
        deal = ", ".join(
            f"{i}={v:.1f}" + ("" if i in r.settled else " (status quo)")
            for i, v in zip(r.issues, r.agreement, strict=True)
        )
        _out.print(f"agreement: {deal}")
    pv = r.provenance
    _out.print(
        f"distance to Pareto frontier: {r.pareto_distance:.3f}  offers: {len(r.trace)}  "
        f"seed: {pv.seed}  scenario sha256: {pv.scenario_sha256[:12]}…  detente {pv.version}"
    )


def _print_table(rows: Sequence[TournamentRow]) -> None:
    groups: dict[tuple[str, str, str], list[TournamentRow]] = defaultdict(list)
    for row in rows:
        groups[(row.scenario, row.strategy_a, row.strategy_b)].append(row)
    t = Table(
        title=f"tournament: {len(rows)} negotiations (means over seeds)", title_justify="left"
    )
    for col in ("scenario", "A", "B", "full", "partial", "round", "u A", "u B", "to Pareto"):
        t.add_column(col, justify="left" if col in ("scenario", "A", "B") else "right")
    for (sc, a, b), rs in groups.items():
        deals = [r for r in rs if r.status in ("agreement", "partial")]
        full = sum(r.status == "agreement" for r in rs)
        t.add_row(
            sc,
            a,
            b,
            f"{full}/{len(rs)}",
            f"{len(deals) - full}/{len(rs)}",
            _mean([r.round for r in deals if r.round is not None]),
            _mean([r.utility_a for r in rs]),
            _mean([r.utility_b for r in rs]),
            _mean([r.pareto_distance for r in rs]),
        )
    _out.print(t)


def negotiate(
    scenario: Annotated[str, typer.Argument(help="A scenario file, or a bundled scenario name.")],
    parties: Annotated[
        str | None, typer.Option(help="Comma-separated actor ids (default: the first two).")
    ] = None,
    strategy: Annotated[
        list[str] | None, typer.Option(help="PARTY=NAME[:k=v,...] (repeatable; default linear).")
    ] = None,
    deadline: Annotated[int | None, typer.Option(help="Rounds before the deadline.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed (recorded in the result).")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Protocol parameter key=value: protocol, discount, p_breakdown, explore, "
            "opener, partial, levels, step (see NegotiationParams).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    tournament: Annotated[
        bool, typer.Option("--tournament", help="Every pair of strategies × 5 seeds.")
    ] = False,
) -> None:
    """Simulate negotiations between parties of a scenario (see docs/explanation/negotiation.md)."""
    sc, who, strats, params = _setup(scenario, parties, strategy or [], param or [], deadline)
    if tournament:
        rows = simulate.tournament([sc], None, who, params, seed=seed or 0)
        if as_json:
            print(json.dumps(jsonable(simulate.rows_as_dicts(rows)), indent=2))
        else:
            _print_table(rows)
        return
    result = simulate.run(sc, who, strats, params, rng=seed)
    if as_json:
        print(result.to_json())
    else:
        _print_run(result)


def register(app: typer.Typer) -> None:
    """Add ``negotiate`` to ``app``."""
    app.command()(negotiate)
