"""The scenario file a command works on, so that a model's complaint about it names the file.

A model that lacks something in a valid scenario (a status quo, a decision section) raises
:class:`detente.errors.ModelInputError` with the scenario field; it does not know the file.
Commands load their scenario with :func:`load_scenario`, which remembers the file (or bundled
name) as the user gave it, and :func:`detente.cli.app.main` prints the error as one line naming
the file, the field and the problem: ``dam.yaml: decision: model procedural needs …``.
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detente.errors import ModelInputError
    from detente.scenario import Scenario

__all__ = ["forget", "line", "load_scenario"]

_SOURCE: ContextVar[str | None] = ContextVar("detente_scenario_source", default=None)


def load_scenario(source: str | Path) -> Scenario:
    """The scenario of a file path or a bundled name; remembered as this command's scenario."""
    from detente.api import load_scenario as load

    scenario = load(source)
    _SOURCE.set(str(source))
    return scenario


def forget() -> None:
    """Start a command with no scenario remembered (commands run one after another in tests)."""
    _SOURCE.set(None)


def line(exc: ModelInputError) -> str | None:
    """``FILE: FIELD: problem`` for an error about a field of the loaded scenario, else None."""
    source = _SOURCE.get()
    return exc.located(source) if source is not None and exc.field is not None else None
