"""The chance outcomes of a negotiation, drawn up front from its own generator (STYLE rule 11).

Per negotiation, in this order: the opener (an integer below the number of parties), the binding
deadline (two numbers, below), then one row per round of ``m + 1`` uniforms: the exploration
point of that round's offers and the breakdown draw.  Drawing round by round means that two runs
with the same seed and different deadlines share the draws of their common rounds (common random
numbers), so a deadline sweep shows the effect of the deadline and not a reshuffled draw.

**Uncertain deadline** [MaManove1993].  The deadline that binds is drawn uniformly from the
``2 j`` rounds ``T - j .. T + j - 1`` around the nominal deadline ``T`` (``j`` =
``deadline_jitter``).  With ``u`` uniform and ``b`` a fair bit, it is::

    T* = T - j + 2 floor(u j) + ((b - (T - j)) mod 2)

which is uniform on that window and has the parity of ``b`` whatever ``T`` is: with two parties
the last offer falls to either side with probability 1/2, and to the *same* side for a given seed
whatever the nominal deadline (the coupling is another case of common random numbers).

References
----------
[MaManove1993] Ma, C. A., & Manove, M. (1993). Bargaining with deadlines and imperfect player
    control. Econometrica 61(6), 1313–1339.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.negotiation.outcomes import FloatArray

__all__ = ["Chance", "binding_deadline", "draw_chance"]


@dataclass(frozen=True, slots=True, eq=False)
class Chance:
    """Chance outcomes per negotiation: opener, binding deadline, exploration and breakdown draws.

    Shapes ``(B,)``, ``(B,)``, ``(T, B, m)`` and ``(T, B)``, with ``T`` the latest deadline (rounds
    after a negotiation's own deadline hold unused draws).
    """

    opener: NDArray[np.int64]
    deadline: NDArray[np.int64]
    explore: FloatArray
    breakdown: FloatArray

    def take(self, index: NDArray[np.int64], rounds: int) -> Chance:
        """The chance outcomes of negotiations ``index``, first ``rounds`` rounds."""
        return Chance(
            self.opener[index],
            self.deadline[index],
            self.explore[:rounds, index],
            self.breakdown[:rounds, index],
        )


def binding_deadline(nominal: int, jitter: int, u: float, bit: int) -> int:
    """The deadline that binds, from the uniform ``u`` and the bit ``b`` (module docstring)."""
    if jitter == 0:
        return nominal
    first = nominal - jitter
    return first + 2 * int(u * jitter) + (bit - first) % 2


def draw_chance(
    rngs: Sequence[np.random.Generator],
    deadlines: Sequence[int],
    jitter: int,
    n_issues: int,
    n_parties: int,
) -> Chance:
    """Draw each negotiation's chance outcomes from its own generator (module docstring).

    ``deadlines[b]`` is negotiation b's nominal deadline; each draws ``deadline + jitter - 1``
    rounds of exploration and breakdown draws, whatever the others draw.
    """
    B = len(rngs)
    longest = max(deadlines) + max(jitter - 1, 0)
    opener = np.empty(B, dtype=np.int64)
    binding = np.empty(B, dtype=np.int64)
    rows = np.ones((B, longest, n_issues + 1))
    for b, (g, nominal) in enumerate(zip(rngs, deadlines, strict=True)):
        opener[b] = g.integers(n_parties)
        u, bit = g.random(), int(g.integers(2))
        binding[b] = binding_deadline(nominal, jitter, u, bit)
        g.random(out=rows[b, : nominal + max(jitter - 1, 0)])
    rows = rows.transpose(1, 0, 2)
    return Chance(opener, binding, rows[:, :, :n_issues], rows[:, :, n_issues])
