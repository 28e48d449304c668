"""The result of one negotiation: outcome, benchmarks, offer trace and provenance, with JSON.

JSON form (``detente negotiate --json``)::

    {"model": "negotiation", "params", "seed", "version", "scenario": {"id", "title", "sha256"},
     "protocol", "parties", "strategies", "issues",
     "status": "agreement" | "partial" | "no-agreement" | "breakdown",
     "round": int | null, "deadline": int (the binding deadline, drawn with the seed),
     "agreement": {issue: value} | null, "settled": [issue, ...],
     "utilities": {party: u}, "payoffs": {party: delta^t u}, "reservation": {party: rv},
     "nash_bargaining_point": {"utilities", "outcome"} | null, "kalai_smorodinsky": ... | null,
     "pareto_distance": float, "frontier": [[uA, uB], ...],
     "trace": [{"round", "proposer", "offer": {issue: value}, "utilities": {party: u},
                "accepted": {party: bool}}, ...]}

Outcomes are on each issue's own scale; utilities run from 0 (worst) to 1 (ideal).  The Nash
bargaining point is the negotiation benchmark of [Nash1950] over these utilities, with the
reservation values as disagreement point; it is not the ``nash`` forecast model
(:mod:`detente.models.nash`, quadratic utilities, status quo as disagreement point) nor a Nash
equilibrium of a game (see ``docs/reference/glossary.md``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

import numpy as np
from numpy.typing import NDArray

from detente.result import Provenance, dumps_json

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NegotiationResult", "OfferRecord", "OfferTrace", "Point"]


@dataclass(frozen=True, slots=True)
class Point:
    """A benchmark outcome (own scales) and its utility to each party."""

    utilities: tuple[float, ...]
    outcome: tuple[float, ...]


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


@dataclass(frozen=True, slots=True, kw_only=True)
class NegotiationResult:
    """One negotiation: its outcome, the Nash bargaining and KS benchmarks and the offer trace."""

    provenance: Provenance
    protocol: str
    parties: tuple[str, ...]
    strategies: tuple[str, ...]
    issues: tuple[str, ...]
    status: str
    round: int | None
    deadline: int
    agreement: tuple[float, ...] | None
    settled: tuple[str, ...]
    utilities: tuple[float, ...]
    payoffs: tuple[float, ...]
    reservation: tuple[float, ...]
    nash_bargaining_point: Point | None
    kalai_smorodinsky: Point | None
    pareto_distance: float
    frontier: tuple[tuple[float, ...], ...]
    trace: OfferTrace

    @property
    def agreed(self) -> bool:
        """Whether the talks ended in a full or partial agreement."""
        return self.status in ("agreement", "partial")

    def __repr__(self) -> str:
        when = "" if self.round is None else f" in round {self.round}"
        utils = "/".join(f"{u:.3f}" for u in self.utilities)
        return (
            f"NegotiationResult({' vs '.join(self.parties)} on {self.provenance.scenario_id}: "
            f"{self.status}{when} of {self.deadline}, utilities {utils})"
        )

    def to_frame(self) -> pd.DataFrame:
        """The offer trace as a table, one row per offer.

        Columns: round, proposer, ``offer_<issue>`` (own scale), ``utility_<party>`` and
        ``accepted_<party>``.
        """
        import pandas as pd

        cols: dict[str, Any] = {"round": [], "proposer": []}
        cols |= {f"offer_{i}": [] for i in self.issues}
        cols |= {f"utility_{p}": [] for p in self.parties}
        cols |= {f"accepted_{p}": [] for p in self.parties}
        for t in self.trace:
            cols["round"].append(t.round)
            cols["proposer"].append(t.proposer)
            for i, x in zip(self.issues, t.offer, strict=True):
                cols[f"offer_{i}"].append(x)
            for p, u, a in zip(self.parties, t.utilities, t.accepted, strict=True):
                cols[f"utility_{p}"].append(u)
                cols[f"accepted_{p}"].append(a)
        return pd.DataFrame(cols)

    def _point(self, p: Point | None) -> dict[str, Any] | None:
        if p is None:
            return None
        return {"utilities": _by(self.parties, p.utilities), "outcome": _by(self.issues, p.outcome)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract as plain data (see the module docstring)."""
        pv, parties = self.provenance, self.parties
        return {
            **pv.to_dict(),
            "protocol": self.protocol,
            "parties": list(parties),
            "strategies": list(self.strategies),
            "issues": list(self.issues),
            "status": self.status,
            "round": self.round,
            "deadline": self.deadline,
            "agreement": None if self.agreement is None else _by(self.issues, self.agreement),
            "settled": list(self.settled),
            "utilities": _by(parties, self.utilities),
            "payoffs": _by(parties, self.payoffs),
            "reservation": _by(parties, self.reservation),
            "nash_bargaining_point": self._point(self.nash_bargaining_point),
            "kalai_smorodinsky": self._point(self.kalai_smorodinsky),
            "pareto_distance": self.pareto_distance,
            "frontier": [list(f) for f in self.frontier],
            "trace": self.trace.to_dicts(self.issues, parties),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON contract as text."""
        return dumps_json(self.to_dict(), indent)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> NegotiationResult:
        """Inverse of :meth:`to_dict`."""
        parties, issues = tuple(d["parties"]), tuple(d["issues"])
        prov = Provenance.from_dict(d)
        trace = OfferTrace.of(
            OfferRecord(
                int(r["round"]),
                str(r["proposer"]),
                _per(issues, r["offer"]),
                _per(parties, r["utilities"]),
                tuple(bool(r["accepted"][p]) for p in parties),
            )
            for r in d["trace"]
        )
        agreement = d["agreement"]
        return cls(
            provenance=prov,
            protocol=d["protocol"],
            parties=parties,
            strategies=tuple(d["strategies"]),
            issues=issues,
            status=d["status"],
            round=d["round"],
            deadline=int(d["deadline"]),
            agreement=None if agreement is None else _per(issues, agreement),
            settled=tuple(d["settled"]),
            utilities=_per(parties, d["utilities"]),
            payoffs=_per(parties, d["payoffs"]),
            reservation=_per(parties, d["reservation"]),
            nash_bargaining_point=_read_point(d["nash_bargaining_point"], parties, issues),
            kalai_smorodinsky=_read_point(d["kalai_smorodinsky"], parties, issues),
            pareto_distance=float(d["pareto_distance"]),
            frontier=tuple(tuple(float(v) for v in f) for f in d["frontier"]),
            trace=trace,
        )

    @classmethod
    def from_json(cls, text: str) -> NegotiationResult:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))


def _by(keys: tuple[str, ...], values: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(keys, values, strict=True))


def _per(keys: tuple[str, ...], mapping: Mapping[str, Any]) -> tuple[float, ...]:
    return tuple(float(mapping[k]) for k in keys)


def _read_point(
    p: Mapping[str, Any] | None, parties: tuple[str, ...], issues: tuple[str, ...]
) -> Point | None:
    return None if p is None else Point(_per(parties, p["utilities"]), _per(issues, p["outcome"]))
