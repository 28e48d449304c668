"""The offer trace of a negotiation: one :class:`OfferRecord` per offer, kept as arrays until read.

A batch run makes thousands of traces that are mostly never looked at, so :class:`OfferTrace`
keeps the protocol's arrays and builds the records (and their Python floats) on first access;
its JSON form is written straight from the columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

__all__ = ["OfferRecord", "OfferTrace"]


@dataclass(frozen=True, slots=True)
class OfferRecord:
    """One round of the trace: who offered what, what it is worth to each, who accepted."""

    round: int
    proposer: str
    offer: tuple[float, ...]
    utilities: tuple[float, ...]
    accepted: tuple[bool, ...]


class OfferTrace(Sequence[OfferRecord]):
    """The offer trace as a sequence of :class:`OfferRecord`, kept as arrays until read.

    A batch run makes thousands of traces that are mostly never looked at, so the records (and
    the Python floats in them) are built on first access, and the JSON form straight from the
    columns.  Equal to any sequence with the same records (a tuple, another trace).
    """

    __slots__ = ("_cols", "_names", "_records", "_source")

    def __init__(
        self,
        names: Sequence[str],
        proposers: NDArray[np.int64],
        offers: NDArray[np.float64],
        utilities: NDArray[np.float64],
        accepted: NDArray[np.bool_],
    ) -> None:
        """``proposers`` index ``names``; shapes ``(k,)``, ``(k, m)``, ``(k, n)``, ``(k, n)``."""
        self._names = tuple(names)
        self._source = (proposers, offers, utilities, accepted)
        self._cols: tuple[list[str], list[Any], list[Any], list[Any]] | None = None
        self._records: tuple[OfferRecord, ...] | None = None

    @classmethod
    def of(cls, records: Iterable[OfferRecord]) -> OfferTrace:
        """A trace holding ready-made records."""
        out = cls(
            (),
            np.zeros(0, dtype=np.int64),
            np.zeros((0, 0)),
            np.zeros((0, 0)),
            np.zeros((0, 0), dtype=bool),
        )
        out._records = tuple(records)
        return out

    def _columns(self) -> tuple[list[str], list[Any], list[Any], list[Any]]:
        if self._cols is None:
            if self._records is not None:
                rs = self._records
                self._cols = (
                    [r.proposer for r in rs],
                    [r.offer for r in rs],
                    [r.utilities for r in rs],
                    [r.accepted for r in rs],
                )
            else:
                who, (p, x, u, a) = self._names, self._source
                self._cols = ([who[i] for i in p.tolist()], x.tolist(), u.tolist(), a.tolist())
        return self._cols

    def records(self) -> tuple[OfferRecord, ...]:
        """All records, as a tuple."""
        if self._records is None:
            names, x, u, a = self._columns()
            self._records = tuple(
                map(
                    OfferRecord,
                    range(len(names)),
                    names,
                    map(tuple, x),
                    map(tuple, u),
                    map(tuple, a),
                )
            )
        return self._records

    def to_dicts(self, issues: tuple[str, ...], parties: tuple[str, ...]) -> list[dict[str, Any]]:
        """The JSON form of the trace (see the module docstring), built from the columns."""
        names, x, u, a = self._columns()
        return [
            {
                "round": k,
                "proposer": w,
                "offer": dict(zip(issues, xk, strict=True)),
                "utilities": dict(zip(parties, uk, strict=True)),
                "accepted": dict(zip(parties, ak, strict=True)),
            }
            for k, (w, xk, uk, ak) in enumerate(zip(names, x, u, a, strict=True))
        ]

    def __len__(self) -> int:
        return len(self._records) if self._records is not None else len(self._source[0])

    @overload
    def __getitem__(self, index: int) -> OfferRecord: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[OfferRecord, ...]: ...

    def __getitem__(self, index: int | slice) -> OfferRecord | tuple[OfferRecord, ...]:
        return self.records()[index]

    def __iter__(self) -> Iterator[OfferRecord]:
        return iter(self.records())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return self.records() == tuple(other)

    def __hash__(self) -> int:
        return hash(self.records())

    def __repr__(self) -> str:
        return f"OfferTrace({len(self)} offers)"
