"""The SMP run loop: turns until movement dies down, and the :class:`~detente.result.Result`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.batch import BatchForecast, DrawInputs, apply_draw
from detente.models.smp.bargain import Bargains
from detente.models.smp.params import SMPParams, accommodation
from detente.models.smp.turn import (
    Setting,
    State,
    assess,
    position_distribution,
    state_distance,
    step,
    win_probabilities,
)
from detente.params import params_as_dict
from detente.result import Result, Round, make_round, provenance
from detente.rng import RngLike, as_generator, fresh_seed
from detente.scenario import Scenario
from detente.spatial import from_unit, to_unit

__all__ = ["file_seed", "final_forecast", "run", "run_batch"]

_Array = NDArray[np.float64]


def _setting(scenario: Scenario, params: SMPParams) -> Setting:
    """Capabilities, saliences on [0, 1] (rows summing above 1 scaled down to 1), accommodation."""
    acc = accommodation(scenario, params.use_ideal_adjustment)
    return _setting_of(scenario.capabilities(), scenario.saliences(), acc, params)


def _setting_of(cap: _Array, sal100: _Array, acc: _Array | None, params: SMPParams) -> Setting:
    sal = sal100 / 100.0
    total = sal.sum(axis=1, keepdims=True)
    sal = np.where(total > 1.0, sal / np.where(total > 0, total, 1.0), sal)
    return Setting(cap, sal, acc, params)


def _seed(scenario: Scenario, params: SMPParams, rng: RngLike) -> tuple[Any, int | None]:
    """The generator for stochastic transitions and the seed to record.

    Both are None when nothing is drawn, so identical deterministic runs give identical results.
    """
    if params.state_transitions != "Stochastic":
        return None, None
    if rng is None:
        rng = file_seed(scenario)
        rng = fresh_seed() if rng is None else rng
    return as_generator(rng), rng if isinstance(rng, int) else None


def file_seed(scenario: Scenario) -> int | None:
    """The seed a KTAB file gives (``<prngSeed>``, modulo 2⁶³), for runs asked without one."""
    text = scenario.extra.get("ktab", {}).get("prng_seed")
    return int(text) % 2**63 if text else None


def _bargains_json(b: Bargains, ids: tuple[str, ...], bounds: _Array) -> list[dict[str, Any]]:
    pi, pr = from_unit(b.pos_init, bounds), from_unit(b.pos_rcvr, bounds)
    return [
        {
            "initiator": ids[b.init[n]],
            "receiver": ids[b.rcvr[n]],
            "initiator_position": [float(v) for v in pi[n]],
            "receiver_position": [float(v) for v in pr[n]],
            "p_initiator": float(b.prob[n]),
            "expected_gain": float(b.gain[n]),
        }
        for n in range(len(b.init))
    ]


def _on_scale(u: _Array, scenario: Scenario, x0: _Array) -> _Array:
    """[0, 1] coordinates back on each issue's scale; unmoved ones exactly as input."""
    out: _Array = np.where(u == x0, scenario.positions(), from_unit(u, scenario.bounds()))
    return out


def _round(t: int, scenario: Scenario, s: State, st: Setting, moves: dict[str, Any]) -> Round:
    ids, x0 = scenario.actor_ids, to_unit(scenario.positions(), scenario.bounds())
    win = win_probabilities(s, st)
    ideals = _on_scale(s.y, scenario, x0)
    extra = {
        "ideals": {a: [float(v) for v in row] for a, row in zip(ids, ideals, strict=True)},
        "win_probability": {a: float(p) for a, p in zip(ids, win, strict=True)},
        "risk_attitude": {a: float(r) for a, r in zip(ids, s.r, strict=True)},
        **moves,
    }
    return make_round(t, scenario, _on_scale(s.x, scenario, x0), extra=extra)


def _moves(
    b: Bargains, chosen: NDArray[np.intp], scenario: Scenario, ratio: float
) -> dict[str, Any]:
    ids = scenario.actor_ids
    return {
        "bargains": _bargains_json(b, ids, scenario.bounds()),
        "chosen_bargain": {
            a: (int(c) if c >= 0 else None) for a, c in zip(ids, chosen, strict=True)
        },
        "fractional_change": ratio,
    }


def _forecast(s: State, st: Setting, bounds: _Array) -> tuple[float, ...]:
    """Win-probability weighted mean of the distinct final positions."""
    uniq, p = position_distribution(s, st)
    return tuple(float(v) for v in from_unit(p @ s.x[uniq], bounds))


def _turns(
    s: State, x0: _Array, st: Setting, p: SMPParams, gen: Any
) -> Iterator[tuple[int, State, Bargains, NDArray[np.intp], float]]:
    """Each turn's number, state, bargains, choices and change ratio, until the stop rule (12)."""
    first = 0.0
    for t in range(1, p.max_turns + 1):
        prev = s
        s, b, chosen = step(prev, st, gen)
        if t == 1:
            first = state_distance(x0, s.x) + p.min_sig_delta
        ratio = state_distance(prev.x, s.x) / first
        yield t, s, b, chosen, ratio
        if t >= p.min_turns and ratio < p.min_delta_ratio:
            return


def final_forecast(scenario: Scenario, params: SMPParams | None, rng: RngLike) -> _Array:
    """The forecast of :func:`run` without its rounds and provenance (for sweeps)."""
    p = (params or SMPParams()).resolve(scenario)
    gen, _ = _seed(scenario, p, rng)
    x0 = to_unit(scenario.positions(), scenario.bounds())
    return _final(x0, _setting(scenario, p), scenario.bounds(), gen)


def _final(x0: _Array, st: Setting, bounds: _Array, gen: Any) -> _Array:
    s = s0 = assess(x0, x0.copy(), st)
    for _, s, *_ in _turns(s0, x0, st, st.params, gen):  # noqa: B007 (s: the last state)
        pass
    return np.array(_forecast(s, st, bounds))


def run_batch(
    scenario: Scenario, inputs: DrawInputs, params: SMPParams | None, *, seeds: Sequence[int]
) -> BatchForecast:
    """The batch kernel (:mod:`detente.batch`): a lean run per draw, equal to :func:`run`'s.

    Batching SMP over draws would need every kernel of a turn to carry a draw axis and the stop
    rule to mask finished draws; measured (``benchmarks/smp.py``), a lean loop that skips the
    rounds and the provenance already halves the time per draw, and meets the sweep target.
    The parameters are resolved once, and a draw with every actor present is set up from the
    drawn arrays directly (the values :func:`~detente.batch.apply_draw` would put in a scenario).
    """
    p = (params or SMPParams()).resolve(scenario)
    acc, bounds = accommodation(scenario, p.use_ideal_adjustment), scenario.bounds()
    out = np.empty((inputs.n_draws, len(scenario.issues)))
    for d in range(inputs.n_draws):
        gen, _ = _seed(scenario, p, int(seeds[d]))
        if inputs.present is None or inputs.present[d].all():
            st = _setting_of(inputs.capabilities[d], inputs.saliences[d], acc, p)
            out[d] = _final(to_unit(inputs.positions[d], bounds), st, bounds, gen)
        else:
            drawn = apply_draw(scenario, inputs, d)
            st = _setting(drawn, p)
            out[d] = _final(to_unit(drawn.positions(), bounds), st, bounds, gen)
    return BatchForecast(out)


def run(
    scenario: Scenario,
    params: SMPParams | None = None,
    *,
    rng: RngLike = None,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """Run KTAB's Spatial Model of Politics on ``scenario`` until movement dies down.

    Parameters
    ----------
    scenario : Scenario
        Actors with capabilities, positions and saliences on one or more issues.
    params : SMPParams, optional
        Unset KTAB parameters come from the scenario's KTAB settings, else KTAB's defaults.
    rng : Generator, int or None
        Randomness of stochastic transitions; ignored when they are deterministic.
    progress : callable, optional
        Called after each turn with (turn, most turns); the run may stop before the most.

    Returns
    -------
    Result
        One round per state (round 0 = input); ``Round.extra`` holds ideals, win probabilities,
        risk attitudes and, from round 1, the bargains proposed and the one each actor adopted.
    """
    p = (params or SMPParams()).resolve(scenario)
    gen, seed = _seed(scenario, p, rng)
    st = _setting(scenario, p)
    x0 = to_unit(scenario.positions(), scenario.bounds())
    s = s0 = assess(x0, x0.copy(), st)
    rounds = [_round(0, scenario, s0, st, {})]
    reason = "max_turns"
    for t, s, b, chosen, ratio in _turns(s0, x0, st, p, gen):
        rounds.append(_round(t, scenario, s, st, _moves(b, chosen, scenario, ratio)))
        if progress is not None:
            progress(t, p.max_turns)
        if t >= p.min_turns and ratio < p.min_delta_ratio:
            reason = "quiet"
    extra = {"turns": len(rounds) - 1, "stopped_by": reason}
    prov = provenance("smp", params_as_dict(p), scenario, seed)
    forecast = _forecast(s, st, scenario.bounds())
    return Result(
        provenance=prov,
        issues=scenario.issue_ids,
        actors=scenario.actor_ids,
        rounds=tuple(rounds),
        forecast=forecast,
        extra=extra,
    )
