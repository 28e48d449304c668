"""Report section for an outlook: headline sentence, ten-second chart, components and methods.

The chart has two panels: the probabilities (headline first, then the zone of agreement, the
negotiation and, where there is a crisis game, provocation and containment) as bars with their
90 % intervals; and, per issue on its 0–100 scale, the status quo and the outcome if there is an
agreement (median and 5th–95th percentile).
"""

from __future__ import annotations

import html
from typing import Any

from detente.deal_outlook import Estimate, Outlook
from detente.reports.svg import figure_svg, new_figure

__all__ = ["outlook_figure", "section"]

_LABELS = (
    ("p_deal", "Any agreement (headline)"),
    ("p_zone", "Zone of agreement exists"),
    ("p_agreement", "Negotiators agree"),
    ("p_provocation", "Provocation"),
    ("p_containment", "Containment"),
)


def _rows(o: Outlook) -> list[tuple[str, str, Estimate]]:
    return [(k, label, e) for k, label in _LABELS if (e := getattr(o, k)) is not None]


def outlook_figure(o: Outlook) -> Any:
    """Probabilities with intervals (left) and outcome if agreement vs status quo (right)."""
    fig = new_figure(8.0, 3.2)[0]
    fig.clear()
    left, right = fig.subplots(1, 2, width_ratios=[1.1, 1])
    rows = _rows(o)[::-1]
    ys = range(len(rows))
    vals = [e.value for _, _, e in rows]
    # A mean over draws may lie outside their 5th-95th percentiles: no whisker on that side.
    err = [[max(0.0, e.value - e.low) for _, _, e in rows]]
    err.append([max(0.0, e.high - e.value) for _, _, e in rows])
    colours = ["#1f77b4" if k == "p_deal" else "#9fb7cf" for k, _, _ in rows]
    left.barh(list(ys), vals, xerr=err, color=colours, capsize=3)
    left.set(
        yticks=list(ys),
        yticklabels=[lab for _, lab, _ in rows],
        xlim=(0, 1),
        xlabel="probability (bar: estimate; whisker: 90% interval)",
    )
    for y, (_, _, e) in zip(ys, rows, strict=True):
        inside = e.high > 0.85  # no room right of the whisker: write inside the bar
        x, colour = (e.low - 0.12, "white") if inside else (e.high + 0.03, "black")
        left.text(max(x, 0.01), y, f"{e.value:.0%}", va="center", fontsize=8, color=colour)
    issues = list(o.issues)[::-1]
    sq = dict(zip(o.issues, o.status_quo, strict=True))
    right.scatter(
        [sq[k] for k in issues],
        range(len(issues)),
        marker="s",
        color="#555",
        label="status quo",
        zorder=3,
    )
    if o.given_agreement:
        g = [o.given_agreement[k] for k in issues]
        med = [x["p50"] for x in g]
        right.errorbar(
            med,
            range(len(issues)),
            fmt="o",
            color="#1f77b4",
            capsize=3,
            xerr=[
                [m - x["p5"] for m, x in zip(med, g, strict=True)],
                [x["p95"] - m for m, x in zip(med, g, strict=True)],
            ],
            label="if agreement (median, 5–95%)",
        )
    right.set(
        yticks=range(len(issues)),
        yticklabels=issues,
        xlabel="outcome on the issue's scale",
        ylim=(-0.6, len(issues) - 0.4),
    )
    right.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    return fig


def _table(o: Outlook) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(label)}</td><td>{e.value:.1%}</td>"
        f"<td>{e.low:.1%}–{e.high:.1%}</td><td>{e.n}</td><td>{html.escape(e.method)}; "
        f"interval: {html.escape(e.interval)}</td></tr>"
        for _, label, e in _rows(o)
    )
    return (
        "<table><thead><tr><th>component</th><th>estimate</th><th>90% interval</th><th>draws</th>"
        f"<th>method</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def section(o: Outlook) -> str:
    """The outlook as an HTML fragment: sentence, chart, components table and provenance."""
    prov = o.provenance
    return (
        '<section class="outlook"><h2>Outlook</h2>'
        f'<p class="headline"><strong>{html.escape(o.sentence())}</strong></p>'
        f"{figure_svg(outlook_figure(o))}{_table(o)}"
        "<p>The headline counts the draws in which the negotiators agree by the date <em>and</em> "
        "the agreement passes the scenario's decision rule (every veto player, and a qualified "
        "majority where the rule has one, prefers it to the status quo).</p>"
        f'<p class="provenance">{o.p_deal.n} draws, seed {prov.seed}, scenario '
        f"{html.escape(prov.scenario_id)} ({prov.scenario_sha256[:12]}), detente "
        f"{html.escape(prov.version)}</p></section>"
    )
