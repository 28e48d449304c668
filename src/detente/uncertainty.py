"""Uncertainty about a scenario's inputs: ranges on single values and the scenario-wide block.

Every position, salience and capability of a scenario is an analyst's judgement.  A value may carry
a :class:`Range` (``position: {value: 75, low: 60, high: 85, dist: triangular}``); values without
one take the ± half-widths of the scenario's :class:`Uncertainty` block, or of
:data:`DEFAULT_UNCERTAINTY` when the scenario has no block, so a Monte Carlo sweep always has
something to vary.

Distributions (``u`` a uniform draw in (0, 1), ``a ≤ m ≤ b`` the low, the value and the high):

- ``triangular`` (the default): mode m on [a, b]; inverse CDF
  ``a + sqrt(u (b−a)(m−a))`` for ``u < (m−a)/(b−a)``, else ``b − sqrt((1−u)(b−a)(b−m))``
  [Johnson1995, ch. 26, the usual three-point estimate of an expert judgement];
- ``uniform``: ``a + u (b − a)``;
- ``normal``: mean m and standard deviation ``(b − a) / (2 · 1.6449)`` (so ``[a, b]`` is the
  central 90 % when symmetric), truncated to the value's hard limits (the issue's scale for a
  position, 0–100 for a salience, (0, ∞) for a capability), drawn by inverse CDF.

Half-widths of the block: ``position`` in percent of the issue's scale width (so scale units on a
0–100 scale), ``salience`` in salience points (0–100), ``capability`` in percent of the actor's own
capability (capability scales are arbitrary).  A block range ``[v − h, v + h]`` is clipped to the
hard limits (capability to at least 1 % of its value), so the value stays the mode.

Assumptions
-----------
The default block (±10 % of the scale, ±15 salience points, ±20 % capability, triangular) is
detente's own choice, not a published one: ±10 is the jitter a user applied by hand in issue 10;
saliences and capabilities get wider bands because they are the judgements analysts are least sure
of.  Every sweep records the widths it used.

References
----------
[Johnson1995] Johnson, N. L., Kotz, S. & Balakrishnan, N. (1995). Continuous Univariate
    Distributions, vol. 2, 2nd ed. Wiley.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "DEFAULT_UNCERTAINTY",
    "DISTRIBUTIONS",
    "FIELDS",
    "Dist",
    "Range",
    "Uncertainty",
    "describe_widths",
]

Dist = Literal["triangular", "uniform", "normal"]
DISTRIBUTIONS: tuple[str, ...] = get_args(Dist)

FIELDS = ("position", "salience", "capability")
"""The uncertain fields, in the order :class:`Uncertainty` lists them."""
UNITS = {"position": " % of the scale", "salience": " points", "capability": " %"}
"""The unit of each field's half-width (see the module docstring)."""


def describe_widths(widths: dict[str, float]) -> str:
    """``position ±10 % of the scale, salience ±15 points, capability ±20 %``."""
    return ", ".join(f"{k} ±{v:g}{UNITS.get(k, '')}" for k, v in widths.items())


@dataclass(frozen=True, slots=True)
class Range:
    """The plausible interval ``[low, high]`` of one value and the distribution over it."""

    low: float
    high: float
    dist: Dist = "triangular"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high)):
            raise ValueError(f"range low and high must be finite, got [{self.low}, {self.high}]")
        if self.low > self.high:
            raise ValueError(f"range low ({self.low:g}) is above high ({self.high:g})")
        if self.dist not in DISTRIBUTIONS:
            raise ValueError(f"unknown distribution {self.dist!r} (known: {DISTRIBUTIONS})")

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in ``[low, high]``."""
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class Uncertainty:
    """± half-widths for values without their own range (units in the module docstring)."""

    position: float = 10.0
    """Percent of the issue's scale width (detente's default; see Assumptions)."""
    salience: float = 15.0
    """Salience points on 0–100 (detente's default)."""
    capability: float = 20.0
    """Percent of the actor's capability (detente's default)."""
    dist: Dist = "triangular"
    """Distribution of the block ranges [Johnson1995]."""
    rationale: str = ""

    def __post_init__(self) -> None:
        limits = {"position": 100.0, "salience": 100.0, "capability": 100.0}
        for name, top in limits.items():
            value = getattr(self, name)
            if not (math.isfinite(value) and 0.0 <= value <= top):
                raise ValueError(f"uncertainty {name} must be in 0–{top:g}, got {value}")
        if self.dist not in DISTRIBUTIONS:
            raise ValueError(f"unknown distribution {self.dist!r} (known: {DISTRIBUTIONS})")

    def widths(self) -> dict[str, float]:
        """The three half-widths by field name."""
        return {f: float(getattr(self, f)) for f in FIELDS}


DEFAULT_UNCERTAINTY = Uncertainty()
"""Used when a scenario has no ``uncertainty:`` block (see the module docstring)."""
