"""Comparative statics: equilibrium and QRE outcome probabilities across one parameter.

For each value ``x_k = lo + k (hi − lo) / (n − 1)`` the game is rebuilt and solved twice: by the
equilibrium method (``auto``: subgame-perfect if perfect information, else pure perfect
Bayesian) and by agent logit QRE at ``lam``.  Each row records the outcome probabilities of every
equilibrium found, their mean (None if none exists), and the QRE's outcome and action
probabilities (the probability that each action is played, summed over information sets).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.games.precision import DEFAULT_LAMBDA
from detente.games.solving import load_game, solve
from detente.params import ParamError
from detente.result import Provenance, dumps_json, provenance
from detente.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MAX_POINTS", "Sweep", "SweepRow", "grid", "sweep"]


@dataclass(frozen=True, slots=True)
class SweepRow:
    """Results at one parameter value."""

    value: float
    equilibria: tuple[Mapping[str, float], ...]
    mean_equilibrium: Mapping[str, float] | None
    qre: Mapping[str, float]
    qre_actions: Mapping[str, Mapping[str, float]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Sweep:
    """A parameter sweep of one game, with the settings that produced it."""

    game: str
    param: str
    method: str
    lam: float
    params: Mapping[str, Any]
    rows: tuple[SweepRow, ...] = field(default_factory=tuple)
    provenance: Provenance | None = None

    def __repr__(self) -> str:
        span = f"{self.rows[0].value:g} to {self.rows[-1].value:g}" if self.rows else "no values"
        return (
            f"Sweep({self.game!r}: {self.param} over {len(self.rows)} values, {span}; "
            f"method {self.method}, lambda {self.lam:g})"
        )

    def outcomes(self) -> list[str]:
        """Outcome labels in order of first appearance."""
        seen: dict[str, None] = {}
        for r in self.rows:
            seen.update(dict.fromkeys(r.qre))
        return list(seen)

    def to_frame(self) -> pd.DataFrame:
        """A pandas table with one row per value of the swept parameter.

        Columns: the number of equilibria, then ``qre <outcome>`` and ``eq <outcome>`` (the mean
        over the equilibria; NaN where none exists) for each outcome.
        """
        import pandas as pd

        records = []
        for r in self.rows:
            rec: dict[str, float] = {self.param: r.value, "equilibria": len(r.equilibria)}
            for o in self.outcomes():
                rec[f"qre {o}"] = r.qre.get(o, 0.0)
                mean = r.mean_equilibrium
                rec[f"eq {o}"] = math.nan if mean is None else mean.get(o, 0.0)
            records.append(rec)
        return pd.DataFrame.from_records(records).set_index(self.param)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (with the provenance keys when known).

        ``params`` is the provenance's record when there is one: the fixed parameters and also
        the swept one, its values, the method and λ, so that a store comparing two sweeps sees a
        change of λ (it used to be replaced by the fixed parameters alone).
        """
        head = {} if self.provenance is None else self.provenance.to_dict()
        return {
            **head,
            "game": self.game,
            "param": self.param,
            "method": self.method,
            "lambda": self.lam,
            "params": head.get("params", dict(self.params)),
            "rows": [
                {
                    "value": r.value,
                    "equilibria": [dict(e) for e in r.equilibria],
                    "mean_equilibrium": None
                    if r.mean_equilibrium is None
                    else dict(r.mean_equilibrium),
                    "qre": dict(r.qre),
                    "qre_actions": {k: dict(v) for k, v in r.qre_actions.items()},
                }
                for r in self.rows
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """JSON text of :meth:`to_dict` (through :func:`detente.result.dumps_json`)."""
        return dumps_json(self.to_dict(), indent)


MAX_POINTS = 1000
"""Most values a sweep may take (each is one solve)."""


def grid(lo: float, hi: float, n: int) -> list[float]:
    """``n`` evenly spaced values from ``lo`` to ``hi`` (both included): a sweep's values.

    Raises :class:`~detente.params.ParamError` (name ``n`` or ``lo``/``hi``) for a count outside
    1 … :data:`MAX_POINTS` or an end that is not a finite number.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_POINTS:
        raise ParamError(f"a sweep takes 1 to {MAX_POINTS} values", name="n", value=n)
    for name, end in (("lo", lo), ("hi", hi)):
        if not math.isfinite(end):
            raise ParamError("must be a finite number", name=name, value=end)
    return [float(x) for x in np.linspace(lo, hi, n)]


def _mean(eqs: Sequence[Mapping[str, float]]) -> dict[str, float] | None:
    if not eqs:
        return None
    return {k: float(np.mean([e.get(k, 0.0) for e in eqs])) for k in eqs[0]}


def sweep(
    game: str,
    param: str,
    values: list[float],
    *,
    method: str = "auto",
    lam: float = DEFAULT_LAMBDA,
    base: Mapping[str, Any] | None = None,
    scenario: Scenario | None = None,
) -> Sweep:
    """Solve catalog game ``game`` at each value of ``param`` (other values from ``base``).

    ``values`` are Python numbers, e.g. from :func:`grid`; at most :data:`MAX_POINTS` of them.
    """
    if not 1 <= len(values) <= MAX_POINTS:
        raise ParamError(f"a sweep takes 1 to {MAX_POINTS} values", name=param, value=len(values))
    rows = []
    fixed: dict[str, Any] = {}
    for x in values:
        loaded = load_game(game, {**(base or {}), param: x}, scenario)
        fixed = dict(loaded.params)
        eq = solve(loaded, method)
        q = solve(loaded, "qre", lam).equilibria[0]
        outs = [dict(e.outcome_probabilities) for e in eq.equilibria]
        rows.append(
            SweepRow(
                x,
                tuple(outs),
                _mean(outs),
                dict(q.outcome_probabilities),
                {p: dict(a) for p, a in q.action_probabilities.items()},
            )
        )
    fixed.pop(param, None)
    record = {**fixed, "param": param, "values": list(values), "method": method, "lambda": lam}
    prov = provenance(f"game-sweep:{game}", record, scenario)
    return Sweep(
        game=game,
        param=param,
        method=method,
        lam=lam,
        params=fixed,
        rows=tuple(rows),
        provenance=prov,
    )
