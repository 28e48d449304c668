"""Report section "How sure": each model's forecast distribution per issue from a Monte Carlo sweep.

For every issue, one chart: a row per model with the distribution of its forecast over the draws
(a violin), the 80 % band (10th–90th percentile) as a thick bar, the median as a white dot and
the forecast at the scenario's own values as a black tick; under them the actors' positions, so
the spread can be read against who stands where.  A table per issue gives the numbers (and the
share of draws without agreement for models that can fail).  :func:`sweeps_for_report` runs the
sweeps with :data:`BATCHED_DRAWS` draws for models with a batch kernel and :data:`LOOPED_DRAWS`
for the others, so the section costs seconds, not minutes.

Other experiments (sensitivity rankings, levers) add their fragments with ``extra``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from detente.errors import DetenteError
from detente.experiments import SweepResult, sweep
from detente.models import MODELS
from detente.reports.svg import figure_svg, new_figure
from detente.scenario import Scenario
from detente.uncertainty import describe_widths

__all__ = ["BATCHED_DRAWS", "LOOPED_DRAWS", "section", "sweep_page", "sweeps_for_report"]

BATCHED_DRAWS = 2000
"""Draws per model with a batch kernel (a sweep of Korea takes well under a second)."""
LOOPED_DRAWS = 200
"""Draws per model run draw by draw (about 10 ms each on Korea)."""
_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def _horizontal() -> dict[str, Any]:
    """Keywords for a horizontal violin: ``orientation`` since matplotlib 3.10, else ``vert``."""
    import matplotlib

    new = tuple(int(p) for p in matplotlib.__version__.split(".")[:2]) >= (3, 10)
    return {"orientation": "horizontal"} if new else {"vert": False}


def sweeps_for_report(
    scenario: Scenario, models: Sequence[str], seed: int
) -> tuple[dict[str, SweepResult], list[str]]:
    """A sweep per model (skipping, with the reason, those that cannot run on the scenario)."""
    done: dict[str, SweepResult] = {}
    skipped: list[str] = []
    for name in models:
        draws = BATCHED_DRAWS if MODELS[name].batch is not None else LOOPED_DRAWS
        try:
            done[name] = sweep(scenario, name, draws=draws, seed=seed)
        except DetenteError as exc:
            skipped.append(f"{name}: {exc}")
    return done, skipped


def distribution_chart(scenario: Scenario, k: int, sweeps: Mapping[str, SweepResult]) -> str:
    """SVG: per model the forecast distribution on issue ``k`` with its 80 % band (module doc)."""
    issue = scenario.issues[k]
    names = list(sweeps)
    fig, ax = new_figure(7.5, 0.9 + 0.45 * (len(names) + 1))
    for row, name in enumerate(names, start=1):
        f = sweeps[name].base()[:, k]
        color = _COLORS[(row - 1) % len(_COLORS)]
        if np.ptp(f) > 0:
            parts = ax.violinplot(f, [row], widths=0.8, showextrema=False, **_horizontal())
            for body in parts["bodies"]:
                body.set(facecolor=color, alpha=0.35)
        p10, p50, p90 = np.percentile(f, [10, 50, 90])
        ax.hlines(row, p10, p90, color=color, lw=5)
        ax.plot([p50], [row], "o", color="white", mec=color, ms=6, zorder=4)
        ax.plot([sweeps[name].point[k]], [row], "|", color="black", ms=14, mew=2, zorder=5)
    x = scenario.positions()[:, k]
    ax.plot(x, np.zeros_like(x), "v", color="#555", ms=6)
    for xi in np.unique(x):
        who = "/".join(a for a, v in zip(scenario.actor_ids, x, strict=True) if v == xi)
        ax.annotate(
            who,
            (xi, 0),
            xytext=(0, -8),
            textcoords="offset points",
            fontsize=6,
            ha="right",
            va="top",
            rotation=30,
        )
    ax.set_yticks(range(len(names) + 1), ["actors", *names], fontsize=8)
    ax.set_ylim(-0.9, len(names) + 0.6)
    ax.set_xlim(issue.low - 0.03 * issue.range, issue.high + 0.03 * issue.range)
    ax.set_xlabel(
        f"{issue.low:g} = {issue.low_label or 'low'}   →   "
        f"{issue.high:g} = {issue.high_label or 'high'}",
        fontsize=8,
    )
    ax.set_title(f"{issue.id}: {issue.label}", fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    return figure_svg(fig)


def _table(k: int, sweeps: Mapping[str, SweepResult]) -> str:
    head = "<tr><th>model</th><th>draws</th><th>at the values</th><th>median</th>"
    head += "<th>80 % band</th><th>90 % band</th><th>no agreement</th></tr>"
    rows = []
    for name, sw in sweeps.items():
        i = sw.summary()["issues"][k]
        na = "–" if i["no_agreement"] is None else f"{100 * i['no_agreement']:.0f} %"
        rows.append(
            f"<tr><td>{html.escape(name)}</td><td class='num'>{len(sw.base()):,}</td>"
            f"<td class='num'>{i['point']:.1f}</td><td class='num'>{i['median']:.1f}</td>"
            f"<td class='num'>{i['p10']:.1f} – {i['p90']:.1f}</td>"
            f"<td class='num'>{i['p5']:.1f} – {i['p95']:.1f}</td><td class='num'>{na}</td></tr>"
        )
    return f"<table data-testid='uncertainty-table'>{head}{''.join(rows)}</table>"


def _intro(scenario: Scenario, sweeps: Mapping[str, SweepResult]) -> str:
    first = next(iter(sweeps.values()))
    s = first.summary()
    widths = describe_widths(s["noise"])
    where = (
        "the scenario's own ranges and uncertainty block"
        if s["uncertainty"] == "scenario"
        else "detente's default uncertainty block"
    )
    return (
        "<p>Every input is a judgement. Each model was run on many draws of the inputs, drawn "
        f"from {where} ({html.escape(widths)}; values with their own range use it), seed "
        f"{s['seed']}. Violins show where the forecast falls; the thick bar is the 80 % band "
        "(10th–90th percentile), the white dot the median, the black tick the forecast at the "
        "scenario's values; ▼ marks the actors' positions. Any draw can be re-run alone from "
        "its own seed, which the sweep's per-draw table records.</p>"
    )


def section(
    scenario: Scenario,
    sweeps: Mapping[str, SweepResult],
    skipped: Sequence[str] = (),
    extra: Sequence[str] = (),
) -> str:
    """The HTML fragment of the section (an ``<h2>``, charts, tables and ``extra`` fragments)."""
    parts = ["<h2 id='uncertainty'>How sure: forecasts under uncertain inputs</h2>"]
    if sweeps:
        parts.append(_intro(scenario, sweeps))
        for k in range(len(scenario.issues)):
            parts.append(distribution_chart(scenario, k, sweeps))
            parts.append(_table(k, sweeps))
    for line in skipped:
        parts.append(f"<p class='muted'>not swept: {html.escape(line)}</p>")
    parts.extend(extra)
    return "\n".join(parts)


def sweep_page(result: SweepResult) -> str:
    """A self-contained page for one sweep (``detente sweep --out page.html``)."""
    from detente.reports.html import render_page

    sc = result.scenario
    body = section(sc, {result.provenance.model: result})
    title = f"{sc.title}: {result.provenance.model} under uncertainty"
    return render_page(title, f"{len(result.seeds):,} draws, seed {result.provenance.seed}", body)
