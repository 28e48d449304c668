"""Run a negotiation on a scenario, or many at once.

:func:`run` builds the outcome space and the parties' utilities from the scenario
(:mod:`~detente.negotiation.outcomes`), draws the chance outcomes from ``rng``
(:mod:`~detente.negotiation.chance`), runs the protocol (:mod:`~detente.negotiation.protocol`) and
adds the benchmarks of :mod:`~detente.negotiation.analysis`.  :func:`run_many` does the same for a
batch in one vectorised pass, optionally with per-draw reservation values and discount factors;
each of its results equals the :func:`run` with that seed and those values.

The parameters recorded in a result's provenance are those used: the deadline after the scenario's
``negotiation.deadline`` filled it in, the jitter actually applied, and each party's discount
factor (``{"USA": 0.99, ...}``), whether it came from the parameters or the scenario.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from detente.canonical import scenario_sha256
from detente.errors import ModelInputError
from detente.negotiation.analysis import Benchmarks, benchmarks, pareto_distance
from detente.negotiation.chance import draw_chance
from detente.negotiation.offers import OfferTrace
from detente.negotiation.outcomes import (
    AdditiveUtility,
    FloatArray,
    OutcomeSpace,
    outcome_space,
    stack,
    utilities_from_scenario,
)
from detente.negotiation.params import NegotiationParams, Status, resolve
from detente.negotiation.protocol import Trace, negotiate
from detente.negotiation.result import NegotiationResult, Point
from detente.negotiation.strategies import Strategy, make_strategy
from detente.params import params_as_dict
from detente.result import Provenance, provenance
from detente.rng import RngLike, as_generator, fresh_seed
from detente.scenario import Scenario

__all__ = ["default_parties", "rerun", "run", "run_batch", "run_many", "strategies_of"]


def default_parties(scenario: Scenario) -> tuple[str, ...]:
    """The scenario's ``negotiation.parties``, else its actors if it has exactly two."""
    if scenario.negotiation is not None and scenario.negotiation.parties:
        return scenario.negotiation.parties
    if len(scenario.actors) == 2:
        return scenario.actor_ids
    raise ModelInputError(
        f"{scenario.id} has {len(scenario.actors)} actors and names none as the parties: "
        f"say which of them negotiate ({', '.join(scenario.actor_ids)})",
        field="negotiation.parties",
    )


def strategies_of(specs: Sequence[Strategy | str]) -> list[Strategy]:
    """Strategy objects from objects or names (a name alone: the strategy's default options)."""
    return [s if isinstance(s, Strategy) else make_strategy(s) for s in specs]


def run_batch(
    space: OutcomeSpace,
    utilities: Sequence[AdditiveUtility],
    strategies: Sequence[Strategy],
    params: NegotiationParams,
    seeds: Sequence[int],
) -> Trace:
    """Run ``len(seeds)`` negotiations at once; ``utilities[i]`` holds party i's batch."""
    p = resolve(params)
    rngs = [as_generator(s) for s in seeds]
    chance = draw_chance(
        rngs, [p.rounds] * len(rngs), p.deadline_jitter, space.n_issues, len(utilities)
    )
    return negotiate(space, utilities, strategies, p, chance)


def _point(
    space: OutcomeSpace, u: tuple[float, ...] | None, z: tuple[float, ...] | None
) -> Point | None:
    if u is None or z is None:
        return None
    return Point(u, tuple(space.to_scale(np.array(z)).tolist()))


def _trace(trace: Trace, b: int, parties: Sequence[str], space: OutcomeSpace) -> OfferTrace:
    """Negotiation ``b``'s offers, kept as arrays (records are built when read)."""
    played = int(trace.when[b]) + 1 if trace.when[b] >= 0 else int(trace.deadline[b])
    played = min(played, trace.rounds)
    return OfferTrace(
        [*parties, "mediator"],
        trace.proposers[:played, b],
        space.to_scale(trace.offers[:played, b]),
        trace.utilities[:played, :, b],
        trace.accepted[:played, :, b],
    )


def outcome_utilities(trace: Trace, us: Sequence[AdditiveUtility]) -> tuple[FloatArray, FloatArray]:
    """Utilities and discounted payoffs of every negotiation, ``(n, B)`` each (rv without deal)."""
    agreed = np.isin(trace.status, (Status.AGREEMENT, Status.PARTIAL))
    rv = np.stack([u.rv for u in us])
    value = np.where(agreed, np.stack([u(trace.agreement) for u in us]), rv)
    when = np.maximum(trace.when, 0)
    pay = np.where(agreed, np.stack([u.discount**when for u in us]) * value, rv)
    return value, pay


@dataclass(frozen=True, slots=True, kw_only=True)
class _Setup:
    """What the negotiations on one scenario share: inputs, benchmarks, provenance (no seed)."""

    parties: tuple[str, ...]
    params: NegotiationParams
    space: OutcomeSpace
    utilities: tuple[AdditiveUtility, ...]
    bench: Benchmarks
    provenance: Provenance
    nash_bargaining: Point | None
    ks: Point | None


def _setup(
    scenario: Scenario,
    parties: Sequence[str],
    strategies: Sequence[Strategy],
    params: NegotiationParams,
    override: tuple[FloatArray | None, FloatArray | None] = (None, None),
) -> _Setup:
    """Inputs of negotiations on ``scenario``; ``override`` replaces rv and discount per party."""
    if len(parties) < 2 or len(set(parties)) != len(parties) or len(strategies) != len(parties):
        raise ModelInputError(
            f"a negotiation needs two or more distinct parties and one strategy each; got "
            f"parties {', '.join(parties)} and {len(strategies)} strategies"
        )
    p = resolve(params, scenario)
    space = outcome_space(scenario, p.levels)
    us = tuple(utilities_from_scenario(scenario, parties, space, p.discount))
    rv, delta = override
    us = tuple(
        AdditiveUtility(
            weights=u.weights,
            ideal=u.ideal,
            rv=u.rv if rv is None else rv[i : i + 1],
            discount=u.discount if delta is None else delta[i : i + 1],
        )
        for i, u in enumerate(us)
    )
    record = {
        **params_as_dict(p),
        "discount": {q: float(u.discount[0]) for q, u in zip(parties, us, strict=True)},
        "parties": list(parties),
        "strategies": [s.describe() for s in strategies],
        "strategy_options": [s.options() for s in strategies],
    }
    if rv is not None:
        record["reservation"] = {q: float(u.rv[0]) for q, u in zip(parties, us, strict=True)}
    bench = benchmarks(us)
    return _Setup(
        parties=tuple(parties),
        params=p,
        space=space,
        utilities=us,
        bench=bench,
        provenance=provenance("negotiation", record, scenario),
        nash_bargaining=_point(space, bench.nash_utilities, bench.nash_outcome),
        ks=_point(space, bench.ks_utilities, bench.ks_outcome),
    )


def _result(
    s: _Setup, trace: Trace, outcome: tuple[FloatArray, FloatArray], b: int, seed: int | None
) -> NegotiationResult:
    """The result of negotiation ``b`` of a batch run on ``s`` (``outcome``: utilities, payoffs)."""
    pv, status = s.provenance, Status(int(trace.status[b]))
    u = outcome[0][:, b]
    return NegotiationResult(
        # nothing drawn: no seed recorded, so identical runs diff clean
        provenance=replace(pv, params={**pv.params}, seed=seed if s.params.draws else None),
        protocol=s.params.protocol,
        parties=s.parties,
        strategies=tuple(pv.params["strategies"]),
        issues=s.space.issues,
        status=status,
        round=int(trace.when[b]) if trace.when[b] >= 0 else None,
        deadline=int(trace.deadline[b]),
        agreement=tuple(s.space.to_scale(trace.agreement[b]).tolist()) if status.agreed else None,
        settled=tuple(
            i for i, x in zip(s.space.issues, trace.settled[b].tolist(), strict=True) if x
        ),
        utilities=tuple(u.tolist()),
        payoffs=tuple(outcome[1][:, b].tolist()),
        reservation=tuple(float(x.rv[0]) for x in s.utilities),
        nash_bargaining_point=s.nash_bargaining,
        kalai_smorodinsky=s.ks,
        pareto_distance=pareto_distance(s.utilities, u, s.bench),
        frontier=s.bench.frontier,
        trace=_trace(trace, b, s.parties, s.space),
    )


def run(
    scenario: Scenario,
    parties: Sequence[str] | None,
    strategies: Sequence[Strategy | str],
    params: NegotiationParams | None = None,
    *,
    rng: RngLike = None,
) -> NegotiationResult:
    """Negotiate between ``parties`` of ``scenario`` (None: :func:`default_parties`).

    Each party plays its strategy; see the module docstring.
    """
    who = default_parties(scenario) if parties is None else tuple(parties)
    strats = strategies_of(strategies)
    s = _setup(scenario, who, strats, params or NegotiationParams())
    seed = fresh_seed() if rng is None else rng if isinstance(rng, int) else None
    gen = as_generator(rng if seed is None else seed)
    p = s.params
    chance = draw_chance([gen], [p.rounds], p.deadline_jitter, s.space.n_issues, len(who))
    trace = negotiate(s.space, s.utilities, strats, p, chance)
    return _result(s, trace, outcome_utilities(trace, s.utilities), 0, seed)


def _per_draw(values: ArrayLike | None, shape: tuple[int, int], what: str) -> FloatArray | None:
    if values is None:
        return None
    out = np.asarray(values, dtype=float)
    if out.shape != shape:
        raise ModelInputError(f"{what} must have shape (draws, parties) = {shape}, got {out.shape}")
    return out


def run_many(
    scenarios: Sequence[Scenario],
    parties: Sequence[str] | None,
    strategies: Sequence[Strategy | str],
    params: NegotiationParams | None = None,
    *,
    seeds: Sequence[int],
    reservation: ArrayLike | None = None,
    discount: ArrayLike | None = None,
) -> list[NegotiationResult]:
    """``run(scenarios[b], ..., rng=seeds[b])`` for every b, as one vectorised batch.

    ``reservation`` and ``discount`` (shape ``(B, n)``, per draw and party) replace the
    scenario's reservation values (utilities in [0, 1]) and discount factors, draw by draw; the
    provenance records them.  The scenarios must share the number of issues (their deadlines may
    differ).  Work that depends only on the scenario (utilities, Nash/KS points and frontier, the
    scenario hash) is done once per distinct scenario object when nothing is replaced.
    """
    params = params or NegotiationParams()
    strats = strategies_of(strategies)
    B = len(scenarios)
    who = default_parties(scenarios[0]) if parties is None else tuple(parties)
    rv = _per_draw(reservation, (B, len(who)), "reservation")
    delta = _per_draw(discount, (B, len(who)), "discount")
    if len(seeds) != B:
        raise ValueError("run_many needs one seed per scenario")
    done: dict[int, _Setup] = {}
    setups = []
    for b, sc in enumerate(scenarios):
        override = (None if rv is None else rv[b], None if delta is None else delta[b])
        if rv is not None or delta is not None:
            setups.append(_setup(sc, who, strats, params, override))
            continue
        if id(sc) not in done:
            done[id(sc)] = _setup(sc, who, strats, params)
        setups.append(done[id(sc)])
    if len({s.space.n_issues for s in setups}) > 1:
        raise ValueError("run_many needs scenarios with the same number of issues")
    us = [stack([s.utilities[i] for s in setups]) for i in range(len(who))]
    sq = np.stack([s.space.sq_unit() for s in setups])
    p = setups[0].params
    rngs = [as_generator(x) for x in seeds]
    chance = draw_chance(
        rngs, [s.params.rounds for s in setups], p.deadline_jitter, sq.shape[1], len(us)
    )
    trace = negotiate(setups[0].space, us, strats, p, chance, sq)
    outcome = outcome_utilities(trace, us)
    return [
        _result(s, trace, outcome, b, seed)
        for b, (s, seed) in enumerate(zip(setups, seeds, strict=True))
    ]


def _recorded_strategies(
    labels: Sequence[str], options: Sequence[Mapping[str, Any]] | None
) -> list[Strategy]:
    """The strategies a provenance records: each label's name with its recorded options."""
    if options is None:  # recorded before options were kept as values
        if any(":" in label for label in labels):
            raise ModelInputError("the result records strategy options only as text; run it anew")
        options = [{} for _ in labels]
    names = [label.partition(":")[0] for label in labels]  # a label starts with the name
    return [make_strategy(n, o) for n, o in zip(names, options, strict=True)]


def rerun(result: NegotiationResult, scenario: Scenario) -> NegotiationResult:
    """Run again what ``result``'s provenance records (parameters, parties, strategies, seed).

    ``scenario`` must be the one recorded (same SHA-256); the result then equals ``result``.
    """
    pv = result.provenance
    if scenario_sha256(scenario) != pv.scenario_sha256:
        raise ModelInputError(
            f"scenario {scenario.id!r} is not the one recorded (SHA-256 {pv.scenario_sha256[:12]}…)"
        )
    p = dict(pv.params)
    parties = p.pop("parties")
    strategies = _recorded_strategies(p.pop("strategies"), p.pop("strategy_options", None))
    delta, rv = p.pop("discount"), p.pop("reservation", None)
    params = NegotiationParams(**p)
    if pv.seed is None and params.draws:
        raise ModelInputError("the result records no seed (it was run with a Generator)")
    (again,) = run_many(
        [scenario],
        parties,
        strategies,
        params,
        seeds=[0 if pv.seed is None else pv.seed],
        reservation=None if rv is None else [[rv[q] for q in parties]],
        discount=[[delta[q] for q in parties]],
    )
    return again
