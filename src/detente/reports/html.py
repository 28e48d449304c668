"""The scenario report: one self-contained HTML file (inline CSS and SVG, nothing fetched).

Sections: the forecast of every model per issue, a chart per issue of the actors' positions
against the forecasts, the scenario table with the analyst's rationales, the crisis context
(deadlines, red lines, events), model-specific sections, and a provenance block per run.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from detente import __version__, api
from detente.canonical import scenario_sha256
from detente.errors import DetenteError
from detente.games.sweeps import parse_range
from detente.games.sweeps import sweep as game_sweep
from detente.models import MODELS
from detente.negotiation import run as negotiate
from detente.params import ParamError
from detente.reports import bdm, smp
from detente.reports.charts import issue_chart, rounds_chart
from detente.reports.games import section as games_section
from detente.reports.negotiation import section as negotiation_section
from detente.result import Result
from detente.scenario import Scenario

__all__ = ["MODEL_SECTIONS", "default_report_path", "render_page", "render_report"]

OUTLOOK_DRAWS = 100
"""Draws behind the report's outlook (``detente outlook`` uses 1,000 by default)."""

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


def _run_all(
    scenario: Scenario, models: Sequence[str], seed: int | None
) -> tuple[list[Result], list[str]]:
    results, skipped = [], []
    for name in models:
        try:
            results.append(api.run(scenario, name, seed=seed))
        except DetenteError as exc:
            skipped.append(f"{name}: {exc}")
    return results, skipped


def _env() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("detente.reports"), autoescape=select_autoescape(["html", "j2"])
    )


def _negotiations(
    scenario: Scenario, talks: Sequence[Mapping[str, str]], seed: int | None
) -> list[str]:
    """One report section per negotiation, each a mapping of party → strategy name."""
    return [
        negotiation_section(negotiate(scenario, list(t), list(t.values()), rng=seed), scenario)
        for t in talks
    ]


def _sweeps(scenario: Scenario, sweeps: Sequence[str]) -> list[str]:
    """One section per ``GAME:NAME=lo:hi:n`` game sweep, with the scenario's game parameters."""
    out = []
    for spec in sweeps:
        game, sep, rest = spec.partition(":")
        if not sep:
            raise ParamError(f"--sweep {spec!r}: expected GAME:NAME=lo:hi:n")
        name, values = parse_range(rest)
        out.append(
            games_section(game_sweep(game.strip(), name, values, lam=5.0, scenario=scenario))
        )
    return out


def render_report(
    scenario: Scenario,
    models: Sequence[str],
    *,
    seed: int | None = None,
    negotiations: Sequence[Mapping[str, str]] = (),
    sweeps: Sequence[str] = (),
    uncertainty: bool = True,
    outlook_draws: int = OUTLOOK_DRAWS,
) -> str:
    """The report's HTML for ``scenario`` with each of ``models`` (unknown names are an error).

    ``negotiations`` adds a simulated negotiation per entry ({party: strategy name}), and
    ``sweeps`` a crisis-game sweep per ``GAME:NAME=lo:hi:n`` (QRE at λ = 5 and pure equilibria).
    The report opens with the outlook (``outlook_draws`` draws; 0 leaves it out) where the
    scenario has what it needs (a status quo on every issue and negotiating parties).
    """
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        raise api.UnknownNameError(f"no model {', '.join(unknown)} (known: {', '.join(MODELS)})")
    results, skipped = _run_all(scenario, models, seed)
    sections = [
        (r.model, MODEL_SECTIONS[r.model](r, scenario))
        for r in results
        if r.model in MODEL_SECTIONS
    ]
    rounds = [
        (r.model, rounds_chart(r))
        for r in results
        if len(r.rounds) > 1 and r.model not in MODEL_SECTIONS
    ]
    talks = _negotiations(scenario, negotiations, seed) + _sweeps(scenario, sweeps)
    how_sure = _uncertainty(scenario, [r.model for r in results], seed) if uncertainty else ""
    spread = (
        [
            (min(r.forecast[k] for r in results), max(r.forecast[k] for r in results))
            for k in range(len(scenario.issues))
        ]
        if results
        else []
    )
    template = _env().get_template("report.html.j2")
    text: str = template.render(
        s=scenario,
        sha=scenario_sha256(scenario),
        results=results,
        skipped=skipped,
        charts=[issue_chart(scenario, k, results) for k in range(len(scenario.issues))],
        rounds=rounds,
        sections=sections,
        spread=spread,
        talks=talks,
        uncertainty=how_sure,
        outlook=_outlook(scenario, seed, outlook_draws),
        version=__version__,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        esc=html.escape,
    )
    return text


def _uncertainty(scenario: Scenario, models: Sequence[str], seed: int | None) -> str:
    """The "How sure" section: a Monte Carlo sweep of every model that ran."""
    from detente.reports.uncertainty import section, sweeps_for_report
    from detente.rng import fresh_seed

    done, skipped = sweeps_for_report(scenario, models, fresh_seed() if seed is None else seed)
    return section(scenario, done, skipped)


def _outlook(scenario: Scenario, seed: int | None, draws: int) -> str:
    """The outlook section, or a note saying why there is none."""
    from detente.outlook import outlook
    from detente.reports.outlook import section
    from detente.rng import fresh_seed

    if draws <= 0:
        return ""
    try:
        o = outlook(scenario, draws=draws, seed=fresh_seed() if seed is None else seed)
    except DetenteError as exc:
        return f'<p class="muted">No outlook: {html.escape(str(exc))}</p>'
    return section(o)


def render_page(title: str, subtitle: str, body: str) -> str:
    """A self-contained page around an HTML fragment (e.g. an ingestion's events section)."""
    text: str = (
        _env().get_template("fragment.html.j2").render(title=title, subtitle=subtitle, body=body)
    )
    return text
