"""What the pages show of a stored run: its charts, its table, and a standalone copy.

Model runs are drawn with the HTML report's own chart (positions of the actors and the forecast
per issue, :func:`detente.reports.charts.issue_chart`); sweeps as a histogram of the forecast per
issue with its 90% band (5th–95th percentile, as the command line shows) over the actors'
positions.  Charts are inline SVG: no scripts, no network.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request

from detente.result import Result
from detente.scenario import Scenario
from detente.store import RunRecord, Store

__all__ = ["charts", "forecast_rows", "run_frame", "standalone_page", "warm"]


def _scenario_of(store: Store, rec: RunRecord) -> Scenario | None:
    return store.scenario(rec.scenario_sha256) if rec.scenario_sha256 else None


def charts(store: Store, rec: RunRecord) -> list[tuple[str, str]]:
    """``(title, svg)`` per issue for a model run or a sweep; none for other kinds.

    A stored run never changes, so its charts are drawn once per server and kept (the key
    includes the run's time of creation, in case a deleted run's id is used again).
    """
    key = (id(store), rec.id, rec.created_at)
    found = _CHARTS.get(key)
    if found is None:
        with _DRAWING:  # one drawing at a time; a page whose charts are drawn never waits
            found = _CHARTS.get(key)
            if found is None:
                found = tuple(_draw(store, rec))
                _CHARTS[key] = found
                while len(_CHARTS) > CACHE_SIZE:
                    _CHARTS.pop(next(iter(_CHARTS)))
    return list(found)


CACHE_SIZE = 256
"""Runs whose charts a server keeps drawn (oldest dropped first)."""
_CHARTS: dict[tuple[int, int, str], tuple[tuple[str, str], ...]] = {}
_DRAWING = threading.Lock()


def warm(store: Store, run_id: int) -> int:
    """Draw a new run's charts before anyone asks (a job calls this as it finishes)."""
    charts(store, store.get(run_id))
    return run_id


def _draw(store: Store, rec: RunRecord) -> list[tuple[str, str]]:
    scenario = _scenario_of(store, rec)
    if scenario is None or rec.result is None:
        return []
    if rec.kind == "run":
        from detente.reports.charts import issue_chart

        result = Result.from_dict(rec.result)
        return [
            (issue.label or issue.id, issue_chart(scenario, k, [result]))
            for k, issue in enumerate(scenario.issues)
        ]
    if rec.kind == "sweep":
        per_issue = {d["id"]: d for d in rec.result.get("issues", []) if isinstance(d, Mapping)}
        return [
            (issue.label or issue.id, _histogram(scenario, k, per_issue[issue.id]))
            for k, issue in enumerate(scenario.issues)
            if issue.id in per_issue
        ]
    return []


def _histogram(scenario: Scenario, k: int, stats: Mapping[str, Any]) -> str:
    """The forecast's distribution on issue ``k``: bars, the 90% band, the actors' positions."""
    from detente.reports.svg import figure_svg, new_figure

    issue = scenario.issues[k]
    fig, ax = new_figure(7.0, 2.6)
    edges, counts = stats["histogram"]["edges"], stats["histogram"]["counts"]
    widths = [b - a for a, b in itertools.pairwise(edges)]
    ax.bar(edges[:-1], counts, width=widths, align="edge", color="#8fb3d9", edgecolor="white")
    low, high = (stats.get(k) for k in _band_keys())
    if low is not None and high is not None:
        ax.axvspan(low, high, color="#f2c14e", alpha=0.25, label=band_label())
    if stats.get("median") is not None:
        ax.axvline(stats["median"], color="#1f4e79", lw=2, label=f"median {stats['median']:.1f}")
    top = max(counts) if counts else 1
    at = [actor.stances[k].position for actor in scenario.actors]
    for x in sorted(set(at)):  # actors at one position share a label, not a smudge of several
        who = "/".join(a.id for a, p in zip(scenario.actors, at, strict=True) if p == x)
        ax.plot([x], [top * 1.05], marker="v", color="#555", ms=6)
        ax.annotate(who, (x, top * 1.08), fontsize=7, ha="center", rotation=60)
    ax.set_xlim(issue.low, issue.high)
    ax.set_ylim(0, top * 1.45 + 1)
    ax.set_xlabel(f"{issue.label or issue.id} (forecast over draws)")
    ax.set_ylabel("draws")
    ax.legend(loc="center left", fontsize=8, frameon=False)
    return figure_svg(fig)


def _band_keys() -> tuple[str, str]:
    """The summary keys of a sweep's band (``p5``, ``p95``)."""
    from detente.experiments.result import BAND

    return f"p{BAND[0]}", f"p{BAND[1]}"


def band_label(*, long: bool = False) -> str:
    """``90% band`` (long: ``90% band (5th–95th percentile)``), as the page and charts name it."""
    from detente.experiments.result import BAND

    lo, hi = BAND
    return f"{hi - lo}% band" + (f" ({lo}th–{hi}th percentile)" if long else "")


def forecast_rows(rec: RunRecord) -> list[dict[str, Any]]:
    """Rows ``{issue, value, low, high}`` for the results table (band only for sweeps).

    A sweep's value is its median (the forecast at the scenario's values is a model run's); an
    outlook has no issue rows (its probabilities have their own table).
    """
    if rec.kind == "outlook":
        return []
    if rec.kind == "sweep" and rec.result is not None:
        lo, hi = _band_keys()
        return [
            {"issue": d["id"], "value": d.get("median"), "low": d.get(lo), "high": d.get(hi)}
            for d in rec.result.get("issues", [])
            if isinstance(d, Mapping)
        ]
    return [
        {"issue": k, "value": v, "low": None, "high": None} for k, v in (rec.summary or {}).items()
    ]


def run_frame(rec: RunRecord) -> Any:
    """A table of the run: its per-draw rows where it has them, else one row per issue."""
    import pandas as pd

    for art in rec.artifacts:
        if art.name == "draws" and art.path.is_file():
            return pd.read_parquet(art.path)
    return pd.DataFrame(forecast_rows(rec))


def standalone_page(request: Request, rec: RunRecord) -> str:
    """The results page as one self-contained HTML file (styles inline, no scripts)."""
    from detente.web.pages import run_context

    css = (Path(__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
    context = run_context(request, rec) | {"standalone": True, "css": css}
    html: str = request.app.state.templates.get_template("run.html.j2").render(
        request=request, **context
    )
    return html
