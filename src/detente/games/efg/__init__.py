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

The package: :mod:`~detente.games.efg.lexer` (tokens with their lines),
:mod:`~detente.games.efg.reader` (:func:`parse_efg`, :func:`read_efg`) and
:mod:`~detente.games.efg.writer` (:func:`format_efg`, :func:`write_efg`).

References
----------
[Gambit] McKelvey, R. D., McLennan, A. M. & Turocy, T. L. Gambit: Software Tools for Game
Theory, https://www.gambit-project.org (file formats documentation).
"""

from __future__ import annotations

from detente.games.efg.reader import parse_efg, read_efg
from detente.games.efg.writer import format_efg, write_efg

__all__ = ["format_efg", "parse_efg", "read_efg", "write_efg"]
