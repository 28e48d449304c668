"""Turn per-issue round states into :class:`~detente.result.Round` objects with plain JSON data.

Per round, ``Round.extra`` holds:

- ``risk``: ``{actor: [r_i per issue]}`` (null for an issue that had stopped);
- ``offers`` (unless ``record="moves"``): one entry per ordered pair where the sender's own EU
  exceeds ``eps`` or the receiver's classification makes it move: ``{"issue", "from", "to",
  "eu", "kind", "position", "accepted"}``; ``kind`` is conflict / compromise / capitulation, or
  null when the receiver rejects; ``position`` is where the receiver would move;
- ``accepted``: one entry per actor that moved: ``{"issue", "actor", "from", "kind", "old",
  "new", "move"}``;
- ``saliences``: ``{actor: [0–100 per issue]}`` when salience shocks are on.

``Round.extra`` is a :class:`RoundExtra`, a read-only mapping that keeps the round states and
builds the offer list (about n²/2 dicts) on first access, e.g. by ``Result.to_dict``; the
values it hands out, and so the JSON, are the same plain data as an eager dict would hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from detente.models.bdm.bargain import KINDS
from detente.models.bdm.engine import IssueRun, RoundState
from detente.models.bdm.params import BDMParams
from detente.result import Round

__all__ = ["RoundExtra", "build_rounds", "offers", "stop_report"]

_LABELS = np.array([None, *KINDS.values()], dtype=object)  # kind code → label
_PENDING = object()  # placeholder for the offer list until it is first read


def offers(state: RoundState, ids: Sequence[str], issue: str, eps: float) -> list[dict[str, Any]]:
    """The offers of one round on one issue (see the module docstring), receiver-major.

    Every column is built by NumPy (object arrays for the labels and the ``None`` positions), so
    the only per-offer Python work is creating the dict.
    """
    recv, send = np.nonzero(np.greater(state.eu.T, eps) | (state.kind > 0))  # [receiver, sender]
    names = np.asarray(ids, dtype=object)
    kind = state.kind[recv, send]
    moved = kind > 0
    pos = np.full(len(kind), None, dtype=object)
    pos[moved] = state.new[recv[moved], send[moved]]
    columns = (
        names[send].tolist(),
        names[recv].tolist(),
        state.eu[send, recv].tolist(),
        _LABELS[kind].tolist(),
        pos.tolist(),
        (state.choice[recv] == send).tolist(),
    )
    return [
        {"issue": issue, "from": f, "to": r, "eu": e, "kind": k, "position": p, "accepted": a}
        for f, r, e, k, p, a in zip(*columns, strict=True)
    ]


class RoundExtra(Mapping[str, Any]):
    """``Round.extra`` of a BDM round: plain data, the ``offers`` list built on first access.

    Parameters
    ----------
    data
        The eager entries in JSON key order; ``offers`` (if recorded) holds a placeholder.
    sources
        ``(state, issue)`` per issue that played this round, whose offers make up the list.
    ids, eps
        Actor ids in order and the offer threshold.
    """

    __slots__ = ("_data", "_eps", "_ids", "_sources")

    def __init__(
        self,
        data: dict[str, Any],
        sources: Sequence[tuple[RoundState, str]] = (),
        ids: Sequence[str] = (),
        eps: float = 0.0,
    ) -> None:
        self._data, self._sources, self._ids, self._eps = data, tuple(sources), tuple(ids), eps

    def __getitem__(self, key: str) -> Any:
        value = self._data[key]
        if value is _PENDING:
            value = []
            for state, issue in self._sources:
                value += offers(state, self._ids, issue, self._eps)
            self._data[key] = value
            self._sources = ()
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"RoundExtra(keys={list(self._data)})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (and deep-copy) as the built plain data: the placeholder is process-local."""
        return (RoundExtra, ({key: self[key] for key in self._data},))


def accepted(state: RoundState, ids: Sequence[str], issue: str) -> list[dict[str, Any]]:
    """The accepted offers (one per mover) of one round on one issue."""
    out = []
    for i in np.flatnonzero(state.choice >= 0).tolist():
        j = int(state.choice[i])
        old, new = float(state.x_start[i]), float(state.x[i])
        out.append(
            {
                "issue": issue,
                "actor": ids[i],
                "from": ids[j],
                "kind": KINDS[int(state.kind[i, j])],
                "old": old,
                "new": new,
                "move": new - old,
            }
        )
    return out


def _round(
    t: int, runs: Sequence[IssueRun], ids: Sequence[str], issues: Sequence[str], params: BDMParams
) -> Round:
    states = [run.rounds[t - 1] if t <= len(run.rounds) else None for run in runs]
    last = [run.rounds[-1].x if run.rounds else run.x0 for run in runs]
    xs = [st.x if st else x for st, x in zip(states, last, strict=True)]
    med = [st.median if st else _final(run)[0] for st, run in zip(states, runs, strict=True)]
    mean = [st.mean if st else _final(run)[1] for st, run in zip(states, runs, strict=True)]
    risk = {a: [float(st.r[i]) if st else None for st in states] for i, a in enumerate(ids)}
    played = [(st, issue) for st, issue in zip(states, issues, strict=True) if st is not None]
    extra: dict[str, Any] = {
        "risk": risk,
        "accepted": [m for st, issue in played for m in accepted(st, ids, issue)],
    }
    if params.record == "offers":
        extra["offers"] = _PENDING
    if params.salience_shock > 0:
        extra["saliences"] = {
            a: [100.0 * float(st.s[i]) if st else None for st in states] for i, a in enumerate(ids)
        }
    positions = tuple(tuple(float(x[i]) for x in xs) for i in range(len(ids)))
    sources = played if params.record == "offers" else ()
    return Round(
        index=t,
        positions=positions,
        median=tuple(med),
        mean=tuple(mean),
        extra=RoundExtra(extra, sources, ids, params.eps),
    )


def _final(run: IssueRun) -> tuple[float, float]:
    if run.rounds:
        return run.rounds[-1].median, run.rounds[-1].mean
    return run.median0, run.mean0


def build_rounds(
    runs: Sequence[IssueRun], ids: Sequence[str], issues: Sequence[str], params: BDMParams
) -> tuple[Round, ...]:
    """Round 0 (the input) and every played round; an issue that stopped early holds still."""
    n = len(ids)
    r0 = Round(
        index=0,
        positions=tuple(tuple(float(run.x0[i]) for run in runs) for i in range(n)),
        median=tuple(run.median0 for run in runs),
        mean=tuple(run.mean0 for run in runs),
    )
    total = max(len(run.rounds) for run in runs)
    return (r0, *(_round(t, runs, ids, issues, params) for t in range(1, total + 1)))


def stop_report(runs: Sequence[IssueRun], issues: Sequence[str]) -> dict[str, Any]:
    """Which stopping rule fired: overall (the longest-running issue) and per issue."""
    longest = max(range(len(runs)), key=lambda k: len(runs[k].rounds))
    return {
        "rule": runs[longest].stop,
        "rounds": len(runs[longest].rounds),
        "issues": {
            issue: {"rule": run.stop, "round": len(run.rounds)}
            for issue, run in zip(issues, runs, strict=True)
        },
    }
