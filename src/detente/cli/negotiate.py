"""``detente negotiate``: simulate talks between parties of a scenario, or a strategy tournament."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from detente.api import load_scenario
from detente.cli.common import check_seed, emit
from detente.cli.params import params_from_text
from detente.errors import DetenteError
from detente.negotiation import NegotiationParams, NegotiationResult, Strategy, simulate
from detente.negotiation.result import Point
from detente.negotiation.simulate import TournamentRow, with_deadline
from detente.negotiation.strategies import make_strategy
from detente.params import ParamError
from detente.result import jsonable
from detente.scenario import Scenario

__all__ = ["register"]

_out = Console(highlight=False)
_MOMENT = 0.5
"""Seconds a tournament runs before its progress bar appears."""


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
    who = list(sc.actor_ids[:2]) if parties is None else [p.strip() for p in parties.split(",")]
    chosen = _pairs(strategy)
    extra = sorted(set(chosen) - set(who))
    if extra:
        raise DetenteError(f"--strategy for {', '.join(extra)}, who is not among --parties")
    try:
        params = with_deadline(
            params_from_text(NegotiationParams, param, owner="negotiation"), deadline
        )
        strats = [make_strategy(chosen.get(p, "linear")) for p in who]
    except ValueError as exc:
        raise ParamError(str(exc)) from None
    return sc, who, strats, params


def _fmt_point(point: Point | None, k: int) -> str:
    return "–" if point is None else f"{point.utilities[k]:.3f}"


def _mean(xs: Sequence[float], digits: int = 3) -> str:
    return f"{sum(xs) / len(xs):.{digits}f}" if xs else "–"


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


def _codes(names: Sequence[str]) -> dict[str, str]:
    """Short labels: names of up to 9 characters as they are, others by their initials.

    ``stall-and-water-down`` becomes ``sawd``; labels that would clash are numbered.
    """
    initials = {
        n: n if len(n) <= 9 else "".join(w[0] for w in n.replace(":", "-").split("-") if w)
        for n in names
    }
    clash = {c for c in initials.values() if list(initials.values()).count(c) > 1}
    return {n: (f"{c}{k}" if c in clash else c) for k, (n, c) in enumerate(initials.items(), 1)}


def _print_table(rows: Sequence[TournamentRow], console: Console | None = None) -> None:
    """Means over seeds per pairing; fits 80 columns (initials and a legend when names are long)."""
    out = console or _out
    groups: dict[tuple[str, str, str], list[TournamentRow]] = defaultdict(list)
    for row in rows:
        groups[(row.scenario, row.strategy_a, row.strategy_b)].append(row)
    names = list(dict.fromkeys(n for key in groups for n in key[1:]))
    scenarios = list(dict.fromkeys(key[0] for key in groups))
    width = 2 * max(map(len, names), default=0) + 48 + 12 * (len(scenarios) > 1)
    label = _codes(names) if width > out.width else {n: n for n in names}
    on = f" on {scenarios[0]}" if len(scenarios) == 1 else ""
    out.print(f"tournament{on}: {len(rows)} negotiations, means over seeds")
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    cols = ["scenario"] * (len(scenarios) > 1) + ["A", "B", "full", "part.", "round"]
    for col in [*cols, "u A", "u B", "Pareto Δ"]:
        left = col in ("scenario", "A", "B")
        t.add_column(col, justify="left" if left else "right", overflow="fold")
    for (sc, a, b), rs in groups.items():
        deals = [r for r in rs if r.status in ("agreement", "partial")]
        full = sum(r.status == "agreement" for r in rs)
        t.add_row(
            *[sc] * (len(scenarios) > 1),
            label[a],
            label[b],
            f"{full}/{len(rs)}",
            f"{len(deals) - full}/{len(rs)}",
            _mean([r.round for r in deals if r.round is not None], 1),
            _mean([r.utility_a for r in rs]),
            _mean([r.utility_b for r in rs]),
            _mean([r.pareto_distance for r in rs]),
        )
    out.print(t)
    short = [f"{v} = {k}" for k, v in label.items() if k != v]
    if short:
        out.print("strategies: " + ", ".join(short))
    out.print("full/part.: full and partial deals over seeds; round: mean round of the deals;")
    out.print("u A, u B: mean utilities; Pareto Δ: mean distance to the Pareto frontier.")


def _tournament(
    sc: Scenario, who: list[str], params: NegotiationParams, seed: int
) -> list[TournamentRow]:
    """The tournament, with a progress bar on stderr once it has run for more than a moment."""
    err = Console(stderr=True)
    bar = Progress(
        TextColumn("tournament"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    )  # fmt: skip
    task = bar.add_task("pairings", total=None)
    start, shown = time.monotonic(), False

    def tick(done: int, total: int) -> None:
        nonlocal shown
        if not shown and err.is_terminal and time.monotonic() - start > _MOMENT:
            bar.start()
            shown = True
        bar.update(task, completed=done, total=total)

    try:
        return simulate.tournament([sc], None, who, params, seed=seed, progress=tick)
    finally:
        if shown:
            bar.stop()


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
    check_seed(seed)
    if tournament:
        rows = _tournament(sc, who, params, seed or 0)
        if as_json:
            emit(json.dumps(jsonable(simulate.rows_as_dicts(rows)), indent=2))
        else:
            _print_table(rows)
        return
    result = simulate.run(sc, who, strats, params, rng=seed)
    if as_json:
        emit(result.to_json())
    else:
        _print_run(result)


def register(app: typer.Typer) -> None:
    """Add ``negotiate`` to ``app``."""
    app.command()(negotiate)
