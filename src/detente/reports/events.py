"""Report section for event extraction: events and claims on a timeline (inline SVG) + tables.

Call ``section(extraction)`` with a :class:`detente.extraction.Extraction`; it returns an HTML
fragment.  Dated events are filled markers on one lane per source actor (colour = PLOVER quad
class); dated claims (hypothetical, negated, opinion) are hollow markers; deadlines are dashed
vertical lines and the publication date a solid one.  Undated items are listed in the tables.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from detente.extraction.lexicon import QUAD
from detente.extraction.types import DateRef, Extraction

__all__ = ["section", "timeline_svg"]

_COLOURS = {
    "verbal cooperation": "#4c9a2a",
    "material cooperation": "#1f6f8b",
    "verbal conflict": "#e08e0b",
    "material conflict": "#b22222",
}


def _when(d: DateRef) -> str:
    return d.label


def _points(x: Extraction) -> list[tuple[dt.date, str, str, bool]]:
    pts = [
        (e.date.date, e.source[0], e.plover, True)
        for e in x.events
        if e.date.date and not e.same_as
    ]
    pts += [
        (c.date.date, c.source[0] if c.source else "?", c.plover, False)
        for c in x.claims
        if c.date.date
    ]
    return [(d, a, p, f) for d, a, p, f in pts if d is not None]


def timeline_svg(x: Extraction) -> str:
    """The timeline as an ``<svg>`` element (empty string when nothing is dated)."""
    from detente.reports.svg import figure_svg, new_figure

    pts = _points(x)
    if not pts:
        return ""
    lanes = sorted({a for _, a, _, _ in pts})
    fig, ax = new_figure(7.5, 0.8 + 0.45 * len(lanes))
    for k, (d, actor, plover, filled) in enumerate(sorted(pts, key=lambda p: p[0])):
        colour = _COLOURS[QUAD.get(plover, "verbal conflict")]
        ax.scatter(
            [d],
            [lanes.index(actor)],
            s=60,
            marker="o",
            edgecolors=colour,
            facecolors=colour if filled else "none",
            zorder=3,
        )
        ax.annotate(
            plover,
            (d, lanes.index(actor)),
            textcoords="offset points",
            xytext=(0, 7 if k % 2 else -12),
            ha="center",
            fontsize=7,
        )
    for dl in x.deadlines:
        if dl.date.date:
            ax.axvline(dl.date.date, linestyle="--", color="#555555", linewidth=1)
    ax.axvline(x.pub_date, color="#999999", linewidth=1)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.7, len(lanes) - 0.3)
    ax.set_title(
        "events (filled), claims (hollow), deadlines (dashed), publication (solid)", fontsize=8
    )
    fig.autofmt_xdate()
    return str(figure_svg(fig))


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _rows(x: Extraction) -> dict[str, Any]:
    return {
        "events": [
            [
                _when(e.date),
                e.plover,
                e.mode,
                "+".join(e.source),
                "+".join(e.target),
                e.trigger,
                e.modality,
                f"{e.confidence:.2f}",
            ]
            for e in x.events
        ],
        "claims": [
            [_when(c.date), c.kind, c.plover, "+".join(c.source), c.trigger, c.reason]
            for c in x.claims
        ],
        "positions": [
            [p.kind, p.holder, p.target, p.issue, p.statement, p.condition] for p in x.positions
        ]
        + [["deadline", d.set_by, "", _when(d.date), d.description, ""] for d in x.deadlines]
        + [["red line", r.holder, "", "", r.description, ""] for r in x.red_lines],
    }


def section(extraction: Extraction) -> str:
    """HTML fragment: heading, timeline SVG, and tables of events, claims and positions."""
    rows = _rows(extraction)
    parts = [
        "<section class='events'><h2>Events and claims from the article</h2>",
        f"<p>Publication date {extraction.pub_date.isoformat()}; {len(extraction.events)} events,"
        f" {len(extraction.claims)} claims (hypothetical, negated or opinion: not events).</p>",
        timeline_svg(extraction),
        "<h3>Events (PLOVER)</h3>",
        _table(
            ["date", "type", "mode", "source", "target", "trigger", "modality", "conf."],
            rows["events"],
        ),
        "<h3>Claims</h3>",
        _table(["date", "kind", "type", "actor", "trigger", "why not an event"], rows["claims"]),
        "<h3>Positions, deadlines and red lines</h3>",
        _table(
            ["kind", "holder", "target", "issue / date", "statement", "condition"],
            rows["positions"],
        ),
        "</section>",
    ]
    return "\n".join(parts)
