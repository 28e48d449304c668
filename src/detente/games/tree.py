"""Finite extensive-form games: players, chance, information sets, actions and outcomes.

A :class:`Game` is a rooted tree stored as a flat tuple of :class:`Node` in preorder (the root is
node 0), the order in which Gambit's ``.efg`` format lists nodes.  Every non-terminal node belongs
to an :class:`Infoset` of one player or of chance (:class:`Mover`).  All nodes of an information
set share its action labels; a chance information set carries the probabilities of its actions.  An
:class:`Outcome` (a label and one payoff per player) may sit on any node; as in Gambit, the payoff
of a play is the sum of the outcomes met along its path.

Games are written in Python with the small builder of :mod:`detente.games.builder`, or read from
``.efg`` files (:mod:`detente.games.efg`).

Assumptions
-----------
* Perfect recall is assumed by the solvers.  Games where a play passes an information set twice
  (absent-mindedness) are refused by the builder (:mod:`detente.games.builder`) and the ``.efg``
  reader; other games of imperfect recall are accepted and listed by :func:`imperfect_recall`,
  and each solver's result then carries a warning (``details["warnings"]``).
* Labels may be empty (files from Gambit often leave node labels empty); the JSON keys then fall
  back to Gambit-style numbers or to the path of actions (:func:`node_key`, :func:`infoset_key`).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

__all__ = [
    "CHANCE",
    "Game",
    "Infoset",
    "Mover",
    "Node",
    "Outcome",
    "absent_minded",
    "absent_minded_text",
    "action_keys",
    "imperfect_recall",
    "infoset_key",
    "is_perfect_information",
    "node_key",
    "path_key",
    "require_game",
]

CHANCE = "chance"
PROB_TOL = 1e-9


class Mover(enum.IntEnum):
    """Who moves at a node besides the players, numbered 1..n (as in Gambit's ``.efg`` files)."""

    TERMINAL = -1
    """Nobody: the play ends at this node."""
    CHANCE = 0
    """Chance, with the probabilities of its information set."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A labelled payoff vector, one payoff per player."""

    label: str
    payoffs: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Infoset:
    """An information set: owner, action labels, member nodes, chance probabilities.

    ``player`` is :attr:`Mover.CHANCE` or a player's number 1..n (``game.players[player - 1]``).
    """

    label: str
    player: int
    actions: tuple[str, ...]
    nodes: tuple[int, ...]
    probs: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """A node; ``player`` is a :class:`Mover` (terminal, chance) or a player's number 1..n."""

    label: str
    player: int
    infoset: int
    children: tuple[int, ...]
    parent: int
    action: int
    outcome: int = -1

    @classmethod
    def terminal(cls, *, label: str, parent: int, action: int, outcome: int) -> Node:
        """A terminal node: no player, infoset or children."""
        return cls(
            label=label,
            player=Mover.TERMINAL,
            infoset=-1,
            children=(),
            parent=parent,
            action=action,
            outcome=outcome,
        )


@dataclass(frozen=True, slots=True)
class Game:
    """A finite extensive-form game; nodes in preorder, root first."""

    title: str
    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    infosets: tuple[Infoset, ...]
    outcomes: tuple[Outcome, ...]
    description: str = ""

    def __post_init__(self) -> None:
        if not self.players:
            raise ValueError("a game needs at least one player")
        if not self.nodes:
            raise ValueError("a game needs at least one node")
        for o in self.outcomes:
            if len(o.payoffs) != len(self.players):
                raise ValueError(
                    f"outcome {o.label!r}: {len(o.payoffs)} payoffs for {len(self.players)} players"
                )
        for h in self.infosets:
            if h.player == Mover.CHANCE and abs(math.fsum(h.probs) - 1.0) > PROB_TOL:
                raise ValueError(
                    f"chance information set {h.label!r}: probabilities sum to "
                    f"{math.fsum(h.probs):g}, not 1"
                )

    @property
    def n_players(self) -> int:
        """Number of players (chance not counted)."""
        return len(self.players)

    def __repr__(self) -> str:
        return (
            f"Game({self.title!r}: players {', '.join(self.players)}; {len(self.nodes)} nodes, "
            f"{len(self.terminals())} terminal, {len(self.infosets)} information sets)"
        )

    def terminals(self) -> tuple[int, ...]:
        """Terminal node indices in preorder."""
        return tuple(i for i, n in enumerate(self.nodes) if n.player == Mover.TERMINAL)

    def path(self, node: int) -> list[tuple[int, int]]:
        """``(node, action)`` pairs from the root down to ``node`` (exclusive)."""
        out: list[tuple[int, int]] = []
        while self.nodes[node].parent >= 0:
            child = self.nodes[node]
            out.append((child.parent, child.action))
            node = child.parent
        return out[::-1]

    def payoff(self, node: int) -> tuple[float, ...]:
        """Sum of the outcomes on the path to ``node`` and at it."""
        total = [0.0] * self.n_players
        for k in [n for n, _ in self.path(node)] + [node]:
            o = self.nodes[k].outcome
            if o >= 0:
                total = [t + p for t, p in zip(total, self.outcomes[o].payoffs, strict=True)]
        return tuple(total)


def absent_minded(game: Game) -> tuple[int, int] | None:
    """``(first, second)``: two nodes of one information set on one play, or None.

    A game where a play passes an information set twice has *absent-minded* players
    ([PiccioneRubinstein1997]); behaviour strategies then need other solution concepts, so such
    games are refused.
    """
    for t in game.terminals():
        seen: dict[int, int] = {}
        for n, _ in game.path(t):
            h = game.nodes[n].infoset
            if h in seen:
                return seen[h], n
            seen[h] = n
    return None


def check_perfect_recall_paths(game: Game) -> None:
    """Raise ValueError if some play passes one information set twice (absent-mindedness)."""
    found = absent_minded(game)
    if found is not None:
        raise ValueError(absent_minded_text(game, *found))


def absent_minded_text(game: Game, first: int, second: int) -> str:
    """One line saying that nodes ``first`` and ``second`` share an information set on a play."""
    info = game.infosets[game.nodes[first].infoset]
    who = "chance" if info.player == Mover.CHANCE else f"player {game.players[info.player - 1]!r}"
    return (
        f"information set {info.label!r} of {who} is passed twice on one play (nodes {first} and "
        f"{second} in preorder): absent-minded games are not supported"
    )


def imperfect_recall(game: Game) -> list[int]:
    """Information sets whose nodes differ in their owner's earlier information sets and actions.

    Perfect recall ([Kuhn1953]): all nodes of an information set of player i are reached by the
    same sequence of i's own (information set, action) pairs.  Without it, behaviour strategies
    may not be equivalent to mixed strategies, and the behaviour-strategy solvers (QRE, PBE)
    may miss equilibria.
    """
    bad = []
    for h, info in enumerate(game.infosets):
        if info.player == Mover.CHANCE:
            continue
        seqs = {
            tuple(
                (game.nodes[n].infoset, a)
                for n, a in game.path(x)
                if game.nodes[n].player == info.player
            )
            for x in info.nodes
        }
        if len(seqs) > 1:
            bad.append(h)
    return bad


# ---- labels used as JSON keys --------------------------------------------------------------


def require_game(game: object) -> None:
    """A TypeError saying what to pass when a solver is given something else than a Game.

    A :class:`~detente.games.solving.LoadedGame` (what ``load_game`` returns) failed deep inside
    with ``'LoadedGame' object has no attribute 'infosets'``.
    """
    if not isinstance(game, Game):
        hint = ": pass its .game, or use detente.games.solve(loaded, method)"
        raise TypeError(
            f"expected a Game, got {type(game).__name__}{hint if hasattr(game, 'game') else ''}"
        )


def is_perfect_information(game: Game) -> bool:
    """True when every information set of a player is a single node."""
    require_game(game)
    return all(len(h.nodes) == 1 for h in game.infosets if h.player != Mover.CHANCE)


def infoset_key(game: Game, h: int) -> str:
    """The information set's label, or ``"<player>:<number>"`` when empty or not unique."""
    info = game.infosets[h]
    same = [g for g in game.infosets if g.player == info.player and g.label == info.label]
    if info.label and len(same) == 1:
        return info.label
    number = [g for g in game.infosets if g.player == info.player].index(info) + 1
    return f"{info.label or 'set'}#{number}" if info.label else f"{info.player}:{number}"


def action_keys(info: Infoset) -> list[str]:
    """Action labels, numbered where empty or repeated."""
    out: list[str] = []
    for i, a in enumerate(info.actions):
        key = a or str(i + 1)
        out.append(key if key not in out else f"{key}#{i + 1}")
    return out


def node_key(game: Game, node: int) -> str:
    """The node's label, or the path of action labels from the root (``"/"``-joined)."""
    return game.nodes[node].label or path_key(game, node)


def path_key(game: Game, node: int) -> str:
    """The path of action labels from the root to ``node``, ``"/"``-joined."""
    steps = [action_keys(game.infosets[game.nodes[n].infoset])[a] for n, a in game.path(node)]
    return "/".join(steps) or "root"
