"""A progress bar on stderr that appears only once work has run for more than a moment."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

__all__ = ["progress_bar"]

MOMENT = 1.0
"""Seconds of work before the bar is shown."""


@contextmanager
def progress_bar(label: str, moment: float = MOMENT) -> Iterator[Callable[[int, int], None]]:
    """Yield ``tick(done, total)``; the bar is drawn on a terminal after ``moment`` seconds."""
    err = Console(stderr=True)
    bar = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    )  # fmt: skip
    task = bar.add_task(label, total=None)
    start, shown = time.monotonic(), False

    def tick(done: int, total: int) -> None:
        nonlocal shown
        if not shown and err.is_terminal and time.monotonic() - start > moment:
            bar.start()
            shown = True
        bar.update(task, completed=done, total=total)

    try:
        yield tick
    finally:
        if shown:
            bar.stop()
