"""Parallel execution of backtest tasks: joblib processes, or Dask through the experiments layer.

Results come back in task order, so the caller can show progress.  Seeds are fixed in the parent
before dispatch, so the backend never changes a number.  ``scheduler`` takes the sweeps' grammar
(:mod:`detente.experiments.execute`): ``local:N`` starts a local cluster of N workers,
``tcp://HOST:PORT`` connects to a running scheduler, and an address that does not answer is a
one-line error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

__all__ = ["run_parallel"]


def run_parallel(
    fn: Callable[..., Any], args: Sequence[tuple[Any, ...]], jobs: int, scheduler: str | None
) -> Iterator[Any]:
    """``fn(*a)`` for each ``a`` in ``args``, with ``jobs`` processes or on ``scheduler``."""
    from joblib import Parallel, delayed

    if scheduler is None:
        return iter(Parallel(n_jobs=jobs, return_as="generator")(delayed(fn)(*a) for a in args))
    return _on_dask(fn, args, scheduler)


def _on_dask(
    fn: Callable[..., Any], args: Sequence[tuple[Any, ...]], scheduler: str
) -> Iterator[Any]:
    from detente.experiments.execute import dask_client  # the sweeps' connection and errors

    with dask_client(scheduler) as client:
        futures = [client.submit(fn, *a, pure=False, retries=2) for a in args]
        yield from (f.result() for f in futures)
