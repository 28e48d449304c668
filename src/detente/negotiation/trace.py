"""What happened in a batch of negotiations (:class:`Trace`), and how batches are joined.

The protocol (:mod:`~detente.negotiation.protocol`) runs negotiations that share a binding
deadline as one batch; :func:`merge` joins the traces of such batches back into one, in the
original order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.negotiation.outcomes import FloatArray

__all__ = ["Trace", "merge"]


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class Trace:
    """Everything that happened, batched over negotiations.

    Offers ``(T, B, m)``, proposers ``(T, B)`` (-1 for the mediator), utilities and answers
    ``(T, n, B)``, and per negotiation its status (codes of
    :class:`~detente.negotiation.params.Status`), round, binding deadline, outcome and settled
    issues.
    """

    offers: FloatArray
    proposers: NDArray[np.int64]
    utilities: FloatArray
    accepted: NDArray[np.bool_]
    rounds: int
    status: NDArray[np.int64]
    when: NDArray[np.int64]
    deadline: NDArray[np.int64]
    agreement: FloatArray
    settled: NDArray[np.bool_]


def merge(parts: Sequence[tuple[NDArray[np.int64], Trace]], B: int) -> Trace:
    """One trace of ``B`` negotiations from traces of disjoint subsets (``index``, trace)."""
    rounds = max(t.rounds for _, t in parts)
    first = parts[0][1]
    m, n = first.offers.shape[2], first.utilities.shape[1]
    out = Trace(
        offers=np.full((rounds, B, m), np.nan),
        proposers=np.full((rounds, B), -1, dtype=np.int64),
        utilities=np.full((rounds, n, B), np.nan),
        accepted=np.zeros((rounds, n, B), dtype=bool),
        rounds=rounds,
        status=np.zeros(B, dtype=np.int64),
        when=np.zeros(B, dtype=np.int64),
        deadline=np.zeros(B, dtype=np.int64),
        agreement=np.zeros((B, m)),
        settled=np.zeros((B, m), dtype=bool),
    )
    for index, t in parts:
        k = t.rounds
        out.offers[:k, index], out.proposers[:k, index] = t.offers, t.proposers
        out.utilities[:k, :, index], out.accepted[:k, :, index] = t.utilities, t.accepted
        for name in ("status", "when", "deadline", "agreement", "settled"):
            getattr(out, name)[index] = getattr(t, name)
    return out
