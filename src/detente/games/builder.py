"""Writing games in Python: :func:`decide`, :func:`chance`, :func:`leaf`, then :func:`build`.

A builder tree of :class:`Move` and :class:`Leaf` is flattened by :func:`build` into a
:class:`~detente.games.tree.Game` (nodes in preorder, as Gambit's ``.efg`` files list them).
Nodes of one player with the same information-set name share it; its actions must agree.
Absent-minded games are refused (:func:`~detente.games.tree.check_perfect_recall_paths`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from detente.games.tree import (
    CHANCE,
    Game,
    Infoset,
    Mover,
    Node,
    Outcome,
    check_perfect_recall_paths,
)

__all__ = ["Branch", "Leaf", "Move", "build", "chance", "decide", "leaf"]


@dataclass(frozen=True, slots=True)
class Leaf:
    """A terminal node of a game under construction."""

    outcome: str
    payoffs: tuple[float, ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class Branch:
    """One action of a move and the subtree it leads to (``prob`` only at chance)."""

    action: str
    subtree: Move | Leaf
    prob: float | None = None


@dataclass(frozen=True, slots=True)
class Move:
    """A decision or chance node of a game under construction."""

    player: str
    infoset: str
    branches: tuple[Branch, ...]
    label: str = ""


def leaf(outcome: str, *payoffs: float, label: str = "") -> Leaf:
    """A terminal node with outcome label ``outcome`` and one payoff per player."""
    return Leaf(outcome, tuple(float(p) for p in payoffs), label)


def decide(player: str, infoset: str, moves: dict[str, Move | Leaf], label: str = "") -> Move:
    """A decision node of ``player``; nodes with the same player and ``infoset`` share it."""
    return Move(player, infoset, tuple(Branch(a, t) for a, t in moves.items()), label)


def chance(infoset: str, moves: Sequence[tuple[str, float, Move | Leaf]], label: str = "") -> Move:
    """A chance node: ``(action, probability, subtree)`` triples."""
    return Move(CHANCE, infoset, tuple(Branch(a, t, p) for a, p, t in moves), label)


@dataclass
class _Acc:
    players: tuple[str, ...]
    nodes: list[Node]
    infosets: list[Infoset]
    outcomes: list[Outcome]
    keys: dict[tuple[int, str], int]


def build(title: str, players: Iterable[str], root: Move | Leaf, description: str = "") -> Game:
    """Flatten a builder tree into a :class:`Game` (nodes in preorder)."""
    acc = _Acc(tuple(players), [], [], [], {})
    _add(acc, root, -1, -1)  # the root has no parent and no action
    game = Game(
        title, acc.players, tuple(acc.nodes), tuple(acc.infosets), tuple(acc.outcomes), description
    )
    check_perfect_recall_paths(game)
    return game


def _add(acc: _Acc, t: Move | Leaf, parent: int, action: int) -> int:
    idx = len(acc.nodes)
    if isinstance(t, Leaf):
        acc.outcomes.append(Outcome(t.outcome, t.payoffs))
        outcome = len(acc.outcomes) - 1
        acc.nodes.append(
            Node.terminal(label=t.label, parent=parent, action=action, outcome=outcome)
        )
        return idx
    player = Mover.CHANCE if t.player == CHANCE else acc.players.index(t.player) + 1
    h = _infoset(acc, t, player, idx)
    acc.nodes.append(
        Node(label=t.label, player=player, infoset=h, children=(), parent=parent, action=action)
    )
    kids = tuple(_add(acc, b.subtree, idx, a) for a, b in enumerate(t.branches))
    acc.nodes[idx] = Node(
        label=t.label, player=player, infoset=h, children=kids, parent=parent, action=action
    )
    return idx


def _infoset(acc: _Acc, t: Move, player: int, idx: int) -> int:
    actions = tuple(b.action for b in t.branches)
    probs = tuple(float(b.prob or 0.0) for b in t.branches) if player == Mover.CHANCE else ()
    key = (player, t.infoset)
    if key not in acc.keys:
        acc.keys[key] = len(acc.infosets)
        acc.infosets.append(Infoset(t.infoset, player, actions, (idx,), probs))
        return acc.keys[key]
    h = acc.keys[key]
    old = acc.infosets[h]
    if old.actions != actions:
        raise ValueError(
            f"information set {t.infoset!r}: actions {actions} differ from {old.actions}"
        )
    acc.infosets[h] = Infoset(old.label, player, actions, (*old.nodes, idx), old.probs)
    return h
