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

from detente.extraction.arguments import (
    ancestor_agent,
    has_subject,
    noun_args,
    own_source,
    shared_object_verb,
    verb_args,
)
from detente.extraction.context_senses import CONSEQUENCE, context_sense
from detente.extraction.lexicon import QUAD, Sense, match, words
from detente.extraction.modality import JUDGING, REPORT, modality, presupposed
from detente.extraction.roles import settle
from detente.extraction.senses import refine
from detente.extraction.syntax import codes, subject
from detente.extraction.verdicts import guilt_content, issuer_obliges, verdict

__all__ = ["VERDICT", "Coded", "code_sentence", "main_event", "own_source"]

SPEECH_NOUN_TYPES = frozenset(("REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE"))
BREAK_DEPS = frozenset(("relcl", "advcl", "conj", "parataxis", "appos", "acl", "csubj", "nsubj"))
LIGHT_VERBS = words(
    "give make issue hold conduct stage stag launch mount undertake open impose carry begin "
    "start resume renew continue take raise set reach exchange file lodge bring"
)
"""Verbs that take their object's sense ("stag" is the small model's lemma of "staged";
"exchanged accusations", "filed a lawsuit", "lodged a complaint")."""
OBLIGATION = Sense("REQUEST", "", "100", "must")
MATERIAL_CONFLICT = frozenset(t for t, q in QUAD.items() if q == "material conflict")
COERCIVE = frozenset(("ASSAULT", "COERCE", "SANCTION", "THREATEN"))
VERDICT = "verdict stated by a speaker"
OBLIGED = "obligation stated by a speaker"


@dataclass(frozen=True, slots=True, kw_only=True)
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
    if tok.pos_ not in ("NOUN", "PROPN") or not own_source(tok, actors):
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
        if _joined_infinitive(node):  # "called on X to release … and to hand back …"
            return _absorber(node.head, triggers)
        if node.dep_ in BREAK_DEPS and not content:  # "a demand that X disarm" is content
            return _accused(tok, triggers) or _rejected_content(node, triggers)
        node = node.head
        sense = triggers.get(node.i)
        if sense and (node.pos_ == "VERB" or sense.plover in SPEECH_NOUN_TYPES):
            return int(node.i)
    return None


def _joined_infinitive(node: Any) -> bool:
    """A bare infinitive coordinated with a complement infinitive: one content, one matrix.

    "urged X to release the prisoners and to hand back power": both infinitives are what is
    urged.  Not a conjunct of a main verb ("will withdraw and hand over": two acts).
    """
    if node.dep_ != "conj" or node.tag_ != "VB" or node.head.dep_ != "xcomp":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _rejected_content(clause: Any, triggers: Mapping[int, Sense]) -> int | None:
    """The rejection whose object ``clause`` describes: "vetoed a draft condemning X".

    What a rejected text or proposal says ("condemning X", "calling for talks") is not done by
    anyone: the clause is absorbed by the rejection, not coded as the rejecter's act.
    """
    if clause.dep_ != "acl" or clause.head.dep_ != "dobj":
        return None
    verb = clause.head.head
    sense = triggers.get(verb.i)
    return int(verb.i) if sense and sense.plover == "REJECT" and verb.pos_ == "VERB" else None


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


def _in_name(tok: Any) -> bool:
    """Whether ``tok`` is one word of a several-word name in the actor table ("Ban Ki-moon").

    A word of a name is no act: "Secretary-General Ban Ki-moon praised …" bans nothing.
    """
    if not tok.ent_id_:
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return bool(tok.ent_iob_ == "I" or (nxt is not None and nxt.ent_iob_ == "I"))


def _trigger(tok: Any, actors: Mapping[int, str]) -> Sense | None:
    """A token's sense; light verbs take their object's ("gave a welcome", "held talks")."""
    if _in_name(tok):
        return None
    if tok.pos_ == "VERB" and tok.lemma_ in LIGHT_VERBS:
        for c in tok.children:
            if c.dep_ == "dobj" and (s := match(c) or context_sense(c)) is not None:
                return refine(c, s, actors)
    sense = match(tok)
    if sense is not None:
        return refine(tok, sense, actors)
    obliged = any(c.lower_ in ("must", "should") for c in tok.children)
    if tok.dep_ == "ccomp" and tok.head.lemma_ in REPORT and obliged:
        return OBLIGATION
    return context_sense(tok)


def _same_act(verb: Any, triggers: Mapping[int, Sense]) -> int | None:
    """The act noun that is the subject of a verb of the same type: one act told twice.

    "The attack by X on Y killed hundreds": the killing is the attack, not a second event.
    """
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.pos_ != "VERB" or subj is None or subj.i not in triggers:
        return None
    return int(subj.i) if triggers[subj.i].plover == triggers[verb.i].plover else None


def _c8(verb: Any, triggers: Mapping[int, Sense]) -> Any | None:
    """The coordinated trigger that shares ``verb``'s object: one mention (guideline C8)."""
    conj = shared_object_verb(verb)
    return conj if conj is not None and verb.i in triggers and conj.i in triggers else None


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


def _verdicts(sent: Any, actors: Mapping[int, str], issuer: str) -> list[Coded]:
    """The verdicts of ``sent`` in a speaker's voice (:mod:`~detente.extraction.verdicts`)."""
    out = []
    for t in sent:
        if (v := verdict(t, actors, issuer)) is not None:
            sense, source, target = v
            out.append(
                Coded(
                    trigger=t,
                    sense=sense,
                    plover=sense.plover,
                    source=tuple(source),
                    target=tuple(target),
                    modality="reported",
                    reason=VERDICT,
                    depth=_depth(t),
                )
            )
    return out


def code_sentence(sent: Any, actors: Mapping[int, str], issuer: str = "") -> list[Coded]:
    """Code every independent trigger of ``sent`` (ordered by depth, then position).

    ``issuer``: who issued the text, whose main clauses state its own verdicts.
    """
    out = _verdicts(sent, actors, issuer)
    said = {c.trigger.i for c in out}.union(*(guilt_content(c.trigger) for c in out))
    triggers = {t.i: s for t in sent if t.i not in said and (s := _trigger(t, actors)) is not None}
    obliged = {t.i for t in sent if t.i not in said and issuer_obliges(t, actors, issuer)}
    triggers |= {i: OBLIGATION for i in obliged if i not in triggers}
    judged = {i for i in triggers if _judged(sent.doc[i], triggers, actors)}
    absorbed = {i: None if i in judged else _absorber(sent.doc[i], triggers) for i in triggers}
    absorbed |= {i: j for i in triggers if (j := _same_act(sent.doc[i], triggers)) is not None}
    absorbed |= {c.i: i for i in triggers if (c := _c8(sent.doc[i], triggers)) is not None}
    for i, sense in triggers.items():
        tok = sent.doc[i]
        if absorbed[i] is not None:
            continue
        matrix = replace(sense, plover=_matrix_type(sense, tok, absorbed, triggers))
        plover, mood, reason, speaker = modality(tok, matrix, actors, i in judged)
        if i in obliged and reason == "prescription (must/should)":  # the issuer's own (C4)
            plover, mood, reason, speaker = "REQUEST", "reported", OBLIGED, [issuer]
        source, target = (verb_args if tok.pos_ == "VERB" else noun_args)(tok, actors)
        if reason == OBLIGED:
            source, target = speaker, [c for c in source if c not in speaker]
        elif not source and speaker and _speaker_may_act(tok, plover):
            source = speaker
        if not source and sense is CONSEQUENCE:
            source = [
                a for c in tok.children if c.lower_ == "from" for a in codes(c.subtree, actors)
            ]
        if not source and plover not in MATERIAL_CONFLICT and not has_subject(tok):
            source = ancestor_agent(tok, actors)
        source, target = settle(tok, plover, source, target, actors)
        out.append(
            Coded(
                trigger=tok,
                sense=sense,
                plover=plover,
                source=tuple(source),
                target=tuple(target),
                modality=mood,
                reason=reason,
                depth=_depth(tok),
            )
        )
    return sorted(out, key=lambda c: (c.depth, c.trigger.i))


def main_event(coded: list[Coded]) -> Coded | None:
    """The sentence's main event: the independent trigger closest to the root."""
    return coded[0] if coded else None
