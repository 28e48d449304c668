"""Senses that depend on context: what a trigger means given its object, its modal and its actors.

The lexicon gives one sense per lemma; these rules correct it where the object or the mood
decides (CAMEO category definitions [Schrodt2012], PLOVER [PLOVER]):

* **Weapons tests are MOBILIZE** (CAMEO 15x), not ASSAULT: a verb of firing or launching whose
  object is a projectile and which has no actor as its target ("fired two missiles", "launched
  rockets") demonstrates force; "fired rockets into Israel" is an attack.
* **Non-violent struggle is no event**: "fight", "battle", "combat" or "tackle" with an object
  that is neither an actor nor an armed group ("fighting off an outbreak", "battling inflation").
* **Generic communication is no event**: a verb of release or sending whose object is a piece of
  communication ("released a statement", "sent a letter", "withdrew letters") is not RETREAT or
  AID.
* **Aid needs a recipient or a gift**: a verb of giving or helping ("provide", "give", "help",
  "open") is AID only with an actor as recipient or an object that can be given (aid, supplies,
  weapons, loans, access …): "provided an overview", "helped slow the economy", "open a new
  era" and "give negotiations a chance" are no events.
* **Leaving an agreement is REJECT** (CAMEO 127 with alternative SANCTION): "withdraw from",
  "exit", "quit" or "pull out of" a deal, accord or treaty.  "Withdraw troops" stays RETREAT.
* **Consequences promised are threats**: "consequences", "response", "reaction", "retaliation"
  under "will" or "would" ("there will be consequences if …"), or promised ("promised a painful
  response"), are THREATEN (CAMEO 13).
* **Moving forces is MOBILIZE** (CAMEO 154): "move", "send", "mass", "station", "dispatch",
  "fly" or "sail" troops, forces, warships, warplanes or equipment.  **Suspending manoeuvres is
  RETREAT** (CAMEO 087, de-escalation; the guideline's "suspending drills"): "suspended joint
  military exercises", not "suspended aid" (SANCTION).  What else the object decides (easing
  sanctions, halting talks, cutting ties, blocking a resolution, violating a truce) is in
  :mod:`~detente.extraction.object_senses`.  **A case against an actor** is ACCUSE (CAMEO 115).
* **A meeting as the setting of another act** ("In a late-breaking meeting today, the Council
  failed to …") is not a consultation of its own unless its phrase names who met ("at a meeting
  with X", "between A and B").  A threat that something *poses* or *constitutes* is no threat.
* **Exchanging fire is an attack** (CAMEO 190), not cooperation: "exchanged fire / shots /
  rockets", "an exchange of rockets and airstrikes".  **Using weapons or force** is an attack
  (CAMEO 190, 20x for weapons of mass destruction): "used chemical weapons on civilians".
* **Military strikes are attacks**: the noun "strike" is a labour strike (PROTEST, CAMEO 143)
  unless a state or armed group does it ("Israeli strikes", "strikes by Russia"), it is aimed at
  an actor ("strikes on Gaza") or it is armed ("missile strikes", "retaliatory strikes"): then
  it is ASSAULT (CAMEO 195).
* **Refusing to comment and talking to the press are no events**: "declined to comment",
  "discussed the situation with reporters".
* **Receiving a person is hosting a visit** (CONSULT, CAMEO 043): "received the Pakistani prime
  minister", not "received a letter".
* **Favouring talks is intent to negotiate** (AGREE, CAMEO 036): "favor / propose / prefer
  (a) dialogue, talks, negotiations".  Restoring, normalising or resuming relations or ties is
  diplomatic cooperation (SUPPORT, CAMEO 050).
* **A threat or warning as a thing** ("one of the most serious threats", "this is a threat to
  peace", "threats of eviction") is no act of threatening: without a doer in its own phrase
  ("Iran's threat", "a warning by X") the noun is an event only as a subject or object ("made a
  threat", "the warning came …") or in "in / with a warning".  Fighting named as ended ("the
  cessation of hostilities", "a halt in fighting") is no attack.
* **Concern is disapproval**: "concerned", "troubled", "alarmed", and "concern" as the object of
  a verb of expressing ("voiced concern", "made clear its concerns"), are ACCUSE (CAMEO 110, as
  the PLOVER gold standard codes "expressed concern").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.extraction.lexicon import Sense, words
from detente.extraction.object_senses import by_object

__all__ = [
    "DEPLOYING",
    "DEPLOYMENT",
    "EXCHANGE_OF_FIRE",
    "GUNFIRE",
    "PROJECTILES",
    "UNITS",
    "objects",
    "refine",
]

_FIRING = words("fire launch shoot testfire testlaunch")
PROJECTILES = words(
    "missile missiles rocket rockets projectile projectiles shell shells salvo round rounds "
    "icbm icbms slbm weapon weapons torpedo satellite"
)
_TARGET_PREPS = words("at on into against toward towards over across")
_STRUGGLE = words("fight battle combat tackle")
_ARMED = words(
    "force forces troop troops army militant militants rebel rebels insurgent insurgents enemy "
    "fighter fighters terrorist terrorists militia militias soldier soldiers invader invaders "
    "war aggression occupation jihadist jihadists separatist separatists"
)
_SENDING = words("release send issue publish post deliver submit circulate withdraw")
_COMMUNICATION = words(
    "statement statements letter letters message messages report reports note notes communique "
    "document documents video videos information data question questions comment comments remark "
    "remarks list guidance faq faqs notification notifications declaration"
)
_GIFTS = words(
    "aid assistance help support supply supplies food medicine medicines weapon weapons arms "
    "loan loans fund funds funding money grant grants equipment vaccine vaccines fuel shelter "
    "relief access border borders asylum protection training ammunition credit credits material "
    "materiel goods"
)
_PAUSING = words("suspend halt stop cancel postpone scale freeze")
_MANOEUVRES = words(
    "exercise exercises drill drills maneuver maneuvers manoeuvre manoeuvres operation "
    "operations patrol patrols offensive test tests"
)
_CHANCES = words("chance chances opportunity time impetus boost momentum room space try")
_LEAVING = words("withdraw exit quit leave abandon pull")
_AGREEMENTS = words("deal agreement accord treaty pact jcpoa plan convention arrangement framework")
DEPLOYING = words("move send mass amass station dispatch fly sail")
UNITS = words(
    "troop troops force forces soldier soldiers equipment warship warships tank tanks "
    "battalion battalions unit units division divisions reinforcement reinforcements bomber "
    "bombers warplane warplanes jet jets aircraft carrier carriers destroyer destroyers frigate "
    "frigates submarine submarines"
)

_COMMENTING = words("comment comments details detail")
_PRESS = words("reporter reporters journalist journalists press media newsmen")
_PARTNERS = words("with to")
_THREAT_NOUNS = words("threat warning")
_POSING = words("constitute pose represent remain become")
GUNFIRE = words("fire gunfire shots shot rockets rocket artillery shells blows")
_SETTING = words("in at during")
_ENDING = words("cessation end halt suspension stop lull pause")
_ARMED_STRIKES = words(
    "air missile drone rocket military retaliatory artillery naval precision preemptive "
    "pre-emptive nuclear punitive cruise"
)


WEAPONS_TEST = Sense("MOBILIZE", "weapons", "150", "weapons test")
MILITARY_STRIKE = Sense("ASSAULT", "heavy-weapons", "195", "military strike")
EXCHANGE_OF_FIRE = Sense("ASSAULT", "firearms", "190", "exchange fire")
DE_ESCALATION = Sense("RETREAT", "", "087", "suspend exercises")
DEPLOYMENT = Sense("MOBILIZE", "troops", "154", "move forces")
LEFT_AGREEMENT = Sense("REJECT", "", "127", "leave agreement")


def objects(tok: Any) -> list[Any]:
    """Direct objects and the objects of prepositions (and particles' objects) of ``tok``."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            out.append(c)
        elif c.dep_ in ("prep", "prt", "agent"):
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _has_actor(tokens: Any, actors: Mapping[int, str]) -> bool:
    return any(t.i in actors for t in tokens)


def _aid_given(tok: Any, heads: set[str], actors: Mapping[int, str]) -> bool:
    """Whether a verb of giving has a recipient actor or a giftable object."""
    if heads & _GIFTS:
        return True
    if heads & _CHANCES:  # "give negotiations a chance", "gave the talks new impetus"
        return False
    recipients = [c for c in tok.children if c.dep_ == "dative" or c.lower_ in ("to", "for")]
    helped = [  # "helped Ukraine", "helped Afghan refugees", not "an overview of … Israel"
        m
        for c in tok.children
        if c.dep_ == "dobj"
        for m in (c, *c.children)
        if m.i in actors and (m is c or m.dep_ in ("amod", "compound", "poss", "nmod"))
    ]
    return bool(helped) or any(_has_actor(c.subtree, actors) for c in recipients)


def _no_event(tok: Any, sense: Sense, actors: Mapping[int, str]) -> bool:
    """Refusing to comment, talking to the press, a threat as a thing, a meeting as a setting."""
    lemma = tok.lemma_.lower()
    if sense.plover == "REJECT" and any(
        c.dep_ == "xcomp" and ({o.lemma_.lower() for o in objects(c)} | {c.lemma_}) & _COMMENTING
        for c in tok.children
    ):
        return True
    partners = [g for c in tok.children if c.lower_ in _PARTNERS for g in c.children]
    if sense.plover == "CONSULT" and tok.pos_ == "VERB" and partners:
        return all(g.lemma_.lower() in _PRESS for g in partners)
    if tok.pos_ == "NOUN" and lemma in _THREAT_NOUNS and not _own_doer(tok, actors):
        issued = tok.dep_ in ("dobj", "nsubj", "nsubjpass") or tok.head.lower_ in ("in", "with")
        posed = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _POSING  # "constitutes a threat"
        return (
            posed or not issued
        )  # "this is a threat to peace", "one of the threats", "threats of …"
    if sense.plover == "ASSAULT" and tok.pos_ == "NOUN" and _ended(tok):
        return True
    if sense.plover == "CONSULT" and tok.pos_ == "NOUN" and tok.head.lower_ in _SETTING:
        return not _own_doer(tok, actors) and not any(  # "In a meeting today, the Council …"
            c.lower_ in ("with", "between") for c in tok.children
        )
    return False


def _ended(tok: Any) -> bool:
    """Fighting that is named as ended: "the cessation of hostilities", "a halt in fighting"."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in ("of", "in") and prep.head.lemma_ in _ENDING


def _own_doer(tok: Any, actors: Mapping[int, str]) -> bool:
    return any(
        (c.dep_ in ("poss", "compound", "amod") or (c.dep_ == "prep" and c.lower_ == "by"))
        and _has_actor(c.subtree, actors)
        for c in tok.children
    )


def _military(strike: Any, actors: Mapping[int, str]) -> bool:
    """Whether a "strike" is done by an actor, aimed at one or armed ("missile strikes on X")."""
    if _own_doer(strike, actors) or any(c.lower_ in _ARMED_STRIKES for c in strike.children):
        return True
    heads = (
        [strike, strike.head] if strike.dep_ == "dobj" else [strike]
    )  # "carried out strikes on X"
    aimed = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
    return any(_has_actor(c.subtree, actors) for c in aimed)


def _out_of(tok: Any) -> set[str]:
    """Lemmas of what a verb takes something "out of" ("pulled the US out of the deal")."""
    return {
        g.lemma_.lower()
        for c in tok.children
        if c.lower_ == "out"
        for p in c.children
        if p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    }


def refine(tok: Any, sense: Sense, actors: Mapping[int, str]) -> Sense | None:
    """``sense`` corrected by the trigger's object and actors (None: not an event)."""
    lemma = tok.lemma_.lower().replace("-", "")
    objs = objects(tok)
    heads = {o.lemma_.lower() for o in objs}
    if (lemma in _SENDING and heads & _COMMUNICATION) or _no_event(tok, sense, actors):
        return None
    if lemma in DEPLOYING and heads & UNITS:  # "sent warships", before the test for aid
        return DEPLOYMENT
    if lemma in _PAUSING and heads & _MANOEUVRES:  # "suspended joint military exercises"
        return DE_ESCALATION
    if (by_obj := by_object(tok)) is not None:  # "lifted sanctions", "suspended the talks"
        return by_obj
    if sense.plover == "AID" and tok.pos_ == "VERB" and not _aid_given(tok, heads, actors):
        return None
    if lemma == "exchange" and heads & GUNFIRE:  # "exchanged fire across the border"
        return EXCHANGE_OF_FIRE
    if sense.plover == "PROTEST" and tok.pos_ == "NOUN" and lemma == "strike":
        return MILITARY_STRIKE if _military(tok, actors) else sense
    if lemma in _LEAVING and (heads | _out_of(tok)) & _AGREEMENTS:
        return LEFT_AGREEMENT
    if sense.plover == "ASSAULT" and tok.pos_ == "VERB":
        if lemma in _FIRING and heads & PROJECTILES:
            aimed = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
            if not any(_has_actor(c.subtree, actors) for c in aimed):
                return WEAPONS_TEST
        armed = any(_has_actor(o.subtree, actors) or o.lemma_.lower() in _ARMED for o in objs)
        if lemma in _STRUGGLE and objs and not armed:
            return None
    return sense
