"""The run step of the scenario report: everything it shows, computed once, as plain results.

:func:`run_report` runs the models, the negotiations and the crisis-game sweeps and returns a
:class:`ReportData`; :func:`detente.reports.html.render_report` turns that into HTML without
running anything.  To add something new to the report, add a field (with a default) to
:class:`ReportData`, fill it in :func:`run_report`, and add a section function to
:data:`detente.reports.html.SECTIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from detente import api
from detente.errors import DetenteError
from detente.experiments import SweepResult
from detente.games.precision import DEFAULT_LAMBDA
from detente.games.sweeps import Sweep
from detente.games.sweeps import sweep as game_sweep
from detente.models import MODELS
from detente.negotiation import NegotiationResult, Strategy
from detente.negotiation import run as negotiate
from detente.reports.drivers import Drivers, compute_drivers
from detente.reports.uncertainty import sweeps_for_report
from detente.result import Result
from detente.rng import fresh_seed
from detente.scenario import Scenario

if TYPE_CHECKING:
    from detente.deal_outlook import Outlook

__all__ = ["OUTLOOK_DRAWS", "SWEEP_LAMBDA", "Progress", "ReportData", "SweepRequest", "run_report"]

OUTLOOK_DRAWS = 100
"""Draws behind the report's outlook (``detente outlook`` uses 1,000 by default)."""

SWEEP_LAMBDA = DEFAULT_LAMBDA
"""QRE precision λ of the report's game sweeps (beside the pure equilibria): the default of
:data:`detente.games.precision.DEFAULT_LAMBDA`, as ``detente game sweep`` uses."""


class Progress(Protocol):
    """Told how long work goes (``done`` of ``total``), and when a new stage starts."""

    def __call__(self, done: int, total: int) -> None:
        """Record progress."""

    def stage(self, label: str) -> None:
        """Start a stage."""


@dataclass(frozen=True, slots=True)
class SweepRequest:
    """A crisis-game sweep: ``game``'s parameter ``param`` over ``values``."""

    game: str
    param: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportData:
    """What a report shows: the scenario, the models' results, the negotiations and sweeps.

    ``skipped`` says, per model that could not run on the scenario, why.
    """

    scenario: Scenario
    results: tuple[Result, ...]
    skipped: tuple[str, ...] = ()
    negotiations: tuple[NegotiationResult, ...] = ()
    sweeps: tuple[Sweep, ...] = ()
    seed: int | None = None
    how_sure: Mapping[str, SweepResult] = field(default_factory=dict)
    """Per model, a Monte Carlo sweep over the scenario's uncertain inputs ("How sure")."""
    how_sure_skipped: tuple[str, ...] = ()
    outlook: Outlook | None = None
    """The outlook the report opens with (None: left out, or see ``outlook_note``)."""
    outlook_note: str = ""
    """Why there is no outlook, when the scenario lacks what it needs."""
    drivers: Drivers | None = None
    """The inputs that drive the forecast and the levers that would move it ("How sure")."""


def _run_models(
    scenario: Scenario, models: Sequence[str], seed: int | None, progress: Progress | None
) -> tuple[tuple[Result, ...], tuple[str, ...]]:
    results, skipped = [], []
    for name in models:
        if progress is not None:
            progress.stage(name)
        try:
            results.append(api.run(scenario, name, seed=seed, progress=progress))
        except DetenteError as exc:
            skipped.append(f"{name}: {exc}")
    return tuple(results), tuple(skipped)


def run_report(
    scenario: Scenario,
    models: Sequence[str],
    *,
    seed: int | None = None,
    negotiations: Sequence[Mapping[str, Strategy | str]] = (),
    sweeps: Sequence[SweepRequest] = (),
    uncertainty: bool = True,
    outlook_draws: int = OUTLOOK_DRAWS,
    progress: Progress | None = None,
) -> ReportData:
    """Run what the report of ``scenario`` shows (an unknown model name is an error).

    ``negotiations`` adds a simulated negotiation per entry ({party: strategy name}), and
    ``sweeps`` a crisis-game sweep per request (QRE at :data:`SWEEP_LAMBDA` and equilibria);
    ``uncertainty`` adds a Monte Carlo sweep per model that ran (the "How sure" section), and
    the report opens with the outlook (``outlook_draws`` draws; 0 leaves it out) where the
    scenario has what it needs (a status quo on every issue and negotiating parties).
    """
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        raise api.UnknownNameError(f"no model {', '.join(unknown)} (known: {', '.join(MODELS)})")
    results, skipped = _run_models(scenario, models, seed, progress)
    talks = tuple(negotiate(scenario, list(t), list(t.values()), rng=seed) for t in negotiations)
    if progress is not None and sweeps:
        progress.stage("game sweeps")
    games = tuple(
        game_sweep(r.game, r.param, list(r.values), lam=SWEEP_LAMBDA, scenario=scenario)
        for r in sweeps
    )
    how_sure: dict[str, SweepResult] = {}
    how_sure_skipped: list[str] = []
    drivers = None
    if uncertainty and results:
        if progress is not None:
            progress.stage("how sure")
        parent = fresh_seed() if seed is None else seed
        how_sure, how_sure_skipped = sweeps_for_report(scenario, [r.model for r in results], parent)
        drivers = compute_drivers(scenario, [r.model for r in results], parent)
    found, note = _outlook(scenario, seed, outlook_draws, progress)
    return ReportData(
        scenario=scenario,
        results=results,
        skipped=skipped,
        negotiations=talks,
        sweeps=games,
        seed=seed,
        how_sure=how_sure,
        how_sure_skipped=tuple(how_sure_skipped),
        outlook=found,
        outlook_note=note,
        drivers=drivers,
    )


def _outlook(
    scenario: Scenario, seed: int | None, draws: int, progress: Progress | None
) -> tuple[Outlook | None, str]:
    """The outlook, or None and why there is none."""
    from detente.deal_outlook import outlook

    if draws <= 0:
        return None, ""
    if progress is not None:
        progress.stage("outlook")
    try:
        return outlook(scenario, draws=draws, seed=fresh_seed() if seed is None else seed), ""
    except DetenteError as exc:
        return None, str(exc)
