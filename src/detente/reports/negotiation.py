"""Report section for a negotiation: the offer trace in utility space, outcome and provenance.

Call :func:`section` with a :class:`~detente.negotiation.result.NegotiationResult`; it returns an
HTML fragment with an inline SVG chart (matplotlib, Agg) and needs nothing from the network.
"""

from __future__ import annotations

import html
from typing import Any

from detente.negotiation.result import NegotiationResult
from detente.reports.svg import figure_svg, new_figure

__all__ = ["section", "trace_figure"]

_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")


def trace_figure(result: NegotiationResult) -> Any:
    """A matplotlib figure of the offers in the utility space of the first two parties."""
    fig, ax = new_figure(5.5, 4.5)
    a, b = result.parties[0], result.parties[1]
    if result.frontier:
        ax.plot(*zip(*result.frontier, strict=True), color="black", lw=1, label="Pareto frontier")
    for k, who in enumerate((*result.parties, "mediator")):
        pts = [(r.utilities[0], r.utilities[1]) for r in result.trace if r.proposer == who]
        if pts:
            colour = _COLOURS[k % len(_COLOURS)] if who != "mediator" else "grey"
            ax.plot(
                *zip(*pts, strict=True),
                marker=".",
                ms=4,
                lw=0.6,
                color=colour,
                label=f"offers by {who}",
            )
    ax.plot(*result.reservation[:2], marker="s", color="grey", ls="none", label="reservation")
    for point, marker, label in (
        (result.nash_bargaining_point, "D", "Nash bargaining"),
        (result.kalai_smorodinsky, "^", "KS"),
    ):
        if point is not None:
            ax.plot(
                *point.utilities[:2],
                marker=marker,
                mfc="none",
                color="black",
                ls="none",
                ms=8,
                label=label,
            )
    if result.agreed:
        ax.plot(
            *result.utilities[:2],
            marker="*",
            ms=14,
            color="gold",
            mec="black",
            ls="none",
            label=str(result.status),
        )
    ax.set(xlabel=f"utility of {a}", ylabel=f"utility of {b}", xlim=(0, 1.02), ylim=(0, 1.02))
    ax.legend(fontsize=7, loc="lower left")
    return fig


def _rows(result: NegotiationResult) -> str:
    cells = []
    for k, p in enumerate(result.parties):
        nbs = result.nash_bargaining_point
        nash = "–" if nbs is None else f"{nbs.utilities[k]:.3f}"
        ks = (
            "–"
            if result.kalai_smorodinsky is None
            else f"{result.kalai_smorodinsky.utilities[k]:.3f}"
        )
        cells.append(
            f"<tr><td>{html.escape(p)}</td><td>{html.escape(result.strategies[k])}</td>"
            f"<td>{result.utilities[k]:.3f}</td><td>{result.payoffs[k]:.3f}</td>"
            f"<td>{result.reservation[k]:.3f}</td><td>{nash}</td><td>{ks}</td></tr>"
        )
    return "".join(cells)


def _deal(result: NegotiationResult) -> str:
    if result.agreement is None:
        return "<p>No agreement: every party gets its reservation value.</p>"
    items = "".join(
        f"<li>{html.escape(i)}: {v:.1f}{'' if i in result.settled else ' (status quo)'}</li>"
        for i, v in zip(result.issues, result.agreement, strict=True)
    )
    return f"<ul>{items}</ul>"


def section(result: NegotiationResult, scenario: object | None = None) -> str:
    """HTML fragment: outcome, utilities vs Nash/KS, the trace chart and the provenance block."""
    pv = result.provenance
    when = "" if result.round is None else f" in round {result.round}"
    head = (
        "<tr><th>party</th><th>strategy</th><th>utility</th><th>payoff</th>"
        "<th>reservation</th><th>Nash bargaining</th><th>KS</th></tr>"
    )
    return (
        '<section class="negotiation">'
        f"<h2>Negotiation: {html.escape(', '.join(result.parties))}</h2>"
        f"<p><strong>{html.escape(str(result.status))}</strong>{when} "
        f"({html.escape(result.protocol)} protocol, {len(result.trace)} offers; "
        f"distance to the Pareto frontier {result.pareto_distance:.3f}).</p>"
        f"{_deal(result)}<table>{head}{_rows(result)}</table>"
        f"<figure>{figure_svg(trace_figure(result))}"
        "<figcaption>Offers in utility space, with the Pareto frontier, the Nash and "
        "Kalai–Smorodinsky points and the reservation values.</figcaption></figure>"
        f'<p class="provenance">scenario {html.escape(pv.scenario_id)} '
        f"(sha256 {pv.scenario_sha256[:12]}…), seed {pv.seed}, detente {html.escape(pv.version)}, "
        f"params {html.escape(str(dict(pv.params)))}</p></section>"
    )
