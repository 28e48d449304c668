"""Linking spaCy ``DATE`` spans to a trigger and choosing the tense (stage 6).

A verb takes a DATE that is its own modifier ("on Thursday", "last month", "in 2017") but not one
buried in its object ("warning of a return to 2015" is dated by the warning, not by 2015).  A noun
takes a DATE among its modifiers ("the March 3 missile test", "last Friday's launch"); a verb in
a relative clause of a DATE takes that DATE ("2016, when the army staged drills").  Without a DATE,
a past-tense verb is ``unresolved`` (before the publication date) and a present state is
``ongoing`` (sanctions in force; ``docs/explanation/extraction.md``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from detente.extraction.date_expressions import resolve, undated
from detente.extraction.lexicon import words
from detente.extraction.types import DateRef

__all__ = ["date_of"]

_DATE_PREPS = words("on in at since during by until before after from")
_DETERMINERS = frozenset(("this", "last", "next", "past", "coming"))
_PAST_TAGS = frozenset(("VBD", "VBN"))
_FUTURE = frozenset(("will", "shall", "'ll", "wo"))
_DAY_PARTS = words("evening morning afternoon tonight night")


def _dated(tok: Any) -> bool:
    """A DATE token, or a TIME token of a part of the day ("this evening", "tonight")."""
    return bool(tok.ent_type_ == "DATE" or (tok.ent_type_ == "TIME" and tok.lower_ in _DAY_PARTS))


def _date_ent(tok: Any) -> Any | None:
    """The DATE entity covering ``tok``, found from its IOB tags (not a scan of ``doc.ents``)."""
    if not _dated(tok):
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _span_text(ent: Any) -> str:
    doc = ent.doc
    start = ent.start
    if start > 0 and doc[start - 1].lower_ in _DETERMINERS:
        start -= 1
    return str(doc[start : ent.end].text)


def _candidates(tok: Any) -> list[Any]:
    out = []
    for c in tok.children:
        if _dated(c):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in _DATE_PREPS:
            out += [g for g in c.children if _dated(g)]
    if tok.dep_ == "relcl" and tok.head.ent_type_ == "DATE":
        out.append(tok.head)
    if tok.pos_ in ("NOUN", "PROPN"):
        node = tok
        while node.dep_ in ("dobj", "pobj", "prep") and node.head.i != node.i:
            node = node.head
            if node.pos_ == "VERB":
                out += _candidates(node)
                break
    return out


def _future(tok: Any) -> bool:
    node = tok
    for _ in range(3):
        if any(c.lower_ in _FUTURE for c in node.children if c.dep_ == "aux"):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _no_date(tok: Any) -> DateRef:
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(3):
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj", "acl", "pcomp"):
            break
        if any(c.dep_ == "aux" for c in verb.children):
            break
        verb = verb.head
    if verb.tag_ in _PAST_TAGS or any(
        c.tag_ in _PAST_TAGS and c.dep_ == "aux" for c in verb.children
    ):
        return undated("unresolved")
    if verb.tag_ in ("VBZ", "VBP", "VBG") and tok.pos_ == "VERB":
        return undated("ongoing")
    return undated("unresolved")


def date_of(tok: Any, pub: dt.date) -> DateRef:
    """The date of the event whose trigger is ``tok``, resolved against ``pub``."""
    for cand in _candidates(tok):
        ent = _date_ent(cand)
        if ent is not None:
            ref = resolve(_span_text(ent), pub, future=_future(tok))
            if ref.type != "unresolved":
                return ref
    return _no_date(tok)
