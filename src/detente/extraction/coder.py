"""Sentence coder (stages 3–5): triggers, matrix verbs, arguments and modality.

For each sentence (a spaCy ``Span``) and a token → actor-code map, :func:`code_sentence` returns
one :class:`Coded` per independent trigger.  Rules (``docs/explanation/extraction.md``):

* **Matrix verbs decide.**  A trigger inside the complement of another trigger (``xcomp``,
  ``ccomp``, ``dobj``, ``pcomp`` …) is absorbed: "threatened to cut" → THREATEN, "agreed to
  withdraw" → AGREE.  Relative and adverbial clauses, coordination and parataxis start new events.
* **Reporting verbs are transparent** ("said", "announced"): the reported clause is coded, with
  the speaker as the frame.
* **Negation** (a ``neg`` child, or "fail", "refuse" above) of a cooperative act is REJECT, an
  event ("does not recognise", "not willing to surrender", CAMEO 12); a negated conflictual act
  ("did not stage attacks") is a claim with modality ``negated``.
* **Intent** ("will", "would", "willing to", "ready to", "plans to") under a speaker turns a
  cooperative type into AGREE and a conflictual one into THREATEN (CAMEO 03 and 13).  An actor
  that is itself the subject of "willing / ready / prepared …", or a first-person subject, is its
  own speaker; so is the matrix of "agreed / promised to <conflictual act>", which is THREATEN.
* **Speakers are not doers of material conflict.**  The speaker becomes the source of a reported
  clause without an actor of its own only for verbal and cooperative types; an attack, launch or
  sanction reported by X is never X's by default.
* **Obligation** ("must", "should") under a speaker is a demand: REQUEST from the speaker to the
  clause's subject (CAMEO 10).
* **Hypothetical**: modals without a speaker (may, might, could, would, can, must), and clauses
  introduced by "if", "unless", "whether"; these are claims, never events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from detente.extraction.lexicon import COOPERATIVE, QUAD, Sense, match, words
from detente.extraction.senses import CONSEQUENCE, context_sense, refine
from detente.extraction.speakers import FIRST_PERSON

__all__ = ["Coded", "code_sentence", "main_event"]

REPORT = words(
    "say tell report announce state add note confirm claim declare reiterate explain "
    "write believe think decide try attempt begin start continue want hope expect "
    "indicate stress quote reveal disclose acknowledge admit"
)
INTENT_HEADS = words("willing ready prepared plan intend prepare set going determined")
HYPOTHETICAL_AUX = words("may might could can would should must")
HYPOTHETICAL_HEADS = words("capable able likely unlikely possible potential chance")
NEGATING_HEADS = words("fail failure unable refusal")
SPEECH_NOUN_TYPES = frozenset(("REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE"))
FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo"))
CONDITIONAL_MARKS = frozenset(("if", "unless", "whether"))
BREAK_DEPS = frozenset(("relcl", "advcl", "conj", "parataxis", "appos", "acl", "csubj", "nsubj"))
TARGET_PREPS = words("to against with on toward towards for into in at over of about")
SOURCE_PREPS = frozenset(("by",))
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
LIGHT_VERBS = words(
    "give make issue hold conduct stage launch mount undertake open impose carry begin "
    "start resume renew continue take raise set"
)
OBLIGATION = Sense("REQUEST", "", "100", "must")
MATERIAL_CONFLICT = frozenset(t for t, q in QUAD.items() if q == "material conflict")
COERCIVE = frozenset(("ASSAULT", "COERCE", "SANCTION", "THREATEN"))
REJECTABLE = frozenset(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"))


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


def _absorber(tok: Any, triggers: Mapping[int, Sense]) -> int | None:
    """The trigger whose complement ``tok`` is in (its matrix), if any."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in BREAK_DEPS:
            return None
        node = node.head
        sense = triggers.get(node.i)
        if sense and (node.pos_ == "VERB" or sense.plover in SPEECH_NOUN_TYPES):
            return int(node.i)
    return None


def _codes(tokens: Any, actors: Mapping[int, str], skip: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for t in tokens:
        code = actors.get(t.i)
        if code and code not in out and code not in skip:
            out.append(code)
    return out


def _subtree(tok: Any) -> list[Any]:
    """Tokens of ``tok``'s phrase without its clauses (relative, adverbial, complement)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("relcl", "advcl", "acl", "ccomp", "parataxis"):
            out += _subtree(c)
    return sorted(out, key=lambda t: t.i)


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject token of ``verb`` (following control and coordination) and passivity."""
    node = verb
    passive = any(c.dep_ in ("auxpass", "agent") for c in verb.children)
    for _ in range(6):
        for c in node.children:
            if c.dep_ in SUBJECT_DEPS:
                return c, passive or c.dep_ == "nsubjpass"
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ in ("relcl", "acl"):
            return node.head, False
        break
    return None, False


def _agent(verb: Any) -> Any | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return c
    return None


def _verb_args(v: Any, actors: Mapping[int, str]) -> tuple[list[str], list[str]]:
    subj, passive = _subject(v)
    subj_codes = _codes(_subtree(subj), actors) if subj is not None else []
    if passive:
        agent = _agent(v)
        return (_codes(_subtree(agent), actors) if agent is not None else []), subj_codes
    skip = frozenset(subj_codes)
    target: list[str] = []
    for c in v.children:
        if c.dep_ in ("dobj", "dative", "attr", "oprd", "xcomp", "ccomp") or (
            c.dep_ == "prep" and c.lower_ in TARGET_PREPS
        ):
            target += [x for x in _codes(c.subtree, actors, skip) if x not in target]
    return subj_codes, target


def _noun_args(n: Any, actors: Mapping[int, str]) -> tuple[list[str], list[str]]:
    source: list[str] = []
    target: list[str] = []
    for c in n.children:
        if (c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ != "LOC") or (
            c.dep_ == "prep" and c.lower_ in SOURCE_PREPS
        ):
            source += _codes(c.subtree, actors)
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            target += _codes(c.subtree, actors, frozenset(source))
    governed = n.dep_ in ("dobj", "attr", "nsubjpass", "pobj") and n.head.pos_ in ("VERB", "AUX")
    if not source and governed:
        subj, _ = _subject(n.head)
        if subj is not None:
            source = _codes(_subtree(subj), actors)
    return source, [t for t in target if t not in source]


def _ancestor_agent(tok: Any, actors: Mapping[int, str]) -> list[str]:
    """The nearest possessor or subject with an actor up the tree ("Iran's policy of insisting")."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        for c in node.children:
            if (
                c.dep_ in ("poss", "nsubj")
                and c.i < tok.i
                and (codes := _codes(_subtree(c), actors))
            ):
                return codes
    return []


def _negated(node: Any) -> bool:
    """A ``neg`` on ``node``, or on its copula when ``node`` is a predicate ("is not willing")."""
    if any(c.dep_ == "neg" for c in node.children):
        return True
    return node.dep_ in ("acomp", "xcomp") and any(c.dep_ == "neg" for c in node.head.children)


def _intent_holder(node: Any, tok: Any, actors: Mapping[int, str]) -> list[str]:
    """The actor that states its own intent: the subject of "willing / ready / plans …".

    Not when the intent is itself under a modal ("X must be willing to …" is a prescription).
    """
    holder, _ = _subject(node)
    heads = [node, node.head] if node.dep_ in ("acomp", "xcomp") else [node]
    modal = any(c.lower_ in HYPOTHETICAL_AUX for h in heads for c in h.children)
    if node.i == tok.i or holder is None or modal:
        return []
    return _codes(_subtree(holder), actors)


def _frame(tok: Any, actors: Mapping[int, str]) -> tuple[list[str], set[str], bool]:
    """Walk up from ``tok``: speaker codes, the modal words met, whether under a condition.

    The speaker is a first-person subject (the issuer of a statement), the holder of an intent
    ("X is ready to …") or the subject of a reporting verb, in that order.
    """
    aux: set[str] = set()
    conditional = False
    subj, _ = _subject(tok)
    first = subj is not None and subj.pos_ == "PRON" and subj.lower_ in FIRST_PERSON
    own = _codes([subj], actors) if first else []
    node = tok
    while True:
        aux |= {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        conditional |= bool(marks & CONDITIONAL_MARKS)
        if node.lemma_ in INTENT_HEADS and node.i != tok.i:
            aux |= {"will", "not"} if _negated(node) else {"will"}
            own = own or _intent_holder(node, tok, actors)
        if node.lemma_ in HYPOTHETICAL_HEADS or any(
            c.dep_ == "acomp" and c.lemma_ in HYPOTHETICAL_HEADS for c in node.children
        ):
            aux.add("may")
        if node.lemma_ in NEGATING_HEADS and node.i != tok.i:
            aux.add("not")
        head = node.head
        if head.i == node.i or node.dep_ == "relcl":
            return own, aux, conditional
        if node.dep_ in ("ccomp", "xcomp", "advcl") and head.lemma_ in REPORT:
            subj, _ = _subject(head)
            speaker = _codes(_subtree(subj), actors) if subj is not None else []
            if own or speaker:
                return own or speaker, aux, conditional
        node = head


def _modality(tok: Any, sense: Sense, actors: Mapping[int, str]) -> tuple[str, str, str, list[str]]:
    """(plover, modality, reason, speaker) for one trigger."""
    speaker, aux, conditional = _frame(tok, actors)
    negated = any(c.dep_ == "neg" for c in tok.children) or (
        tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)
    )
    negated = negated or "not" in aux
    plover = sense.plover
    if conditional:
        return plover, "hypothetical", "conditional clause", speaker
    if negated and plover in REJECTABLE:
        return "REJECT", "reported" if speaker else "asserted", "negated cooperation", speaker
    if negated and plover != "REJECT":
        return plover, "negated", "negation", speaker
    obligation = aux & {"must", "should"}
    intent = aux & (FUTURE_AUX | {"would"})
    if obligation:
        if speaker:
            return "REQUEST", "reported", "obligation stated by a speaker", speaker
        return plover, "hypothetical", "prescription (must/should)", speaker
    if intent:
        kind = "AGREE" if plover in COOPERATIVE else "THREATEN"
        if speaker:
            return kind, "reported", "stated intent", speaker
        return kind, "hypothetical", "future or conditional mood", speaker
    if aux & HYPOTHETICAL_AUX:
        return plover, "hypothetical", "modal verb", speaker
    return plover, "reported" if speaker else "asserted", "", speaker


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
    """AGREE to a coercive act ("agreed it would impose", "promised to retaliate") is THREATEN."""
    if sense.plover != "AGREE":
        return sense.plover
    doc = tok.doc
    inner = [j for j, k in absorbed.items() if k == tok.i and _complement_of(doc[j], tok.i)]
    return "THREATEN" if any(triggers[j].plover in COERCIVE for j in inner) else "AGREE"


def _speaker_may_act(tok: Any, plover: str) -> bool:
    """Whether the speaker may be the default source of the act at ``tok``.

    Only of verbal and cooperative acts, and only when the reported clause has no subject of
    its own (pronouns are resolved before coding).
    """
    if plover in MATERIAL_CONFLICT:
        return False
    return tok.pos_ != "VERB" or _subject(tok)[0] is None


def code_sentence(sent: Any, actors: Mapping[int, str]) -> list[Coded]:
    """Code every independent trigger of ``sent`` (ordered by depth, then position)."""
    triggers = {t.i: s for t in sent if (s := _trigger(t, actors)) is not None}
    absorbed = {i: _absorber(sent.doc[i], triggers) for i in triggers}
    out: list[Coded] = []
    for i, sense in triggers.items():
        tok = sent.doc[i]
        if absorbed[i] is not None:
            continue
        matrix = replace(sense, plover=_matrix_type(sense, tok, absorbed, triggers))
        plover, modality, reason, speaker = _modality(tok, matrix, actors)
        source, target = (_verb_args if tok.pos_ == "VERB" else _noun_args)(tok, actors)
        if reason == "obligation stated by a speaker":
            source, target = speaker, [c for c in source if c not in speaker]
        elif not source and speaker and _speaker_may_act(tok, plover):
            source = speaker
        if not source and sense is CONSEQUENCE:
            source = [
                a for c in tok.children if c.lower_ == "from" for a in _codes(c.subtree, actors)
            ]
        if not source and plover not in MATERIAL_CONFLICT:
            source = _ancestor_agent(tok, actors)
        target = [t for t in target if t not in source]
        out.append(
            Coded(tok, sense, plover, tuple(source), tuple(target), modality, reason, _depth(tok))
        )
    return sorted(out, key=lambda c: (c.depth, c.trigger.i))


def main_event(coded: list[Coded]) -> Coded | None:
    """The sentence's main event: the independent trigger closest to the root."""
    return coded[0] if coded else None
