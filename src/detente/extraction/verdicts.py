"""Verdicts in a speaker's voice: typed speech without a verb of judging (guideline C6).

A plain "said", "told" or "stressed" is coded when what the speaker says is itself a typed act
(C6): "X said Y's move was a clear violation of the truce" is a criticism by X of Y, as much as
"X criticised Y's move".  PLOVER drops CAMEO's plain statements (01), and CAMEO codes a
statement by what it does [Schrodt2012].  The act is carried by the *predicate* of the reported
clause, not by a verb, so the trigger lexicon cannot see it.  This module finds such verdicts:

* **where**: a predicate of "be" ("… was unjustified", "… is a grave setback"), of "constitute"
  or "represent" ("constitutes a violation"), or of "amount to"; or the second object of a verb
  of calling ("called the ruling a milestone", "described the vote as illegal");
* **what**: a judging word (below) as that predicate, or as an adjective on it ("an illegal
  act"); "responsible", "guilty" (with "for" / "of") and "behind" attribute guilt;
* **whose voice**: the subject of the verb of speech whose content clause it is ("said",
  "told", "stressed", "believes"), or of the verb of calling; in a statement with an issuer,
  a main clause outside quotations is the issuer's own verdict (the guideline: "an issuer's
  own verdicts ('this is unacceptable') are ACCUSE").  A verb of speech that is a trigger of
  its own ("warned that …", "insisted …") codes the act itself, so it carries no verdict;
* **at whom**: the actors of the thing judged (the subject of "be", the object of "call"):
  its owner, doer or author ("Belarus's decision", "the tariffs imposed by Peru"), never the
  speaker; the parties of an agreement judged ("said the agreement was a breakthrough") come
  from :func:`~detente.extraction.dyads.agreement_target`, and an issuer's verdict on a thing
  of the other side from :mod:`~detente.extraction.counterpart`.

Not verdicts: a negated or modal predicate ("was not illegal", "would be a violation": a
hypothetical, left to the modality rules), a predicate in an "if / unless / whether" clause,
and anything said by no actor (an author's opinion).

Types and CAMEO codes [Schrodt2012]: disapproval and attributing guilt are ACCUSE (111
criticize or denounce, 112 accuse); praise is SUPPORT (051 praise or endorse); calling a claim,
a ruling or an accusation void or false is REJECT (120, the same as "denied").  The word lists
were written from those definitions and general diplomatic English, not from evaluation texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.extraction.lexicon import Sense, match, words
from detente.extraction.modality import CONDITIONAL_MARKS, HYPOTHETICAL_AUX
from detente.extraction.speakers import in_quote
from detente.extraction.syntax import codes, principal, subject
from detente.extraction.verdict_words import GOOD, GUILT, STEPS, VERDICT_WORDS

__all__ = ["Verdict", "guilt_content", "issuer_obliges", "verdict"]

SPEECH = words(
    "say tell state add note stress emphasize emphasise underscore reiterate reaffirm declare "
    "believe think find consider argue maintain"
)
"""Verbs of speech whose content clause is the speaker's verdict (with no type of their own)."""
CALLING = words("call describe term brand label dub")
_COPULAS = words("constitute represent")
PLACE_PREPS = words("in at near inside across within throughout")

Verdict = tuple[Sense, list[str], list[str]]
"""The verdict's sense, its source (the speaker) and its target (the actors of what is judged)."""


def _sense(tok: Any) -> Sense | None:
    """The verdict a predicate word names: its own lemma, or a judging adjective on it."""
    lemma = tok.lemma_.lower()
    if lemma in GUILT:
        return (
            VERDICT_WORDS[lemma] if any(c.lower_ in ("for", "of") for c in tok.children) else None
        )
    if lemma in VERDICT_WORDS and lemma not in GUILT:
        return VERDICT_WORDS[lemma]
    mods = [c.lemma_.lower() for c in tok.children if c.dep_ == "amod"]
    if lemma in STEPS and any(m in GOOD for m in mods):
        return VERDICT_WORDS["positive"]
    return next((VERDICT_WORDS[m] for m in mods if m in VERDICT_WORDS and m not in GUILT), None)


def _frame(tok: Any) -> tuple[Any, Any] | None:
    """(verb, what is judged) for a predicate word.

    The copula and its subject, or the verb of calling and its object.
    """
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("as", "to"):
        head, dep = head.head, ("oprd" if head.lower_ == "as" else "attr")
        if dep == "attr" and head.lemma_.lower() != "amount":
            return None
    elif tok.dep_ == "prep" and tok.lower_ == "behind":
        dep = "attr"
    else:
        dep = tok.dep_
    lemma = head.lemma_.lower()
    if dep == "oprd" and lemma in CALLING:
        judged = next((c for c in head.children if c.dep_ == "dobj"), None)
    elif (dep in ("attr", "acomp") and lemma in ("be", "amount")) or (
        dep == "dobj" and lemma in _COPULAS
    ):
        judged, _ = subject(head)
    else:
        return None
    return (head, judged) if judged is not None else None


def _plain(verb: Any) -> bool:
    """A verb that is neither negated, nor modal, nor in a condition."""
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX | {"will"}):
            return False
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
            return False
    return True


def _clause(verb: Any) -> Any:
    """The first verb of the coordination ``verb`` is in (itself when it is no conjunct)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _voice(verb: Any, actors: Mapping[int, str], issuer: str) -> list[str]:
    """Who states the verdict of ``verb`` (see the module docstring), ``[]`` for nobody."""
    if verb.lemma_.lower() in CALLING:
        subj, _ = subject(verb)
        return codes(principal(subj), actors) if subj is not None else []
    clause = _clause(verb)
    speech = clause.head
    if clause.dep_ == "ccomp" and speech.lemma_.lower() in SPEECH and _plain(speech):
        if match(speech) is not None:
            return []
        subj, _ = subject(speech)
        return codes(principal(subj), actors) if subj is not None else []
    if clause.dep_ == "ROOT" and issuer and not in_quote(verb):
        return [issuer]
    return []


def verdict(tok: Any, actors: Mapping[int, str], issuer: str = "") -> Verdict | None:
    """The verdict at ``tok`` with its source and target, or None (see the module docstring)."""
    sense = _sense(tok) if tok.pos_ in ("ADJ", "NOUN", "ADP") else None
    frame = _frame(tok) if sense is not None else None
    if sense is None or frame is None or not _plain(frame[0]):
        return None
    verb, judged = frame
    source = _voice(verb, actors, issuer)
    if not source:
        return None
    target = [c for c in codes(_owners(judged), actors) if c not in source]
    return sense, source, target


def _owners(judged: Any) -> list[Any]:
    """The tokens of what is judged, without the places it names ("the situation in Yemen")."""
    scene = {
        d.i
        for t in judged.subtree
        if t.dep_ == "prep" and t.lower_ in PLACE_PREPS
        for d in t.subtree
    }
    return [t for t in judged.subtree if t.i not in scene]


def guilt_content(tok: Any) -> set[int]:
    """The tokens of what a verdict of guilt names ("responsible for the attacks").

    Like "accused Y of Z", the guideline leaves Z uncoded.
    """
    if tok.lemma_.lower() not in GUILT and tok.lower_ != "behind":
        return set()
    preps = [tok] if tok.lower_ == "behind" else [c for c in tok.children if c.dep_ == "prep"]
    return {d.i for p in preps for d in p.subtree if d.i != tok.i}


def issuer_obliges(tok: Any, actors: Mapping[int, str], issuer: str) -> list[str]:
    """Whom an issuer's own obligation at the verb ``tok`` binds (guideline C4).

    In a statement, "Russia must withdraw its forces" in a main clause outside quotations is a
    demand of the issuer (*First person*: "obligations in such a statement are REQUESTs from
    the issuer") on the actors its subject names; none when the subject names no actor other
    than the issuer ("farmers must be able to reach their fields": an opinion, C4).
    """
    if not issuer or tok.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
        return []
    clause = _clause(tok)
    subj, _ = subject(tok)
    if clause.dep_ != "ROOT" or in_quote(tok) or subj is None:
        return []
    return [c for c in codes(principal(subj), actors) if c != issuer]
