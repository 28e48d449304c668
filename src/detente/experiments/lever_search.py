"""The lever search: forecasts along paths of one or two inputs, a grid, then bisection.

See :mod:`detente.experiments.lever_analysis` for what is searched and why; this module does it.
All paths of all candidate levers are evaluated together, one batch per grid or bisection step.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.experiments.draws import input_space, to_inputs
from detente.experiments.evaluate import forecast_batch
from detente.experiments.factors import Factor
from detente.experiments.lever_result import Lever
from detente.scenario import Scenario

__all__ = ["BISECT", "GRID", "Goal", "IssueForecast", "SearchPath", "candidates", "search_levers"]

_Array = NDArray[np.float64]

GRID = 65
"""Grid values of t per path (detente's choice: 64 steps)."""
BISECT = 12
"""Bisection steps after the grid: the resolution is the grid step / 4096."""


@dataclass(frozen=True, slots=True)
class SearchPath:
    """Factors moved together, each by t in its own direction (+1 or −1)."""

    fs: tuple[Factor, ...]
    signs: tuple[int, ...]

    @property
    def span(self) -> float:
        """The largest t worth trying: the widest limits among the factors."""
        return max(f.limit_high - f.limit_low for f in self.fs)

    def values(self, t: _Array) -> list[_Array]:
        """Each factor's values at ``t``, clipped to its limits."""
        return [
            np.clip(f.value + sg * t, f.limit_low, f.limit_high)
            for f, sg in zip(self.fs, self.signs, strict=True)
        ]


Candidate = tuple[tuple[Factor, ...], list[SearchPath]]
"""A lever to search: the factors it moves and the paths tried (one per direction)."""


class IssueForecast:
    """The forecast on one issue of one model, for paths at given t (one batch per call)."""

    def __init__(
        self, scenario: Scenario, model: str, params: Any, k: int, seed: int | None
    ) -> None:
        self.scenario, self.model, self.params, self.k, self.seed = scenario, model, params, k, seed
        self.value = input_space(scenario).value

    def __call__(self, paths: Sequence[SearchPath], t: _Array) -> _Array:
        """Forecasts ``(P, m)`` on path p at ``t[p]`` (shape ``(P, m)``)."""
        P, m = t.shape
        X = np.tile(self.value, (P * m, 1))
        for p, path in enumerate(paths):
            for f, v in zip(path.fs, path.values(t[p]), strict=True):
                X[p * m : (p + 1) * m, f.column] = v
        batch = to_inputs(self.scenario, X)
        out = forecast_batch(self.scenario, self.model, self.params, batch, seed=self.seed)
        return out[:, self.k].reshape(P, m)


def _brackets(F: _Array, goal: Goal) -> tuple[NDArray[np.intp], NDArray[np.bool_]]:
    """Per path, the first grid index that reaches the target (-1: none) and whether by crossing.

    The crossing is preferred when the forecast stays within the tolerance from where it first
    gets near the target up to where it crosses it, so a continuous forecast lands on the target.
    """
    G = F.shape[1]
    near = goal.near(F)
    crossed = np.sign(F - goal.target) != np.sign(F[:, :1] - goal.target)
    n = np.where(near.any(axis=1), near.argmax(axis=1), G)
    c = np.where(crossed.any(axis=1), crossed.argmax(axis=1), G)
    idx = np.arange(G)[None, :]
    left_band = ((idx >= n[:, None]) & (idx < c[:, None]) & ~near).any(axis=1)
    by_crossing = (c < G) & ~left_band
    first = np.where(by_crossing, c, n)
    return np.where(first < G, first, -1), by_crossing


def _bisect(
    f: IssueForecast,
    paths: Sequence[SearchPath],
    t: _Array,
    F: _Array,
    crossing: NDArray[np.bool_],
    goal: Goal,
) -> _Array:
    """Refine brackets ``t = [lo, hi]`` (forecasts F; hi reached, lo not) to the first t reached.

    "Reached" is "crossed the target" for paths flagged ``crossing``, else "within tolerance".
    """
    lo, hi = t[:, 0], t[:, 1]
    side = np.sign(F[:, 0] - goal.target)
    for _ in range(BISECT):
        mid = (lo + hi) / 2
        Fm = f(paths, mid[:, None])[:, 0]
        ok = np.where(crossing, np.sign(Fm - goal.target) != side, goal.near(Fm))
        lo, hi = np.where(ok, lo, mid), np.where(ok, mid, hi)
    return np.column_stack([lo, hi])


def _search(f: IssueForecast, paths: Sequence[SearchPath], goal: Goal) -> tuple[_Array, _Array]:
    """Per path, the least t that reaches the target (or the closest t seen) and the forecast."""
    spans = np.array([p.span for p in paths])
    t = spans[:, None] * np.linspace(0.0, 1.0, GRID)[None, :]
    F = f(paths, t)
    first, crossing = _brackets(F, goal)
    rows = np.arange(len(paths))
    best = np.argmin(np.abs(F - goal.target) + 1e-12 * t / spans[:, None], axis=1)
    t_out, F_out = t[rows, best], F[rows, best]
    t_out[first == 0], F_out[first == 0] = 0.0, F[first == 0, 0]
    todo = np.flatnonzero(first > 0)
    if len(todo):
        sub = [paths[int(p)] for p in todo]
        cols = np.column_stack([first[todo] - 1, first[todo]])
        br = t[todo[:, None], cols], F[todo[:, None], cols]
        ends = _bisect(f, sub, *br, crossing[todo], goal)
        F_ends = f(sub, ends)
        pick = np.where(goal.near(F_ends[:, 1]) | ~goal.near(F_ends[:, 0]), 1, 0)
        tb, Fb = ends[np.arange(len(todo)), pick], F_ends[np.arange(len(todo)), pick]
        take = goal.near(Fb) | (np.abs(Fb - goal.target) < np.abs(F_out[todo] - goal.target))
        t_out[todo] = np.where(take, tb, t_out[todo])
        F_out[todo] = np.where(take, Fb, F_out[todo])
    return t_out, F_out


def candidates(fs: Sequence[Factor], pairs: bool) -> list[Candidate]:
    """Candidate levers (factor tuples) and their search paths."""
    if not pairs:
        return [((f,), [SearchPath((f,), (1,)), SearchPath((f,), (-1,))]) for f in fs]
    out: list[Candidate] = []
    for a, b in itertools.combinations(fs, 2):
        if a.field == b.field and a.actor != b.actor:
            signs = itertools.product((1, -1), repeat=2)
            out.append(((a, b), [SearchPath((a, b), sg) for sg in signs]))
    return out


@dataclass(frozen=True, slots=True)
class Goal:
    """Where the forecast should go: issue, target, tolerance, and the actor ids for naming."""

    issue: str
    target: float
    tol: float
    scale: float
    ids: tuple[str, ...]

    def lever(self, fs: Sequence[Factor], after: Sequence[float], fc: float, res: float) -> Lever:
        """The lever that moves ``fs`` to ``after`` (forecast ``fc``, resolution ``res``)."""
        before = tuple(f.value for f in fs)
        change = max(abs(a - b) for a, b in zip(after, before, strict=True))
        return Lever(
            actors=tuple(self.ids[f.actor] for f in fs),
            field=fs[0].field,
            issue=self.issue,
            before=before,
            after=tuple(float(v) for v in after),
            change=float(change),
            forecast=float(fc),
            reached=bool(abs(fc - self.target) <= self.tol),
            method="search" if res > 0 else "closed form",
            resolution=res,
        )

    def near(self, F: _Array) -> NDArray[np.bool_]:
        """Whether forecasts are within the tolerance of the target."""
        out: NDArray[np.bool_] = np.abs(F - self.target) <= self.tol
        return out

    def order(self, lv: Lever) -> tuple[bool, float]:
        """Sort key: reachable first, by change relative to the field's scale, then by closeness.

        The scale of a capability is the actor's own capability.
        """
        if not lv.reached:
            return (True, abs(lv.forecast - self.target))
        scale = {"position": self.scale, "salience": 100.0}.get(lv.field, lv.before[0])
        return (False, lv.change / scale)


def _pick(goal: Goal, t: _Array, F: _Array) -> int:
    """Index of the path that reaches the target with the least t, else of the closest one."""
    reached = np.abs(F - goal.target) <= goal.tol
    if reached.any():
        return int(np.flatnonzero(reached)[np.argmin(t[reached])])
    return int(np.lexsort((t, np.abs(F - goal.target)))[0])


def search_levers(model: IssueForecast, goal: Goal, cands: list[Any]) -> list[Lever]:
    """Levers found by the search along every path of every candidate, batched."""
    paths = [p for _, ps in cands for p in ps]
    if not paths:
        return []
    t, F = _search(model, paths, goal)
    out, start = [], 0
    for fs, ps in cands:
        j = start + _pick(goal, t[start : start + len(ps)], F[start : start + len(ps)])
        after = [float(v[0]) for v in paths[j].values(np.array([t[j]]))]
        out.append(goal.lever(fs, after, F[j], paths[j].span / (GRID - 1) / 2**BISECT))
        start += len(ps)
    return out
