"""Deadlines: dates by which an actor must act, with their resolved dates (pipeline stage 8).

Two families (guideline in ``docs/explanation/extraction.md``):

* **Deadline nouns**: "deadline", "ultimatum", "time limit", "cut-off" with a date in their own
  phrase ("the December 31 deadline") or a year-end modifier written in any of the usual ways
  ("year-end deadline", "end-of-year deadline", "year-end time limit"), which resolves to
  31 December of the publication year.
* **Time limits on an action**: "by", "before", "until", "no later than" or "within" with a
  date, attached to an action that has not happened yet, that is one under a modal, an
  infinitive or a future ("must leave by the end of this year", "inspections to begin by
  1 October", "report within 30 days", "the truce will last until Monday").  A past-tense action
  ("had withdrawn by Friday") is narrative, not a deadline.  "Within N days / weeks / months" is
  counted from the publication date.
* **Periods that run out**: "a 90-day wind-down period", "30-day grace period", "certain 90 day
  and 180 day wind-down periods" (one deadline each), told in the present or of an action that
  lies ahead; the period is counted from the publication date, as "within".

The setter is the possessor or subject of the phrase, else the speaker of the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from detente.extraction.date_expressions import resolve
from detente.extraction.lexicon import words
from detente.extraction.periods import count_of, later, length_at, start_in
from detente.extraction.speakers import REPORTING
from detente.extraction.types import DateRef

__all__ = ["deadline_at"]

_NOUNS = words("deadline ultimatum cutoff cut-off")
_YEAR_END = re.compile(r"\b(?:year[- ]?end|end[- ]of[- ](?:the[- ])?year)\b", re.I)
_PREPS = words("by before until till within")
_PAST = frozenset(("VBD", "VBN"))
_MODALS = words("will would must should shall 'll to need needs have has")
_WITHIN = re.compile(r"^(?:the next )?(\S+)\s+(day|week|month|year)s?$")
"""A count and a unit (the count is read by :func:`.periods.count_of`)."""
_PERIODS = words("period periods window windows")
_UNITS = words("day week month")


def _date_span(tok: Any) -> Any | None:
    """The DATE entity that ``tok`` is part of, if any."""
    return next((e for e in tok.doc.ents if e.label_ == "DATE" and e.start <= tok.i < e.end), None)


def _runs_out(text: str, n: int | None, unit: str, pub: dt.date) -> DateRef | None:
    """The deadline ``n`` units after ``pub`` (:func:`.periods.later`), written as ``text``."""
    end = later(pub, n, unit) if n is not None else None
    return DateRef(text, end.isoformat(), "day", "deadline") if end else None


def _within(text: str, pub: dt.date) -> DateRef | None:
    """The end of "within N units" ("within 30 days", "the next two weeks"), from ``pub``."""
    m = _WITHIN.match(text.strip().lower())
    return _runs_out(text, count_of(m.group(1)), m.group(2), pub) if m else None


def _as_deadline(ref: DateRef) -> DateRef | None:
    if not ref.value:
        return None
    return DateRef(ref.text, ref.value, ref.granularity, "deadline", ref.end)


def _noun_date(tok: Any, pub: dt.date) -> DateRef | None:
    """The date of a deadline noun: a DATE in its phrase, or a year-end modifier."""
    for t in tok.subtree:
        if t.ent_type_ == "DATE" and (ent := _date_span(t)) is not None:
            ref = _as_deadline(resolve(ent.text, pub, future=True))
            if ref is not None:
                return ref
    left = tok.doc[tok.left_edge.i : tok.i].text
    if _YEAR_END.search(left):
        return resolve("year-end", pub, future=True)
    return None


def _pending(verb: Any) -> bool:
    """Whether the action of ``verb`` lies ahead: a modal, infinitive, future or imperative."""
    node = verb
    for _ in range(3):
        if any(c.lower_ in _MODALS for c in node.children if c.dep_ in ("aux", "auxpass")):
            return True
        if node.tag_ in ("VB", "VBG") and node.dep_ in ("xcomp", "ROOT", "ccomp", "conj"):
            return bool(node.tag_ == "VB" or node.dep_ == "xcomp")
        if node.tag_ in _PAST or node.head.i == node.i:
            return False
        node = node.head
    return False


def _prep_date(tok: Any, pub: dt.date) -> tuple[DateRef, Any] | None:
    """A time limit anchored at a preposition ("by 1 October"), with the action it limits."""
    if tok.lower_ not in _PREPS or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "NOUN"):
        return None
    objs = [c for c in tok.children if c.dep_ == "pobj" and c.ent_type_ == "DATE"]
    ent = _date_span(objs[0]) if objs else None
    if ent is None or not _pending(tok.head if tok.head.pos_ == "VERB" else tok.head.head):
        return None
    text = ent.text
    ref = (
        _within(text, pub)
        if tok.lower_ == "within"
        else _as_deadline(resolve(text, pub, future=True))
    )
    return (ref, tok.head) if ref is not None else None


def _period_date(tok: Any, pub: dt.date) -> tuple[DateRef, Any] | None:
    """A period that runs out ("90 day ... wind-down periods") at its unit token ``tok``."""
    if tok.lemma_.lower() not in _UNITS:
        return None
    num = [c for c in tok.children if c.dep_ == "nummod"]
    if not num:
        return None
    period = next((t for t in tok.doc[tok.i + 1 : tok.i + 9] if t.lemma_.lower() in _PERIODS), None)
    between = tok.doc[tok.i + 1 : period.i] if period is not None else []
    if period is None or any(t.pos_ in ("VERB", "AUX", "DET") for t in between):
        return None  # the period noun must close the same noun phrase
    verb = next((a for a in period.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or not (_pending(verb) or verb.tag_ in ("VBZ", "VBP")):
        return None  # "a three-day period of talks ended": narrative
    unit = tok.lemma_.lower()
    ref = _runs_out(f"{num[0].text} {unit}", count_of(num[0].text), unit, pub)
    return (ref, period) if ref is not None else None


def _truce_length(tok: Any, actors: Mapping[int, str], pub: dt.date) -> dict[str, Any] | None:
    """A truce's or mandate's stated length at its unit word (:mod:`.periods`).

    Counted from a start the sentence states, else from ``pub``; then ``length`` keeps the count
    and unit so that the collector can count again from a start stated later in the text.
    """
    found = length_at(tok)
    if found is None:
        return None
    n, unit, head = found
    start = start_in(head, pub)
    end = later(start or pub, n, unit)
    if end is None:
        return None
    span = tok.doc[min(tok.left_edge.i, head.i) : max(tok.i, head.i) + 1].text
    date = DateRef(span, end.isoformat(), "day", "deadline")
    out = {"date": date, "set_by": _setter(head, actors), "description": span}
    return out if start else out | {"length": (n, unit)}


def _setter(tok: Any, actors: Mapping[int, str]) -> str:
    """The speaker of a reporting verb above ``tok``, else the nearest possessor or subject."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in REPORTING:
            for c in node.children:
                if c.dep_ == "nsubj" and (
                    codes := [actors[t.i] for t in c.subtree if t.i in actors]
                ):
                    return codes[0]
    node = tok
    for _ in range(4):
        for c in node.children:
            if c.dep_ in ("poss", "nsubj", "nsubjpass", "agent"):
                codes = [actors[t.i] for t in c.subtree if t.i in actors]
                if codes:
                    return codes[0]
        if node.head.i == node.i:
            break
        node = node.head
    return ""


def deadline_at(tok: Any, actors: Mapping[int, str], pub: dt.date) -> dict[str, Any] | None:
    """A deadline anchored at ``tok`` (a deadline noun or a time-limit preposition), or None."""
    lemma = tok.lemma_.lower()
    limit = lemma == "limit" and any(c.lower_ == "time" for c in tok.children)
    if tok.pos_ == "NOUN" and (lemma in _NOUNS or limit):
        date = _noun_date(tok, pub)
        if date is None:
            return None
        start = min([tok.i, *(t.left_edge.i for t in tok.children if t.i < tok.i)])
        text = tok.doc[start : tok.right_edge.i + 1].text
        return {"date": date, "set_by": _setter(tok, actors), "description": text}
    found = _prep_date(tok, pub)
    if found is None:
        period = _period_date(tok, pub)
        if period is None:
            return _truce_length(tok, actors, pub)
        date, noun = period
        text = tok.doc[noun.left_edge.i : noun.i + 1].text
        return {"date": date, "set_by": _setter(noun, actors), "description": text}
    date, action = found
    text = tok.doc[action.left_edge.i : tok.right_edge.i + 1].text
    return {"date": date, "set_by": _setter(action, actors), "description": text}
