"""Report section for a crisis-game sweep: outcome probabilities against one parameter.

Call :func:`section` with a :class:`~detente.games.sweeps.Sweep` (from
:func:`detente.games.sweep`); it returns an HTML fragment with an inline SVG chart — QRE outcome
probabilities as lines, equilibrium outcome probabilities (mean over the pure equilibria found)
as markers — and a table of the same numbers.
"""

from __future__ import annotations

import html
from typing import Any

from detente.games.sweeps import Sweep
from detente.reports.svg import figure_svg, new_figure

__all__ = ["section", "sweep_figure"]

_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2")


def sweep_figure(sweep: Sweep) -> Any:
    """A matplotlib figure of outcome probabilities against the swept parameter."""
    fig, ax = new_figure(6.5, 3.5)
    xs = [r.value for r in sweep.rows]
    for k, outcome in enumerate(sweep.outcomes()):
        colour = _COLOURS[k % len(_COLOURS)]
        ax.plot(
            xs,
            [r.qre.get(outcome, 0.0) for r in sweep.rows],
            color=colour,
            lw=1.5,
            label=f"{outcome} (QRE λ={sweep.lam:g})",
        )
        eq = [
            (r.value, r.mean_equilibrium.get(outcome, 0.0))
            for r in sweep.rows
            if r.mean_equilibrium is not None
        ]
        if eq:
            ax.plot(*zip(*eq, strict=True), ls="none", marker="o", mfc="none", color=colour)
    ax.set(xlabel=sweep.param, ylabel="probability", ylim=(-0.02, 1.02))
    ax.legend(fontsize=7, loc="best")
    return fig


def _table(sweep: Sweep) -> str:
    outcomes = sweep.outcomes()
    head = "".join(f"<th>{html.escape(o)} QRE</th><th>eq</th>" for o in outcomes)
    rows = []
    for r in sweep.rows:
        cells = [f"<td>{r.value:g}</td>"]
        for o in outcomes:
            eq = "–" if r.mean_equilibrium is None else f"{r.mean_equilibrium.get(o, 0.0):.3f}"
            cells.append(f"<td>{r.qre.get(o, 0.0):.3f}</td><td>{eq}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><thead><tr><th>{html.escape(sweep.param)}</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def section(sweep: Sweep, title: str | None = None) -> str:
    """HTML fragment: heading, chart (inline SVG), table and the fixed parameters."""
    heading = html.escape(title or f"Crisis game {sweep.game}: outcomes by {sweep.param}")
    fixed = ", ".join(f"{html.escape(k)} = {html.escape(str(v))}" for k, v in sweep.params.items())
    return (
        f'<section class="games"><h2>{heading}</h2>'
        f"<p>Lines: agent logit QRE at λ = {sweep.lam:g}. Circles: pure "
        f"{html.escape(sweep.method)} equilibria (mean over those found).</p>"
        f"{figure_svg(sweep_figure(sweep))}{_table(sweep)}"
        f'<p class="params">Other parameters: {fixed}</p></section>'
    )
