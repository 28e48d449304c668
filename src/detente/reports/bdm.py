"""Report section for a BDM expected-utility result: the median per round and the offers.

:func:`section` returns an HTML fragment (no ``<html>``): a chart of the median (and mean) of every
issue per round, as inline SVG, a table of the accepted offers per round (who moved to whose
position, how, and by how much), and a table of every offer made, sender to receiver, with the
receiver's reading of it.  Long offer tables are cut at :data:`MAX_OFFER_ROWS` rows per round.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from detente.models.bdm.params import PRESET_NOTES, BDMParams, preset_name
from detente.reports.charts import rounds_chart
from detente.result import Result
from detente.scenario import Scenario

__all__ = ["MAX_OFFER_ROWS", "preset_note", "section"]

MAX_OFFER_ROWS = 60


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table class='bdm'><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        return f"{v + 0.0:.3f}"
    return str(v)


def _accepted_rows(rounds: Sequence[Any]) -> list[tuple[Any, ...]]:
    return [
        (r.index, m["issue"], m["from"], m["actor"], m["kind"], m["old"], m["new"], m["move"])
        for r in rounds
        for m in r.extra.get("accepted", [])
    ]


def _offer_tables(rounds: Sequence[Any]) -> str:
    parts = []
    for r in rounds:
        offers: list[Mapping[str, Any]] = r.extra.get("offers", [])
        if not offers:
            continue
        rows = [
            (
                o["issue"],
                o["from"],
                o["to"],
                o["eu"],
                o["kind"] or "rejected",
                o["position"],
                o["accepted"],
            )
            for o in offers[:MAX_OFFER_ROWS]
        ]
        more = len(offers) - len(rows)
        note = f"<p>… and {more} more offers (see the JSON output).</p>" if more > 0 else ""
        head = ("issue", "from", "to", "sender's EU", "receiver's reading", "moves to", "accepted")
        parts.append(
            f"<details><summary>Round {r.index}: all {len(offers)} offers</summary>"
            f"{_table(head, rows)}{note}</details>"
        )
    return "".join(parts)


def preset_note(params: Mapping[str, Any]) -> str:
    """Which BDM preset ran and what it is known to do, as an HTML paragraph."""
    known = BDMParams.__dataclass_fields__
    name = preset_name(BDMParams(**{k: v for k, v in params.items() if k in known}))
    if name is None:
        return (
            "<p class='preset'><b>Preset:</b> none: a mix of the <code>scholz-code</code> and "
            "<code>canonical</code> choices, checked against no published table.</p>"
        )
    return (
        f"<p class='preset'><b>Preset:</b> <code>{html.escape(name)}</code>: "
        f"{html.escape(PRESET_NOTES[name])}.</p>"
    )


def section(result: Result, scenario: Scenario) -> str:
    """The BDM section of the scenario report, as an HTML fragment."""
    rounds = result.rounds[1:]
    stop = result.extra.get("stop", {})
    params = result.provenance.params
    intro = (
        f"<p>Bueno de Mesquita's expected-utility model ({html.escape(str(len(rounds)))} rounds; "
        f"stopping rule that fired: {html.escape(str(stop.get('rule', '?')))}; "
        f"Q = {html.escape(str(params.get('Q')))}, P rule {html.escape(str(params.get('p_rule')))}"
        "). Each round every actor accepts at most one offer; the median of the new positions is "
        "the round's forecast [Scholz2011].</p>" + preset_note(params)
    )
    forecast = ", ".join(
        f"{html.escape(i.id)}: {v:.2f}"
        for i, v in zip(scenario.issues, result.forecast, strict=True)
    )
    accepted = _accepted_rows(rounds)
    head = ("round", "issue", "offer from", "accepted by", "kind", "old", "new", "move")
    moves = _table(head, accepted) if accepted else "<p>Nobody moved.</p>"
    return (
        "<section class='model bdm'><h3>BDM expected-utility model</h3>"
        f"{intro}<p>Forecast (final median): {forecast}</p>"
        f"<figure>{rounds_chart(result)}<figcaption>Median (solid) and mean (dashed) "
        "per round</figcaption></figure>"
        f"<details><summary><b>Accepted offers: who moved to whose position</b></summary>"
        f"{moves}</details>"
        f"<h4>Every offer, round by round</h4>{_offer_tables(rounds)}</section>"
    )
