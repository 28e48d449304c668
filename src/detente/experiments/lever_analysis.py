r"""What would it take: the smallest change of one input that moves a forecast to a target.

For each actor (or pair of actors) and each field (position on the issue, salience on the issue,
capability), find the smallest change of that field that moves the model's forecast on the issue to
the target T, within a tolerance (default :data:`DEFAULT_TOLERANCE` percent of the issue's scale);
if no value of the field within its limits does, say so and give the closest it gets.

Exact where the model allows it (:mod:`detente.experiments.lever_exact`): every field of the
weighted mean and the position of the weighted median.  Otherwise a search along a *path*: the
field moves away from its value by t in one direction (for a pair, both actors by t, each in its
own direction — the four combinations are tried), clipped to the field's limits, for
t ∈ [0, width of the limits]:

1. the forecast F(t) is evaluated on a grid of :data:`GRID` values of t, every path of every actor
   in one batch through the model's batched interface;
2. on each path the first grid step at which the target is *reached* — ``|F − T| ≤ tol``, or F has
   crossed T — is bracketed and refined by :data:`BISECT` bisection steps (again one batch per
   step), so the answer is known to ``width / (GRID − 1) / 2^BISECT`` in the field's units (the
   ``resolution`` of each lever);
3. a path whose forecast jumps over T (a step function, such as a median) does not reach it; the
   closest point seen on the path is reported instead.

The search finds the nearest crossing on the grid; a forecast that crosses T and comes back
between two grid points is missed (the resolution says how fine the grid is).  For a pair,
minimising the common change t over the four diagonal directions is exact when the forecast is
monotone in each actor's field.

Under uncertainty (``draws``), each lever's change is applied to each of N draws of the uncertain
inputs, and the *probability* is the share of draws whose forecast gets to the target or past it
(from the side of the unchanged forecast); the same share without any change is the baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from detente.errors import DetenteError
from detente.experiments.draws import input_space, sample, to_inputs
from detente.experiments.evaluate import as_scenario, model_params
from detente.experiments.factors import FIELDS, factors
from detente.experiments.lever_exact import exact_lever
from detente.experiments.lever_result import Lever, LeversResult
from detente.experiments.lever_search import (
    Goal,
    IssueForecast,
    SearchPath,
    candidates,
    search_levers,
)
from detente.models import MODELS, batch_runner, draws_random
from detente.params import recorded_params
from detente.result import provenance
from detente.rng import draw_uniforms, model_seeds, seed_to_record, spawn_seeds
from detente.scenario import Scenario

__all__ = ["DEFAULT_TOLERANCE", "levers"]

DEFAULT_TOLERANCE = 0.5
"""Tolerance in percent of the issue's scale width (0.5 points on a 0–100 scale)."""
MAX_ROWS = 5_000_000
"""Most model evaluations (draws × (levers + 1)) the probability step may ask for."""


def _goal(scenario: Scenario, issue: str, target: float, tolerance: float | None) -> Goal:
    if issue not in scenario.issue_ids:
        raise DetenteError(f"unknown issue {issue!r} (known: {', '.join(scenario.issue_ids)})")
    iss = scenario.issues[scenario.issue_ids.index(issue)]
    if not iss.contains(target):
        raise DetenteError(
            f"target {target:g} is outside the scale of {issue} [{iss.low:g}, {iss.high:g}]"
        )
    tol = DEFAULT_TOLERANCE / 100 * iss.range if tolerance is None else tolerance
    if not 0 < tol < iss.range:
        raise DetenteError(f"tolerance {tol:g} must be > 0 and below the scale width {iss.range:g}")
    return Goal(issue, float(target), float(tol), iss.range, scenario.actor_ids)


def levers(
    scenario: Scenario | str | Path,
    model: str,
    *,
    issue: str,
    target: float,
    actors: Sequence[str] | None = None,
    fields: Sequence[str] = FIELDS,
    pairs: bool = False,
    tolerance: float | None = None,
    params: Any = None,
    seed: int | None = None,
    draws: int = 0,
) -> LeversResult:
    """The smallest change of each actor's fields that moves the forecast on ``issue`` to target.

    Parameters
    ----------
    scenario : Scenario, str or Path
        The scenario, its file or a bundled scenario name.
    model : str
        A registered model name.
    issue : str
        The issue whose forecast should reach the target.
    target : float
        The forecast wanted, on the issue's scale.
    actors : sequence of str, optional
        Only these actors (default: all).
    fields : sequence of str
        Which fields may change: position, salience, capability (each on its own).
    pairs : bool
        Move two actors' same field at once instead of one actor.
    tolerance : float, optional
        How close counts as reached, in the issue's units (default 0.5 % of the scale width).
    params : Params, mapping or None
        Model parameters.
    seed : int, optional
        Seed of a stochastic model (the same for every variant) and of the draws; fresh and
        recorded when None, not recorded (None) when nothing is drawn.
    draws : int
        With N > 0, each lever's probability of reaching the target over N draws of the
        uncertain inputs (module docstring).

    Returns
    -------
    LeversResult
        One lever per actor (or pair) and field, reachable ones first.
    """
    scenario = as_scenario(scenario)
    goal = _goal(scenario, issue, target, tolerance)
    k = scenario.issue_ids.index(issue)
    fs = factors(scenario, fields, actors=actors, issues=[issue])
    if pairs and len({f.actor for f in fs}) < 2:
        raise DetenteError("pairs need at least two actors")
    p = model_params(model, params)
    seed = seed_to_record(seed, draws > 0 or draws_random(model, p, scenario))
    f = IssueForecast(scenario, model, p, k, seed)
    base = float(f([SearchPath(fs[:1], (1,))], np.zeros((1, 1)))[0, 0])
    exact = (
        {}
        if pairs
        else {x.name: exact_lever(model, scenario, x, k, goal.target, goal.tol) for x in fs}
    )
    found = _find(f, goal, candidates(fs, pairs), base, exact)
    if pairs:
        singles = _find(f, goal, candidates(fs, False), base, {})
        found = [lv for lv in found if not _dominated(lv, singles)]
    found = sorted(found, key=goal.order)
    baseline = None
    if draws:
        found, baseline = _with_probability(f, goal, found, base, draws)
    return LeversResult(
        provenance=provenance(model, recorded_params(p, scenario), scenario, seed),
        issue=issue,
        target=goal.target,
        tolerance=goal.tol,
        forecast=base,
        levers=tuple(found),
        draws=draws,
        baseline_probability=baseline,
        searched_actors=None if actors is None else tuple(actors),
        searched_fields=tuple(fields),
        pairs=pairs,
    )


def _with_probability(
    f: IssueForecast, goal: Goal, found: list[Lever], base: float, draws: int
) -> tuple[list[Lever], float]:
    """Each lever with its probability of reaching the target, and the baseline probability."""
    if not 0 < draws * (len(found) + 1) <= MAX_ROWS:
        raise DetenteError(
            f"draws {draws}: needs 1 to {MAX_ROWS // (len(found) + 1):,} for {len(found)} levers"
        )
    space = input_space(f.scenario)
    assert f.seed is not None  # draws are drawn: levers() records a seed
    seeds = np.array(spawn_seeds(f.seed, draws), dtype=np.uint64)
    X0 = sample(space, draw_uniforms(seeds, space.size))
    blocks = [X0]
    for lv in found:
        X = X0.copy()
        for actor, before, after in zip(lv.actors, lv.before, lv.after, strict=True):
            name = f"{actor}.{lv.field}" + ("" if lv.field == "capability" else f".{lv.issue}")
            j = space.names.index(name)
            X[:, j] = np.clip(X[:, j] + after - before, space.floor[j], space.ceiling[j])
        blocks.append(X)
    run = batch_runner(MODELS[f.model])
    inputs = to_inputs(f.scenario, np.vstack(blocks))
    out = run(f.scenario, inputs, f.params, seeds=model_seeds(seeds) * len(blocks))
    F = out.forecast[:, f.k].reshape(len(blocks), draws)
    way = np.sign(goal.target - base)
    ok = goal.near(F) | ((F - goal.target) * way >= 0) if way else goal.near(F)
    prob = ok.mean(axis=1)
    return [
        replace(lv, probability=float(q)) for lv, q in zip(found, prob[1:], strict=True)
    ], float(prob[0])


def _find(
    f: IssueForecast, goal: Goal, cands: list[Any], base: float, exact: dict[str, Any]
) -> list[Lever]:
    """One lever per candidate: no change if already there, else exact, else searched."""
    if goal.near(np.array(base)):
        return [goal.lever(c, [x.value for x in c], base, 0.0) for c, _ in cands]
    found = []
    for c, _ in cands:
        hit = exact.get(c[0].name) if len(c) == 1 else None
        if hit is not None:
            found.append(goal.lever(c, [hit[0]], hit[1], 0.0))
    rest = [(c, ps) for c, ps in cands if len(c) > 1 or exact.get(c[0].name) is None]
    return found + search_levers(f, goal, rest)


def _dominated(pair: Lever, singles: Sequence[Lever]) -> bool:
    """Whether one actor of the pair reaches the target alone with no larger a change."""
    return any(
        s.reached
        and s.field == pair.field
        and s.actors[0] in pair.actors
        and s.change <= pair.change + pair.resolution
        for s in singles
    )
