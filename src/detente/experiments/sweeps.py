"""Monte Carlo sweep: a model's forecast over many draws of a scenario's uncertain inputs.

Procedure (``sweep(scenario, model, draws=N, seed=S)``):

1. The input space: every position, salience and capability with its range
   (:mod:`detente.experiments.draws`).
2. Seeds: ``SeedSequence(S)`` spawns one child per draw, in this process, before any work is
   sent out (:func:`detente.rng.spawn_seeds`).  Draw d's inputs are a pure function of its seed
   (:func:`detente.rng.draw_uniforms` → inverse CDFs), and a stochastic model is seeded with
   :func:`detente.rng.model_seeds` of it.  So the same S gives identical results whatever
   ``jobs``, the chunk size or the scheduler, and any draw re-runs alone
   (:func:`run_draw`, ``detente run --draw-seed``).
3. ``drop_actors``: for each actor in turn, N more draws with the same seeds (the same inputs)
   and that actor left out; the paired difference shows who matters.
4. Chunks: a pilot runs here and times the model: 64 draws, then 4× as many, and so on until a
   piece takes :data:`PILOT_CPU` seconds of CPU (so fixed per-call costs do not pass for work per
   draw); the rest go out in chunks of about ``target`` seconds of work each at that measured
   rate, and at most :data:`CHUNK_CELLS` drawn inputs (:mod:`detente.experiments.execute`),
   each through the model's batch kernel (:mod:`detente.batch`).
5. Per-draw rows stream to ``out`` (Parquet or CSV) chunk by chunk; the result keeps only seeds
   and forecasts (8 bytes × (2 + issues) per draw).
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.batch import DrawInputs, apply_draw
from detente.canonical import scenario_sha256
from detente.errors import DetenteError, SettingError
from detente.experiments.draws import InputSpace, draw_inputs, input_space
from detente.experiments.execute import Chunk, ChunkOut, backend, evaluate
from detente.experiments.frames import RowWriter
from detente.experiments.result import SweepResult
from detente.models import MODELS, batch_runner
from detente.params import build_params, recorded_params
from detente.result import Provenance, Result, provenance
from detente.rng import fresh_seed, model_seeds, spawn_seed_array
from detente.scenario import Scenario

__all__ = ["SweepSizeError", "run_draw", "sweep"]

PILOT = 64
"""Draws in the first pilot piece, run in this process to time the model and size the chunks."""
PILOT_CPU = 0.1
"""CPU seconds a pilot piece must take before its rate sizes the chunks (pieces grow 4×)."""
CHUNK_CELLS = 2**20
"""Most drawn input values in one chunk or pilot piece (8 MB as float64): bounds the working
memory (the inputs, their inverse-CDF temporaries, the rows written) whatever the model's speed."""
ProgressFn = Callable[[int, int], None]


class SweepSizeError(SettingError):
    """A number of draws (setting ``draws``) that is not positive or would not fit in memory."""


def _resolve(scenario: Scenario | str | Path, model: str, params: Any) -> tuple[Scenario, Any]:
    from detente.api import UnknownNameError, load_scenario

    if model not in MODELS:
        raise UnknownNameError(f"no model {model!r} (known: {', '.join(MODELS)})")
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if params is None or isinstance(params, Mapping):
        params = build_params(MODELS[model].params, params, owner=model)
    return scenario, params


def _check_count(draws: int) -> None:
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 1:
        raise SweepSizeError("must be a positive whole number", setting="draws", value=draws)


def _check_memory(draws: int, n_issues: int, per_draw: float | None = None) -> None:
    need = draws * (8 * 2 + 8 * n_issues + 1) * 2  # results plus seeds while spawning
    have = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    if need > have / 2:
        took = "" if per_draw is None else f" and about {_duration(draws * per_draw)} of CPU"
        raise SweepSizeError(
            f"would need about {_bytes(need)} of memory{took}; this machine "
            f"has {_bytes(have)} (at most about {int(have / 2 / (need / draws)):,} draws)",
            setting="draws",
            value=draws,
        )


def _bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB", "PB"):
        if n < 1000:
            return f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} EB"


def _duration(s: float) -> str:
    for unit, size in (("days", 86400.0), ("hours", 3600.0), ("minutes", 60.0)):
        if s >= size:
            return f"{s / size:.1f} {unit}"
    return f"{s:.1f} s"


def _plan(
    seeds: NDArray[np.uint64], n_actors: int, drop: bool
) -> tuple[NDArray[np.uint64], NDArray[np.int64]]:
    if not drop:
        return seeds, np.full(len(seeds), -1, dtype=np.int64)
    blocks = n_actors + 1
    dropped = np.repeat(np.arange(-1, n_actors, dtype=np.int64), len(seeds))
    return np.tile(seeds, blocks), dropped


def sweep(
    scenario: Scenario | str | Path,
    model: str,
    *,
    draws: int = 1000,
    seed: int | None = None,
    params: Any = None,
    noise: Mapping[str, float] | None = None,
    drop_actors: bool = False,
    jobs: int = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    out: Path | None = None,
    progress: ProgressFn | None = None,
) -> SweepResult:
    """Run ``model`` on ``draws`` draws of the scenario's uncertain inputs (module docstring).

    Parameters
    ----------
    scenario
        A Scenario, a file path or a bundled scenario name.
    model
        A registered model name (see :data:`detente.models.MODELS`).
    draws, seed
        Number of draws, and the root seed (a fresh one, recorded, when None).
    params
        The model's Params object, or a mapping of parameter name → Python value.
    noise
        ± half-widths overriding the scenario's ``uncertainty:`` block, e.g. ``{"position": 5}``.
    drop_actors
        Add, for each actor, the same draws with that actor left out.
    jobs, scheduler
        Local processes (joblib), or a Dask scheduler: ``"local:N"`` or ``"tcp://HOST:PORT"``.
    chunk_size
        Draws per task; by default about a second of work (results do not depend on it).
    out
        Stream the per-draw rows to this ``.parquet`` or ``.csv`` file.
    progress
        Called with (draws done, draws in total) after each chunk.

    Returns
    -------
    SweepResult
        Forecast per draw and issue, with ``.summary()``, ``.to_frame()`` and provenance.
    """
    scenario, params = _resolve(scenario, model, params)
    if drop_actors and len(scenario.actors) < 2:
        raise DetenteError("drop_actors needs at least two actors")
    _check_count(draws)
    seed = fresh_seed() if seed is None else seed
    job = Chunk(
        start=0,
        scenario=scenario,
        model=model,
        params=params,
        space=input_space(scenario, noise),
        seeds=_NO_SEEDS,
        dropped=_NO_DROPS,
    )
    with backend(jobs, scheduler) as runner:
        first, pilot_seeds, per_draw = _pilot(job, seed, draws)
        done = len(pilot_seeds)
        blocks = len(scenario.actors) + 1 if drop_actors else 1
        _check_memory(draws * blocks, len(scenario.issues), per_draw)
        seeds = np.concatenate([pilot_seeds, spawn_seed_array(seed, draws - done, done)])
        all_seeds, dropped = _plan(seeds, len(scenario.actors), drop_actors)
        target = 1.0 if jobs > 1 or scheduler else 0.25
        size = chunk_size or int(np.clip(target / per_draw, 16, _most(job)))
        chunks = [
            replace(job, start=s, seeds=all_seeds[s : s + size], dropped=dropped[s : s + size])
            for s in range(done, len(all_seeds), size)
        ]
        partial = _partial(scenario, job.space, all_seeds, dropped)
        about = {**_provenance(model, params, scenario, seed).to_dict(), "draws": draws}
        writer = None if out is None else RowWriter(out, about | _settings(job, drop_actors))
        forecast, agreement = _collect(
            first, runner(chunks), len(all_seeds), writer, partial, progress
        )
    return _result(job, seed, all_seeds, dropped, forecast, agreement, drop_actors)


_NO_SEEDS = np.zeros(0, dtype=np.uint64)
_NO_DROPS = np.zeros(0, dtype=np.int64)


def _most(job: Chunk) -> int:
    """The most draws in one chunk: :data:`CHUNK_CELLS` inputs, 16 to 200,000 draws."""
    return max(16, min(200_000, CHUNK_CELLS // max(job.space.size, 1)))


def _pilot(job: Chunk, seed: int, draws: int) -> tuple[list[ChunkOut], NDArray[np.uint64], float]:
    """Run the first draws here: their outputs, their seeds and the CPU seconds per draw.

    Pieces of 64, 256, 1024, … draws until one takes :data:`PILOT_CPU` s, a piece reaches the
    largest chunk (:func:`_most`), or all draws are done; the last piece's rate is the estimate.
    """
    outs: list[ChunkOut] = []
    seeds: list[NDArray[np.uint64]] = []
    done, took, n, most = 0, 0.0, PILOT, _most(job)
    while done < draws and (not outs or (took < PILOT_CPU and len(seeds[-1]) < most)):
        n = min(n, draws - done, most)
        part = spawn_seed_array(seed, n, done)
        tic = time.process_time()
        drops = np.full(n, -1, dtype=np.int64)
        outs.append(evaluate(replace(job, start=done, seeds=part, dropped=drops)))
        took = time.process_time() - tic
        seeds.append(part)
        done, n = done + n, 4 * n
    return outs, np.concatenate(seeds), max(took / len(seeds[-1]), 1e-7)


def _result(
    job: Chunk,
    seed: int,
    seeds: NDArray[np.uint64],
    dropped: NDArray[np.int64],
    forecast: NDArray[np.float64],
    agreement: NDArray[np.bool_] | None,
    drop_actors: bool,
) -> SweepResult:
    scenario = job.scenario
    point = batch_runner(MODELS[job.model])(
        scenario, DrawInputs.from_scenario(scenario), job.params, seeds=model_seeds([seed])
    )
    settings = _settings(job, drop_actors)
    return SweepResult(
        provenance=_provenance(job.model, job.params, scenario, seed),
        scenario=scenario,
        space=job.space,
        seeds=seeds,
        dropped=dropped,
        forecast=forecast,
        agreement=agreement,
        point=tuple(float(v) for v in point.forecast[0]),
        settings=settings,
    )


def _provenance(model: str, params: Any, scenario: Scenario, seed: int) -> Provenance:
    return provenance(model, recorded_params(params, scenario), scenario, seed)


def _settings(job: Chunk, drop_actors: bool) -> dict[str, Any]:
    """What a sweep drew its inputs from: the noise widths, left-out actors, whose ranges."""
    return {
        "noise": dict(job.space.widths),
        "drop_actors": drop_actors,
        "uncertainty": "scenario" if job.scenario.uncertainty else "default",
    }


def _partial(
    scenario: Scenario, space: InputSpace, seeds: NDArray[np.uint64], dropped: NDArray[np.int64]
) -> Callable[[ChunkOut], SweepResult]:
    """A function giving a small SweepResult for one chunk (to write its rows)."""

    def one(c: ChunkOut) -> SweepResult:
        rows = slice(c.start, c.start + len(c.forecast))
        prov = provenance("", {}, scenario)
        return SweepResult(
            provenance=prov,
            scenario=scenario,
            space=space,
            seeds=seeds[rows],
            dropped=dropped[rows],
            forecast=c.forecast,
            agreement=c.agreement,
            point=(),
            settings={},
        )

    return one


def _collect(
    first: list[ChunkOut],
    rest: Any,
    total: int,
    writer: RowWriter | None,
    partial: Callable[[ChunkOut], SweepResult],
    progress: ProgressFn | None,
) -> tuple[NDArray[np.float64], NDArray[np.bool_] | None]:
    forecast = np.empty((total, first[0].forecast.shape[1]))
    agreement = None if first[0].agreement is None else np.empty(total, dtype=bool)
    ok = False
    try:
        for chunk in itertools.chain(first, rest):
            n = len(chunk.forecast)
            forecast[chunk.start : chunk.start + n] = chunk.forecast
            if agreement is not None and chunk.agreement is not None:
                agreement[chunk.start : chunk.start + n] = chunk.agreement
            if writer is not None:
                for block in partial(chunk).blocks():
                    block["draw"] += chunk.start
                    writer.write(block)
            if progress is not None:
                progress(chunk.start + n, total)
        ok = True
    finally:
        if writer is not None:
            writer.close(keep=ok)
    return forecast, agreement


def run_draw(
    scenario: Scenario | str | Path,
    model: str,
    draw_seed: int,
    *,
    params: Any = None,
    noise: Mapping[str, float] | None = None,
    drop: str | None = None,
) -> Result:
    """Re-run one draw of a sweep alone: the row with ``seed == draw_seed`` (and ``dropped``).

    Gives the forecast that row recorded, through the model's ordinary ``run``.
    """
    scenario, params = _resolve(scenario, model, params)
    space = input_space(scenario, noise)
    inputs = draw_inputs(scenario, space, np.array([draw_seed], dtype=np.uint64))
    if drop is not None:
        if drop not in scenario.actor_ids:
            raise DetenteError(
                f"drop {drop!r}: no such actor (actors: {', '.join(scenario.actor_ids)})"
            )
        present = np.array([[a != drop for a in scenario.actor_ids]])
        inputs = DrawInputs(inputs.positions, inputs.saliences, inputs.capabilities, present)
    drawn = apply_draw(scenario, inputs, 0)
    spec = MODELS[model]
    rng = {"rng": model_seeds([draw_seed])[0]} if spec.stochastic else {}
    result: Result = spec.run(drawn, params, **rng)
    # The provenance names the scenario the user gave and the draw's seed, and says what was
    # drawn: the drawn inputs' own hash names a scenario that exists in no file.
    draw = {"seed": draw_seed, "noise": dict(noise) if noise else None, "dropped": drop}
    draw["inputs_sha256"] = result.provenance.scenario_sha256
    p = replace(result.provenance, seed=draw_seed, scenario_sha256=scenario_sha256(scenario))
    return replace(result, provenance=p, extra={**result.extra, "draw": draw})
