"""Read and write Gambit's ``.efg`` text format (version 2), in rational or decimal form.

A file is a header ``EFG 2 R "title" { "player 1" "player 2" ... }``, an optional comment string,
then the nodes in preorder, one per line as Gambit writes them::

    c "node" 1 "infoset" { "H" 1/2 "T" 1/2 } 0
    p "node" 1 1 "infoset" { "L" "R" } 1 "outcome" { 1, -1 }
    t "node" 2 "outcome" { -1, 1 }

``c`` is a chance node (information-set number, label, actions with probabilities), ``p`` a
player node (player number, information-set number, label, actions), ``t`` a terminal node; the
trailing number is the outcome (0 for none) followed, at its first use, by its label and payoffs.
Information-set labels and actions, and outcome labels and payoffs, may be omitted after their
first appearance.  Numbers are integers, decimals (``.80``) or rationals (``99/100``);
whitespace and commas separate tokens ([Gambit] "Game representation formats").

Gambit 16.7 writes every mention of an information set or outcome in full and requires the chance
probabilities to sum to exactly one (as exact decimals or fractions); :func:`format_efg` does the
same, giving the largest chance probability the exact complement of the others where the floats'
shortest decimals do not sum to one (``0.3333333333333333``, ``0.6666666666666667``).  The
rational form writes a fraction only where it equals the float, else the float's shortest
decimal, so both forms read back to the same numbers.  The reader also accepts the abbreviated
forms (later mentions without actions or payoffs) and sums within ``1e-9``.

Every problem is reported as :class:`detente.errors.InputError` naming the file and line.

References
----------
[Gambit] McKelvey, R. D., McLennan, A. M. & Turocy, T. L. Gambit: Software Tools for Game
Theory, https://www.gambit-project.org (file formats documentation).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from detente.errors import InputError, Problem
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

__all__ = ["format_efg", "parse_efg", "read_efg", "write_efg"]

_NUMBER = re.compile(r"[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?)")
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|([^\s{},"]+)|(\n)|[ \t\r,]+|(.)', re.S)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "str", "brace", "word"
    text: str
    line: int


class _Stream:
    def __init__(self, text: str, name: str) -> None:
        self.name, self.toks, self.pos = name, _tokenize(text, name), 0

    def fail(self, msg: str, line: int | None = None) -> InputError:
        if line is None:
            line = self.toks[min(self.pos, len(self.toks) - 1)].line if self.toks else 1
        return InputError([Problem(self.name, f"line {line}", msg)])

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def next(self, kind: str | None = None, what: str = "") -> _Tok:
        tok = self.peek()
        if tok is None:
            last = self.toks[-1].line if self.toks else 1
            raise self.fail(f"unexpected end of file, expected {what or kind}", last)
        if kind is not None and tok.kind != kind:
            raise self.fail(f"expected {what or kind}, found {tok.text!r}")
        self.pos += 1
        return tok

    def number(self, what: str) -> Fraction:
        tok = self.next("word", what)
        try:
            if not _NUMBER.fullmatch(tok.text):
                raise ValueError
            value = Fraction(tok.text)
            if not math.isfinite(float(value)):
                raise ValueError
        except (ValueError, ZeroDivisionError, OverflowError):
            raise self.fail(f"expected {what}, found {tok.text!r}", tok.line) from None
        return value

    def integer(self, what: str) -> int:
        tok = self.next("word", what)
        if not tok.text.isdigit():
            raise self.fail(f"expected {what} (a whole number), found {tok.text!r}", tok.line)
        return int(tok.text)

    def is_(self, kind: str, text: str | None = None) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == kind and (text is None or tok.text == text)


def _tokenize(text: str, name: str) -> list[_Tok]:
    out, line = [], 1
    for m in _TOKEN.finditer(text):
        s, brace, word, nl, bad = m.groups()
        if s is not None:
            out.append(_Tok("str", re.sub(r"\\(.)", r"\1", s), line))
            line += s.count("\n")
        elif brace:
            out.append(_Tok("brace", brace, line))
        elif word:
            out.append(_Tok("word", word, line))
        elif nl:
            line += 1
        elif bad:
            raise InputError([Problem(name, f"line {line}", f"unexpected character {bad!r}")])
    return out


@dataclass
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
    st = _Stream(text, name)
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
    b = _Build(players)
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


def _strings(st: _Stream, what: str) -> list[str]:
    st.next("brace", f"{{ before {what}")
    out = []
    while not st.is_("brace", "}"):
        out.append(st.next("str", what).text)
    st.next()
    return out


def _node(st: _Stream, b: _Build, parent: int, action: int) -> None:
    tok = st.next("word", "a node (c, p or t)")
    if tok.text not in ("c", "p", "t"):
        raise st.fail(f"expected a node type c, p or t, found {tok.text!r}", tok.line)
    label = st.next("str", "the node label").text
    idx = len(b.nodes)
    b.lines.append(tok.line)
    if tok.text == "t":
        outcome = _outcome(st, b, tok.line)
        b.nodes.append(Node(label, Mover.TERMINAL, -1, (), parent, action, outcome))
        return
    player = Mover.CHANCE if tok.text == "c" else st.integer("a player number")
    if player > len(b.players) or (tok.text == "p" and player == Mover.CHANCE):
        raise st.fail(f"player {player} does not exist (players 1..{len(b.players)})", tok.line)
    h = _infoset(st, b, player, tok.line, idx)
    outcome = _outcome(st, b, tok.line)
    b.nodes.append(Node(label, player, h, (), parent, action, outcome))
    kids = []
    for a in range(len(b.infosets[h].actions)):
        kids.append(len(b.nodes))
        _node(st, b, idx, a)
    b.nodes[idx] = Node(label, player, h, tuple(kids), parent, action, outcome)


def _infoset(st: _Stream, b: _Build, player: int, line: int, idx: int) -> int:
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


def _actions(st: _Stream, chance: bool) -> tuple[list[str], list[float]]:
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


def _outcome(st: _Stream, b: _Build, line: int) -> int:
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


# ---- writing -------------------------------------------------------------------------------


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(x: float, rational: bool) -> str:
    if rational:
        f = Fraction(x).limit_denominator(10**6)
        if float(f) == x:
            return str(f)
    if float(x).is_integer():
        return str(int(x))
    return repr(float(x))


def _prob_texts(probs: tuple[float, ...], rational: bool) -> list[str]:
    """Chance probabilities as text whose exact sum is 1, as Gambit requires.

    Floats such as 1/3 and 2/3 are written as ``0.3333333333333333`` and
    ``0.6666666666666667`` in the decimal form: the largest probability takes the exact
    complement of the others (a change of at most a few units in the last place).
    """
    texts = [_num(p, rational) for p in probs]
    exact = [Fraction(t) for t in texts]
    if texts and sum(exact) != 1:
        k = max(range(len(probs)), key=lambda i: probs[i])
        texts[k] = _exact_text(1 - (sum(exact) - exact[k]))
    return texts


def _exact_text(f: Fraction) -> str:
    """``f`` as a terminating decimal when it is one, else as a fraction."""
    den = f.denominator
    twos = fives = 0
    while den % 2 == 0:
        den, twos = den // 2, twos + 1
    while den % 5 == 0:
        den, fives = den // 5, fives + 1
    if den != 1:
        return str(f)
    digits = max(twos, fives)
    scaled = abs(f.numerator) * 10**digits // f.denominator
    whole, frac = divmod(scaled, 10**digits)
    sign = "-" if f < 0 else ""
    if not digits:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")


def format_efg(game: Game, rational: bool = True) -> str:
    """The game as ``.efg`` text; numbers as fractions (``rational``) or decimals."""
    numbers = _infoset_numbers(game)
    lines = [
        f"EFG 2 R {_q(game.title)} {{ {' '.join(_q(p) for p in game.players)} }}",
        _q(game.description),
        "",
    ]
    for node in game.nodes:
        out = _outcome_text(game, node.outcome, rational)
        if node.player == Mover.TERMINAL:
            lines.append(f"t {_q(node.label)} {out}")
            continue
        info = game.infosets[node.infoset]
        if node.player == Mover.CHANCE:
            acts = " ".join(
                f"{_q(a)} {p}"
                for a, p in zip(info.actions, _prob_texts(info.probs, rational), strict=True)
            )
            head = f"c {_q(node.label)} {numbers[node.infoset]}"
        else:
            acts = " ".join(_q(a) for a in info.actions)
            head = f"p {_q(node.label)} {node.player} {numbers[node.infoset]}"
        lines.append(f"{head} {_q(info.label)} {{ {acts} }} {out}")
    return "\n".join(lines) + "\n"


def _infoset_numbers(game: Game) -> dict[int, int]:
    count: dict[int, int] = {}
    numbers: dict[int, int] = {}
    for h, info in enumerate(game.infosets):
        count[info.player] = count.get(info.player, 0) + 1
        numbers[h] = count[info.player]
    return numbers


def _outcome_text(game: Game, o: int, rational: bool) -> str:
    if o < 0:
        return "0"
    oc = game.outcomes[o]
    pays = ", ".join(_num(x, rational) for x in oc.payoffs)
    return f"{o + 1} {_q(oc.label)} {{ {pays} }}"


def write_efg(game: Game, path: str | Path, rational: bool = True) -> None:
    """Write the game to ``path`` as ``.efg``."""
    Path(path).write_text(format_efg(game, rational), encoding="utf-8")
