"""The scenario report: one self-contained HTML file (inline CSS and SVG, nothing fetched).

Two steps: :func:`detente.reports.run.run_report` runs everything the report shows and returns
a :class:`~detente.reports.run.ReportData`; :func:`render_report` renders it, running nothing.
Sections: the forecast of every model per issue, a chart per issue of the actors' positions
against the forecasts, then :data:`SECTIONS` (model-specific sections, "How sure",
negotiations, game sweeps), the scenario table with the analyst's rationales, the crisis
context (deadlines, red lines, events), and a provenance block per run.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from detente import __version__
from detente.canonical import scenario_sha256
from detente.reports import bdm, smp
from detente.reports.charts import issue_chart, rounds_chart
from detente.reports.games import section as games_section
from detente.reports.negotiation import section as negotiation_section
from detente.reports.run import OUTLOOK_DRAWS, ReportData, run_report
from detente.result import Result
from detente.scenario import Scenario

__all__ = [
    "MODEL_SECTIONS",
    "OUTLOOK_DRAWS",
    "SECTIONS",
    "ReportData",
    "default_report_path",
    "render_page",
    "render_report",
    "run_report",
]


MODEL_SECTIONS: dict[str, Callable[[Result, Scenario], str]] = {
    "bdm": bdm.section,
    "smp": smp.section,
}
"""Model-specific report sections by model name (hand-written)."""


def default_report_path(scenario: Scenario, folder: Path = Path("reports")) -> Path:
    """``reports/<scenario id>-<UTC time>.html``: a new name each time, never overwriting."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", scenario.id).strip("-.") or "scenario"
    return folder / f"{slug}-{stamp}.html"


def _env() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("detente.reports"), autoescape=select_autoescape(["html", "j2"])
    )


def _model_sections(data: ReportData) -> str:
    """Each model's own section (BDM, SMP), or its median and mean per round if it has rounds."""
    parts = []
    for r in data.results:
        if r.model in MODEL_SECTIONS:
            parts.append(
                f"<h2>{html.escape(r.model)}</h2>{MODEL_SECTIONS[r.model](r, data.scenario)}"
            )
        elif len(r.rounds) > 1:
            title = f"{r.model}: median and mean per round"
            parts.append(f"<h2>{html.escape(title)}</h2>{rounds_chart(r)}")
    return "".join(parts)


def _how_sure_section(data: ReportData) -> str:
    """The 'How sure' section: each model's forecast distribution over the uncertain inputs."""
    if not data.how_sure and not data.how_sure_skipped:
        return ""
    from detente.reports.drivers import drivers_html
    from detente.reports.uncertainty import section

    extra = [drivers_html(data.drivers)]
    return section(data.scenario, data.how_sure, data.how_sure_skipped, extra=extra)


def _negotiation_sections(data: ReportData) -> str:
    return "".join(negotiation_section(n, data.scenario) for n in data.negotiations)


def _sweep_sections(data: ReportData) -> str:
    return "".join(games_section(s) for s in data.sweeps)


SECTIONS: tuple[Callable[[ReportData], str], ...] = (
    _model_sections,
    _how_sure_section,
    _negotiation_sections,
    _sweep_sections,
)
"""The sections between the forecasts and the scenario table, in order: each takes the report's
data and returns an HTML fragment ("" to show nothing).  Adding a section is adding a function
here (and, if it needs results of its own, a field of :class:`ReportData`)."""


def _outlook(data: ReportData) -> str:
    """The outlook the report opens with, or a note saying why there is none."""
    if data.outlook is None:
        note = data.outlook_note
        return f'<p class="muted">No outlook: {html.escape(note)}</p>' if note else ""
    from detente.reports.outlook import section

    return section(data.outlook)


def _spread(data: ReportData) -> list[tuple[float, float]]:
    if not data.results:
        return []
    n = len(data.scenario.issues)
    return [
        (min(r.forecast[k] for r in data.results), max(r.forecast[k] for r in data.results))
        for k in range(n)
    ]


def render_report(data: ReportData) -> str:
    """The report's HTML from what :func:`~detente.reports.run.run_report` computed."""
    scenario, results = data.scenario, data.results
    template = _env().get_template("report.html.j2")
    text: str = template.render(
        s=scenario,
        sha=scenario_sha256(scenario),
        results=results,
        skipped=data.skipped,
        charts=[issue_chart(scenario, k, results) for k in range(len(scenario.issues))],
        sections=[fragment for section in SECTIONS if (fragment := section(data))],
        spread=_spread(data),
        outlook=_outlook(data),
        version=__version__,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        esc=html.escape,
    )
    return text


def render_page(title: str, subtitle: str, body: str) -> str:
    """A self-contained page around an HTML fragment (e.g. an ingestion's events section)."""
    text: str = (
        _env().get_template("fragment.html.j2").render(title=title, subtitle=subtitle, body=body)
    )
    return text
