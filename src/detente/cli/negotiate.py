"""``detente negotiate``: simulate talks between parties of a scenario, or a strategy tournament."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from detente.cli import located
from detente.cli.common import Out, check_seed, emit, progress_bar, seed_text
from detente.cli.params import param_errors, params_from_text, parse_pairs, parse_strategy
from detente.cli.saving import SaveOpt, StoreOpt, Timer, check_store, save_if_asked
from detente.errors import DetenteError, ModelInputError
from detente.params import build_params, params_as_dict

if TYPE_CHECKING:  # detente.negotiation (scipy) is imported inside the command: --help is quick
    from detente.negotiation import NegotiationParams, NegotiationResult, Strategy
    from detente.negotiation.result import Point
    from detente.negotiation.tournaments import TournamentRow
    from detente.scenario import Scenario

__all__ = ["register"]

_out = Out(highlight=False)


def _parties(sc: Scenario, parties: str | None) -> list[str]:
    """``--parties``, else the scenario's ``negotiation.parties`` (or its two actors)."""
    from detente.negotiation import default_parties

    if parties is not None:
        return [p.strip() for p in parties.split(",")]
    try:
        return list(default_parties(sc))
    except ModelInputError as exc:  # main() names the scenario's file
        reason = f"{exc.reason}, or name them with --parties A,B"
        raise ModelInputError(reason, field=exc.field) from None


def _setup(
    scenario: str, parties: str | None, strategy: list[str], param: list[str], deadline: int | None
) -> tuple[Scenario, list[str], dict[str, Strategy], NegotiationParams]:
    from detente.negotiation import NegotiationParams

    sc = located.load_scenario(scenario)
    who = _parties(sc, parties)
    with param_errors("--strategy"):
        chosen = parse_pairs(strategy, "PARTY=NAME")
    extra = sorted(set(chosen) - set(who))
    if extra:
        raise DetenteError(
            f"--strategy for {', '.join(extra)}, who is not among the parties ({', '.join(who)})"
        )
    params = params_from_text(NegotiationParams, param, owner="negotiation")
    if deadline is not None:
        with param_errors("--deadline"):
            params = build_params(
                NegotiationParams, {**params_as_dict(params), "deadline": deadline}
            )
    with param_errors("--strategy"):
        strategies = {party: parse_strategy(text) for party, text in chosen.items()}
    return sc, who, strategies, params


def _strategies(who: list[str], chosen: dict[str, Strategy]) -> list[Strategy]:
    from detente.negotiation.strategies import make_strategy

    return [chosen.get(p) or make_strategy("linear") for p in who]


def _fmt_point(point: Point | None, k: int) -> str:
    return "–" if point is None else f"{point.utilities[k]:.3f}"


def _mean(xs: Sequence[float], digits: int = 3) -> str:
    return f"{sum(xs) / len(xs):.{digits}f}" if xs else "–"


def _print_run(r: NegotiationResult) -> None:
    when = "" if r.round is None else f" in round {r.round}"
    pv = r.provenance.params
    T, j = pv["deadline"], pv["deadline_jitter"]
    drawn = f", drawn from rounds {T - j}–{T + j - 1}: {r.deadline}" if j else ""
    _out.print(f"[bold]{' vs '.join(r.parties)}[/bold] on {r.provenance.scenario_id}")
    _out.print(f"[bold]{r.status}[/bold]{when}  ({r.protocol}, deadline {T}{drawn})")
    t = Table(title="parties", title_justify="left")
    for col in ("party", "strategy", "utility", "payoff", "reservation", "NBS", "KS"):
        t.add_column(col, justify="left" if col in ("party", "strategy") else "right")
    for k, p in enumerate(r.parties):
        t.add_row(
            p,
            r.strategies[k],
            f"{r.utilities[k]:.3f}",
            f"{r.payoffs[k]:.3f}",
            f"{r.reservation[k]:.3f}",
            _fmt_point(r.nash_bargaining_point, k),
            _fmt_point(r.kalai_smorodinsky, k),
        )
    _out.print(t)
    if r.agreement is not None:
        deal = ", ".join(
            f"{i}={v:.1f}" + ("" if i in r.settled else " (status quo)")
            for i, v in zip(r.issues, r.agreement, strict=True)
        )
        _out.print(f"agreement: {deal}")
    prov = r.provenance
    _out.print(
        f"distance to Pareto frontier: {r.pareto_distance:.3f}  offers: {len(r.trace)}  "
        f"{seed_text(prov.seed)}  scenario sha256: {prov.scenario_sha256[:12]}…  "
        f"detente {prov.version}"
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


def _groups(rows: Sequence[TournamentRow]) -> dict[tuple[str, str, str], list[TournamentRow]]:
    groups: dict[tuple[str, str, str], list[TournamentRow]] = defaultdict(list)
    for row in rows:
        groups[(row.scenario, row.strategy_a, row.strategy_b)].append(row)
    return groups


def _print_deals(rows: Sequence[TournamentRow], label: dict[str, str], out: Console) -> None:
    """The deals: mean agreed value per issue over the seeds that reached one."""
    issues = list(dict.fromkeys(k for r in rows if r.agreement for k in r.agreement))
    if not issues:
        out.print("no deals")
        return
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="deals (mean over seeds with a deal)")
    for col in ["A", "B", *issues]:
        t.add_column(col, justify="left" if col in ("A", "B") else "right", overflow="fold")
    for (_, a, b), rs in _groups(rows).items():
        deals = [r.agreement for r in rs if r.agreement]
        cells = [_mean([d[i] for d in deals], 1) for i in issues]
        t.add_row(label[a], label[b], *cells)
    out.print(t)


def _print_table(rows: Sequence[TournamentRow], seed: int, console: Console | None = None) -> None:
    """Means over seeds per pairing; fits 80 columns (initials and a legend when names are long).

    ``seed`` is the tournament's root seed (each pairing's seeds are spawned from it).
    """
    from detente.negotiation.params import Status

    out = console or _out
    groups = _groups(rows)
    names = list(dict.fromkeys(n for key in groups for n in key[1:]))
    scenarios = list(dict.fromkeys(key[0] for key in groups))
    width = 2 * max(map(len, names), default=0) + 48 + 12 * (len(scenarios) > 1)
    label = _codes(names) if width > out.width else {n: n for n in names}
    on = f" on {scenarios[0]}" if len(scenarios) == 1 else ""
    pairs = ", ".join(dict.fromkeys(f"{r.party_a} (A) vs {r.party_b} (B)" for r in rows))
    out.print(f"tournament{on}, {pairs}: {len(rows)} runs, means over seeds")
    out.print(f"root seed {seed} (rerun with --seed {seed})")
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    cols = ["scenario"] * (len(scenarios) > 1) + ["A", "B", "full", "part.", "round"]
    for col in [*cols, "u A", "u B", "Pareto Δ"]:
        left = col in ("scenario", "A", "B")
        t.add_column(col, justify="left" if left else "right", overflow="fold")
    for (sc, a, b), rs in groups.items():
        deals = [r for r in rs if r.status.agreed]
        full = sum(r.status == Status.AGREEMENT for r in rs)
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
    _print_deals(rows, label, out)
    short = [f"{v} = {k}" for k, v in label.items() if k != v]
    if short:
        out.print("strategies: " + ", ".join(short))
    out.print("full/part.: full and partial deals over seeds; round: mean round of the deals;")
    out.print("u A, u B: mean utilities; Pareto Δ: mean distance to the Pareto frontier;")
    out.print("deals: on each issue's own scale (issues outside a partial deal at the status quo).")


def _tournament(
    sc: Scenario, who: list[str], fixed: dict[str, Strategy], params: NegotiationParams, seed: int
) -> list[TournamentRow]:
    """The tournament, with a progress bar on stderr once it has run for more than a moment."""
    from detente.negotiation import tournament as play_tournament

    with progress_bar("tournament") as tick:
        return play_tournament([sc], None, who, params, fixed=fixed, seed=seed, progress=tick)


def negotiate(
    scenario: Annotated[str, typer.Argument(help="A scenario file, or a bundled scenario name.")],
    parties: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated actor ids (default: the scenario's negotiation.parties, or its "
            "two actors)."
        ),
    ] = None,
    strategy: Annotated[
        list[str] | None,
        typer.Option(
            help="PARTY=NAME[:k=v,...] (repeatable; default linear; in a tournament it fixes "
            "that party's strategy)."
        ),
    ] = None,
    deadline: Annotated[
        int | None,
        typer.Option(
            help="Rounds before the deadline (default: the scenario's, else 100); the binding "
            "deadline is drawn within ± deadline_jitter rounds (default 1)."
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            help="Seed, shown and recorded in the result; absent: a fresh one (as --tournament's "
            "root seed, from which each pairing's 5 seeds are spawned)."
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Protocol parameter key=value: protocol, deadline_jitter, discount, "
            "p_breakdown, explore, opener, partial, levels, step (see NegotiationParams).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    tournament: Annotated[
        bool, typer.Option("--tournament", help="Every pair of strategies × 5 seeds.")
    ] = False,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """Simulate negotiations between parties of a scenario (see docs/explanation/negotiation.md)."""
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente.negotiation import run as negotiate_once
    from detente.negotiation.tournaments import tournament_record
    from detente.result import dumps_json

    timer = Timer()
    sc, who, chosen, params = _setup(scenario, parties, strategy or [], param or [], deadline)
    check_seed(seed)
    if tournament:
        from detente.rng import fresh_seed

        root = fresh_seed() if seed is None else seed  # was 0, silently
        rows = _tournament(sc, who, chosen, params, root)
        table = tournament_record(sc, who, params, chosen, root, rows)
        save_if_asked("tournament", table, sc, save=save, store=store, timer=timer)
        if as_json:
            emit(dumps_json(table, indent=2))
        else:
            _print_table(rows, root)
        return
    result = negotiate_once(sc, who, _strategies(who, chosen), params, rng=seed)
    data = json.loads(result.to_json())
    save_if_asked("negotiation", data, sc, save=save, store=store, timer=timer)
    if as_json:
        emit(result.to_json())
    else:
        _print_run(result)


def register(app: typer.Typer) -> None:
    """Add ``negotiate`` to ``app``."""
    app.command()(negotiate)
