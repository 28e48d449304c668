"""Write a :class:`~detente.games.tree.Game` as Gambit ``.efg`` text (version 2).

As Gambit 16.7 does, every mention of an information set or outcome is written in full and the
chance probabilities sum to exactly one (see :mod:`detente.games.efg`).  The rational form writes
a fraction only where it equals the float, else the float's shortest decimal, so both forms read
back to the same numbers.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from detente.games.tree import Game, Mover

__all__ = ["format_efg", "write_efg"]


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
