"""Charts for the scenario report, as inline SVG (matplotlib, Agg; imported lazily)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from detente.reports.svg import figure_svg, new_figure
from detente.result import Result
from detente.scenario import Scenario

__all__ = ["issue_chart", "rounds_chart"]

_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def issue_chart(scenario: Scenario, k: int, results: Sequence[Result]) -> str:
    """Actors' positions on issue ``k`` (dot area ∝ capability × salience) and the forecasts."""
    issue = scenario.issues[k]
    x = scenario.positions()[:, k]
    w = scenario.capabilities() * scenario.saliences()[:, k]
    order = np.argsort(x, kind="stable")
    fig, ax = new_figure(7.5, 0.5 + 0.28 * len(order))
    size = 30 + 400 * w[order] / max(float(w.max()), 1e-12)
    ax.scatter(x[order], range(len(order)), s=size, color="#555", alpha=0.55, zorder=3)
    ax.set_yticks(range(len(order)), [scenario.actors[i].id for i in order], fontsize=8)
    if issue.status_quo is not None:
        ax.axvline(issue.status_quo, color="#888", ls=":", lw=1.5, label="status quo")
    for j, res in enumerate(results):
        ax.axvline(res.forecast[k], color=_COLORS[j % len(_COLORS)], lw=2, label=res.model)
    ax.set_xlim(issue.low - 0.03 * issue.range, issue.high + 0.03 * issue.range)
    low = f"{issue.low:g} = {issue.low_label or 'low'}"
    ax.set_xlabel(f"{low}   →   {issue.high:g} = {issue.high_label or 'high'}", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return figure_svg(fig)


def rounds_chart(scenario: Scenario, result: Result) -> str:
    """Median and mean per round for every issue of a model with rounds."""
    fig, ax = new_figure(7.5, 3.0)
    rounds = [r.index for r in result.rounds]
    for k, issue in enumerate(scenario.issues):
        color = _COLORS[k % len(_COLORS)]
        ax.plot(
            rounds,
            [r.median[k] for r in result.rounds],
            "-o",
            color=color,
            ms=3,
            label=f"{issue.id} median",
        )
        ax.plot(
            rounds,
            [r.mean[k] for r in result.rounds],
            "--",
            color=color,
            lw=1,
            label=f"{issue.id} mean",
        )
    ax.set_xlabel("round")
    ax.set_ylabel("position (issue scale)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return figure_svg(fig)
