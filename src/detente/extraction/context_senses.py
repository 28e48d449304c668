"""Senses that only the context gives (the lexicon has no entry, or another one).

The rules are listed with the others in :mod:`~detente.extraction.senses` (CAMEO category
definitions [Schrodt2012], PLOVER [PLOVER]): promised consequences and revenge are THREATEN,
expressed concern is ACCUSE, moving forces is MOBILIZE, favouring talks is AGREE (036),
restoring relations is SUPPORT (050), using weapons and an exchange of fire are ASSAULT,
receiving a person is hosting a visit (043), summoning one (an ambassador) is an official
complaint (ACCUSE, 114), inviting a person or a state is intent to meet (AGREE, 036, as the
guideline's C10 says), a "call with" someone is a telephone talk (CONSULT, 041) and "contact
with" someone consultation (040), being "committed to" something or reaffirming a commitment
is stated intent (AGREE, 030; C6), a case against an actor is ACCUSE (115), putting or keeping
forces on alert or at combat readiness raises the military alert status (MOBILIZE, 152),
telling, ordering or instructing an actor or a person to act is a demand (REQUEST, 10).
:data:`CONTEXT_WORDS` tells the pre-filter which lemmas these rules can make triggers.
"""

from __future__ import annotations

from typing import Any

from detente.extraction.lexicon import Sense, words
from detente.extraction.object_senses import OBJECT_WORDS, TIES, by_object
from detente.extraction.senses import (
    DEPLOYING,
    DEPLOYMENT,
    EXCHANGE_OF_FIRE,
    GUNFIRE,
    PROJECTILES,
    UNITS,
    objects,
)

__all__ = ["CONSEQUENCE", "CONTEXT_WORDS", "context_sense"]

_FUTURE = words("will would 'll shall")
_PROMISES = words("promise vow pledge warn threaten")
_CONCERN = words("concerned troubled alarmed")
_DISAPPROVAL = words("regret surprise alarm disappointment indignation anger frustration")
"""Feelings that, expressed at an act, disapprove of it (CAMEO 110), like expressed concern."""
_EXPRESSING = words("express voice raise share reiterate convey make register")
_FAVOURING = words("favor favour propose prefer")
_AFFIRMING = words("reaffirm affirm renew confirm underline underscore")
_RESTORING = words("restore normalize normalise resume renew upgrade")
_TALKS = words("dialogue talks negotiation negotiations")
_VISITORS = words(
    "president minister secretary envoy ambassador delegation counterpart leader premier "
    "chancellor king prince emir sheikh foreign officials official visitor"
)
_WEAPONS = words(
    "weapon weapons force bomb bombs gas munition munitions missile missiles rocket rockets "
    "artillery drone drones explosive explosives napalm"
)
_STATES = frozenset(("PERSON", "GPE", "NORP", "ORG"))
_CONSEQUENCES = words("consequence response reaction retaliation revenge reprisal reprisals")
USE_OF_FORCE = Sense("ASSAULT", "", "190", "use weapons")
CASE_AGAINST = Sense("ACCUSE", "allege", "115", "case against")
HOSTED = Sense("CONSULT", "host", "043", "receive a visitor")
SUMMONED = Sense("ACCUSE", "allege", "114", "summon an envoy")
INVITED = Sense("AGREE", "", "036", "invite a visitor")
PHONE_CALL = Sense("CONSULT", "phone", "041", "a call with")
IN_CONTACT = Sense("CONSULT", "", "040", "in contact with")
COMMITTED = Sense("AGREE", "", "030", "committed to")
CONSEQUENCE = Sense("THREATEN", "", "130", "consequences")
CONCERN = Sense("ACCUSE", "disapprove", "110", "concern")
INTENT_TO_TALK = Sense("AGREE", "", "036", "favor talks")
RELATIONS = Sense("SUPPORT", "", "050", "restore relations")
ALERT = Sense("MOBILIZE", "troops", "152", "raise alert")
BIDDEN = Sense("REQUEST", "", "100", "tell to")
_BIDDING = words("tell order instruct direct command")
_ALERTING = words("put place keep order raise remain heighten increase")
_ALERT = words("alert readiness")
CONTEXT_WORDS = _CONSEQUENCES | _CONCERN | DEPLOYING | _FAVOURING | _RESTORING | _ALERTING
CONTEXT_WORDS |= _BIDDING | _DISAPPROVAL
CONTEXT_WORDS |= words(
    "concern use exchange receive summon invite call contact case commit committed commitment"
)
CONTEXT_WORDS |= OBJECT_WORDS
"""Lemmas that only :func:`context_sense` makes triggers (the pre-filter must keep them)."""


def _future(tok: Any) -> bool:
    """Under "will" or "would", or the object of a promise ("promised a painful response")."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _PROMISES:
        return True
    node = tok
    for _ in range(4):
        if any(c.lower_ in _FUTURE for c in node.children if c.dep_ == "aux"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _against(noun: Any) -> bool:
    """An "against" phrase on the noun, or on the verb whose object it is."""
    heads = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    return any(c.lower_ == "against" for h in heads for c in h.children)


def _visitor(tok: Any, kinds: frozenset[str] = frozenset(("PERSON",))) -> bool:
    """Whether the object of "receive" or "summon" is a person or a delegation, not a thing."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return any(o.lemma_.lower() in _VISITORS or o.ent_type_ in kinds for o in objs)


def context_sense(tok: Any) -> Sense | None:
    """A sense that only the context gives: promised consequences, expressed concern."""
    lemma = tok.lemma_.lower()
    if lemma not in CONTEXT_WORDS and tok.lower_ not in _CONCERN | {"committed"}:
        return None  # cheap exit: this runs for every token that the lexicon does not know
    if (by_obj := by_object(tok)) is not None:  # "froze assets", "broke the truce"
        return by_obj
    if (act := _act_sense(tok, lemma)) is not None:
        return act
    return _stance_sense(tok, lemma)


def _act_sense(tok: Any, lemma: str) -> Sense | None:
    """Acts told by their object or partner: hosting, summoning, calls, force, deployments."""
    moved = {o.lemma_.lower() for o in objects(tok)}
    if lemma == "case" and tok.pos_ == "NOUN" and _against(tok):
        return CASE_AGAINST  # "filed a case against China" (CAMEO 115, bring a lawsuit)
    if lemma == "receive" and tok.pos_ == "VERB" and _visitor(tok):
        return HOSTED  # "Xi received the Pakistani prime minister": hosting a visit
    if lemma == "summon" and tok.pos_ == "VERB" and _visitor(tok):
        return SUMMONED  # "China summoned the Japanese ambassador", not "summoned the courage"
    if lemma == "invite" and tok.pos_ == "VERB" and _visitor(tok, _STATES):
        return INVITED  # "invited the Ethiopian prime minister", not "invited criticism"
    with_ = any(c.lower_ == "with" for c in tok.children)
    if lemma in ("call", "contact") and tok.pos_ == "NOUN" and with_:
        return PHONE_CALL if lemma == "call" else IN_CONTACT  # not "a call for restraint"
    if (
        tok.lower_ == "committed"
        and tok.dep_ == "acomp"
        and any(c.lower_ == "to" for c in tok.children)
    ):
        return COMMITTED  # "remains committed to a peaceful resolution"
    if lemma == "use" and tok.pos_ == "VERB" and moved & _WEAPONS:
        return USE_OF_FORCE
    if lemma == "exchange" and tok.pos_ == "NOUN" and moved & (GUNFIRE | PROJECTILES):
        return EXCHANGE_OF_FIRE  # "an exchange of rockets and airstrikes"
    if tok.pos_ == "VERB" and lemma in DEPLOYING and moved & UNITS:
        return DEPLOYMENT
    if tok.pos_ in ("VERB", "AUX") and lemma in _ALERTING and _on_alert(tok):
        return ALERT  # "put its army on high alert", "ordered the army to full readiness"
    if tok.pos_ == "VERB" and lemma in _BIDDING and _bidden(tok):
        return BIDDEN  # "told Japan to stop its patrols" (CAMEO 10), not "told reporters that"
    return None


def _bidden(verb: Any) -> bool:
    """Whether ``verb`` bids an actor or a person to act: that object and a to-infinitive."""
    whom = [
        c
        for c in verb.children
        if c.dep_ == "dobj" and (c.ent_id_ or c.ent_type_ in _STATES or c.pos_ == "PRON")
    ]
    to = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    return bool(whom) and any(a.dep_ == "aux" and a.tag_ == "TO" for c in to for a in c.children)


def _on_alert(verb: Any) -> bool:
    """Whether the verb's object or "on / to / at / in" phrase is an alert or readiness level."""
    phrases = [c for c in verb.children if c.dep_ in ("dobj", "prep", "acomp", "oprd")]
    phrases = [c for c in phrases if c.dep_ != "prep" or c.lower_ in ("on", "to", "at", "in")]
    return any(d.lemma_.lower() in _ALERT for c in phrases for d in c.subtree)


def _expressed_at(noun: Any) -> bool:
    """A feeling expressed "at / over / about" something ("voiced alarm at the move").

    Not one expressed "for" something ("regret for the loss of life" is sympathy, an apology).
    A conjunct shares its head's verb and phrase ("its regret and surprise at the decision").
    """
    head = noun.head if noun.dep_ == "conj" else noun
    expressed = head.dep_ == "dobj" and head.head.lemma_.lower() in _EXPRESSING
    phrases = [c for n in (noun, head, *head.conjuncts) for c in n.children if c.dep_ == "prep"]
    return expressed and any(c.lower_ in ("at", "over", "about") for c in phrases)


def _stance_sense(tok: Any, lemma: str) -> Sense | None:
    """Stances told by their context: intent to talk, restored ties, consequences, concern."""
    direct = {o.lemma_.lower() for o in tok.children if o.dep_ == "dobj"}
    if tok.pos_ == "VERB" and lemma in _FAVOURING and direct & _TALKS:
        return INTENT_TO_TALK
    if tok.pos_ == "VERB" and lemma in _RESTORING and direct & TIES:
        return RELATIONS
    if tok.pos_ == "NOUN" and lemma in _CONSEQUENCES and _future(tok):
        return CONSEQUENCE
    concerned = tok.pos_ == "ADJ" or (
        tok.tag_ == "VBN" and tok.dep_ == "acomp"
    )  # "remains concerned"
    if concerned and tok.lower_ in _CONCERN and tok.dep_ in ("acomp", "ROOT", "conj"):
        return CONCERN
    expressed = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _EXPRESSING
    if tok.pos_ == "NOUN" and lemma == "concern" and expressed:
        return CONCERN
    if tok.pos_ == "NOUN" and lemma in _DISAPPROVAL and _expressed_at(tok):
        return CONCERN  # "expressed its regret and surprise at the decision" (CAMEO 110)
    affirmed = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _EXPRESSING | _AFFIRMING
    if tok.pos_ == "NOUN" and lemma == "commitment" and affirmed:
        return COMMITTED  # "reaffirmed its commitment to the ceasefire"
    return None
