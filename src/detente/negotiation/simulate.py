"""Run a negotiation on a scenario, or a tournament of strategy pairs × scenarios × seeds.

:func:`run` builds the outcome space and the parties' utilities from the scenario
(:mod:`~detente.negotiation.outcomes`), draws the chance outcomes from ``rng``, runs the protocol
(:mod:`~detente.negotiation.protocol`) and adds the benchmarks of
:mod:`~detente.negotiation.analysis`.  :func:`tournament` plays every ordered pair of strategies
on every scenario under ``n_seeds`` seeds spawned in the parent (STYLE rule 10); all seeds of one
pairing run as one vectorised batch, and each row records its seed, so any row can be rerun alone
with :func:`run` and gives the same outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from detente.errors import ModelInputError
from detente.negotiation.analysis import Benchmarks, benchmarks, pareto_distance
from detente.negotiation.outcomes import (
    AdditiveUtility,
    FloatArray,
    OutcomeSpace,
    outcome_space,
    stack,
    utilities_from_scenario,
)
from detente.negotiation.protocol import STATUS, NegotiationParams, Trace, draw_chance, negotiate
from detente.negotiation.result import NegotiationResult, OfferTrace, Point
from detente.negotiation.strategies import STRATEGIES, Strategy, make_strategy
from detente.params import params_as_dict
from detente.result import Provenance, provenance
from detente.rng import RngLike, as_generator, fresh_seed, spawn_seeds
from detente.scenario import Scenario

__all__ = [
    "TournamentRow",
    "rows_as_dicts",
    "run",
    "run_batch",
    "run_many",
    "tournament",
    "with_deadline",
]

_AGREED = (STATUS.index("agreement"), STATUS.index("partial"))

_NOT_IN_TOURNAMENT = ("time-dependent", "subgame-perfect")
"""Left out of the default tournament: the generic family (its presets are in) and the
equilibrium strategy, which needs discounting and a belief about the other side."""


def _strategies(specs: Sequence[Strategy | str]) -> list[Strategy]:
    return [s if isinstance(s, Strategy) else make_strategy(s) for s in specs]


def run_batch(
    space: OutcomeSpace,
    utilities: Sequence[AdditiveUtility],
    strategies: Sequence[Strategy],
    params: NegotiationParams,
    seeds: Sequence[int],
) -> Trace:
    """Run ``len(seeds)`` negotiations at once; ``utilities[i]`` holds party i's batch."""
    rngs = [as_generator(s) for s in seeds]
    chance = draw_chance(rngs, params.deadline, space.n_issues, len(utilities))
    return negotiate(space, utilities, strategies, params, chance)


def _point(
    space: OutcomeSpace, u: tuple[float, ...] | None, z: tuple[float, ...] | None
) -> Point | None:
    if u is None or z is None:
        return None
    return Point(u, tuple(space.to_scale(np.array(z)).tolist()))


def _trace(trace: Trace, b: int, parties: Sequence[str], space: OutcomeSpace) -> OfferTrace:
    """Negotiation ``b``'s offers, kept as arrays (records are built when read)."""
    played = int(trace.when[b]) + 1 if trace.when[b] >= 0 else trace.rounds
    return OfferTrace(
        [*parties, "mediator"],
        trace.proposers[:played, b],
        space.to_scale(trace.offers[:played, b]),
        trace.utilities[:played, :, b],
        trace.accepted[:played, :, b],
    )


def _agreed_utilities(trace: Trace, us: Sequence[AdditiveUtility]) -> FloatArray:
    """Each party's utility of each negotiation's agreement, ``(n, B)`` (NaN where none)."""
    return np.stack([u(trace.agreement) for u in us])


def _outcome(
    trace: Trace, agreed: FloatArray, rv: Sequence[float], discount: Sequence[float], b: int
) -> tuple[list[float], list[float]]:
    """Utilities and discounted payoffs of negotiation ``b`` (rv without agreement).

    ``agreed`` is :func:`_agreed_utilities`; ``rv`` and ``discount`` are negotiation ``b``'s.
    """
    if trace.status[b] in _AGREED:
        u = agreed[:, b].tolist()
        t = int(trace.when[b])
        return u, [d**t * v for d, v in zip(discount, u, strict=True)]
    return list(rv), list(rv)


@dataclass(frozen=True, slots=True)
class _Setup:
    """What the negotiations on one scenario share: inputs, benchmarks, provenance (no seed)."""

    scenario: Scenario
    parties: tuple[str, ...]
    strategies: tuple[Strategy, ...]
    params: NegotiationParams
    space: OutcomeSpace
    utilities: tuple[AdditiveUtility, ...]
    bench: Benchmarks
    provenance: Provenance
    rv: tuple[float, ...]
    discount: tuple[float, ...]
    nash: Point | None
    ks: Point | None


def _setup(
    scenario: Scenario,
    parties: Sequence[str],
    strategies: Sequence[Strategy],
    params: NegotiationParams,
    record: dict[str, Any],
) -> _Setup:
    if len(parties) < 2 or len(set(parties)) != len(parties) or len(strategies) != len(parties):
        raise ModelInputError(
            f"a negotiation needs two or more distinct parties and one strategy each; got "
            f"parties {', '.join(parties)} and {len(strategies)} strategies"
        )
    space = outcome_space(scenario, params.levels)
    us = tuple(utilities_from_scenario(scenario, parties, space, params.discount))
    bench = benchmarks(us)
    return _Setup(
        scenario, tuple(parties), tuple(strategies), params, space, us, bench,
        provenance("negotiation", record, scenario), tuple(float(u.rv[0]) for u in us),
        tuple(float(u.discount[0]) for u in us),
        _point(space, bench.nash_utilities, bench.nash_outcome),
        _point(space, bench.ks_utilities, bench.ks_outcome),
    )  # fmt: skip


def _record(
    params: NegotiationParams, parties: Sequence[str], strategies: Sequence[Strategy]
) -> dict[str, Any]:
    """The parameters recorded in the provenance."""
    names = [x.describe() for x in strategies]
    return {**params_as_dict(params), "parties": list(parties), "strategies": names}


def _result(
    s: _Setup, trace: Trace, agreed: FloatArray, b: int, seed: int | None
) -> NegotiationResult:
    """The result of negotiation ``b`` of a batch run on ``s`` (``agreed``: agreement utilities)."""
    bench, pv = s.bench, s.provenance
    u, pay = _outcome(trace, agreed, s.rv, s.discount, b)
    ok = trace.status[b] in _AGREED
    record = {**pv.params, "parties": list(s.parties), "strategies": list(pv.params["strategies"])}
    return NegotiationResult(
        Provenance(pv.model, record, pv.scenario_id, pv.scenario_title, pv.scenario_sha256, seed,
                   pv.version),
        s.params.protocol,
        s.parties,
        tuple(record["strategies"]),
        s.space.issues,
        STATUS[trace.status[b]],
        int(trace.when[b]) if trace.when[b] >= 0 else None,
        tuple(s.space.to_scale(trace.agreement[b]).tolist()) if ok else None,
        tuple(i for i, x in zip(s.space.issues, trace.settled[b].tolist(), strict=True) if x),
        tuple(u),
        tuple(pay),
        s.rv,
        s.nash,
        s.ks,
        pareto_distance(s.utilities, np.array(u), bench),
        bench.frontier,
        _trace(trace, b, s.parties, s.space),
    )  # fmt: skip


def run(
    scenario: Scenario,
    parties: Sequence[str],
    strategies: Sequence[Strategy | str],
    params: NegotiationParams | None = None,
    *,
    rng: RngLike = None,
) -> NegotiationResult:
    """Negotiate between ``parties`` of ``scenario``, each playing its strategy (see module doc)."""
    params = params or NegotiationParams()
    strats = _strategies(strategies)
    s = _setup(scenario, parties, strats, params, _record(params, parties, strats))
    seed = fresh_seed() if rng is None else rng if isinstance(rng, int) else None
    gen = as_generator(rng if seed is None else seed)
    chance = draw_chance([gen], s.params.deadline, s.space.n_issues, len(s.utilities))
    trace = negotiate(s.space, s.utilities, s.strategies, s.params, chance)
    return _result(s, trace, _agreed_utilities(trace, s.utilities), 0, seed)


def run_many(
    scenarios: Sequence[Scenario],
    parties: Sequence[str],
    strategies: Sequence[Strategy | str],
    params: NegotiationParams | None = None,
    *,
    seeds: Sequence[int],
) -> list[NegotiationResult]:
    """``run(scenarios[b], ..., rng=seeds[b])`` for every b, as one vectorised batch.

    The scenarios must share the number of issues; each result equals its :func:`run`.  Work that
    depends only on the scenario (utilities, Nash/KS points and frontier, the scenario hash) is
    done once per distinct scenario object, so passing the same scenario many times is cheap.
    """
    params = params or NegotiationParams()
    strats = _strategies(strategies)
    record = _record(params, parties, strats)
    done: dict[int, _Setup] = {}
    for sc in scenarios:
        if id(sc) not in done:
            done[id(sc)] = _setup(sc, parties, strats, params, record)
    setups = [done[id(sc)] for sc in scenarios]
    if len({s.space.n_issues for s in setups}) > 1 or len(seeds) != len(setups):
        raise ValueError("run_many needs one seed per scenario and the same number of issues")
    us = [stack([s.utilities[i] for s in setups]) for i in range(len(parties))]
    sq = np.stack([s.space.sq_unit() for s in setups])
    chance = draw_chance([as_generator(x) for x in seeds], params.deadline, sq.shape[1], len(us))
    trace = negotiate(setups[0].space, us, strats, params, chance, sq)
    agreed = _agreed_utilities(trace, us)
    return [
        _result(s, trace, agreed, b, seed)
        for b, (s, seed) in enumerate(zip(setups, seeds, strict=True))
    ]


@dataclass(frozen=True, slots=True)
class TournamentRow:
    """One negotiation of a tournament (party A plays ``strategy_a``); utilities undiscounted."""

    scenario: str
    strategy_a: str
    strategy_b: str
    seed: int
    status: str
    round: int | None
    utility_a: float
    utility_b: float
    pareto_distance: float
    nash_distance: float | None


def _rows(
    name: tuple[str, str, str],
    trace: Trace,
    us: Sequence[AdditiveUtility],
    bench: Benchmarks,
    seeds: Sequence[int],
) -> list[TournamentRow]:
    rows = []
    agreed = _agreed_utilities(trace, us)
    rv, discount = [float(u.rv[0]) for u in us], [float(u.discount[0]) for u in us]
    for b, seed in enumerate(seeds):
        u, _ = _outcome(trace, agreed, rv, discount, b)
        point = np.array(u)
        nash = bench.nash_utilities
        rows.append(
            TournamentRow(
                name[0],
                name[1],
                name[2],
                seed,
                STATUS[trace.status[b]],
                int(trace.when[b]) if trace.when[b] >= 0 else None,
                u[0],
                u[1],
                pareto_distance(us, point, bench),
                None if nash is None else float(np.linalg.norm(point - np.array(nash))),
            )
        )
    return rows


def tournament(
    scenarios: Sequence[Scenario],
    strategies: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
    params: NegotiationParams | None = None,
    *,
    n_seeds: int = 5,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> list[TournamentRow]:
    """Every ordered pair of ``strategies`` × ``scenarios`` × ``n_seeds`` seeds, as table rows.

    ``progress(done, total)``, if given, is called after each pairing (one batch of seeds).
    """
    params = params or NegotiationParams()
    names = list(strategies or [s for s in STRATEGIES if s not in _NOT_IN_TOURNAMENT])
    seeds = spawn_seeds(seed, n_seeds)
    rows: list[TournamentRow] = []
    done, total = 0, len(scenarios) * len(names) ** 2
    if parties is not None and (len(parties) != 2 or len(set(parties)) != 2):
        raise ModelInputError(
            f"a tournament plays pairs: give two distinct parties, not {', '.join(parties)}"
        )
    for sc in scenarios:
        pair = list(parties or sc.actor_ids[:2])
        space = outcome_space(sc, params.levels)
        one = utilities_from_scenario(sc, pair, space, params.discount)
        us = [stack([u] * n_seeds) for u in one]
        bench = benchmarks(one)
        for a in names:
            for b in names:
                trace = run_batch(space, us, _strategies([a, b]), params, seeds)
                rows += _rows((sc.id, a, b), trace, us, bench, seeds)
                done += 1
                if progress is not None:
                    progress(done, total)
    return rows


def rows_as_dicts(rows: Sequence[TournamentRow]) -> list[dict[str, Any]]:
    """Tournament rows as plain dicts (for JSON and tables)."""
    return [{f: getattr(r, f) for f in TournamentRow.__dataclass_fields__} for r in rows]


def with_deadline(params: NegotiationParams, deadline: int | None) -> NegotiationParams:
    """``params`` with another deadline (unchanged when None)."""
    return params if deadline is None else replace(params, deadline=deadline)
