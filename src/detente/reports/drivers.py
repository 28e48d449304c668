"""Report fragments for the "How sure" section: which inputs drive the forecast, and the levers.

- A bar chart per issue: the :data:`TOP` inputs with the largest Morris ``mu_star`` (how far the
  forecast moves, in the issue's units, when the input moves across its range), with its bootstrap
  95 % interval, from :data:`TRAJECTORIES` trajectories (SALib; see
  :mod:`detente.experiments.sensitivity_analysis`).  Morris, not Sobol, because it ranks as Sobol's
  total index does at a small fraction of the runs, which keeps ``make run`` short.
- A levers table per issue: what it would take to move the forecast :data:`SHIFT` percent of the
  scale towards the issue's status quo (or the middle of the scale when it has none): the
  :data:`LEVERS` smallest moves of one actor's position that get there
  (:mod:`detente.experiments.lever_analysis`).

The model analysed is BDM when the report runs it, else the first model with a batch kernel.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from detente.api import run
from detente.errors import DetenteError
from detente.experiments.lever_analysis import levers
from detente.experiments.lever_result import Lever, LeversResult
from detente.experiments.sensitivity_analysis import sensitivity
from detente.experiments.sensitivity_result import SensitivityResult
from detente.models import MODELS
from detente.reports.svg import figure_svg, new_figure
from detente.scenario import Scenario

__all__ = [
    "LEVERS",
    "SHIFT",
    "TOP",
    "TRAJECTORIES",
    "Drivers",
    "compute_drivers",
    "drivers_fragment",
    "drivers_html",
]

TRAJECTORIES = 32
"""Morris trajectories in the report (N·(k + 1) runs; 1,824 for Korea's 56 inputs)."""
TOP = 10
"""Inputs per issue in the chart."""
SHIFT = 10.0
"""The levers table asks what moves the forecast this many percent of the scale either way."""
LEVERS = 3
"""Levers per direction in the table."""
FIELD = ("position",)
"""The levers table moves positions only: the most telling lever, and it keeps the cost low."""


def _model(models: Sequence[str]) -> str | None:
    if "bdm" in models:
        return "bdm"
    return next((m for m in models if MODELS[m].batch is not None), None)


def ranking_chart(r: SensitivityResult, issue: str) -> str:
    """SVG: horizontal bars of ``mu_star`` (± its interval) for the top inputs on ``issue``."""
    rows = r.ranking(issue)[:TOP][::-1]
    mu = np.array([x.values[r.columns.index("mu_star")] for x in rows])
    conf = np.array([x.values[r.columns.index("mu_star_conf")] for x in rows])
    fig, ax = new_figure(7.5, 0.6 + 0.28 * len(rows))
    ax.barh(range(len(rows)), mu, xerr=conf, color="#1f77b4", alpha=0.8, ecolor="#333")
    ax.set_yticks(range(len(rows)), [x.input for x in rows], fontsize=7)
    ax.set_xlabel(
        f"mean |change of the {issue} forecast| when the input moves (Morris μ*)", fontsize=8
    )
    ax.set_title(
        f"{issue}: the inputs that move the {r.provenance.model} forecast most", fontsize=9
    )
    ax.grid(axis="x", alpha=0.3)
    return figure_svg(fig)


@dataclass(frozen=True, slots=True)
class Drivers:
    """What the fragment shows: the Morris ranking, and per issue its forecast and levers."""

    ranking: SensitivityResult
    forecasts: tuple[float, ...]
    levers: tuple[LeversResult, ...]
    seed: int


def _target(scenario: Scenario, k: int, forecast: float) -> float:
    """The forecast moved :data:`SHIFT` % of the scale towards the status quo (else the middle)."""
    issue = scenario.issues[k]
    goal = issue.status_quo if issue.status_quo is not None else (issue.low + issue.high) / 2
    way = -1.0 if goal < forecast or (goal == forecast and forecast > issue.low) else 1.0
    return min(max(forecast + way * SHIFT / 100 * issue.range, issue.low), issue.high)


def compute_drivers(scenario: Scenario, models: Sequence[str], seed: int) -> Drivers | None:
    """Run the Morris ranking and the levers (None when no model fits or the analysis fails)."""
    model = _model(models)
    if model is None:
        return None
    try:
        r = sensitivity(scenario, model, method="morris", samples=TRAJECTORIES, seed=seed)
        forecasts = tuple(float(v) for v in run(scenario, model, seed=seed).forecast)
        targets = [_target(scenario, k, f) for k, f in enumerate(forecasts)]
        found = tuple(
            levers(scenario, model, issue=issue.id, target=t, fields=FIELD, seed=seed)
            for issue, t in zip(scenario.issues, targets, strict=True)
        )
    except DetenteError:
        return None
    return Drivers(r, forecasts, found, seed)


def _lever_rows(found: Sequence[Lever], target: float) -> list[str]:
    reached = [lv for lv in found if lv.reached][:LEVERS]
    if not reached:
        text = "no single move reaches it" + (
            f"; {html.escape(found[0].describe())}" if found else ""
        )
        return [f"<tr><td class='num'>{target:.4g}</td><td colspan='2'>{text}</td></tr>"]
    return [
        f"<tr><td class='num'>{target:.4g}</td><td>{html.escape(lv.describe())}</td>"
        f"<td>{lv.method if not lv.resolution else f'search (±{lv.resolution:.2g})'}</td></tr>"
        for lv in reached
    ]


def levers_table(r: LeversResult) -> str:
    """HTML: the smallest moves of one position that bring the forecast to the target."""
    head = "<tr><th>target</th><th>smallest move that gets there</th><th>how</th></tr>"
    caption = (
        f"<p><b>{html.escape(r.issue)}</b>: {r.provenance.model} forecasts {r.forecast:.4g}. "
        f"Which actor would have to move its position how far to shift it to {r.target:.4g} "
        f"({SHIFT:g} % of the scale towards the status quo, or the middle of the scale), "
        "everyone else as they are?</p>"
    )
    rows = "".join(_lever_rows(r.levers, r.target))
    return f"{caption}<table data-testid='levers-table'>{head}{rows}</table>"


def drivers_html(d: Drivers | None) -> str:
    """The HTML fragment: intro, then a ranking chart and a levers table per issue."""
    if d is None:
        return ""
    r = d.ranking
    parts = [
        "<h3 id='drivers'>Which inputs drive the forecast, and what would move it</h3>",
        f"<p>Morris screening of all {len(r.ranges)} inputs of the {r.provenance.model} model "
        f"({TRAJECTORIES} trajectories, {r.runs:,} runs, seed {d.seed}; each input uniform over "
        "its range). The bars are μ*, the mean absolute change of the forecast when one input "
        "moves; the whiskers its 95 % interval. Sobol indices (the sensitivity analysis) and the "
        "levers for other targets are analyses of their own.</p>",
    ]
    for issue, found in zip(r.base, d.levers, strict=True):
        parts.append(ranking_chart(r, issue))
        parts.append(levers_table(found))
    return "\n".join(parts)


def drivers_fragment(scenario: Scenario, models: Sequence[str], seed: int) -> str:
    """Compute and render in one step (:func:`compute_drivers`, :func:`drivers_html`)."""
    return drivers_html(compute_drivers(scenario, models, seed))
