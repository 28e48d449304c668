"""Coding one parsed sentence into the collector: sources, dates, background and fallbacks.

:func:`code_sentence_into` is stage 3–6 for one sentence: it resolves speakers and pronouns
(:mod:`~detente.extraction.speakers`), codes the triggers (:mod:`~detente.extraction.coder`),
dates them (:mod:`~detente.extraction.event_dating`) and records events, claims and positions.

Assumptions (guideline in ``docs/explanation/extraction.md``):

* An event needs a source actor.  A nominal trigger ("the March 3 missile test") without an
  actor in its own phrase takes the sentence's agentive actor (a subject or a "by" phrase); a
  verb with no subject of its own takes the source of the previous event in the sentence.
* Nominal REQUEST triggers ("the demand") are positions, not events, unless an actor holds them
  in their own phrase ("Israel's demand that …", "a Palestinian demand"); a request without a
  target is addressed to the actor who must act in its content.  Nominal triggers without a
  date, an actor of their own or a governing verb are dropped as background.
* Sanctions and embargoes without a date are ``ongoing`` as of the publication date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from detente.extraction.coder import MATERIAL_CONFLICT, VERDICT, Coded, code_sentence, own_source
from detente.extraction.collect import Collector
from detente.extraction.disputes import dispute_target
from detente.extraction.dyads import agreement_target, makes_agreement
from detente.extraction.event_dating import date_of
from detente.extraction.lexicon import words
from detente.extraction.modality import REPORT, presupposed
from detente.extraction.places import OFFICES
from detente.extraction.senses import EXCHANGE_OF_FIRE
from detente.extraction.speakers import REPORTING, Voices, resolve_sentence
from detente.extraction.syntax import noun_subject
from detente.extraction.types import DateRef

__all__ = ["code_sentence_into"]

_AGENT_DEPS = frozenset(("nsubj", "agent"))
_NOT_SO = frozenset(("hypothetical", "negated"))


_CONDITIONS = frozenset(("if", "unless", "whether"))


def _np_role(tok: Any) -> tuple[str, str]:
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "case", "appos", "conj", "cc"):
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.dep_, tok.head.lower_


def _reporters(sent: Any) -> set[int]:
    """Tokens that name a speaker: subjects of reporting verbs and "according to" phrases."""
    out: set[int] = set()
    for t in sent:
        if t.lemma_.lower() in REPORTING and t.pos_ == "VERB":
            out |= {d.i for c in t.children if c.dep_ == "nsubj" for d in c.subtree}
        if t.lower_ == "to" and t.head.lower_ == "according":
            out |= {d.i for d in t.subtree}
    return out


def _subjectless(tok: Any) -> bool:
    """A verb with no subject of its own ("… and agreed"), which takes the previous source.

    A verb whose own subject names no actor ("the panel discussed …", "an official who
    discussed …", "the country that attacked X") does not; a participle on a noun that names
    no actor ("troops encircling X") does.
    """
    subj = noun_subject(tok)
    if tok.pos_ != "VERB" or subj is None:
        return bool(tok.pos_ == "VERB")
    if tok.dep_ == "relcl" and subj.i == tok.head.i:  # "the country that attacked X": the
        return False  # antecedent is the subject, even when it names no actor
    return bool(subj.head.i != tok.i and subj.lemma_.lower() not in OFFICES)


def _circumstance(c: Coded) -> bool:
    """Whether ``c`` is a nominal attack or sanction named as a circumstance.

    "in the wake of an attack", "a statement on the attack": the subject did not carry it out.
    """
    tok = c.trigger
    return tok.pos_ != "VERB" and c.plover in MATERIAL_CONFLICT and tok.dep_ == "pobj"


def _condition_clauses(sent: Any) -> list[set[int]]:
    """Token sets of the "if / unless / whether" clauses of ``sent``."""
    marked = [m.head for m in sent if m.dep_ == "mark" and m.lower_ in _CONDITIONS]
    return [{t.i for t in clause.subtree} for clause in marked]


def _sentence_agent(
    sent: Any, actors: dict[int, str], exclude: tuple[str, ...], skip: set[int]
) -> list[str]:
    """Codes of the first agentive actor in ``sent`` (subject or "by" phrase), not excluded."""
    for t in sent:
        code = actors.get(t.i)
        if code and code not in exclude and t.i not in skip:
            dep, head = _np_role(t)
            if dep in _AGENT_DEPS or (dep == "pobj" and head == "by"):
                return [code]
    return []


def _noun_background(c: Coded, date: DateRef, actors: dict[int, str]) -> bool:
    tok = c.trigger
    if tok.pos_ == "VERB" or c.reason == VERDICT:
        return False
    if _topic(c, actors):
        return True
    if c.reason == "stated intent":  # "there will be consequences"
        return False
    if c.plover == "REQUEST":  # "Israel's demand that …" was made; "the demand" is a position
        return not own_source(tok, actors)
    own = any(
        d.dep_ in ("poss", "compound", "amod", "nmod", "prep") and d.lower_ != "of"
        for d in tok.children
    ) and bool(c.source)
    own = own or bool(c.target)  # "sanctions against X": the phrase names its target
    return not (own or date.value or date.type == "approximate")


OCCURRENCE = words(
    "take begin start hold continue resume end collapse erupt rage spread escalate intensify "
    "last expire break come go enter"
)
"""Predicates of which a truce, fighting or talks are the subject as the parties' act (C2:
"the truce took effect", "fighting erupted", "the talks resumed")."""


def _topic(c: Coded, actors: dict[int, str]) -> bool:
    """A definite nominal act with no actor of its own, another predicate's object or topic (C1).

    "deployed a team to monitor the ceasefire", "would abide by the truce", "the ceasefire …
    was a turning point": the noun refers to an act told or known elsewhere and is no event of
    its own (the guideline codes one source, verb and target per clause).  An indefinite noun
    is a new act ("announced a test", "called a strike"), and a noun that names its doer or
    target, one named as a cause ("after the attack") and one that is the subject of an
    occurrence ("the truce took effect", C2) are kept.
    """
    tok = c.trigger
    definite = any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in tok.children)
    if not definite or own_source(tok, actors) or c.target or presupposed(tok):
        return False  # "announced a test", "called a strike": a new act, the subject's
    head = tok.head
    if head.lemma_.lower() in REPORT:  # "Iran confirmed the launch of a satellite": Iran's
        return False
    if tok.dep_ in ("dobj", "attr", "oprd"):  # not "there will be consequences"
        return head.pos_ in ("VERB", "AUX") and not any(d.dep_ == "expl" for d in head.children)
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "prt"):
        return bool(head.head.pos_ == "VERB")
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() not in OCCURRENCE
    return False


def _present_report(c: Coded, date: DateRef, pub: dt.date) -> DateRef:
    """A verbal act told in the present ("condemns", "is urging") happens on the publication day.

    Material acts in the present (sanctions, occupation) stay ``ongoing``.
    """
    tok = c.trigger
    present = tok.tag_ in ("VBZ", "VBP") or (
        tok.tag_ == "VBG" and any(a.lower_ in ("is", "are") for a in tok.children)
    )
    if date.type != "ongoing" or tok.pos_ != "VERB" or not present:
        return date
    if c.plover in MATERIAL_CONFLICT or c.plover in ("AID", "COOPERATE", "RETREAT"):
        return date
    return DateRef(tok.text, pub.isoformat(), "day", "exact")


def _noun_date(tok: Any, date: DateRef) -> DateRef:
    if date.value or tok.pos_ == "VERB":
        return date
    if any(c.lower_ in ("recent", "latest") for c in tok.children):
        return DateRef("recent", "", "", "approximate")
    if tok.lemma_.lower() in ("sanction", "embargo"):
        return DateRef("", "", "", "ongoing")
    return date


def _other_party(c: Coded, pair: tuple[str, str] | None) -> list[str]:
    """The source of an attack told in the passive without an agent, from the text's pair.

    "Rockets were fired into Israel" in a text about Israel and Hamas: the other side of the
    pair the text is about.  Only for material conflict aimed at one member of the pair.
    """
    tok = c.trigger
    passive = any(d.dep_ == "auxpass" for d in tok.children) and _agent_of(tok) is None
    if pair is None or c.plover not in MATERIAL_CONFLICT or not passive or len(c.target) != 1:
        return []
    return [p for p in pair if p != c.target[0]] if c.target[0] in pair else []


def _addressee(c: Coded, source: list[str], actors: dict[int, str]) -> tuple[str, ...]:
    """Whom a request without a target is addressed to: whoever must act in its content.

    "Israel's demand that Palestinian fighters disarm": PSE.  (The other side of the text's
    pair was tried too, but the pair depends on which sentences the pre-filter parses.)
    """
    if c.plover != "REQUEST" or c.target:
        return c.target
    for clause in c.trigger.children:
        if clause.dep_ in ("acl", "relcl", "ccomp"):
            subj = [d for d in clause.children if d.dep_ in ("nsubj", "nsubjpass")]
            found = [actors[t.i] for s in subj for t in s.subtree if t.i in actors]
            found = [a for a in dict.fromkeys(found) if a not in source]
            if found:
                return tuple(found)
    return ()


def _plural_subject(tok: Any) -> bool:
    """Whether the subject of the act at ``tok`` is plural ("they", "the parties"), not an "it"."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we"))


def _agent_of(tok: Any) -> Any | None:
    return next((d for d in tok.children if d.dep_ == "agent"), None)


def code_sentence_into(
    sent: Any, actors: dict[int, str], pub: dt.date, col: Collector, voices: Voices
) -> None:
    """Code ``sent`` (token → actor map ``actors``) and add its records to ``col``."""
    actors = resolve_sentence(sent, actors, col.table, voices)
    previous: list[str] = []
    speakers = _reporters(sent)
    for c in sorted(code_sentence(sent, actors, voices.issuer), key=lambda c: c.trigger.i):
        date = _present_report(c, _noun_date(c.trigger, date_of(c.trigger, pub)), pub)
        source = list(c.source) or (previous if _subjectless(c.trigger) else [])
        skip = speakers if c.plover in MATERIAL_CONFLICT else set()
        own_subject = c.trigger.pos_ == "VERB" and not _subjectless(c.trigger)
        if not (source or _circumstance(c) or own_subject):
            conditions = [k for k in _condition_clauses(sent) if c.trigger.i not in k]
            skip = skip.union(*conditions)  # the subject of a condition does not act in it
            source = _sentence_agent(sent, actors, c.target, skip)
        source = source or _other_party(c, voices.pair)
        if not source and c.sense is EXCHANGE_OF_FIRE and voices.pair:  # "an exchange of fire"
            source, c = [voices.pair[0]], dataclasses.replace(c, target=voices.pair[1:])
        previous = source or previous
        if not source or _noun_background(c, date, actors):
            continue
        voices.source = source[0]
        if not _plural_subject(c.trigger):
            voices.singular = source[0]
        c = dataclasses.replace(c, target=_addressee(c, source, actors))
        if not c.target and (parties := agreement_target(c.trigger, c.plover, voices.agreement)):
            c = dataclasses.replace(c, source=tuple(source), target=parties)
        if not c.target and (
            aim := dispute_target(c.trigger, c.plover, source, col.events, voices.pair)
        ):
            c = dataclasses.replace(c, source=tuple(source), target=aim)
        if c.reason == VERDICT and not c.target and source != [voices.issuer]:
            continue  # a verdict that names nobody it judges ("the situation is a threat")
        if set(c.target) & set(source) and not c.source:  # the coder's own: one state's act
            c = dataclasses.replace(c, target=tuple(t for t in c.target if t not in source))
        col.add_coded(c, tuple(source), date, sent)
        if makes_agreement(c.trigger, c.plover) and c.target and c.modality not in _NOT_SO:
            voices.agreement = tuple(dict.fromkeys((*source, *c.target)))
    col.add_positions(sent, actors, pub)
