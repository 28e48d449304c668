"""Tokens of Gambit's ``.efg`` text: quoted strings, braces and words, each with its line.

:class:`TokenStream` is what the reader (:mod:`detente.games.efg.reader`) consumes: it hands out
tokens of an expected kind, reads numbers (integers, decimals such as ``.80``, rationals such as
``99/100``) and whole numbers, and builds every error as an :class:`~detente.errors.InputError`
naming the file and line.  Whitespace and commas separate tokens ([Gambit] "Game representation
formats").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from detente.errors import InputError, Problem

__all__ = ["Token", "TokenStream", "tokenize"]

_NUMBER = re.compile(r"[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?)")
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|([^\s{},"]+)|(\n)|[ \t\r,]+|(.)', re.S)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind (``"str"``, ``"brace"`` or ``"word"``), its text and its line."""

    kind: str  # "str", "brace", "word"
    text: str
    line: int


class TokenStream:
    """The tokens of one file, read in order; errors name the file and the line."""

    def __init__(self, text: str, name: str) -> None:
        self.name, self.toks, self.pos = name, tokenize(text, name), 0

    def fail(self, msg: str, line: int | None = None) -> InputError:
        """The error to raise: ``msg`` at ``line`` (default: the current token's line)."""
        if line is None:
            line = self.toks[min(self.pos, len(self.toks) - 1)].line if self.toks else 1
        return InputError([Problem(self.name, f"line {line}", msg)])

    def peek(self) -> Token | None:
        """The next token without consuming it (None at the end)."""
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def next(self, kind: str | None = None, what: str = "") -> Token:
        """The next token, which must be of ``kind`` if given (``what`` names it in errors)."""
        tok = self.peek()
        if tok is None:
            last = self.toks[-1].line if self.toks else 1
            raise self.fail(f"unexpected end of file, expected {what or kind}", last)
        if kind is not None and tok.kind != kind:
            raise self.fail(f"expected {what or kind}, found {tok.text!r}")
        self.pos += 1
        return tok

    def number(self, what: str) -> Fraction:
        """The next token as an exact finite number (integer, decimal or rational)."""
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
        """The next token as a whole number."""
        tok = self.next("word", what)
        if not tok.text.isdigit():
            raise self.fail(f"expected {what} (a whole number), found {tok.text!r}", tok.line)
        return int(tok.text)

    def is_(self, kind: str, text: str | None = None) -> bool:
        """Whether the next token is of ``kind`` (and is ``text``, if given)."""
        tok = self.peek()
        return tok is not None and tok.kind == kind and (text is None or tok.text == text)


def tokenize(text: str, name: str) -> list[Token]:
    """The tokens of ``text`` with their lines; an unexpected character is an error."""
    out, line = [], 1
    for m in _TOKEN.finditer(text):
        s, brace, word, nl, bad = m.groups()
        if s is not None:
            out.append(Token("str", re.sub(r"\\(.)", r"\1", s), line))
            line += s.count("\n")
        elif brace:
            out.append(Token("brace", brace, line))
        elif word:
            out.append(Token("word", word, line))
        elif nl:
            line += 1
        elif bad:
            raise InputError([Problem(name, f"line {line}", f"unexpected character {bad!r}")])
    return out
