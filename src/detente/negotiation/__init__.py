"""Negotiation simulator: multi-issue offers under a deadline, strategies, partial deals.

``run(scenario, parties, strategies, params, rng=)`` negotiates once and returns a
:class:`NegotiationResult`; ``run_many`` runs a vectorised batch of full results (per-draw seeds,
reservation values and discount factors); ``run_draws`` runs many draws as arrays (the outlook's
entry: agreement probability by a deadline); ``tournament(...)`` plays every pair of strategies
on scenarios and seeds.  See ``docs/explanation/negotiation.md``.
"""

from __future__ import annotations

from detente.negotiation.draws import DrawOutcomes, deadline_sweep, run_draws
from detente.negotiation.params import NegotiationParams, Status
from detente.negotiation.result import NegotiationResult
from detente.negotiation.simulate import default_parties, rerun, run, run_many
from detente.negotiation.strategies import STRATEGIES, Strategy, View, make_strategy
from detente.negotiation.tournaments import TournamentRow, tournament

__all__ = [
    "STRATEGIES",
    "DrawOutcomes",
    "NegotiationParams",
    "NegotiationResult",
    "Status",
    "Strategy",
    "TournamentRow",
    "View",
    "deadline_sweep",
    "default_parties",
    "make_strategy",
    "rerun",
    "run",
    "run_draws",
    "run_many",
    "tournament",
]
