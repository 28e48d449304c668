"""Frozen results of the game solvers, serialisable to JSON.

:class:`GameSolution` plays the part of pygambit's ``NashComputationResult``: it records the game,
the method and its parameters, and the equilibria found.  Each :class:`Equilibrium` gives

* ``profile`` — {player: {information set: {action: probability}}};
* ``beliefs`` — {information set: {node: probability}} for information sets of two or more nodes
  that are reached with positive probability (Bayes' rule);
* ``off_path_beliefs`` — for unreached information sets of a perfect Bayesian equilibrium, the
  set of beliefs that sustains the equilibrium, as {node: [lowest, highest]} (exact for
  two-node sets; for larger sets the bounding box of the sustaining polytope);
* ``outcome_probabilities`` — {outcome label: probability}, labels summed over terminal nodes;
* ``payoffs`` — expected payoff to each player.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.games.arrays import Arrays, FloatArray, node_reach
from detente.games.tree import Game, action_keys, infoset_key, node_key, path_key

__all__ = ["Equilibrium", "GameSolution", "belief_keys", "describe", "outcome_key"]


@dataclass(frozen=True, slots=True)
class Equilibrium:
    """One equilibrium (or quantal response equilibrium) of a game."""

    profile: Mapping[str, Mapping[str, Mapping[str, float]]]
    beliefs: Mapping[str, Mapping[str, float]]
    outcome_probabilities: Mapping[str, float]
    payoffs: Mapping[str, float]
    off_path_beliefs: Mapping[str, Mapping[str, tuple[float, float]]] = field(default_factory=dict)
    action_probabilities: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict."""
        out: dict[str, Any] = {
            "profile": _plain(self.profile),
            "beliefs": _plain(self.beliefs),
            "outcome_probabilities": dict(self.outcome_probabilities),
            "payoffs": dict(self.payoffs),
            "action_probabilities": _plain(self.action_probabilities),
        }
        if self.off_path_beliefs:
            out["off_path_beliefs"] = {
                h: {x: list(b) for x, b in v.items()} for h, v in self.off_path_beliefs.items()
            }
        return out


@dataclass(frozen=True, slots=True)
class GameSolution:
    """The equilibria a solver found, with the method and all parameters that produced them."""

    game: str
    method: str
    params: Mapping[str, Any]
    equilibria: tuple[Equilibrium, ...]
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict with keys ``game, method, params, equilibria, details``."""
        return {
            "game": self.game,
            "method": self.method,
            "params": dict(self.params),
            "equilibria": [e.to_dict() for e in self.equilibria],
            "details": _plain(self.details),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """JSON text of :meth:`to_dict`."""
        return json.dumps(self.to_dict(), indent=indent)


def _plain(x: Any) -> Any:
    if isinstance(x, Mapping):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, np.generic):
        return x.item()
    return x


def _r(x: float) -> float:
    return float(round(float(x), 12)) + 0.0


def outcome_key(game: Game, t: int) -> str:
    """Label under which terminal node ``t`` counts in ``outcome_probabilities``."""
    o = game.nodes[t].outcome
    if o >= 0 and game.outcomes[o].label:
        return game.outcomes[o].label
    return node_key(game, t)


def belief_keys(game: Game, h: int) -> list[str]:
    """Keys of the nodes of information set ``h``: labels when unique there, else paths."""
    nodes = game.infosets[h].nodes
    labels = [game.nodes[n].label for n in nodes]
    if all(labels) and len(set(labels)) == len(labels):
        return labels
    return [path_key(game, n) for n in nodes]


def describe(
    arr: Arrays,
    sigma: FloatArray,
    off_path: Mapping[str, Mapping[str, tuple[float, float]]] | None = None,
) -> Equilibrium:
    """The :class:`Equilibrium` record of behaviour profile ``sigma``."""
    game = arr.game
    reach = node_reach(arr, sigma)
    profile: dict[str, dict[str, dict[str, float]]] = {p: {} for p in game.players}
    acts: dict[str, dict[str, float]] = {p: {} for p in game.players}
    beliefs: dict[str, dict[str, float]] = {}
    for h, info in enumerate(game.infosets):
        if info.player == 0:
            continue
        name, key = game.players[info.player - 1], infoset_key(game, h)
        probs = sigma[arr.offsets[h] : arr.offsets[h + 1]]
        profile[name][key] = {a: _r(p) for a, p in zip(action_keys(info), probs, strict=True)}
        total = float(sum(reach[n] for n in info.nodes))
        for a, p in zip(info.actions, probs, strict=True):
            acts[name][a] = _r(acts[name].get(a, 0.0) + total * p)
        if len(info.nodes) > 1 and total > 0:
            beliefs[key] = {
                x: _r(reach[n] / total)
                for x, n in zip(belief_keys(game, h), info.nodes, strict=True)
            }
    outcomes: dict[str, float] = {}
    for t in arr.terminals:
        k = outcome_key(game, int(t))
        outcomes[k] = _r(outcomes.get(k, 0.0) + reach[t])
    pay = reach[arr.terminals] @ arr.payoffs
    return Equilibrium(
        profile,
        beliefs,
        outcomes,
        {p: _r(v) for p, v in zip(game.players, pay, strict=True)},
        dict(off_path or {}),
        acts,
    )
