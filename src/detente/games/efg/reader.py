"""Read Gambit ``.efg`` text (version 2) into a :class:`~detente.games.tree.Game`.

The format is described in :mod:`detente.games.efg`.  The reader accepts the abbreviated forms
(later mentions of an information set or outcome without its actions or payoffs) and chance
probabilities that sum to one within ``1e-9``; it refuses absent-minded games.  Every problem is
an :class:`~detente.errors.InputError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from detente.errors import InputError, Problem
from detente.games.efg.lexer import TokenStream
from detente.games.tree import (
    PROB_TOL,
    Game,
    Infoset,
    Mover,
    Node,
    Outcome,
    absent_minded,
)
from detente.io.readers import MAX_BYTES

__all__ = ["parse_efg", "read_efg"]


@dataclass(kw_only=True)
class _Build:
    players: tuple[str, ...]
    nodes: list[Node] = field(default_factory=list)
    infosets: list[Infoset] = field(default_factory=list)
    keys: dict[tuple[int, int], int] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    outcome_ids: dict[int, int] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)  # the line of each node


def parse_efg(text: str, name: str = "<efg>") -> Game:
    """Parse ``.efg`` text into a :class:`Game`; ``name`` labels error messages."""
    st = TokenStream(text, name)
    tok = st.next("word", "EFG")
    if tok.text != "EFG":
        raise st.fail(f"not a Gambit .efg file (starts with {tok.text!r}, expected EFG)", tok.line)
    if st.next("word", "version").text != "2":
        raise st.fail("only version 2 .efg files are supported")
    if st.next("word", "R or D").text not in ("R", "D"):
        raise st.fail("expected R (rational) or D (decimal) after the version")
    title = st.next("str", "the game title").text
    players = tuple(_strings(st, "player names"))
    if not players:
        raise st.fail("the game has no players")
    comment = st.next().text if st.is_("str") else ""
    b = _Build(players=players)
    _node(st, b, -1, -1)
    if st.peek() is not None:
        raise st.fail(f"unexpected {st.peek().text!r} after the last node of the tree")  # type: ignore[union-attr]
    game = Game(title, players, tuple(b.nodes), tuple(b.infosets), tuple(b.outcomes), comment)
    found = absent_minded(game)
    if found is not None:
        first, second = (b.lines[n] for n in found)
        h = game.nodes[found[0]].infoset
        player, number = next(k for k, v in b.keys.items() if v == h)
        msg = (
            f"information set {number} of player {player} is passed twice on one play (lines "
            f"{first} and {second}): absent-minded games are not supported"
        )
        raise InputError([Problem(name, f"line {second}", msg)])
    return game


def _strings(st: TokenStream, what: str) -> list[str]:
    st.next("brace", f"{{ before {what}")
    out = []
    while not st.is_("brace", "}"):
        out.append(st.next("str", what).text)
    st.next()
    return out


def _node(st: TokenStream, b: _Build, parent: int, action: int) -> None:
    tok = st.next("word", "a node (c, p or t)")
    if tok.text not in ("c", "p", "t"):
        raise st.fail(f"expected a node type c, p or t, found {tok.text!r}", tok.line)
    label = st.next("str", "the node label").text
    idx = len(b.nodes)
    b.lines.append(tok.line)
    if tok.text == "t":
        outcome = _outcome(st, b, tok.line)
        b.nodes.append(Node.terminal(label=label, parent=parent, action=action, outcome=outcome))
        return
    player = Mover.CHANCE if tok.text == "c" else st.integer("a player number")
    if player > len(b.players) or (tok.text == "p" and player == Mover.CHANCE):
        raise st.fail(f"player {player} does not exist (players 1..{len(b.players)})", tok.line)
    h = _infoset(st, b, player, tok.line, idx)
    outcome = _outcome(st, b, tok.line)
    b.nodes.append(
        Node(
            label=label,
            player=player,
            infoset=h,
            children=(),
            parent=parent,
            action=action,
            outcome=outcome,
        )
    )
    kids = []
    for a in range(len(b.infosets[h].actions)):
        kids.append(len(b.nodes))
        _node(st, b, idx, a)
    b.nodes[idx] = Node(
        label=label,
        player=player,
        infoset=h,
        children=tuple(kids),
        parent=parent,
        action=action,
        outcome=outcome,
    )


def _infoset(st: TokenStream, b: _Build, player: int, line: int, idx: int) -> int:
    number = st.integer("an information-set number")
    label, actions, probs = None, None, None
    if st.is_("str"):
        label = st.next().text
        if st.is_("brace", "{"):
            actions, probs = _actions(st, chance=player == Mover.CHANCE)
    key = (player, number)
    if key not in b.keys:
        if actions is None:
            raise st.fail(f"information set {number} is used before its actions are listed", line)
        b.keys[key] = len(b.infosets)
        b.infosets.append(Infoset(label or "", player, tuple(actions), (idx,), tuple(probs or ())))
        return b.keys[key]
    h = b.keys[key]
    old = b.infosets[h]
    if actions is not None and tuple(actions) != old.actions:
        raise st.fail(
            f"information set {number} lists actions {actions}, before {list(old.actions)}", line
        )
    if player == Mover.CHANCE and probs is not None and tuple(probs) != old.probs:
        raise st.fail(f"chance information set {number} changes its probabilities", line)
    b.infosets[h] = Infoset(old.label, player, old.actions, (*old.nodes, idx), old.probs)
    return h


def _actions(st: TokenStream, chance: bool) -> tuple[list[str], list[float]]:
    open_line = st.next().line
    names: list[str] = []
    probs: list[Fraction] = []
    while not st.is_("brace", "}"):
        names.append(st.next("str", "an action label").text)
        if chance:
            p = st.number("a probability")
            if p < 0:
                raise st.fail(f"probability {p} is negative")
            probs.append(p)
    st.next()
    if not names:
        raise st.fail("an information set needs at least one action", open_line)
    if chance and abs(float(sum(probs)) - 1.0) > PROB_TOL:
        raise st.fail(f"chance probabilities sum to {float(sum(probs)):g}, not 1", open_line)
    return names, [float(p) for p in probs]


def _outcome(st: TokenStream, b: _Build, line: int) -> int:
    number = st.integer("an outcome number")
    label, payoffs = None, None
    if st.is_("str"):
        label = st.next().text
    if st.is_("brace", "{"):
        st.next()
        payoffs = []
        while not st.is_("brace", "}"):
            payoffs.append(float(st.number("a payoff")))
        st.next()
        if len(payoffs) != len(b.players):
            raise st.fail(
                f"outcome {number} has {len(payoffs)} payoffs for {len(b.players)} players", line
            )
    if number == 0:
        return -1
    if number not in b.outcome_ids:
        if payoffs is None:
            raise st.fail(f"outcome {number} is used before its payoffs are given", line)
        b.outcome_ids[number] = len(b.outcomes)
        b.outcomes.append(Outcome(label or "", tuple(payoffs)))
    return b.outcome_ids[number]


def read_efg(path: str | Path) -> Game:
    """Read a ``.efg`` file."""
    p = Path(path)
    try:
        if p.is_file() and p.stat().st_size > MAX_BYTES:
            mb = p.stat().st_size / 1e6
            msg = f"file is {mb:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB"
            raise InputError([Problem(str(p), "", msg)])
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(p), "", f"cannot read: {exc}")]) from None
    try:
        return parse_efg(text, str(p))
    except RecursionError:
        raise InputError([Problem(str(p), "", "the game tree is nested too deeply")]) from None
