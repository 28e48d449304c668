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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.errors import spell_settings
from detente.games.arrays import Arrays, FloatArray, node_reach
from detente.games.tree import Game, Mover, action_keys, infoset_key, node_key, path_key
from detente.result import Provenance, dumps_json

__all__ = [
    "Equilibrium",
    "GameSolution",
    "belief_keys",
    "describe",
    "flat_profile",
    "outcome_key",
]


@dataclass(frozen=True, slots=True)
class Equilibrium:
    """One equilibrium (or quantal response equilibrium) of a game."""

    profile: Mapping[str, Mapping[str, Mapping[str, float]]]
    beliefs: Mapping[str, Mapping[str, float]]
    outcome_probabilities: Mapping[str, float]
    payoffs: Mapping[str, float]
    off_path_beliefs: Mapping[str, Mapping[str, tuple[float, float]]] = field(default_factory=dict)
    action_probabilities: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Equilibrium:
        """Inverse of :meth:`to_dict`."""
        off = {
            h: {x: (b[0], b[1]) for x, b in v.items()}
            for h, v in d.get("off_path_beliefs", {}).items()
        }
        return cls(
            d["profile"],
            d["beliefs"],
            d["outcome_probabilities"],
            d["payoffs"],
            off,
            d.get("action_probabilities", {}),
        )

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
    provenance: Provenance | None = None

    def __repr__(self) -> str:
        n = len(self.equilibria)
        head = f"GameSolution({self.game!r}, {self.method}: {n} equilibri{'um' if n == 1 else 'a'}"
        if not n:
            return head + ")"
        first = self.equilibria[0].outcome_probabilities
        top = sorted(first.items(), key=lambda item: -item[1])[:3]
        more = ", …" if len(first) > 3 else ""
        likely = ", ".join(f"{o} {p:.3f}" for o, p in top) + more
        return f"{head}; {'outcomes' if n == 1 else 'the first'}: {likely})"

    def _head(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "game": self.game,
            "method": self.method,
            "params": dict(self.params),
        }
        if self.provenance is not None:  # its params are ours and the method
            out.update(self.provenance.to_dict())
        details = dict(self.details)
        if "note" in details:  # the setting references spelled as Python keywords
            details["note"] = self.note()
        out["details"] = _plain(details)
        return out

    def note(self, label: Callable[[str], str] | None = None) -> str | None:
        """``details["note"]`` with its ``{setting}`` references spelled by ``label``.

        Without ``label`` as Python keywords (``method='qre'``), as in :meth:`to_dict`; a front
        end passes its own spelling (the command line's flags: ``--method qre``).
        """
        note = self.details.get("note")
        return None if note is None else spell_settings(str(note), label)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict of the solution.

        Keys: ``game, method``, the provenance keys (``model, params, seed, version, scenario``)
        when known, ``details`` and ``equilibria``.
        """
        return {**self._head(), "equilibria": [e.to_dict() for e in self.equilibria]}

    def to_json(self, indent: int | None = 2) -> str:
        """JSON text of :meth:`to_dict` (through :func:`detente.result.dumps_json`)."""
        return dumps_json(self.to_dict(), indent)

    def iter_json(self) -> Iterator[str]:
        """The compact JSON text of :meth:`to_dict` in pieces, one equilibrium at a time.

        For games with thousands of equilibria: the command line streams these pieces.
        """
        head = dumps_json(self._head())
        yield head[:-1] + ', "equilibria": ['
        for k, e in enumerate(self.equilibria):
            yield ("," if k else "") + dumps_json(e.to_dict())
        yield "]}\n"

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> GameSolution:
        """Inverse of :meth:`to_dict`."""
        prov = Provenance.from_dict(d) if "model" in d else None
        eqs = tuple(Equilibrium.from_dict(e) for e in d["equilibria"])
        params = {k: v for k, v in d["params"].items() if prov is None or k != "method"}
        return cls(d["game"], d["method"], params, eqs, d.get("details", {}), prov)

    @classmethod
    def from_json(cls, text: str) -> GameSolution:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))


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


def flat_profile(game: Game, eq: Equilibrium) -> list[float]:
    """The action probabilities of ``eq`` in information-set and action order (Gambit's order)."""
    out: list[float] = []
    for h, info in enumerate(game.infosets):
        if info.player != Mover.CHANCE:
            probs = eq.profile[game.players[info.player - 1]][infoset_key(game, h)]
            out += [probs[a] for a in action_keys(info)]
    return out


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
        if info.player == Mover.CHANCE:
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
