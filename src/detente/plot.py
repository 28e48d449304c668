"""Charts of scenarios and results as matplotlib figures, for notebooks and for the HTML report.

Each function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global state;
a notebook shows it inline, :func:`detente.reports.svg.figure_svg` inlines it in a report)::

    import detente, detente.plot
    s = detente.load_scenario("korea-2019-12")
    r = detente.run(s, "bdm")
    detente.plot.positions(s, "us_posture", [r])   # actors on one issue, with the forecasts
    detente.plot.rounds(r)                         # median and mean per round, every issue
    detente.plot.trajectories(r, s, 0)             # every actor's position per round
    detente.plot.win_probabilities(smp_result)     # SMP: each actor's chance to win per turn

matplotlib is imported when a chart is drawn, not when this module is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from detente.result import Result
from detente.scenario import Scenario

__all__ = ["MAX_LEGEND", "new_figure", "positions", "rounds", "trajectories", "win_probabilities"]

MAX_LEGEND = 16
"""Charts with more actors than this leave the legend out."""

_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def new_figure(width: float = 7.5, height: float = 3.0) -> tuple[Any, Any]:
    """A (figure, axes) pair on the Agg backend, without touching pyplot's global state."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _issue_index(scenario: Scenario, issue: int | str) -> int:
    return issue if isinstance(issue, int) else scenario.issue_ids.index(issue)


def _legend(ax: Any, n: int = 0) -> None:
    if n <= MAX_LEGEND:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def _actor_colors(n: int) -> list[Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab20" if n > 10 else "tab10"]
    return [cmap(i % cmap.N) for i in range(n)]


def positions(scenario: Scenario, issue: int | str = 0, results: Sequence[Result] = ()) -> Any:
    """Actors' positions on one issue (dot area ∝ capability × salience) and each forecast."""
    k = _issue_index(scenario, issue)
    spec = scenario.issues[k]
    x = scenario.positions()[:, k]
    w = scenario.capabilities() * scenario.saliences()[:, k]
    order = np.argsort(x, kind="stable")
    fig, ax = new_figure(7.5, 0.5 + 0.28 * len(order))
    size = 30 + 400 * w[order] / max(float(w.max()), 1e-12)
    ax.scatter(x[order], range(len(order)), s=size, color="#555", alpha=0.55, zorder=3)
    ax.set_yticks(range(len(order)), [scenario.actors[i].id for i in order], fontsize=8)
    if spec.status_quo is not None:
        ax.axvline(spec.status_quo, color="#888", ls=":", lw=1.5, label="status quo")
    for j, res in enumerate(results):
        # a forecast on an earlier one (within half a percent of the scale: the line's width) is
        # dashed over it, so both colours show
        at = float(res.forecast[k])
        near = [r for r in results[:j] if abs(r.forecast[k] - at) <= 0.005 * spec.range]
        style = (4 * len(near), (4, 4)) if near else "-"
        label = res.model
        if near:
            label += f" ({'=' if near[0].forecast[k] == at else '≈'} {near[0].model})"
        ax.axvline(at, color=_COLORS[j % len(_COLORS)], lw=2, ls=style, label=label)
    ax.set_xlim(spec.low - 0.03 * spec.range, spec.high + 0.03 * spec.range)
    low = f"{spec.low:g} = {spec.low_label or 'low'}"
    ax.set_xlabel(f"{low}   →   {spec.high:g} = {spec.high_label or 'high'}", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    _legend(ax)
    return fig


def rounds(result: Result) -> Any:
    """Median (solid) and mean (dashed) per round, one colour per issue."""
    fig, ax = new_figure(7.5, 3.0)
    index = [r.index for r in result.rounds]
    for k, issue in enumerate(result.issues):
        color = _COLORS[k % len(_COLORS)]
        median = [r.median[k] for r in result.rounds]
        ax.plot(index, median, "-o", ms=3, color=color, label=f"{issue} median")
        mean = [r.mean[k] for r in result.rounds]
        ax.plot(index, mean, "--", lw=1, color=color, label=f"{issue} mean")
    _axes(ax, "round", "position (issue scale)", index)
    _legend(ax)
    return fig


def _axes(ax: Any, xlabel: str, ylabel: str, index: Sequence[int]) -> None:
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(ylabel, fontsize=8)
    if len(index) <= 30:
        ax.set_xticks(index)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3)


def lagging_ideals(result: Result, k: int) -> dict[str, list[float]]:
    """Each actor's ideal on issue ``k`` per round, where it ever differs from its position.

    Only actors whose ideal lags (SMP's ``ideals``) are keys; the charts draw these dotted.
    """
    out: dict[str, list[float]] = {}
    for n, actor in enumerate(result.actors):
        x = [r.positions[n][k] for r in result.rounds]
        ideal = [r.extra.get("ideals", {}).get(actor, r.positions[n])[k] for r in result.rounds]
        if ideal != x:
            out[actor] = ideal
    return out


def trajectories(
    result: Result, scenario: Scenario, issue: int | str = 0, step: str = "round"
) -> Any:
    """Every actor's position on one issue per round (ideals dotted where they differ).

    ``step`` names the x axis's unit (SMP calls its rounds turns).
    """
    k = _issue_index(scenario, issue)
    spec = scenario.issues[k]
    fig, ax = new_figure(7.5, 3.2)
    index = [r.index for r in result.rounds]
    colors = _actor_colors(len(result.actors))
    lagging = lagging_ideals(result, k)
    for n, (actor, color) in enumerate(zip(result.actors, colors, strict=True)):
        x = [r.positions[n][k] for r in result.rounds]
        ax.plot(index, x, "-o", ms=2.5, lw=1.2, color=color, label=actor)
        if actor in lagging:
            ax.plot(index, lagging[actor], ":", lw=1, color=color)
    ax.set_ylim(spec.low - 0.03 * spec.range, spec.high + 0.03 * spec.range)
    ax.set_title(f"{spec.id}: {spec.label}", fontsize=9)
    _axes(ax, step, "position (issue scale)", index)
    _legend(ax, len(result.actors))
    return fig


def win_probabilities(result: Result, step: str = "round") -> Any:
    """Each actor's probability that its position wins, per round (SMP's ``win_probability``)."""
    fig, ax = new_figure(7.5, 3.0)
    index = [r.index for r in result.rounds]
    for actor, color in zip(result.actors, _actor_colors(len(result.actors)), strict=True):
        p = [r.extra.get("win_probability", {}).get(actor, float("nan")) for r in result.rounds]
        ax.plot(index, p, "-o", ms=2.5, lw=1.2, color=color, label=actor)
    ax.set_ylim(-0.02, 1.02)
    _axes(ax, step, "win probability", index)
    _legend(ax, len(result.actors))
    return fig
