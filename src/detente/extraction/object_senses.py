"""Senses that a verb's object decides: what is eased, paused, cut, frozen, blocked or broken.

Several common verbs name different CAMEO acts depending on what they act on [Schrodt2012]; the
CAMEO→PLOVER table [PLOVER] gives the type of each:

* **Easing** ("ease", "lift", "relax", "loosen", "waive") sanctions, an embargo or tariffs is
  RETREAT (085, ease economic sanctions); a blockade or siege RETREAT (0872).  A curfew (0813), a
  state of emergency or martial law (0814) and other restrictions stay CONCEDE (081): the 2021
  table moved 0813 and 0814 to RETREAT, but the PLOVER gold-standard records code them CONCEDE.
* **Pausing** ("suspend", "halt", "stop", "cancel", "postpone", "freeze") talks or negotiations
  is SANCTION (164, halt negotiations); pausing mediation SANCTION (165).  (Pausing exercises
  is RETREAT, in :mod:`~detente.extraction.senses`.)
* **Cutting** ("cut", "sever", "break", "downgrade", "freeze", "suspend") relations or ties is
  SANCTION (161, reduce or break diplomatic relations).
* **Freezing** assets, funds or accounts is COERCE (1711, confiscate property).
* **Blocking** a resolution, draft, bill or proposal is REJECT (129, veto), not obstructing
  passage (144).
* **Destroying or dismantling one's own arsenal** ("destroyed its chemical weapons stockpile",
  "dismantled their nuclear programme") is RETREAT (0873, demobilize armed forces), not the
  destruction of property (1712); an arsenal owned by another ("destroyed Hamas's rockets") is not.
* **Declaring or imposing** a state of emergency or martial law is COERCE (1724).
* **Striking or cutting a deal** is AGREE (030), not an attack or a cut in aid.
* **Closing an embassy** or consulate is SANCTION (161, reduce diplomatic relations).  (Closing
  a border as COERCE 191 was tried and dropped: the PLOVER development half codes such a
  sentence by the fighting it names as the cause.)
* **A protest made to or lodged with an actor** ("protested to China", "lodged a protest with
  Japan", "a formal protest") is an official complaint, ACCUSE (114), not a demonstration (141).
* **Violating or breaking** a ceasefire or truce is ASSAULT (196, violate ceasefire), not a
  defiance of norms (128).

"freeze", "break", "downgrade" and "close" are triggers only through these rules
(:data:`OBJECT_WORDS`).
"""

from __future__ import annotations

from typing import Any

from detente.extraction.lexicon import Sense, words

__all__ = ["OBJECT_WORDS", "TIES", "by_object"]

_EASING = words("ease lift relax loosen waive")
_PAUSING = words("suspend halt stop cancel postpone freeze")
_CUTTING = words("cut sever break downgrade freeze suspend")
_BREAKING = words("violate breach break")
TIES = words("relation relations tie ties")
"""Diplomatic relations as an object: cut here, restored in :mod:`.context_senses`."""
_RULES: tuple[tuple[frozenset[str], frozenset[str], Sense], ...] = (
    (
        _EASING,
        words("sanction sanctions embargo embargoes tariff tariffs"),
        Sense("RETREAT", "ease", "085", "ease sanctions"),
    ),
    (_EASING, words("blockade siege"), Sense("RETREAT", "withdraw", "0872", "ease blockade")),
    (_EASING, words("curfew curfews"), Sense("CONCEDE", "", "0813", "ease curfew")),
    (_EASING, words("emergency law"), Sense("CONCEDE", "", "0814", "ease emergency")),
    (
        _PAUSING,
        words("talk talks negotiation negotiations dialogue"),
        Sense("SANCTION", "withdraw", "164", "halt negotiations"),
    ),
    (_PAUSING, words("mediation"), Sense("SANCTION", "withdraw", "165", "halt mediation")),
    (
        _CUTTING,
        TIES,
        Sense("SANCTION", "withdraw", "161", "cut relations"),
    ),
    (
        words("freeze"),
        words("asset assets fund funds account accounts"),
        Sense("COERCE", "seize", "1711", "freeze assets"),
    ),
    (
        words("block"),
        words("resolution resolutions draft bill proposal motion"),
        Sense("REJECT", "yield", "129", "block a resolution"),
    ),
    (
        words("declare impose"),
        words("emergency law"),
        Sense("COERCE", "martial-law", "1724", "declare an emergency"),
    ),
    (
        words("strike cut"),
        words("deal deals agreement accord bargain compromise pact"),
        Sense("AGREE", "", "030", "strike a deal"),
    ),
    (
        words("close shut"),
        words("embassy embassies consulate consulates"),
        Sense("SANCTION", "withdraw", "161", "close an embassy"),
    ),
    (
        _BREAKING,
        words("ceasefire cease-fire truce armistice"),
        Sense("ASSAULT", "", "196", "violate ceasefire"),
    ),
)
_DISARMING = words("destroy dismantle")
_ARSENALS = words(
    "weapon weapons arsenal arsenals stockpile stockpiles program programs programme "
    "programmes facility facilities site sites warhead warheads"
)
_OWN = words("its their our his her")
DISARMED = Sense("RETREAT", "disarm", "0873", "dismantle own arsenal")
COMPLAINT = Sense("ACCUSE", "allege", "114", "official protest")
_LODGING = words("lodge file make issue deliver send register")
_OFFICIAL = words("formal official diplomatic strong strongest")
OBJECT_WORDS = frozenset().union(*(verbs for verbs, _, _ in _RULES)) | _DISARMING | {"protest"}
"""Verb lemmas that :func:`by_object` can give a sense (the pre-filter must keep them)."""


def _object_words(tok: Any) -> set[str]:
    """Lemmas of the verb's direct object or particle object, and of its "of" phrase."""
    out: set[str] = set()
    for c in tok.children:
        objs = [c] if c.dep_ in ("dobj", "nsubjpass") else []
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("on", "off")):
            objs = [g for g in c.children if g.dep_ == "pobj"]
        for o in objs:
            out.add(o.lemma_.lower())
            out |= {  # "the state of emergency", "martial law"
                g.lemma_.lower()
                for p in o.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
            }
    return out


def _own_arsenal(tok: Any) -> bool:
    """A direct object that is an arsenal with no owner but "its", "their" ("its stockpile")."""
    for o in (c for c in tok.children if c.dep_ == "dobj"):
        arsenal = {o.lemma_.lower(), *(g.lemma_.lower() for g in o.children)} & _ARSENALS
        owners = [g for g in o.subtree if g.dep_ == "poss" or g.pos_ == "PROPN"]
        if arsenal and all(g.lower_ in _OWN for g in owners):
            return True
    return False


def _official(protest: Any) -> bool:
    """A protest made "to" or "with" someone, lodged, or called formal or diplomatic."""
    heads = [protest, protest.head] if protest.dep_ == "dobj" else [protest]
    addressed = any(c.lower_ in ("to", "with") for h in heads for c in h.children)
    lodged = protest.dep_ == "dobj" and protest.head.lemma_.lower() in _LODGING
    return addressed or lodged or any(c.lower_ in _OFFICIAL for c in protest.children)


def by_object(tok: Any) -> Sense | None:
    """The sense a verb of easing, pausing, cutting, blocking or breaking takes from its object."""
    lemma = tok.lemma_.lower()
    if lemma == "protest":
        return COMPLAINT if _official(tok) else None
    if tok.pos_ != "VERB" or lemma not in OBJECT_WORDS:
        return None
    if lemma in _DISARMING:
        return DISARMED if _own_arsenal(tok) else None
    heads = _object_words(tok)
    for verbs, objects, sense in _RULES:
        if lemma in verbs and heads & objects:
            return sense
    return None
