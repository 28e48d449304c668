"""Tables for notebooks: scenarios and results as pandas DataFrames, plus short HTML tables.

Every frame is *tidy*: one row per observation, ids as columns, so that ``pivot``, ``groupby`` and
plotting libraries take it as it is.

- :func:`scenario_frame`: one row per actor and issue (capability, position, salience).
- :func:`result_frame`: a result's trace, by ``what``:

  - ``"positions"`` (default): round, actor, issue, position;
  - ``"rounds"``: round, issue, median, mean;
  - a key of the rounds' ``extra`` whose value is a list of records (BDM ``offers`` and
    ``accepted``, SMP ``bargains``): one row per record, with its round;
  - a key whose value maps actors to a number (SMP ``win_probability``, ``risk_attitude``) or to
    one number per issue (BDM ``risk``, SMP ``ideals``): round, actor, [issue,] value.

pandas is imported when a frame is built.  :func:`scenario_html` and :func:`result_html` are the
small tables a notebook shows for a Scenario or a Result, :func:`sweep_html` for a sweep's
summary (no pandas needed).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from detente.result import Result
    from detente.scenario import Scenario

__all__ = [
    "result_frame",
    "result_html",
    "scenario_frame",
    "scenario_html",
    "sweep_html",
    "trace_keys",
]


def _frame(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(columns) if columns is not None else None)


def scenario_frame(scenario: Scenario) -> pd.DataFrame:
    """One row per actor and issue: actor, name, capability, issue, position, salience."""
    rows = (
        {
            "actor": a.id,
            "name": a.name,
            "capability": a.capability,
            "issue": st.issue,
            "position": st.position,
            "salience": st.salience,
        }
        for a in scenario.actors
        for st in a.stances
    )
    return _frame(rows, ("actor", "name", "capability", "issue", "position", "salience"))


def trace_keys(result: Result) -> tuple[str, ...]:
    """The values ``what`` may take for :func:`result_frame` on ``result``."""
    extra = {k for r in result.rounds for k in r.extra}
    return ("positions", "rounds", *sorted(extra))


def _per_actor(result: Result, key: str) -> Iterable[dict[str, Any]]:
    for r in result.rounds:
        values = r.extra.get(key)
        if not isinstance(values, Mapping):
            continue
        for actor, v in values.items():
            if isinstance(v, (list, tuple)):
                for issue, x in zip(result.issues, v, strict=True):
                    yield {"round": r.index, "actor": actor, "issue": issue, key: x}
            else:
                yield {"round": r.index, "actor": actor, key: v}


def _records(result: Result, key: str) -> Iterable[dict[str, Any]]:
    for r in result.rounds:
        for record in r.extra.get(key) or ():
            yield {"round": r.index, **record}


def result_frame(result: Result, what: str = "positions") -> pd.DataFrame:
    """A result's trace as a tidy DataFrame (see the module docstring for ``what``)."""
    if what == "positions":
        rows = (
            {"round": r.index, "actor": a, "issue": i, "position": x}
            for r in result.rounds
            for a, xs in zip(result.actors, r.positions, strict=True)
            for i, x in zip(result.issues, xs, strict=True)
        )
        return _frame(rows, ("round", "actor", "issue", "position"))
    if what == "rounds":
        rows = (
            {"round": r.index, "issue": i, "median": m, "mean": u}
            for r in result.rounds
            for i, m, u in zip(result.issues, r.median, r.mean, strict=True)
        )
        return _frame(rows, ("round", "issue", "median", "mean"))
    sample = next((r.extra[what] for r in result.rounds if what in r.extra), None)
    if isinstance(sample, list):
        return _frame(_records(result, what))
    if isinstance(sample, Mapping):
        return _frame(_per_actor(result, what))
    known = ", ".join(trace_keys(result))
    raise KeyError(f"{result.model} results have no trace {what!r} (known: {known})")


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]], caption: str) -> str:
    cells = "".join(f"<th>{html.escape(str(h))}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{cells}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _fmt(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def scenario_html(scenario: Scenario) -> str:
    """Actors × issues: capability, then position (salience) on each issue."""
    head = ["actor", "capability", *scenario.issue_ids]
    rows = [
        [a.id, a.capability, *(f"{st.position:g} ({st.salience:g})" for st in a.stances)]
        for a in scenario.actors
    ]
    caption = f"{scenario.title} — position (salience) per issue"
    return _table(head, rows, caption)


def result_html(result: Result) -> str:
    """Per issue: round-0 median, round-0 mean and the forecast, with the provenance line."""
    first = result.rounds[0]
    rows = [
        [issue, round(first.median[k], 3), round(first.mean[k], 3), round(result.forecast[k], 3)]
        for k, issue in enumerate(result.issues)
    ]
    p = result.provenance
    caption = f"{p.model} on {p.scenario_id}: {len(result.rounds) - 1} rounds, seed {p.seed}"
    return _table(("issue", "round 0 median", "round 0 mean", "forecast"), rows, caption)


def sweep_html(summary: Mapping[str, Any]) -> str:
    """Per issue: the point forecast, the mean and the percentiles of a sweep's summary."""
    keys = ("point", "mean", "p5", "p25", "median", "p75", "p95")
    rows = [
        [i["id"], *(None if i[k] is None else round(i[k], 2) for k in keys)]
        for i in summary["issues"]
    ]
    caption = (
        f"{summary['model']} on {summary['scenario']['id']}: {summary['draws']} draws, "
        f"seed {summary['seed']}"
    )
    return _table(("issue", *keys), rows, caption)
