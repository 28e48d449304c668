"""A dateline is a sentence of its own for the parser ("CARTAGENA, Colombia — The president …").

Wire stories open a paragraph with a dateline: the place the story was filed from, in capitals
or title case, then a dash ("GENEVA —", "BELGRADE, SERBIA —", "Washington –").  The guideline
codes it as a place, never an actor (``docs/explanation/extraction.md``, *Places are not
actors*), and :mod:`~detente.extraction.places` already drops its names.  But the small parser
reads the dateline and the first sentence as one clause: the city becomes the subject, the real
subject an apposition of it ("CARTAGENA, COLOMBIA — Colombia's president and the FARC leader
signed …" had *Cartagena* as the subject of *signed*), so the sentence loses its actors, its
pair and its main verb.  :func:`mark_datelines` runs before the parser and starts a new
sentence after the dash, so the dateline is parsed apart and the sentence after it as written.

A dateline here is: at the start of the text or of a line, one to twelve tokens that are
capitalised words, commas or abbreviation periods ("WASHINGTON, D.C."), the numbers of a date
and a news agency in parentheses ("CAIRO, March 3 (Reuters)", as Reuters and AFP write them),
then a spaced dash (a hyphen inside a word, "Saudi-led", is no dash), then more text.  Headlines
have no dash and are not touched.  Without the date and the agency, "CAIRO, March 3 (Reuters) -
Egypt said …" was one clause whose "March" was a protest march by Egypt.
"""

from __future__ import annotations

from typing import Any

__all__ = ["COMPONENT", "mark_datelines"]

COMPONENT = "detente_datelines"
_DASHES = frozenset(("—", "–", "-", "--"))
_MAX_PLACE_TOKENS = 12
"""Tokens of "WASHINGTON, D.C., March 3, 2020 (Reuters)", the longest form read."""


def _place_word(tok: Any) -> bool:
    """A dateline's token: a capitalised word, a comma, a period, a parenthesis, a date's number.

    A date's number is its day or year: one to four ASCII digits.
    """
    text = tok.text
    return bool(text in (",", ".", "(", ")") or text[:1].isupper() or _date_number(text))


def _date_number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 4


def _line_starts(doc: Any) -> list[int]:
    """Indices of the tokens that begin the text or a line (after a newline)."""
    starts = [0] if len(doc) else []
    for t in doc:
        if "\n" in t.text or "\n" in t.whitespace_:
            j = t.i + 1
            while j < len(doc) and doc[j].is_space:
                j += 1
            starts.append(j)
    return [j for j in starts if j < len(doc)]


def _dash_after_place(doc: Any, start: int) -> int | None:
    """The index of a dateline's dash when a dateline begins at ``start``, else ``None``."""
    for t in doc[start : min(len(doc), start + _MAX_PLACE_TOKENS + 1)]:
        if t.text in _DASHES:
            spaced = bool(doc[t.i - 1].whitespace_) if t.i > start else False
            return t.i if spaced and t.i > start and t.i + 1 < len(doc) else None
        if not _place_word(t) or not t.text.strip():
            return None
    return None


def mark_datelines(doc: Any) -> Any:
    """Start a sentence after each dateline's dash (a spaCy component placed before the parser)."""
    for start in _line_starts(doc):
        dash = _dash_after_place(doc, start)
        if dash is not None:
            doc[dash + 1].is_sent_start = True
    return doc


def register() -> None:
    """Register :func:`mark_datelines` as the spaCy component :data:`COMPONENT` (once)."""
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.component(COMPONENT, func=mark_datelines)
