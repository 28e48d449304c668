"""Where chunks of draws run: in this process, in a joblib process pool, or on a Dask cluster.

Every backend returns the chunks' results in chunk order, so the assembled sweep is the same
whatever ran it.  A chunk is a pure function of its draws' seeds (:func:`evaluate`), so a chunk
that Dask re-runs after losing a worker gives the same numbers.

- ``jobs=1`` (default): in this process.
- ``jobs=N``: joblib's process pool (loky), ``return_as="generator"``.
- ``scheduler="local:N"``: a ``dask.distributed.LocalCluster`` of N single-threaded worker
  processes, started and closed here (:func:`local_cluster`).
- ``scheduler="tcp://HOST:PORT"``: a running Dask scheduler (``dask scheduler`` on one host,
  ``dask worker tcp://HOST:PORT`` on each machine); an address that does not answer within
  :data:`CONNECT_TIMEOUT` seconds is an error, not a hang.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from numpy.typing import NDArray

from detente.errors import SettingError
from detente.experiments.draws import InputSpace, draw_inputs
from detente.models import MODELS, batch_runner
from detente.rng import model_seeds
from detente.scenario import Scenario

__all__ = [
    "CONNECT_TIMEOUT",
    "Chunk",
    "ChunkOut",
    "Runner",
    "SchedulerError",
    "backend",
    "dask_client",
    "evaluate",
    "local_cluster",
]

CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a Dask scheduler to answer."""


class SchedulerError(SettingError):
    """A Dask scheduler that cannot be reached or an address that cannot be read (``scheduler``)."""


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class Chunk:
    """A contiguous block of draws: rows ``start …`` of the sweep, with what evaluating needs."""

    start: int
    scenario: Scenario
    model: str
    params: Any
    space: InputSpace
    seeds: NDArray[np.uint64]
    dropped: NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class ChunkOut:
    """A chunk's forecasts (draws × issues) and agreement flags."""

    start: int
    forecast: NDArray[np.float64]
    agreement: NDArray[np.bool_] | None


def evaluate(chunk: Chunk) -> ChunkOut:
    """Draw the chunk's inputs from its seeds and run the model's batch kernel on them."""
    inputs = draw_inputs(chunk.scenario, chunk.space, chunk.seeds)
    if (chunk.dropped >= 0).any():
        present = np.ones(inputs.capabilities.shape, dtype=bool)
        rows = np.flatnonzero(chunk.dropped >= 0)
        present[rows, chunk.dropped[rows]] = False
        inputs = replace(inputs, present=present)
    runner = batch_runner(MODELS[chunk.model])
    out = runner(chunk.scenario, inputs, chunk.params, seeds=model_seeds(chunk.seeds))
    return ChunkOut(chunk.start, out.forecast, out.agreement)


def _in_order(results: Iterator[ChunkOut], starts: Sequence[int]) -> Iterator[ChunkOut]:
    """Yield results in the order of ``starts`` whatever order they arrive in."""
    waiting: dict[int, ChunkOut] = {}
    pending = iter(starts)
    want = next(pending, None)
    for r in results:
        waiting[r.start] = r
        while want is not None and want in waiting:
            yield waiting.pop(want)
            want = next(pending, None)


Runner = Callable[[Sequence[Chunk]], Iterator[ChunkOut]]


@contextmanager
def backend(jobs: int = 1, scheduler: str | None = None) -> Iterator[Runner]:
    """A function that evaluates chunks on the chosen backend, results in chunk order.

    A Dask scheduler is connected (or a LocalCluster started) on entry, so a bad address fails
    before any work is done.
    """
    if scheduler:
        with dask_client(scheduler) as client:
            yield lambda chunks: _dask(client, chunks)
    elif jobs > 1:
        yield lambda chunks: _joblib(chunks, jobs)
    else:
        yield lambda chunks: map(evaluate, chunks)


def _joblib(chunks: Sequence[Chunk], jobs: int) -> Iterator[ChunkOut]:
    from joblib import Parallel, delayed

    if len(chunks) < 2:
        return map(evaluate, chunks)
    pool = Parallel(n_jobs=jobs, return_as="generator")
    out: Iterator[ChunkOut] = pool(delayed(evaluate)(c) for c in chunks)
    return out


def _dask(client: Any, chunks: Sequence[Chunk]) -> Iterator[ChunkOut]:
    from distributed import as_completed

    futures = client.map(evaluate, chunks, pure=False, retries=2)
    done = as_completed(futures)  # type: ignore[no-untyped-call]
    yield from _in_order((f.result() for f in done), [c.start for c in chunks])


@contextmanager
def dask_client(scheduler: str) -> Iterator[Any]:
    """A Dask client for ``local:N`` (a local cluster, closed on exit) or a scheduler address.

    The one Dask connection of the package: sweeps and the backtest use it, so both read the same
    ``scheduler`` grammar and give the same one-line :class:`SchedulerError` for an address that
    does not answer.
    """
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - the cluster extra is installed in CI
        raise SchedulerError(
            "needs dask.distributed: pip install 'detente[cluster]'",
            setting="scheduler",
            value=scheduler,
        ) from None
    if scheduler.startswith("local:"):
        with local_cluster(_workers(scheduler)) as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    _knock(scheduler)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except Exception as exc:  # a refusal, a timeout, or something that is not Dask answering
        raise SchedulerError(
            f"no Dask scheduler answered within {CONNECT_TIMEOUT:g} s "
            f"({type(exc).__name__}); start one with `dask scheduler`",
            setting="scheduler",
            value=scheduler,
        ) from None
    with client:
        yield client


@contextmanager
def local_cluster(n: int) -> Iterator[Any]:
    """A ``LocalCluster`` of ``n`` single-threaded worker processes, malloc left adaptive.

    Dask's nannies set ``MALLOC_TRIM_THRESHOLD_=65536`` in their workers to hand freed memory
    back to the OS.  Setting it also fixes glibc's mmap threshold at 128 KiB (it adapts
    otherwise), so every NumPy temporary larger than that is a fresh ``mmap`` whose pages fault in
    again: a 2,000-draw BDM chunk of Korea took 3.1 s of CPU in a worker against 1.4 s in this
    process (system time 1.9 s against 0.4 s, 5× the page faults).  The workers started here do
    not get the variable (nor inherit it from this process, where an earlier local nanny may have
    left it); docs/how-to/run-a-sweep.md shows the same for a multi-machine cluster.  The BDM
    batch kernel relies on the adaptive threshold (``models.bdm.batched._roomy_heap``).
    """
    import dask
    from distributed import LocalCluster

    name = "MALLOC_TRIM_THRESHOLD_"
    saved = os.environ.pop(name, None)
    try:
        with dask.config.set({f"distributed.nanny.pre-spawn-environ.{name}": None}):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=None)  # type: ignore[no-untyped-call]
    finally:
        if saved is not None:
            os.environ[name] = saved
    with cluster:
        yield cluster


def _knock(scheduler: str) -> None:
    """Fail fast, before importing much, when nothing listens at a ``tcp://HOST:PORT``."""
    split = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    try:
        port = split.port
    except ValueError:
        port = None
    if not split.hostname or port is None:
        reason = "expected tcp://HOST:PORT or local:N"
        raise SchedulerError(reason, setting="scheduler", value=scheduler)
    try:
        socket.create_connection((split.hostname, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as exc:
        raise SchedulerError(
            f"no Dask scheduler answered within {CONNECT_TIMEOUT:g} s "
            f"({exc.strerror or type(exc).__name__}); start one with `dask scheduler`",
            setting="scheduler",
            value=scheduler,
        ) from None


def _workers(scheduler: str) -> int:
    text = scheduler.removeprefix("local:")
    if not text.isdigit() or not 1 <= int(text) <= 256:
        reason = "expected local:N with N from 1 to 256"
        raise SchedulerError(reason, setting="scheduler", value=scheduler)
    return int(text)
