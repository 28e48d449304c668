"""Whole-document extraction: clean → parse → actors → events/claims → positions (stages 0–8).

:func:`extract` is the entry point.  It is deterministic: the same text, date and alias table
give the same :class:`~detente.extraction.types.Extraction`.  Design, rules and measured accuracy:
``docs/explanation/extraction.md``; specification: ``specs/event-extraction.md``.

Assumptions beyond the spec:

* An event needs a source actor.  A nominal trigger ("the March 3 missile test") without an
  actor in its own phrase takes the sentence's agentive actor (a subject or a "by" phrase).
* Nominal REQUEST triggers ("demands") become positions, not events; nominal triggers without a
  date, an actor of their own or a governing verb are dropped as background.
* Sanctions and embargoes without a date are ``ongoing`` as of the publication date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from typing import Any

from detente.errors import DetenteError
from detente.extraction.actors import AliasTable, load_aliases
from detente.extraction.coder import Coded, code_sentence
from detente.extraction.collect import Collector
from detente.extraction.dating import date_of
from detente.extraction.mentions import doc_actors, new_mentions
from detente.extraction.nlp import MODEL, load_pipeline
from detente.extraction.text import clean, looks_english
from detente.extraction.types import DateRef, Extraction

__all__ = ["extract"]

CHUNK_CHARS = 3_000
MAX_PARSE_CHARS = 150_000
"""Parse at most this many characters of distinct, actor-bearing paragraphs (about 30 s on a
loaded 2-core machine); the rest is skipped with a warning, so 1 MB of text returns in time."""
_AGENT_DEPS = frozenset(("nsubj", "agent"))


def _chunks(text: str) -> list[tuple[int, str]]:
    """Paragraph-aligned chunks of at most about ``CHUNK_CHARS`` characters, with offsets."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end) + 1)
            end = cut if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


@functools.lru_cache(maxsize=4)
def _alias_pattern(table: AliasTable) -> re.Pattern[str]:
    words = {a for e in table.entries for a in (*e.aliases, *e.people, *e.places)}
    words |= set(table.name_parts())
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _plan(text: str, table: AliasTable, limit: int) -> tuple[list[tuple[int, str]], list[str]]:
    """Chunks worth parsing: with an actor alias; distinct texts within ``limit`` characters."""
    pattern = _alias_pattern(table)
    kept: list[tuple[int, str]] = []
    budget, distinct, skipped = limit, set(), 0
    for offset, chunk in _chunks(text):
        if not pattern.search(chunk):
            continue
        if chunk not in distinct:
            if len(chunk) > budget:
                skipped += len(chunk)
                continue
            budget -= len(chunk)
            distinct.add(chunk)
        kept.append((offset, chunk))
    warnings = (
        [
            f"only the first {limit:,} characters of distinct paragraphs that name an actor "
            f"were parsed; {skipped:,} characters were skipped"
        ]
        if skipped
        else []
    )
    if not kept:
        warnings.append(
            "no actor from the alias table is named in the text; nothing was coded "
            "(add names with --aliases FILE)"
        )
    return kept, warnings


def _np_role(tok: Any) -> tuple[str, str]:
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "case", "appos", "conj", "cc"):
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.dep_, tok.head.lower_


def _sentence_agent(sent: Any, actors: dict[int, str], exclude: tuple[str, ...]) -> list[str]:
    """Codes of the first agentive actor in ``sent`` (subject or "by" phrase), not excluded."""
    for t in sent:
        code = actors.get(t.i)
        if code and code not in exclude:
            dep, head = _np_role(t)
            if dep in _AGENT_DEPS or (dep == "pobj" and head == "by"):
                return [code]
    return []


def _noun_background(c: Coded, date: DateRef) -> bool:
    tok = c.trigger
    if tok.pos_ == "VERB":
        return False
    if c.plover == "REQUEST":
        return True
    own = any(
        d.dep_ in ("poss", "compound", "amod", "nmod", "prep") and d.lower_ != "of"
        for d in tok.children
    ) and bool(c.source)
    return not (own or date.value or date.type == "approximate")


def _noun_date(tok: Any, date: DateRef) -> DateRef:
    if date.value or tok.pos_ == "VERB":
        return date
    if any(c.lower_ in ("recent", "latest") for c in tok.children):
        return DateRef("recent", "", "", "approximate")
    if tok.lemma_.lower() in ("sanction", "embargo"):
        return DateRef("", "", "", "ongoing")
    return date


def _code_sentence(sent: Any, actors: dict[int, str], pub: dt.date, col: Collector) -> None:
    previous: list[str] = []
    for c in sorted(code_sentence(sent, actors), key=lambda c: c.trigger.i):
        date = _noun_date(c.trigger, date_of(c.trigger, pub))
        source = list(c.source) or (previous if c.trigger.pos_ == "VERB" else [])
        source = source or _sentence_agent(sent, actors, c.target)
        previous = source or previous
        if not source or _noun_background(c, date):
            continue
        col.add_coded(c, tuple(source), date, sent)
    col.add_positions(sent, actors, pub)


def _document_info(cleaned: str) -> dict[str, Any]:
    return {
        "id": hashlib.sha256(cleaned.encode()).hexdigest()[:16],
        "chars": len(cleaned),
        "cleaning": "web furniture removed; quotes and spaces normalised; 'test-fired' joined; "
        "offsets are into the cleaned text",
        "model": MODEL,
    }


def extract(
    text: str,
    pub_date: dt.date,
    *,
    aliases: AliasTable | None = None,
    max_chars: int = MAX_PARSE_CHARS,
) -> Extraction:
    """Extract actors, events, claims, positions, deadlines and red lines from an article.

    Parameters
    ----------
    text : str
        The article as plain text (cleaned here; offsets refer to the cleaned text).
    pub_date : datetime.date
        Publication date, against which relative dates are resolved.
    aliases : AliasTable, optional
        Actor table; the bundled one (plus pycountry names) by default.
    max_chars : int
        Parse budget in characters of distinct paragraphs that name an actor.

    Raises
    ------
    DetenteError
        If the text is empty or does not look like English, or spaCy is not installed.
    """
    cleaned = clean(text)
    if not cleaned:
        raise DetenteError("the text is empty (nothing left after removing web furniture)")
    if not looks_english(cleaned):
        raise DetenteError("the text does not look like English; only English text is supported")
    table = aliases or load_aliases()
    nlp = load_pipeline(table)
    state = new_mentions(table)
    col = Collector(cleaned, table)
    chunks, warnings = _plan(cleaned, table, max_chars)
    unique = list(dict.fromkeys(t for _, t in chunks))
    parsed = dict(zip(unique, nlp.pipe(unique, batch_size=32), strict=True))
    for offset, chunk in chunks:
        doc = parsed[chunk]
        actors = doc_actors(doc, offset, state)
        col.offset = offset
        for sent in doc.sents:
            _code_sentence(sent, actors, pub_date, col)
    x = col.finish(pub_date, state, _document_info(cleaned))
    return dataclasses.replace(x, warnings=tuple(warnings)) if warnings else x
