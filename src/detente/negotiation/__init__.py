"""Negotiation simulator: multi-issue offers under a deadline, strategies, partial deals.

``run(scenario, parties, strategies, params, rng=)`` negotiates once and returns a
:class:`NegotiationResult`; ``tournament(...)`` plays every pair of strategies on scenarios and
seeds.  See ``docs/explanation/negotiation.md``.
"""

from __future__ import annotations

from detente.negotiation.protocol import NegotiationParams
from detente.negotiation.result import NegotiationResult
from detente.negotiation.simulate import TournamentRow, run, run_many, tournament
from detente.negotiation.strategies import STRATEGIES, Strategy, View, make_strategy

__all__ = [
    "STRATEGIES",
    "NegotiationParams",
    "NegotiationResult",
    "Strategy",
    "TournamentRow",
    "View",
    "make_strategy",
    "run",
    "run_many",
    "tournament",
]
