"""A tournament: ordered pairs of strategies × scenarios × seeds, as table rows.

Every ordered pair of strategies plays on every scenario under ``n_seeds`` seeds spawned in the
parent (STYLE rule 10); all seeds of one pairing run as one vectorised batch, and each row records
its parties, seed and deal, so any row can be rerun alone with :func:`~detente.negotiation.run`
and gives the same outcome.  The parties are the scenario's ``negotiation.parties`` unless given;
``fixed`` pins one party's strategy (its side then plays only that one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.errors import ModelInputError
from detente.negotiation.analysis import benchmarks, pareto_distance
from detente.negotiation.outcomes import outcome_space, stack, utilities_from_scenario
from detente.negotiation.params import NegotiationParams, Status, resolve
from detente.negotiation.simulate import (
    default_parties,
    outcome_utilities,
    run_batch,
    strategies_of,
)
from detente.negotiation.strategies import STRATEGIES, Strategy
from detente.params import params_as_dict
from detente.result import provenance
from detente.rng import spawn_seeds
from detente.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TournamentRow", "rows_as_dicts", "rows_frame", "tournament", "tournament_record"]

_NOT_IN_TOURNAMENT = ("time-dependent", "subgame-perfect")
"""Left out of the default tournament: the generic family (its presets are in) and the
equilibrium strategy, which needs discounting and a belief about the other side."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TournamentRow:
    """One negotiation of a tournament: party A plays ``strategy_a``; utilities undiscounted."""

    scenario: str
    party_a: str
    party_b: str
    strategy_a: str
    strategy_b: str
    seed: int
    status: Status
    """How the talks ended; its JSON form and table cell are the name (``"no-agreement"``)."""
    round: int | None
    deadline: int
    agreement: Mapping[str, float] | None
    """The deal on each issue's own scale (issues outside a partial deal at the status quo)."""
    utility_a: float
    utility_b: float
    pareto_distance: float
    nash_bargaining_distance: float | None
    """Distance in utility space to the Nash bargaining point [Nash1950] (None if none exists)."""


def _pairings(
    names: Sequence[str], parties: Sequence[str], fixed: Mapping[str, str]
) -> list[tuple[str, str]]:
    side_a = [fixed[parties[0]]] if parties[0] in fixed else list(names)
    side_b = [fixed[parties[1]]] if parties[1] in fixed else list(names)
    return [(a, b) for a in side_a for b in side_b]


def _check(parties: Sequence[str] | None, fixed: Mapping[str, str], sc: Scenario) -> list[str]:
    pair = list(default_parties(sc) if parties is None else parties)
    if len(pair) != 2 or len(set(pair)) != 2:
        raise ModelInputError(
            f"a tournament plays pairs: give two distinct parties, not {', '.join(pair)}"
        )
    stray = sorted(set(fixed) - set(pair))
    if stray:
        raise ModelInputError(f"a fixed strategy for {', '.join(stray)}, who is not a party")
    return pair


def _rows(
    sc: Scenario,
    pair: Sequence[str],
    names: tuple[str, str],
    params: NegotiationParams,
    seeds: Sequence[int],
    by_label: Mapping[str, Strategy],
) -> list[TournamentRow]:
    """The rows of one pairing (strategies by label) on one scenario (one batch over the seeds)."""
    p = resolve(params, sc)
    space = outcome_space(sc, p.levels)
    one = utilities_from_scenario(sc, pair, space, p.discount)
    bench = benchmarks(one)
    us = [stack([u] * len(seeds)) for u in one]
    trace = run_batch(space, us, [by_label[n] for n in names], p, seeds)
    value, _ = outcome_utilities(trace, us)
    nash = None if bench.nash_utilities is None else np.array(bench.nash_utilities)
    rows = []
    for b, seed in enumerate(seeds):
        status = Status(int(trace.status[b]))
        deal = space.to_scale(trace.agreement[b]).tolist() if status.agreed else None
        rows.append(
            TournamentRow(
                scenario=sc.id,
                party_a=pair[0],
                party_b=pair[1],
                strategy_a=names[0],
                strategy_b=names[1],
                seed=seed,
                status=status,
                round=int(trace.when[b]) if trace.when[b] >= 0 else None,
                deadline=int(trace.deadline[b]),
                agreement=None if deal is None else dict(zip(space.issues, deal, strict=True)),
                utility_a=float(value[0, b]),
                utility_b=float(value[1, b]),
                pareto_distance=pareto_distance(one, value[:, b], bench),
                nash_bargaining_distance=(
                    None if nash is None else float(np.linalg.norm(value[:, b] - nash))
                ),
            )
        )
    return rows


def tournament(
    scenarios: Sequence[Scenario],
    strategies: Sequence[Strategy | str] | None = None,
    parties: Sequence[str] | None = None,
    params: NegotiationParams | None = None,
    *,
    fixed: Mapping[str, Strategy | str] | None = None,
    n_seeds: int = 5,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> list[TournamentRow]:
    """Every ordered pair of ``strategies`` × ``scenarios`` × ``n_seeds`` seeds, as table rows.

    ``strategies`` are Strategy objects or names (default: every registered one but the generic
    and the equilibrium strategy); rows name them by :meth:`Strategy.describe`.  ``parties`` (two
    actor ids) default to each scenario's ``negotiation.parties``; ``fixed`` maps a party to the
    one strategy it plays.  ``progress(done, total)``, if given, is called
    after each pairing (one batch of seeds).
    """
    params = params or NegotiationParams()
    pool = strategies_of(strategies or [s for s in STRATEGIES if s not in _NOT_IN_TOURNAMENT])
    pinned = {party: strategies_of([s])[0] for party, s in (fixed or {}).items()}
    by_label = {s.describe(): s for s in [*pool, *pinned.values()]}
    names = [s.describe() for s in pool]
    labels = {party: s.describe() for party, s in pinned.items()}
    seeds = spawn_seeds(seed, n_seeds)
    plan = []
    for sc in scenarios:
        pair = _check(parties, labels, sc)
        plan += [(sc, pair, ab) for ab in _pairings(names, pair, labels)]
    rows: list[TournamentRow] = []
    for done, (sc, pair, ab) in enumerate(plan, 1):
        rows += _rows(sc, pair, ab, params, seeds, by_label)
        if progress is not None:
            progress(done, len(plan))
    return rows


def tournament_record(
    scenario: Scenario,
    parties: Sequence[str],
    params: NegotiationParams,
    fixed: Mapping[str, Strategy],
    seed: int,
    rows: Sequence[TournamentRow],
) -> dict[str, Any]:
    """The JSON document of a tournament on one scenario: its provenance, then its rows.

    The parameters recorded are those used: the deadline filled in and each party's discount
    factor (from ``params`` or the scenario), as in a single negotiation's provenance.
    """
    p = resolve(params, scenario)
    used = utilities_from_scenario(scenario, parties, outcome_space(scenario, p.levels), p.discount)
    record = {
        **params_as_dict(p),
        "discount": {q: float(u.discount[0]) for q, u in zip(parties, used, strict=True)},
        "parties": list(parties),
        "fixed": {party: s.describe() for party, s in fixed.items()},
        "seeds_per_pairing": len({r.seed for r in rows}),
    }
    head = provenance("tournament", record, scenario, seed).to_dict()
    return {**head, "parties": list(parties), "rows": rows_as_dicts(rows)}


def rows_as_dicts(rows: Sequence[TournamentRow]) -> list[dict[str, Any]]:
    """Tournament rows as plain dicts (for JSON and tables), the status by its name."""
    return [asdict(r) | {"status": str(r.status)} for r in rows]


def rows_frame(rows: Sequence[TournamentRow]) -> pd.DataFrame:
    """Tournament rows as a DataFrame, the deal spread into ``deal_<issue>`` columns."""
    import pandas as pd

    flat = []
    for d in rows_as_dicts(rows):
        deal = d.pop("agreement") or {}
        flat.append(d | {f"deal_{i}": v for i, v in deal.items()})
    return pd.DataFrame(flat)
