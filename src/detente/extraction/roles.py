"""Settling source and target once a trigger is coded: reciprocal acts and conditional threats.

* **Reciprocal acts.**  "A and B met", "talks between A and B", "A and B accused each other",
  "the two sides agreed" (:mod:`~detente.extraction.anaphora`):
  an act of a reciprocal type with two or more coordinated sources and no target is coded as
  the first actor acting on the others (PLOVER codes one dyad per event; the reverse dyad is
  the same mention).  An act of any type marked as mutual ("each other", "tit-for-tat", "A and
  B continued their tariffs") is reciprocal too.
* **An attack answered** ("X struck Y in response to Y's rocket fire", "in retaliation for an
  attack by Y") was aimed at the one who answered it: the subject of the answering clause.
* **Mediation** ("talks brokered by X", "an X-brokered truce", "a deal mediated by X") is
  CONSULT from the mediator to the parties (guideline C5, CAMEO 045): the mediated act's own
  "between" phrase, else the subject of the clause it belongs to ("A and B met for talks
  brokered by X", "the two sides agreed to give Egyptian-brokered negotiations a chance").
* **Acts within one state** (:mod:`~detente.extraction.domestic`): with no other target, a
  second mention of the source's own code in a target position is the target ("the Syrian
  government accused Syrian rebels" is SYR → SYR).
* **What a speaker tells someone** ("Biden told Putin that an invasion would bring severe
  costs", "warned Iran that …"): a verbal act of the speaker in the content clause of "tell",
  "warn", "inform", "assure" or "remind" with no target of its own is aimed at the one told.
* **Conditional threats and promises** take their target from the condition: in "there will be
  consequences if Russia does not change course" the target is the subject of the "if" clause.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.extraction.anaphora import PAIR_MARKS
from detente.extraction.arguments import MEDIATING
from detente.extraction.domestic import own_state_target
from detente.extraction.dyads import same_code_pair
from detente.extraction.lexicon import words
from detente.extraction.syntax import codes, phrase, subject

__all__ = ["RECIPROCAL", "settle"]

MATERIAL = frozenset(("ASSAULT", "COERCE", "SANCTION", "MOBILIZE"))
RECIPROCAL = frozenset(("CONSULT", "AGREE", "ASSAULT", "ACCUSE", "COOPERATE", "RETREAT", "SUPPORT"))
_CONDITIONS = frozenset(("if", "unless"))
_MUTUAL = frozenset(("other", "another", "mutual", "reciprocal", "tit", "tat"))
_TELLING = words("tell warn inform assure remind")
_ANSWERS = frozenset((("to", "response"), ("for", "retaliation"), ("for", "reprisal")))


def _condition_subject(tok: Any, actors: Mapping[int, str]) -> list[str]:
    """Actors in the subject of an "if / unless" clause attached to ``tok`` or its heads."""
    node = tok
    for _ in range(3):
        for c in node.children:
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            if c.dep_ == "advcl" and marks & _CONDITIONS:
                subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
                return codes(subj[0].subtree, actors) if subj else []
        if node.head.i == node.i:
            break
        node = node.head
    return []


def _coordinated(tok: Any, actors: Mapping[int, str]) -> bool:
    """Whether two actors are coordinated ("A and B", "between A and B", "the two sides").

    A headline's "A, B to meet" coordinates with a comma (parsed as a dislocated subject or as
    an apposition of two different actors).
    """
    return any(
        (t.dep_ == "conj" and any(d.i in actors for d in t.subtree))
        or (t.dep_ == "dep" and t.i in actors and t.nbor(1).text == ",")  # "Trump, Liu to meet"
        or (t.dep_ == "appos" and actors.get(t.head.i) not in (None, actors.get(t.i, "")))
        or (t.lower_ in PAIR_MARKS and t.i in actors)
        for t in tok.sent
    )


def _mutual(tok: Any) -> bool:
    """Whether the act is marked as mutual.

    "each other", "one another", "mutual", "tit-for-tat", or "their" on the act or its object
    ("A and B continued their tariffs").
    """
    words = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "attr"))]
    marks = {d.lower_ for w in words for d in w.subtree}
    return bool(marks & _MUTUAL) or any(
        c.lower_ == "their" and c.dep_ == "poss" for w in words for c in w.children
    )


def _paired(tok: Any, source: list[str], actors: Mapping[int, str]) -> bool:
    """Whether the source is a pair phrase ("the two sides", "both countries")."""
    return any(t.lower_ in PAIR_MARKS and actors.get(t.i) == source[0] for t in tok.sent)


def _responder(tok: Any, source: list[str], actors: Mapping[int, str]) -> list[str]:
    """Who answered an attack: "X struck Y in response to / retaliation for Y's rocket fire".

    The act answered ``tok`` is the object of "to" after "response" or of "for" after
    "retaliation"; the subject of the clause that answered it was its target.
    """
    prep = tok.head
    if tok.dep_ != "pobj" or (prep.lower_, prep.head.lemma_.lower()) not in _ANSWERS:
        return []
    answer = prep.head
    verb = answer.head.head if answer.dep_ == "pobj" else answer.head
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [c for s in subj for c in codes(s.subtree, actors) if c not in source]


def _mediated(tok: Any) -> Any | None:
    """The act a mediation participle is about: "talks brokered by X", "X-brokered talks"."""
    if tok.lemma_.lower() in MEDIATING and tok.dep_ in ("acl", "amod", "compound"):
        return tok.head
    marks = (c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "acl"))
    return tok if tok.pos_ == "NOUN" and any(m in MEDIATING for m in marks) else None


def _parties(tok: Any, source: list[str], actors: Mapping[int, str]) -> list[str]:
    """The parties of a mediated act: its "between" phrase, else its clause's subject."""
    act = _mediated(tok)
    if act is None:
        return []
    between = [c for c in act.children if c.dep_ == "prep" and c.lower_ == "between"]
    found = [a for c in between for a in codes(c.subtree, actors, frozenset(source))]
    node = act
    for _ in range(8):  # up to the first verb with a subject (past subjectless infinitives)
        if found or node.head.i == node.i:
            break
        node = node.head
        subj, _ = subject(node) if node.pos_ in ("VERB", "AUX") else (None, False)
        if subj is not None:
            return codes(subj.subtree, actors, frozenset(source))
    return found


def _addressee(tok: Any, source: list[str], actors: Mapping[int, str]) -> list[str]:
    """Whom the speaker told what ``tok`` says: "Biden told Putin that an invasion would …".

    The object of "tell", "warn", "inform", "assure" or "remind" whose content clause holds
    the act, when the act is the speaker's own (its source is that verb's subject).
    """
    node = tok if tok.pos_ in ("VERB", "AUX") else tok.head  # "… would bring severe costs"
    while node.dep_ in ("ccomp", "xcomp", "conj") and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in _TELLING:
            subj, _ = subject(node)
            if subj is None or not set(codes(subj.subtree, actors)) & set(source):
                return []
            told = [c for c in node.children if c.dep_ in ("dobj", "dative")]
            return [a for c in told for a in codes(phrase(c), actors, frozenset(source))]
    return []


def settle(
    tok: Any, plover: str, source: list[str], target: list[str], actors: Mapping[int, str]
) -> tuple[list[str], list[str]]:
    """The final (source, target) of the act at ``tok``."""
    if not target and plover in MATERIAL and tok.pos_ != "VERB":
        target = _responder(tok, source, actors)
    if not target and plover == "CONSULT":
        target = _parties(tok, source, actors)
    if not target and plover in ("THREATEN", "AGREE"):
        target = [c for c in _condition_subject(tok, actors) if c not in source]
    if not target and plover not in MATERIAL:
        target = _addressee(tok, source, actors)
    if len(source) >= 2 and plover in RECIPROCAL and _paired(tok, source, actors):
        source, target = source[:1], source[1:2]  # "the two sides agreed to X": one another
    reciprocal = plover in RECIPROCAL or _mutual(tok)
    if not target and len(source) >= 2 and reciprocal and _coordinated(tok, actors):
        source, target = source[:1], source[1:]
    target = [t for t in target if t not in source]
    target = target or own_state_target(tok, plover, source, actors, reciprocal)
    if not target and reciprocal and same_code_pair(tok, source, actors):
        target = list(source)  # "the two sides", "Yemen's warring parties": YEM → YEM
    return source, target
