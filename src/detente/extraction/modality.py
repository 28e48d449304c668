"""Modality of a trigger (stage 5): who states it, and how (asserted, intended, negated …).

A trigger is asserted, reported by a speaker, intended, obliged, hypothetical, conditional or
negated.

Rules (guideline in ``docs/explanation/extraction.md``):

* **Negation** (a ``neg`` child, or "fail", "refuse" above) of a cooperative act is REJECT, an
  event ("does not recognise", "not willing to surrender", CAMEO 12); a negated conflictual act
  ("did not stage attacks") is a claim with modality ``negated``.
* **Intent** ("will", "would", "willing to", "ready to", "plans to") under a speaker turns a
  cooperative type into AGREE and a conflictual one into THREATEN (CAMEO 03 and 13).  An actor
  that is itself the subject of "willing / ready / prepared …", or a first-person subject, is its
  own speaker.
* **Obligation** ("must", "should") under a speaker is a demand: REQUEST from the speaker to the
  clause's subject (CAMEO 10).
* **Hypothetical**: modals without a speaker (may, might, could, would, can, must), and clauses
  introduced by "if", "unless", "whether"; these are claims, never events.  An adverbial clause
  of time or reason ("as we exit the deal, we will …") is not under the main clause's modal.
  Considering, wanting or needing an act ("weigh an attack", "mull sanctions", "needs the
  support of Russia") and an infinitive that modifies a
  noun ("a referendum to break off", "a draft to impose sanctions") are not acts either; "a
  decision to …" is (like "decided to …").
* **A conditional consequence** ("sanctions will be re-imposed if Iran breaches the deal") is
  future: stated by a speaker it is a threat or a promise, else hypothetical.
* **Heads that negate** ("failed to adopt", "refusal to talk") act only on their complement
  clause, not on a phrase attached to them ("in a meeting, X failed to …").
* **Reduced relative clauses** (a past participle on a noun: "the talks brokered by X failed",
  "sanctions imposed last year") are asserted on their own, like relative clauses: the
  governing clause's modals and negating heads do not reach them.
* **Presupposed acts.**  A nominal act named as a cause or occasion ("sanctions over its
  launches", "in response to rocket fire") or as what an actor is judged for ("condemned the
  launch by X", "welcomed the meeting between A and B") happened: the governing clause's modals
  and speakers do not apply to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.extraction.lexicon import COOPERATIVE, QUAD, Sense, words
from detente.extraction.speakers import FIRST_PERSON
from detente.extraction.syntax import codes, phrase, principal, subject

__all__ = ["CONDITIONAL_MARKS", "HYPOTHETICAL_AUX", "JUDGING", "REPORT", "modality", "presupposed"]

REPORT = words(
    "say tell report announce state add note confirm claim declare reiterate explain "
    "write believe think decide determine try attempt begin start continue want hope expect "
    "indicate stress quote reveal disclose acknowledge admit underscore emphasize emphasise "
    "reaffirm"
)
ASPECTUAL = words("begin start continue try attempt")
"""Verbs of phase or effort: transparent, but their subject is the doer, not a speaker, and their
own "will" counts ("Russia will start withdrawing troops" is a forecast)."""
INTENT_HEADS = words("willing ready prepared plan intend prepare set going determined")
HYPOTHETICAL_AUX = words("may might could can would should must")
HYPOTHETICAL_HEADS = words(
    "capable able likely unlikely possible potential chance weigh consider mull contemplate "
    "need want require lack"
)
ATTACHED_DEPS = frozenset(("prep", "pobj", "agent", "npadvmod", "advmod", "advcl", "relcl"))
"""Phrases attached to a negating head that it does not negate ("in a meeting, X failed …")."""
DONE_NOUNS = words("decision move order")
"""Nouns whose infinitive is an act done, like "decided to": "his decision to cease …"."""
CAUSE_PREPS = words("over after following despite amid")
"""Prepositions that name a nominal act as a cause or occasion ("sanctions over its launches")."""
JUDGING = frozenset(("ACCUSE", "SUPPORT"))
NEGATING_HEADS = words("fail failure unable refusal")
FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo"))
CONDITIONAL_MARKS = frozenset(("if", "unless", "whether"))
TEMPORAL_MARKS = words("as while when after before since because once although though whereas")
REJECTABLE = frozenset(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"))


def _negated(node: Any) -> bool:
    """A ``neg`` on ``node``, or on its copula when ``node`` is a predicate ("is not willing")."""
    if any(c.dep_ == "neg" for c in node.children):
        return True
    return node.dep_ in ("acomp", "xcomp") and any(c.dep_ == "neg" for c in node.head.children)


def _absent(tok: Any) -> bool:
    """Whether the act is said not to exist: "no" on its noun, or under "without".

    "ended without a deal", "there was no meeting between A and B", "gave no assistance",
    "left without consulting X".  Nothing was done, and nothing was refused either.
    """
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "without":
        return True
    nouns = [c for c in tok.children if c.dep_ == "dobj"] if tok.pos_ == "VERB" else [tok]
    return any(c.dep_ == "det" and c.lower_ == "no" for n in nouns for c in n.children)


def _unreached(tok: Any) -> bool:
    """Whether a negated act is an agreement not reached rather than one refused.

    "did not reach agreement", "the Council did not agree on a statement": no agreement came
    about, which is no act (the guideline's "no agreement yet"), where "did not agree to
    release the prisoners" refuses something (REJECT).
    """
    lemma = tok.lemma_.lower()
    on = any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in tok.children)
    return lemma == "reach" or (lemma == "agree" and on)


def _temporal_clause(node: Any) -> bool:
    """Whether ``node`` heads an adverbial clause of time or reason.

    "As we exit the deal, we will …": the clause is its own event, not under the main modal.
    """
    if node.dep_ != "advcl":
        return False
    return any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in node.children)


def _intent_holder(node: Any, tok: Any, actors: Mapping[int, str]) -> list[str]:
    """The actor that states its own intent: the subject of "willing / ready / plans …".

    Not when the intent is itself under a modal ("X must be willing to …" is a prescription).
    """
    holder, _ = subject(node)
    heads = [node, node.head] if node.dep_ in ("acomp", "xcomp") else [node]
    modal = any(c.lower_ in HYPOTHETICAL_AUX for h in heads for c in h.children)
    if node.i == tok.i or holder is None or modal:
        return []
    return codes(phrase(holder), actors)


def _purpose(node: Any) -> bool:
    """An infinitive that modifies a noun ("a referendum to break off"), not "a decision to".

    An infinitive as a subject ("to break off would be annexation") is not an act either.
    """
    if node.dep_ not in ("acl", "csubj") or node.head.lemma_.lower() in DONE_NOUNS | INTENT_HEADS:
        return False
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)


def _conditional_consequence(tok: Any) -> bool:
    """Whether ``tok`` has an "if / unless" clause of its own ("re-imposed if Iran breaches")."""
    return any(
        c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
        for c in tok.children
    )


def presupposed(tok: Any, judged: bool = False) -> bool:
    """Whether the nominal act ``tok`` is presupposed: a cause or occasion, or what is judged.

    ``judged``: ``tok`` is the object of a judging trigger ("condemned the launch by X").
    """
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if judged:
        return True
    prep = tok.head
    answered = (prep.lower_, prep.head.lower_) in (("to", "response"), ("for", "retaliation"))
    if tok.dep_ == "pobj" and answered:  # "in response to / in retaliation for X's attack"
        return True
    return tok.dep_ == "pobj" and prep.lower_ in CAUSE_PREPS and prep.head.pos_ != "NOUN"


_FINITE = frozenset(("VBD", "VBZ"))
"""Finite verb tags: a conjunct in one has its own tense ("said X would reject … and urged Y":
"urged" is no "would urge"), so the modals of the verb it is coordinated with do not reach it;
only where the form shows it (a past or third-person form unlike the base: "cut", "put", "hit"
after "would … and" are base forms the small model may tag as past)."""


def _frame(tok: Any, actors: Mapping[int, str]) -> tuple[list[str], set[str], bool]:
    """Walk up from ``tok``: speaker codes, the modal words met, whether under a condition.

    The speaker is a first-person subject (the issuer of a statement), the holder of an intent
    ("X is ready to …") or the subject of a reporting verb, in that order.
    """
    aux: set[str] = set()
    conditional = False
    subj, _ = subject(tok)
    first = subj is not None and subj.pos_ == "PRON" and subj.lower_ in FIRST_PERSON
    own = codes([subj], actors) if first else []
    node, direct, finite = tok, True, False
    while True:
        if not finite:  # a finite conjunct is no clause of its head's modal (below)
            aux |= {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        finite = node.dep_ == "conj" and node.tag_ in _FINITE and node.lower_ != node.lemma_.lower()
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        conditional |= bool(marks & CONDITIONAL_MARKS)
        if node.lemma_ in INTENT_HEADS and node.i != tok.i:
            aux |= {"will", "not"} if _negated(node) else {"will"}
            own = own or _intent_holder(node, tok, actors)
        if node.lemma_ in HYPOTHETICAL_HEADS or any(
            c.dep_ == "acomp" and c.lemma_ in HYPOTHETICAL_HEADS for c in node.children
        ):
            aux.add("may")
        if node.lemma_ in NEGATING_HEADS and node.i != tok.i and direct:
            aux.add("not")
        if _purpose(node):
            aux.add("<purpose>")
        direct = direct and node.dep_ not in ATTACHED_DEPS
        head = node.head
        reduced = node.dep_ == "acl" and node.tag_ == "VBN"  # a reduced relative clause is
        # asserted on its own, like a relative one ("the talks brokered by X failed")
        if head.i == node.i or node.dep_ == "relcl" or reduced or _temporal_clause(node):
            return own, aux, conditional
        aspectual = head.lemma_ in ASPECTUAL and node.dep_ == "xcomp"  # "will start withdrawing"
        if node.dep_ in ("ccomp", "xcomp", "advcl") and head.lemma_ in REPORT and not aspectual:
            subj, _ = subject(head)
            speaker = codes(principal(subj), actors) if subj is not None else []
            if own or speaker:
                return own or speaker, aux, conditional
        node = head


def modality(
    tok: Any, sense: Sense, actors: Mapping[int, str], judged: bool = False
) -> tuple[str, str, str, list[str]]:
    """(plover, modality, reason, speaker) for one trigger (``judged``: see :func:`presupposed`)."""
    if presupposed(tok, judged):
        return sense.plover, "asserted", "presupposed", []
    speaker, aux, conditional = _frame(tok, actors)
    if QUAD[sense.plover].startswith("material") and _conditional_consequence(tok):
        aux.add("would")  # a promised speech act ("warned of X if …") stays the act
    negated = any(c.dep_ == "neg" for c in tok.children) or (
        tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)
    )
    negated = negated or any(  # "no longer recognizes the agreement"
        c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in tok.children
    )
    negated = negated or "not" in aux
    plover = sense.plover
    if conditional:
        return plover, "hypothetical", "conditional clause", speaker
    if _absent(tok):  # "ended without a deal", "reached no agreement": no act, and no refusal
        return plover, "negated", "absent act (no, without)", speaker
    if negated and _unreached(tok):
        return plover, "negated", "agreement not reached", speaker
    if negated and plover in REJECTABLE:
        return "REJECT", "reported" if speaker else "asserted", "negated cooperation", speaker
    if negated:  # "did not attack", "did not rule out": nothing was done or refused
        return plover, "negated", "negation", speaker
    if "<purpose>" in aux:
        return plover, "hypothetical", "purpose or plan (infinitive)", speaker
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
