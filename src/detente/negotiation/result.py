"""The result of one negotiation: outcome, benchmarks, offer trace and provenance, with JSON.

JSON form (``detente negotiate --json``)::

    {"model": "negotiation", "params", "seed", "version", "scenario": {"id", "title", "sha256"},
     "protocol", "parties", "strategies", "issues",
     "status": "agreement" | "partial" | "no-agreement" | "breakdown",
     "round": int | null, "agreement": {issue: value} | null, "settled": [issue, ...],
     "utilities": {party: u}, "payoffs": {party: delta^t u}, "reservation": {party: rv},
     "nash": {"utilities", "outcome"} | null, "kalai_smorodinsky": ... | null,
     "pareto_distance": float, "frontier": [[uA, uB], ...],
     "trace": [{"round", "proposer", "offer": {issue: value}, "utilities": {party: u},
                "accepted": {party: bool}}, ...]}

Outcomes are on each issue's own scale; utilities run from 0 (worst) to 1 (ideal).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detente.result import Provenance, dumps_json

__all__ = ["NegotiationResult", "OfferRecord", "Point"]


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


@dataclass(frozen=True, slots=True)
class NegotiationResult:
    """One negotiation: its outcome, the Nash/KS benchmarks and the full offer trace."""

    provenance: Provenance
    protocol: str
    parties: tuple[str, ...]
    strategies: tuple[str, ...]
    issues: tuple[str, ...]
    status: str
    round: int | None
    agreement: tuple[float, ...] | None
    settled: tuple[str, ...]
    utilities: tuple[float, ...]
    payoffs: tuple[float, ...]
    reservation: tuple[float, ...]
    nash: Point | None
    kalai_smorodinsky: Point | None
    pareto_distance: float
    frontier: tuple[tuple[float, ...], ...]
    trace: tuple[OfferRecord, ...]

    @property
    def agreed(self) -> bool:
        """Whether the talks ended in a full or partial agreement."""
        return self.status in ("agreement", "partial")

    def _point(self, p: Point | None) -> dict[str, Any] | None:
        if p is None:
            return None
        return {"utilities": _by(self.parties, p.utilities), "outcome": _by(self.issues, p.outcome)}

    def _trace(self) -> list[dict[str, Any]]:
        return [
            {
                "round": r.round,
                "proposer": r.proposer,
                "offer": _by(self.issues, r.offer),
                "utilities": _by(self.parties, r.utilities),
                "accepted": _by(self.parties, r.accepted),
            }
            for r in self.trace
        ]

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
            "agreement": None if self.agreement is None else _by(self.issues, self.agreement),
            "settled": list(self.settled),
            "utilities": _by(parties, self.utilities),
            "payoffs": _by(parties, self.payoffs),
            "reservation": _by(parties, self.reservation),
            "nash": self._point(self.nash),
            "kalai_smorodinsky": self._point(self.kalai_smorodinsky),
            "pareto_distance": self.pareto_distance,
            "frontier": [list(f) for f in self.frontier],
            "trace": self._trace(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON contract as text."""
        return dumps_json(self.to_dict(), indent)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> NegotiationResult:
        """Inverse of :meth:`to_dict`."""
        parties, issues = tuple(d["parties"]), tuple(d["issues"])
        prov = Provenance.from_dict(d)
        trace = tuple(
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
            prov, d["protocol"], parties, tuple(d["strategies"]), issues, d["status"], d["round"],
            None if agreement is None else _per(issues, agreement), tuple(d["settled"]),
            _per(parties, d["utilities"]), _per(parties, d["payoffs"]),
            _per(parties, d["reservation"]), _read_point(d["nash"], parties, issues),
            _read_point(d["kalai_smorodinsky"], parties, issues), float(d["pareto_distance"]),
            tuple(tuple(float(v) for v in f) for f in d["frontier"]), trace,
        )  # fmt: skip

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
