"""A progress bar on stderr for long work, shown only once it has run for more than a moment.

Nothing is drawn when stderr is not a terminal (pipes, files, tests), so machine output and logs
stay clean.  The work gets a plain callable ``tick(done, total)``; a report that runs several
things in turn gives each its own label with ``tick.stage(label)``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

__all__ = ["MOMENT", "Bar", "progress_bar"]

MOMENT = 0.5
"""Seconds of work before the bar appears."""


class Bar:
    """The ``tick(done, total)`` callable handed to long work (real state: the bar on screen)."""

    def __init__(self, label: str, moment: float = MOMENT) -> None:
        self._console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self._console,
            transient=True,
        )
        self._task = self._bar.add_task(label, total=None)
        self._start = time.monotonic()
        self._moment = moment
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Record progress: ``done`` of ``total`` steps."""
        late = time.monotonic() - self._start > self._moment
        if not self.shown and late and self._console.is_terminal:
            self._bar.start()
            self.shown = True
        self._bar.update(self._task, completed=done, total=total)

    def stage(self, label: str) -> None:
        """Start a new stage under ``label`` (the count starts again)."""
        self._bar.update(self._task, description=label, completed=0, total=None)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self.shown:
            self._bar.stop()


@contextlib.contextmanager
def progress_bar(label: str, moment: float = MOMENT) -> Iterator[Bar]:
    """A :class:`Bar` for the work inside the ``with`` block, removed when it ends."""
    bar = Bar(label, moment)
    try:
        yield bar
    finally:
        bar.close()
