"""The backtest report: one self-contained HTML page (inline SVG charts, no scripts, no network).

Sections: the score table with the paired comparison against the compromise model, a chart of
those differences with their 95% intervals, the error distribution of each model, calibration
(binned forecasts against real outcomes, and interval coverage when ``--draws`` gave intervals),
the per-period and per-split tables, the worst-missed issues with their inputs, and every issue
or forecast left out with its reason.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

import numpy as np

from detente.backtest import Backtest
from detente.reports.html import render_page
from detente.reports.svg import figure_svg, new_figure

__all__ = ["render_backtest"]

_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
_WORST = 12
_COLUMNS = (
    "model",
    "n",
    "MAE",
    "median AE",
    "RMSE",
    "≤ 5",
    "≤ 10",
    "vs mean",
    "95% interval",
    "cov. 50%",
    "cov. 80%",
)


def _f(v: Any, spec: str = ".2f") -> str:
    return "–" if v is None else format(v, spec)


def _table(head: tuple[str, ...] | list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _score_rows(models: dict[str, Any]) -> list[list[str]]:
    rows = []
    for name, m in models.items():
        vs = m["vs_mean"] or {"diff": None, "ci95": [None, None]}
        rows.append(
            [
                html.escape(name),
                str(m["n"]),
                _f(m["mae"]),
                _f(m["median_ae"]),
                _f(m["rmse"]),
                _f(m["within_5"], ".0%"),
                _f(m["within_10"], ".0%"),
                _f(vs["diff"], "+.2f"),
                f"[{_f(vs['ci95'][0], '+.2f')}, {_f(vs['ci95'][1], '+.2f')}]",
                _f(m["coverage_50"], ".0%"),
                _f(m["coverage_80"], ".0%"),
            ]
        )
    return rows


def _diff_chart(models: dict[str, Any]) -> str:
    names = [n for n, m in models.items() if m["vs_mean"] and m["vs_mean"]["diff"] is not None]
    fig, ax = new_figure(6.5, 0.6 + 0.35 * len(names))
    for y, name in enumerate(names):
        vs = models[name]["vs_mean"]
        lo, hi = vs["ci95"]
        ax.plot([lo, hi], [y, y], color="#555", lw=2)
        ax.plot(vs["diff"], y, "o", color=_COLOURS[y % len(_COLOURS)])
    ax.axvline(0, color="#888", ls=":")
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("mean |error| − compromise model's (points; < 0 is better), 95% interval")
    return figure_svg(fig)


def _error_chart(bt: Backtest) -> str:
    y = bt.outcomes()
    fig, ax = new_figure(6.5, 3.2)
    grid = np.linspace(0, 100, 201)
    for j, label in enumerate(bt.labels):
        e = np.abs(bt.forecasts[j] - y)
        e = np.sort(e[~np.isnan(e)])
        if e.size:
            share = np.searchsorted(e, grid, side="right") / e.size
            ax.plot(grid, share, color=_COLOURS[j % len(_COLOURS)], lw=1.5, label=label)
    ax.set(xlabel="absolute error (points on the 0–100 scale)", ylabel="share of issues ≤ error")
    ax.set_ylim(0, 1.01)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    return figure_svg(fig)


def _calibration_chart(bt: Backtest) -> str:
    y = bt.outcomes()
    edges = np.linspace(0, 100, 6)
    fig, ax = new_figure(6.5, 3.2)
    ax.plot([0, 100], [0, 100], color="#888", ls=":", lw=1)
    for j, label in enumerate(bt.labels):
        f = bt.forecasts[j]
        ok = ~np.isnan(f)
        which = np.clip(np.digitize(f[ok], edges[1:-1]), 0, len(edges) - 2)
        xs, ys = [], []
        for b in range(len(edges) - 1):
            if (which == b).sum() >= 5:
                xs.append(float(f[ok][which == b].mean()))
                ys.append(float(y[ok][which == b].mean()))
        ax.plot(xs, ys, "-o", ms=3, color=_COLOURS[j % len(_COLOURS)], label=label)
    ax.set(xlabel="forecast (bin mean, bins of 20 points)", ylabel="mean real outcome")
    return _percent_square(fig, ax)


def _percent_square(fig: Any, ax: Any) -> str:
    """Both axes 0–100, a light grid and the legend: the chart as SVG."""
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper left")
    return figure_svg(fig)


def _coverage_chart(models: dict[str, Any]) -> str:
    fig, ax = new_figure(4.5, 3.2)
    ax.plot([0, 100], [0, 100], color="#888", ls=":", lw=1)
    for j, (name, m) in enumerate(models.items()):
        if m["coverage_50"] is not None:
            pts = [100 * m["coverage_50"], 100 * m["coverage_80"]]
            ax.plot([50, 80], pts, "-o", color=_COLOURS[j % len(_COLOURS)], label=name)
    ax.set(xlabel="nominal interval (%)", ylabel="real outcomes inside (%)")
    return _percent_square(fig, ax)


def _group_table(groups: dict[str, Any]) -> str:
    blocks = []
    for name, g in groups.items():
        rows = _score_rows(g["models"])
        blocks.append(
            f"<h3>{html.escape(name)} ({g['n_issues']} issues)</h3>" + _table(_COLUMNS, rows)
        )
    return "".join(blocks)


def _inputs(bt: Backtest, k: int) -> str:
    issue = bt.issues[k]
    parts = [
        f"{a} {p:g}/{'–' if s is None else format(s, 'g')}"
        for a, p, s in zip(issue.actors, issue.positions, issue.saliences, strict=True)
    ]
    return html.escape(", ".join(parts))


def _worst(bt: Backtest) -> str:
    err = np.abs(bt.forecasts - bt.outcomes()[None, :])
    order = np.argsort(-np.nanmean(err, axis=0), kind="stable")[:_WORST]
    head = [
        "issue",
        "period",
        "rule",
        "outcome",
        "reference point",
        *bt.labels,
        "inputs: actor position/salience",
    ]
    rows = []
    for k in order:
        i = bt.issues[k]
        fc = [_f(None if np.isnan(v) else float(v), ".1f") for v in bt.forecasts[:, k]]
        rule = f"{i.council_rule}, {i.procedure}"
        rows.append(
            [
                html.escape(i.isnr),
                i.period,
                rule,
                _f(i.outcome, "g"),
                _f(i.reference_point, "g"),
                *fc,
                _inputs(bt, int(k)),
            ]
        )
    return _table(head, rows)


def _left_out(bt: Backtest) -> str:
    items = [f"<li>{html.escape(i)}: {html.escape(r)}</li>" for i, _, r in bt.unscored]
    text = f"<p>Issues of the split not scored: {len(bt.unscored)}.</p><ul>{''.join(items)}</ul>"
    reasons = Counter((m, r.split(";")[0]) for m, _, r in bt.missing)
    lines = [
        f"<li>{html.escape(m)}: {n} issue(s): {html.escape(r)}</li>"
        for (m, r), n in reasons.items()
    ]
    if lines:
        text += f"<p>Issues a model could not forecast:</p><ul>{''.join(lines)}</ul>"
    return text


def render_backtest(bt: Backtest) -> str:
    """The whole report page for ``bt``."""
    d = bt.to_dict()
    coverage = (
        _coverage_chart(d["models"]) + f"<p>Input noise: {html.escape(str(bt.noise))}</p>"
        if bt.intervals is not None
        else "<p>No interval forecasts: the backtest drew no inputs, so their coverage is not "
        "measured. Give it a number of draws to see it.</p>"
    )
    p = bt.provenance
    body = "".join(
        [
            "<h2>Scores</h2>",
            _table(_COLUMNS, _score_rows(d["models"])),
            "<p>vs mean: mean of |model error| − |compromise model error| over the issues both "
            "forecast, with a paired bootstrap 95% interval (10,000 resamples).</p>",
            _diff_chart(d["models"]),
            "<h2>Error distributions</h2>",
            _error_chart(bt),
            "<h2>Calibration</h2>",
            _calibration_chart(bt),
            coverage,
            "<h2>By period</h2>",
            _group_table(d["by_period"]),
            "<h2>By split</h2>",
            _group_table(d["by_split"]),
            f"<h2>The {_WORST} worst-missed issues</h2>",
            _worst(bt),
            "<h2>Left out</h2>",
            _left_out(bt),
            f"<h2>Provenance</h2><p>seed {p.seed}; data sha256 {p.scenario_sha256[:16]}…; "
            f"detente {html.escape(p.version)}</p>",
        ]
    )
    title = f"Backtest on DEU III: {bt.split} split, {len(bt.issues)} issues"
    return render_page(title, f"{bt.capability} capability; data doi:10.34810/data53", body)
