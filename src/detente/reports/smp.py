"""Report section for a KTAB SMP result: trajectories per issue and win probabilities per turn.

:func:`section` returns an HTML fragment (no ``<html>``): the run's parameters and stop, one
inline-SVG chart per issue with every actor's position per turn, a chart of each actor's win
probability per turn, and a table of the final state (position, win probability, risk attitude,
bargains adopted).  Charts label actors in a legend up to :data:`MAX_LEGEND` actors.
"""

from __future__ import annotations

import html

from detente import plot
from detente.plot import MAX_LEGEND
from detente.reports.svg import figure_svg
from detente.result import Result
from detente.scenario import Scenario

__all__ = ["MAX_LEGEND", "section", "trajectory_chart", "win_chart"]


def trajectory_chart(result: Result, scenario: Scenario, k: int) -> str:
    """SVG chart of every actor's position on issue ``k`` per turn (ideals dotted where apart)."""
    return figure_svg(plot.trajectories(result, scenario, k, step="turn"))


def win_chart(result: Result) -> str:
    """SVG chart of each actor's probability that its position wins, per turn."""
    return figure_svg(plot.win_probabilities(result, step="turn"))


def _final_table(result: Result, scenario: Scenario) -> str:
    last = result.rounds[-1]
    adopted = dict.fromkeys(result.actors, 0)
    for r in result.rounds[1:]:
        for a, c in r.extra.get("chosen_bargain", {}).items():
            adopted[a] += c is not None
    win = last.extra.get("win_probability", {})
    risk = last.extra.get("risk_attitude", {})
    order = sorted(range(len(result.actors)), key=lambda n: -win.get(result.actors[n], 0.0))
    head = ["actor", *(i.id for i in scenario.issues), "win prob.", "risk R", "bargains adopted"]
    rows = []
    for n in order:
        a = result.actors[n]
        cells = [a, *(f"{v:.2f}" for v in last.positions[n])]
        cells += [
            f"{win.get(a, float('nan')):.4f}",
            f"{risk.get(a, float('nan')):+.3f}",
            str(adopted[a]),
        ]
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    return f"<table class='smp'><thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _dotted(result: Result, k: int) -> str:
    """The caption's key to the dotted lines, only where the chart draws some."""
    lagging = plot.lagging_ideals(result, k)
    if not lagging:
        return ""
    return f" (dotted: the ideals of {html.escape(', '.join(lagging))}, where they lag)"


def section(result: Result, scenario: Scenario) -> str:
    """The SMP section of the scenario report, as an HTML fragment."""
    p = result.provenance.params
    keys = (
        "voting_rule",
        "victory_prob_model",
        "pce_model",
        "state_transitions",
        "big_r_range",
        "big_r_adjust",
        "third_party_commit",
        "inter_vec_brgn",
        "bargn_model",
    )
    settings = ", ".join(f"{k} = {p.get(k)}" for k in keys)
    forecast = ", ".join(
        f"{i.id}: {v:.2f}" for i, v in zip(scenario.issues, result.forecast, strict=True)
    )
    run_text = (
        f"KTAB's Spatial Model of Politics [KTAB] ran {result.extra.get('turns')} turns "
        f"(stopped by: {result.extra.get('stopped_by')}). Each turn every actor challenges the "
        "actor it expects most gain from and proposes a compromise; every actor adopts the "
        f"bargain its queue's vote makes most likely. Settings: {settings}."
    )
    intro = (
        f"<p>{html.escape(run_text)}</p><p>Forecast (win-probability weighted final positions): "
        f"{html.escape(forecast)}</p>"
    )
    charts = "".join(
        f"<figure>{trajectory_chart(result, scenario, k)}<figcaption>Positions on "
        f"{html.escape(issue.id)} per turn{_dotted(result, k)}</figcaption></figure>"
        for k, issue in enumerate(scenario.issues)
    )
    return (
        "<section class='model smp'><h3>Spatial Model of Politics (KTAB)</h3>"
        f"{intro}{charts}<figure>{win_chart(result)}<figcaption>Probability that each "
        "actor's position wins, per turn</figcaption></figure>"
        f"<h4>Final state</h4>{_final_table(result, scenario)}</section>"
    )
