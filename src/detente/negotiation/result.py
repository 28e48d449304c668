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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from detente.negotiation.offers import OfferRecord, OfferTrace
from detente.negotiation.params import Status
from detente.result import Provenance, dumps_json

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NegotiationResult", "Point"]


@dataclass(frozen=True, slots=True)
class Point:
    """A benchmark outcome (own scales) and its utility to each party."""

    utilities: tuple[float, ...]
    outcome: tuple[float, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NegotiationResult:
    """One negotiation: its outcome, the Nash bargaining and KS benchmarks and the offer trace."""

    provenance: Provenance
    protocol: str
    parties: tuple[str, ...]
    strategies: tuple[str, ...]
    issues: tuple[str, ...]
    status: Status
    """How the talks ended; its JSON form is the name (``"no-agreement"``)."""
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
        return self.status.agreed

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
            "status": str(self.status),
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
            status=Status.from_name(d["status"]),
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
