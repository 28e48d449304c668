"""A probability estimated from draws, with its 90 % interval and how both were obtained.

Two kinds of interval, named in each estimate's ``interval`` text:

* **Wilson** — for a share of draws in which an event happened (each draw is 0 or 1): the 90 %
  Wilson score interval [Wilson1927] of the share, i.e. how far the estimate could move with
  another set of draws of the same size.  The input uncertainty itself is already integrated
  into the share: every draw is one reading of the uncertain inputs.
* **spread** — for a probability computed in every draw (a game's equilibrium probability at the
  draw's parameters): the estimate is the mean over draws and the interval is the 5th–95th
  percentile over draws, i.e. how much the uncertain inputs move the probability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["Z90", "Estimate", "share", "spread"]

Z90 = 1.6448536269514722
"""Φ⁻¹(0.95), for central 90 % intervals."""


@dataclass(frozen=True, slots=True)
class Estimate:
    """A probability, its 90 % interval, the number of draws, and the methods (text)."""

    value: float
    low: float
    high: float
    n: int
    method: str
    interval: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "value": self.value,
            "interval": [self.low, self.high],
            "n": self.n,
            "method": self.method,
            "interval_method": self.interval,
        }


def wilson(k: int, n: int, z: float = Z90) -> tuple[float, float]:
    """The Wilson score interval of ``k`` successes in ``n`` trials [Wilson1927]."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # The interval contains p; rounding would put 1 just outside [., 0.9999999999999998] at k = n.
    return min(p, max(0.0, centre - half)), max(p, min(1.0, centre + half))


def share(events: NDArray[np.bool_], method: str) -> Estimate:
    """The share of draws with the event, with its Wilson 90 % interval."""
    k, n = int(np.count_nonzero(events)), int(events.size)
    lo, hi = wilson(k, n)
    text = f"90% Wilson score interval of a share of {n} draws (Monte Carlo error)"
    return Estimate(k / n if n else math.nan, lo, hi, n, method, text)


def spread(values: NDArray[np.float64], method: str) -> Estimate:
    """The mean of a per-draw probability, with its 5th–95th percentile over draws."""
    lo, hi = np.percentile(values, [5, 95])
    text = f"5th-95th percentile over {values.size} draws of the uncertain inputs"
    return Estimate(float(values.mean()), float(lo), float(hi), int(values.size), method, text)
