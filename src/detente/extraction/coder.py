"""Sentence coder (stages 3–5): triggers, matrix verbs, arguments and modality.

For each sentence (a spaCy ``Span``) and a token → actor-code map, :func:`code_sentence` returns
one :class:`Coded` per independent trigger.  Rules (``docs/explanation/extraction.md``):

* **Matrix verbs decide.**  A trigger inside the complement of another trigger (``xcomp``,
  ``ccomp``, ``dobj``, ``pcomp`` …) is absorbed: "threatened to cut" → THREATEN, "agreed to
  withdraw" → AGREE.  Relative and adverbial clauses, coordination and parataxis start new events.
* **Reporting verbs are transparent** ("said", "announced"): the reported clause is coded, with
  the speaker as the frame.
* **Modality** (negation, intent, obligation, hypotheticals) is decided in
  :mod:`~detente.extraction.modality`; "agreed / promised to <coercive act>" is THREATEN.
* **Speakers are not doers of material conflict.**  The speaker becomes the source of a reported
  clause without an actor of its own only for verbal and cooperative types; an attack, launch or
  sanction reported by X is never X's by default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from detente.extraction.lexicon import QUAD, Sense, match, words
from detente.extraction.modality import JUDGING, REPORT, modality, presupposed
from detente.extraction.roles import settle
from detente.extraction.senses import CONSEQUENCE, context_sense, refine
from detente.extraction.syntax import codes, noun_subject, phrase, subject

__all__ = ["Coded", "code_sentence", "main_event"]

SPEECH_NOUN_TYPES = frozenset(("REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE"))
BREAK_DEPS = frozenset(("relcl", "advcl", "conj", "parataxis", "appos", "acl", "csubj", "nsubj"))
TARGET_PREPS = words("to against with on toward towards for into in at over of about")
SOURCE_PREPS = frozenset(("by", "between"))
LIGHT_VERBS = words(
    "give make issue hold conduct stage stag launch mount undertake open impose carry begin "
    "start resume renew continue take raise set reach"
)
"""Verbs that take their object's sense ("stag" is the small model's lemma of "staged")."""
OBLIGATION = Sense("REQUEST", "", "100", "must")
MATERIAL_CONFLICT = frozenset(t for t, q in QUAD.items() if q == "material conflict")
COERCIVE = frozenset(("ASSAULT", "COERCE", "SANCTION", "THREATEN"))


@dataclass(frozen=True, slots=True)
class Coded:
    """One coded trigger in a sentence (token indices are doc-level)."""

    trigger: Any
    sense: Sense
    plover: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    modality: str
    reason: str
    depth: int


def _depth(tok: Any) -> int:
    d = 0
    while tok.head.i != tok.i:
        tok, d = tok.head, d + 1
    return d


def _judged(tok: Any, triggers: Mapping[int, Sense], actors: Mapping[int, str]) -> bool:
    """Whether ``tok`` is a nominal act with its own doer that a judging verb is about, or a cause.

    "welcomed the meeting between A and B", "condemned the launch by X": the meeting and the
    launch are events of their own (presupposed), not the content of the judgement; so is "its
    invasion" in "imposed sanctions on X over its invasion of Y".
    """
    if tok.pos_ not in ("NOUN", "PROPN") or not _own_source(tok, actors):
        return False
    if presupposed(tok):  # "imposed sanctions on X over its invasion of Y": a cause of its own
        return True
    head = tok.head
    sense = triggers.get(head.i)
    return (
        tok.dep_ == "dobj"
        and sense is not None
        and head.pos_ == "VERB"
        and (sense.plover in JUDGING)
    )


def _absorber(tok: Any, triggers: Mapping[int, Sense]) -> int | None:
    """The trigger whose complement ``tok`` is in (its matrix), if any."""
    node = tok
    while node.head.i != node.i:
        speech = triggers.get(node.head.i)
        content = (
            node.dep_ in ("acl", "relcl")
            and speech is not None
            and speech.plover in SPEECH_NOUN_TYPES
        )
        content = content and any(
            c.dep_ in ("mark", "aux") and c.lower_ in ("that", "to") for c in node.children
        )
        if node.dep_ in BREAK_DEPS and not content:  # "a demand that X disarm" is content
            return _accused(tok, triggers)
        node = node.head
        sense = triggers.get(node.i)
        if sense and (node.pos_ == "VERB" or sense.plover in SPEECH_NOUN_TYPES):
            return int(node.i)
    return None


def _accused(tok: Any, triggers: Mapping[int, Sense]) -> int | None:
    """The accusation whose content ``tok`` is in, even in a relative clause.

    "alleging it was the rebels who deployed them": the deployment is the content of the
    allegation, not an event of its own (the guideline: "X accused Y of Z", Z is not coded).
    """
    node = tok
    while node.head.i != node.i:
        sense = triggers.get(node.head.i)
        if sense and sense.plover == "ACCUSE" and node.head.pos_ == "VERB":
            return int(node.head.i) if node.dep_ in ("ccomp", "xcomp", "prep") else None
        node = node.head
    return None


def _agent(verb: Any) -> Any | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return c
    return None


def _subject_phrase(subj: Any, v: Any) -> list[Any]:
    """The subject's phrase; one that starts before its verb ends there ("A met …, B and C")."""
    words = phrase(subj)
    return [t for t in words if t.i < v.i] if subj.i < v.i else words


def _authors(participle: Any, actors: Mapping[int, str]) -> list[str]:
    """The agent of a participle ("tabled by the United States"): the author of its noun."""
    agent = _agent(participle)
    return codes(phrase(agent), actors) if agent is not None else []


def _verb_args(v: Any, actors: Mapping[int, str]) -> tuple[list[str], list[str]]:
    subj, passive = subject(v)
    if subj is not None and subj.tag_ in ("WP", "WDT") and v.dep_ == "relcl":
        subj = v.head  # "a complaint brought by X that accused Y": the complaint
    subj_codes = codes(_subject_phrase(subj, v), actors) if subj is not None else []
    if subj is not None and not subj_codes:  # "the draft, tabled by X, was vetoed": X's
        acls = [c for c in subj.children if c.dep_ == "acl" and c.i != v.i]
        subj_codes = [a for c in acls for a in _authors(c, actors)]
    if passive:
        agent = _agent(v)
        source = codes(phrase(agent), actors) if agent is not None else []
        aimed = [c for c in v.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
        aim = [x for c in aimed for x in codes(c.subtree, actors, frozenset(source))]
        return source, subj_codes or aim  # "rockets were fired into Israel": ISR
    skip = frozenset(subj_codes)
    target: list[str] = []
    for c in v.children:
        if c.dep_ in ("dobj", "dative", "attr", "oprd", "xcomp", "ccomp") or (
            c.dep_ == "prep" and c.lower_ in TARGET_PREPS
        ):
            target += [x for x in codes(c.subtree, actors, skip) if x not in target]
    return subj_codes, target


def _own_source(n: Any, actors: Mapping[int, str]) -> list[str]:
    """Actors named as the doer inside a noun's phrase ("Israel's", "by X", "between A and B")."""
    source: list[str] = []
    for c in n.children:
        if (c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ != "LOC") or (
            c.dep_ == "prep" and c.lower_ in SOURCE_PREPS
        ):
            source += codes(c.subtree, actors)
    of = [g for c in n.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for c in [d for m in (n, *of) for d in m.children if d.dep_ == "acl"]:
        between = [g for g in c.children if g.dep_ == "prep" and g.lower_ == "between"]
        source += [a for g in between for a in codes(g.subtree, actors)]  # "a truce reached
    return source  # between A and B", "the cessation of hostilities reached between A and B"


def _noun_args(n: Any, actors: Mapping[int, str]) -> tuple[list[str], list[str]]:
    source = _own_source(n, actors)
    target: list[str] = []
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            target += codes(c.subtree, actors, frozenset(source))
    governed = n.dep_ in ("dobj", "attr", "nsubjpass", "pobj") and n.head.pos_ in ("VERB", "AUX")
    if not source and governed:
        subj, _ = subject(n.head)
        if subj is not None:
            source = codes(phrase(subj), actors)
    if governed and n.dep_ == "dobj" and not target:  # "held talks on Friday with X"
        for c in n.head.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "against", "to"):
                target += codes(c.subtree, actors, frozenset(source))
    target = target or _with_next(n, actors, frozenset(source))
    return source, [t for t in target if t not in source]


def _with_next(n: Any, actors: Mapping[int, str], skip: frozenset[str]) -> list[str]:
    """Actors in a "with" phrase right after a noun the parser did not attach it to.

    "called talks Friday with Russian Foreign Minister Sergei Lavrov 'constructive'": the small
    model reads "with" as a clause marker.  At most two words (a date) may come between.
    """
    doc, end = n.doc, n.sent.end
    after = list(doc[n.i + 1 : min(end, n.i + 4)])
    prep = next((t for t in after if t.lower_ == "with"), None)
    if prep is None or any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in after if t.i < prep.i):
        return []
    found: list[str] = []
    for t in doc[prep.i + 1 : min(end, prep.i + 8)]:
        if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "SCONJ"):
            break
        if (code := actors.get(t.i)) and code not in skip and code not in found:
            found.append(code)
    return found


def _ancestor_agent(tok: Any, actors: Mapping[int, str]) -> list[str]:
    """The nearest possessor or subject with an actor up the tree ("Iran's policy of insisting")."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        for c in node.children:
            if c.dep_ in ("poss", "nsubj") and c.i < tok.i and (found := codes(phrase(c), actors)):
                return found
    return []


def _has_subject(tok: Any) -> bool:
    """A verb with a subject of its own ("an official who discussed"), which keeps its agent."""
    return tok.pos_ == "VERB" and noun_subject(tok) is not None


def _trigger(tok: Any, actors: Mapping[int, str]) -> Sense | None:
    """A token's sense; light verbs take their object's ("gave a welcome", "held talks")."""
    if tok.pos_ == "VERB" and tok.lemma_ in LIGHT_VERBS:
        for c in tok.children:
            if c.dep_ == "dobj" and (s := match(c)) is not None:
                return refine(c, s, actors)
    sense = match(tok)
    if sense is not None:
        return refine(tok, sense, actors)
    obliged = any(c.lower_ in ("must", "should") for c in tok.children)
    if tok.dep_ == "ccomp" and tok.head.lemma_ in REPORT and obliged:
        return OBLIGATION
    return context_sense(tok)


def _complement_of(tok: Any, i: int) -> bool:
    """Whether ``tok`` is the verb of a complement clause of token ``i`` ("agreed to X")."""
    node = tok
    while node.dep_ in ("xcomp", "ccomp", "dobj") and node.head.i != node.i:
        node = node.head
        if node.i == i:
            return True
    return False


def _matrix_type(sense: Sense, tok: Any, absorbed: Mapping[int, int | None], triggers: Any) -> str:
    """AGREE to a coercive act ("agreed it would impose", "promised to retaliate") is THREATEN.

    Agreeing *not* to use force ("agreed not to target civilians") stays AGREE.
    """
    if sense.plover != "AGREE":
        return sense.plover
    doc = tok.doc
    inner = [j for j, k in absorbed.items() if k == tok.i and _complement_of(doc[j], tok.i)]
    inner = [j for j in inner if not any(c.dep_ == "neg" for c in doc[j].children)]
    return "THREATEN" if any(triggers[j].plover in COERCIVE for j in inner) else "AGREE"


def _speaker_may_act(tok: Any, plover: str) -> bool:
    """Whether the speaker may be the default source of the act at ``tok``.

    Only of verbal and cooperative acts, and only when the reported clause has no subject of
    its own (pronouns are resolved before coding).
    """
    if plover in MATERIAL_CONFLICT:
        return False
    return tok.pos_ != "VERB" or subject(tok)[0] is None


def code_sentence(sent: Any, actors: Mapping[int, str]) -> list[Coded]:
    """Code every independent trigger of ``sent`` (ordered by depth, then position)."""
    triggers = {t.i: s for t in sent if (s := _trigger(t, actors)) is not None}
    judged = {i for i in triggers if _judged(sent.doc[i], triggers, actors)}
    absorbed = {i: None if i in judged else _absorber(sent.doc[i], triggers) for i in triggers}
    out: list[Coded] = []
    for i, sense in triggers.items():
        tok = sent.doc[i]
        if absorbed[i] is not None:
            continue
        matrix = replace(sense, plover=_matrix_type(sense, tok, absorbed, triggers))
        plover, mood, reason, speaker = modality(tok, matrix, actors, i in judged)
        source, target = (_verb_args if tok.pos_ == "VERB" else _noun_args)(tok, actors)
        if reason == "obligation stated by a speaker":
            source, target = speaker, [c for c in source if c not in speaker]
        elif not source and speaker and _speaker_may_act(tok, plover):
            source = speaker
        if not source and sense is CONSEQUENCE:
            source = [
                a for c in tok.children if c.lower_ == "from" for a in codes(c.subtree, actors)
            ]
        if not source and plover not in MATERIAL_CONFLICT and not _has_subject(tok):
            source = _ancestor_agent(tok, actors)
        source, target = settle(tok, plover, source, target, actors)
        out.append(
            Coded(tok, sense, plover, tuple(source), tuple(target), mood, reason, _depth(tok))
        )
    return sorted(out, key=lambda c: (c.depth, c.trigger.i))


def main_event(coded: list[Coded]) -> Coded | None:
    """The sentence's main event: the independent trigger closest to the root."""
    return coded[0] if coded else None
