"""Positions, demands, red lines and deadlines (stage 8), each with its evidence span.

Pattern families (``docs/explanation/extraction.md``):

* **demand** — the noun "demand(s)" and the verbs demand, insist (on), call (for), urge, press;
  the holder is the possessor, the "by/from" phrase or the subject (pronouns resolve to the
  sentence's subject or the previous holder); "before / prior to X" becomes the ``condition``.
* **red line** — "red line", "will not tolerate", "unacceptable"; the holder is the speaker.
* **deadline** — see :mod:`~detente.extraction.deadlines`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from detente.extraction.syntax import codes

__all__ = ["ISSUES", "demand_at", "issue_of", "red_line_at"]

ISSUES: tuple[tuple[str, str], ...] = (
    (r"sanction|embargo", "sanctions relief"),
    (r"denucleari|disarm|nuclear program|dismantl", "denuclearization"),
    (r"withdraw|troops|military presence|bases|\bmilitary\b", "military presence"),
    (r"talks|negotiat|summit|dialogue", "talks"),
    (r"missile|nuclear test|icbm|weapon", "weapons testing"),
    (r"reform|election|democra", "political reform"),
    (r"aid|assistance|relief", "aid"),
)
"""Keyword → candidate issue label; the first match wins (edit to suit a case)."""

_DEMAND_VERBS = frozenset(("demand", "insist", "urge", "press", "call"))
_PRONOUNS = frozenset(("his", "her", "its", "their", "he", "she", "it", "they"))
_STOP = frozenset((",", ";", ":", "–", "—", "-", ".", "(", ")"))


def issue_of(text: str) -> str:
    """The first candidate issue whose keywords occur in ``text`` ("" if none)."""
    low = text.lower()
    return next((label for pat, label in ISSUES if re.search(pat, low)), "")


def _holder(tok: Any, actors: Mapping[int, str], previous: str) -> str:
    for c in tok.children:
        if c.dep_ in ("poss", "nsubj") or (c.dep_ == "prep" and c.lower_ in ("by", "from")):
            if found := codes(c.subtree, actors):
                return found[0]
            if c.lower_ in _PRONOUNS:
                subj = [t for t in tok.sent if t.dep_ == "nsubj" and t.i < tok.i]
                found = codes(subj[0].subtree, actors) if subj else []
                return found[0] if found else previous
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            break
        node = node.head
        for c in node.children:
            if c.dep_ in ("poss", "nsubj") and (found := codes(c.subtree, actors)):
                return found[0]
    return previous


def _phrase_after(sent: Any, start: int) -> str:
    """Tokens after ``start`` up to punctuation or a finite verb."""
    words = []
    for t in sent.doc[start : sent.end]:
        if t.text in _STOP or t.tag_ in ("VBZ", "VBD", "VBP", "MD") or t.lower_ in ("has", "had"):
            break
        words.append(t.text_with_ws)
    return "".join(words).strip()


def _condition(sent: Any) -> str:
    for t in sent:
        if t.lower_ == "before" or (t.lower_ == "prior" and t.nbor(1).lower_ == "to"):
            return _phrase_after(sent, t.i + (2 if t.lower_ == "prior" else 1))
    return ""


def _object(tok: Any) -> str:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "upon", "for", "that"):
            return " ".join(x.text for x in c.subtree if x.lower_ not in ("before", "prior"))
        if c.dep_ in ("dobj", "ccomp", "xcomp"):
            return " ".join(x.text for x in c.subtree)
    return ""


def demand_at(tok: Any, actors: Mapping[int, str], previous: str) -> dict[str, Any] | None:
    """A demand anchored at ``tok`` (holder, object text, condition), or None."""
    lemma = tok.lemma_.lower()
    is_noun = tok.pos_ == "NOUN" and lemma == "demand"
    if not (is_noun or (tok.pos_ == "VERB" and lemma in _DEMAND_VERBS)):
        return None
    if lemma == "call" and not any(c.lower_ == "for" for c in tok.children):
        return None
    holder = _holder(tok, actors, previous)
    obj = _object(tok)
    cond = _condition(tok.sent)
    if cond and cond in obj:
        obj = obj[: obj.index(cond)].strip()
    if not holder or not obj:
        return None
    return {"holder": holder, "object": obj, "condition": cond, "issue": issue_of(obj)}


def _antecedent(sent: Any, which: Any) -> str:
    """Text before a relative "which" back to the previous clause boundary."""
    i = which.i - 1
    while i >= sent.start and sent.doc[i].lower_ in ("of", "either", "both", "all", "–", ",", "—"):
        i -= 1
    end = i + 1
    while i >= sent.start and sent.doc[i].text not in _STOP and sent.doc[i].lower_ != "that":
        i -= 1
    return str(sent.doc[i + 1 : end].text)


def red_line_at(tok: Any, actors: Mapping[int, str]) -> dict[str, Any] | None:
    """A red line anchored at "line" (in "red line"), "tolerate" (negated) or "unacceptable"."""
    lemma = tok.lemma_.lower()
    red = lemma == "line" and any(c.lower_ == "red" for c in tok.children)
    tolerate = lemma == "tolerate" and any(c.dep_ == "neg" for c in tok.children)
    if not (red or tolerate or lemma == "unacceptable"):
        return None
    holder = _holder(tok, actors, "")
    which = next((t for t in tok.sent if t.lower_ == "which" and t.i < tok.i), None)
    if which is not None:
        what = _antecedent(tok.sent, which)
    elif tolerate:
        what = " ".join(x.text for c in tok.children if c.dep_ == "dobj" for x in c.subtree)
    else:
        subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "csubj")]
        what = " ".join(x.text for x in subj[0].subtree) if subj else ""
    if not holder or not what:
        return None
    return {"holder": holder, "description": what}
