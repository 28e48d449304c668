"""Synthetic scenarios for the benchmarks: actors and issues from arrays of drawn values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from detente.scenario import Actor, Issue, Scenario, Stance

Array = NDArray[np.float64]


def scenario_from_arrays(
    sid: str,
    title: str,
    drawn: tuple[Array, Array, Array],
    ids: Sequence[str],
    issues: Sequence[Issue],
) -> Scenario:
    """Actor ``ids[i]`` with capability ``c[i]`` and stances ``x[i, k]``, ``s[i, k]`` on issue k,
    where ``drawn`` is ``(c, x, s)``."""
    capability, position, salience = drawn
    actors = tuple(
        Actor(
            id=aid,
            name=aid,
            capability=float(capability[i]),
            stances=tuple(
                Stance(issue=it.id, position=float(position[i, k]), salience=float(salience[i, k]))
                for k, it in enumerate(issues)
            ),
        )
        for i, aid in enumerate(ids)
    )
    return Scenario(id=sid, title=title, actors=actors, issues=tuple(issues))
