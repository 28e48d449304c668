"""Draws of a scenario's uncertain inputs: the input space and its inverse-CDF sampling.

Every position, salience and capability is one input, named ``ACTOR.position.ISSUE``,
``ACTOR.salience.ISSUE`` or ``ACTOR.capability``, in that order (positions and saliences actor by
actor, issue by issue).  Each input has a value (the scenario's), a range ``[low, high]`` and a
distribution, from its own range or from the ± half-widths of the ``uncertainty:`` block, the
``noise`` override or the documented default (:mod:`detente.uncertainty` gives the units and the
distributions).  Its hard limits are the issue's scale, 0–100, and [1 % of the value, ∞) for a
capability.  A value changed in code so that it left its range (a what-if, a lever) widens the
range to include it: the value stays the mode.

A draw maps k uniforms to k values by each input's inverse CDF (:func:`sample`), so the same
uniforms — from a draw's seed (:func:`detente.rng.draw_uniforms`) or from a SALib design — give the
same inputs everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr, ndtri

from detente.batch import DrawInputs
from detente.errors import DetenteError
from detente.rng import draw_uniforms
from detente.scenario import SALIENCE_MAX, Scenario
from detente.uncertainty import DEFAULT_UNCERTAINTY, DISTRIBUTIONS, FIELDS, Range

__all__ = ["InputSpace", "NoiseError", "draw_inputs", "input_space", "sample", "to_inputs"]

_Array = NDArray[np.float64]
_Z90 = 1.6448536269514722
"""Φ⁻¹(0.95): a symmetric ``[low, high]`` is the central 90 % of a normal input."""
_CAP_FLOOR = 0.01


class NoiseError(DetenteError, ValueError):
    """A noise width that is unknown or wider than the scale."""


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class InputSpace:
    """The k uncertain inputs of a scenario: names, values, ranges, distributions and limits."""

    names: tuple[str, ...]
    value: _Array
    low: _Array
    high: _Array
    dist: NDArray[np.int64]
    """Index into :data:`detente.uncertainty.DISTRIBUTIONS`."""
    floor: _Array
    ceiling: _Array
    widths: Mapping[str, float]
    """The block half-widths used for inputs without their own range."""

    @property
    def size(self) -> int:
        """The number of inputs k."""
        return len(self.names)


def _widths(scenario: Scenario, noise: Mapping[str, float] | None) -> dict[str, float]:
    block = scenario.uncertainty or DEFAULT_UNCERTAINTY
    widths = block.widths()
    for name, w in (noise or {}).items():
        if name not in FIELDS:
            raise NoiseError(f"noise {name}={w}: unknown field (known: {', '.join(FIELDS)})")
        if not (np.isfinite(w) and 0.0 <= w <= 100.0):
            unit = (
                "points" if name == "salience" else "% of the scale" if name == "position" else "%"
            )
            raise NoiseError(
                f"noise {name}={w:g}: must be in 0–100 {unit}; a wider band exceeds the scale"
            )
        widths[name] = float(w)
    return widths


def input_space(scenario: Scenario, noise: Mapping[str, float] | None = None) -> InputSpace:
    """Every input of ``scenario`` with its range (``noise`` overrides the block half-widths)."""
    widths = _widths(scenario, noise)
    dist = (scenario.uncertainty or DEFAULT_UNCERTAINTY).dist
    rows: list[tuple[str, float, Range | None, float, float, float]] = []
    for actor in scenario.actors:
        for st, issue in zip(actor.stances, scenario.issues, strict=True):
            h = widths["position"] / 100.0 * issue.range
            rows.append(
                (
                    f"{actor.id}.position.{issue.id}",
                    st.position,
                    st.position_range,
                    h,
                    issue.low,
                    issue.high,
                )
            )
    for actor in scenario.actors:
        for st, issue in zip(actor.stances, scenario.issues, strict=True):
            rows.append(
                (
                    f"{actor.id}.salience.{issue.id}",
                    st.salience,
                    st.salience_range,
                    widths["salience"],
                    0.0,
                    SALIENCE_MAX,
                )
            )
    for actor in scenario.actors:
        c = actor.capability
        rows.append(
            (
                f"{actor.id}.capability",
                c,
                actor.capability_range,
                widths["capability"] / 100.0 * c,
                _CAP_FLOOR * c,
                np.inf,
            )
        )
    value = np.array([r[1] for r in rows])
    floor, ceiling = np.array([r[4] for r in rows]), np.array([r[5] for r in rows])
    own = [r[2] for r in rows]
    half = np.array([r[3] for r in rows])
    has = np.array([o is not None for o in own])
    low = np.where(has, [o.low if o else 0.0 for o in own], np.maximum(value - half, floor))
    high = np.where(has, [o.high if o else 0.0 for o in own], np.minimum(value + half, ceiling))
    low, high = np.minimum(low, value), np.maximum(high, value)  # a value moved off its range
    codes = np.array([DISTRIBUTIONS.index(o.dist if o else dist) for o in own], dtype=np.int64)
    names = tuple(r[0] for r in rows)
    return InputSpace(
        names=names,
        value=value,
        low=low,
        high=high,
        dist=codes,
        floor=floor,
        ceiling=ceiling,
        widths=widths,
    )


def _triangular(u: _Array, a: _Array, m: _Array, b: _Array) -> _Array:
    """Inverse CDF: a + √(u w (m − a)) below the mode's quantile, else b − √((1 − u) w (b − m)).

    m where the width w is 0.  Computed in place (two arrays the size of ``u``), with the same
    operations in the same order as the plain expression.
    """
    width = b - a
    safe = np.where(width > 0, width, 1.0)
    cut = (m - a) / safe
    left = u * width
    left *= m - a
    np.sqrt(left, out=left)
    left += a
    right = 1.0 - u
    right *= width
    right *= b - m
    np.sqrt(right, out=right)
    np.subtract(b, right, out=right)
    np.copyto(left, right, where=~(u < cut))
    np.copyto(left, np.broadcast_to(m, left.shape), where=~(width > 0))
    return left


def _uniform(u: _Array, a: _Array, b: _Array) -> _Array:
    out: _Array = a + u * (b - a)
    return out


def _normal(u: _Array, s: InputSpace, cols: NDArray[np.intp]) -> _Array:
    value, floor, ceiling = s.value[cols], s.floor[cols], s.ceiling[cols]
    sd = (s.high[cols] - s.low[cols]) / (2.0 * _Z90)
    safe = np.where(sd > 0, sd, 1.0)
    lo, hi = ndtr((floor - value) / safe), ndtr((ceiling - value) / safe)
    z = ndtri(np.clip(lo + u * (hi - lo), 1e-300, 1.0 - 2.0**-53))
    out: _Array = np.where(sd > 0, np.clip(value + sd * z, floor, ceiling), value)
    return out


def sample(space: InputSpace, u: _Array) -> _Array:
    """Input values (D, k) from uniforms ``u`` (D, k) in (0, 1), by inverse CDF.

    Each distribution is evaluated on its own columns only (element by element, so the values
    do not depend on which other columns there are).
    """
    s = space
    if (space.dist == 0).all():  # the default: no copies of u
        return _triangular(u, s.low, s.value, s.high)
    out = np.empty_like(u)
    for code, cols in enumerate(np.flatnonzero(space.dist == c) for c in range(3)):
        if not cols.size:
            continue
        uc = u[:, cols]
        if code == 0:
            out[:, cols] = _triangular(uc, s.low[cols], s.value[cols], s.high[cols])
        elif code == 1:
            out[:, cols] = _uniform(uc, s.low[cols], s.high[cols])
        else:
            out[:, cols] = _normal(uc, s, cols)
    return out


def to_inputs(scenario: Scenario, values: _Array) -> DrawInputs:
    """DrawInputs from input values (D, k) in :class:`InputSpace` order."""
    d = values.shape[0]
    a, i = len(scenario.actors), len(scenario.issues)
    n = a * i
    return DrawInputs(
        values[:, :n].reshape(d, a, i),
        values[:, n : 2 * n].reshape(d, a, i),
        values[:, 2 * n :].reshape(d, a),
    )


def draw_inputs(scenario: Scenario, space: InputSpace, seeds: NDArray[np.uint64]) -> DrawInputs:
    """The inputs of the draws with these seeds (row d depends on ``seeds[d]`` alone)."""
    return to_inputs(scenario, sample(space, draw_uniforms(seeds, space.size)))
