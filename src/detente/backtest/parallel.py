"""Parallel execution of backtest tasks: joblib processes, or a dask cluster by address.

Results come back in task order as they finish (``return_as="generator"``), so the caller can
show progress.  Seeds are fixed in the parent before dispatch, so the backend never changes a
number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from detente.errors import DetenteError

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
    fn: Callable[..., Any], args: Sequence[tuple[Any, ...]], address: str
) -> Iterator[Any]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise DetenteError(
            "--scheduler needs dask.distributed: pip install 'detente[cluster]'"
        ) from None
    try:
        client = Client(address, timeout=10)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise DetenteError(f"--scheduler {address}: cannot connect ({exc})") from None
    with client:
        futures = [client.submit(fn, *a, pure=False) for a in args]
        yield from (f.result() for f in futures)
