"""Source and target of a trigger from its own clause or phrase (stage 4).

* **Verbs**: the subject (following control and coordination; a headline's "A, B to meet" is
  both), the agent of a passive, else the author of a passive subject ("the draft, tabled by X,
  was vetoed"); targets from the object, complements and "to / against / with / on …" phrases
  (in a passive, the subject or an "into / on / against" phrase).
* **Nouns**: actors in the noun's own phrase (possessor, demonym, compound, "by" or "between"
  phrase, a participle's "between" phrase), else the subject of the verb that governs it; targets
  from its prepositional phrases, the governing verb's "with / against / to", or a "with" phrase
  the parser did not attach.
* A "by" agent inside an object names a mediator or author, not a target ("agreed to a truce
  brokered by Egypt").  A passive without an agent whose subject has a "between" phrase was
  done by those actors ("a ceasefire between A and B was agreed").  When neither a subject nor
  an agent names an actor, a verb of firing's "from" phrase names the doer ("rockets were fired
  into Israel from Gaza", "militants fired rockets from Gaza"); with other verbs it names what
  is left or taken from ("withdraw troops from Lebanon"); for verbs of leaving that is their
  target ("withdrew its troops from Lebanon" targets LBN, CAMEO 087).
* Coordinated verbs share one object ("condemned and rejected the raid"): the first takes it as
  its target, and the second is the same mention (the guideline's C8).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.extraction.lexicon import match, words
from detente.extraction.syntax import codes, noun_subject, phrase, principal, subject

__all__ = [
    "LAUNCHING",
    "MEDIATING",
    "SCENE_PREPS",
    "ancestor_agent",
    "has_subject",
    "noun_args",
    "own_source",
    "shared_object_verb",
    "verb_args",
    "violent",
]

TARGET_PREPS = words("to against with on toward towards for into in at over of about")


SOURCE_PREPS = frozenset(("by", "between"))
DEPART = words("withdraw leave exit retreat pull depart evacuate quit")
"""Verbs of leaving: their "from" phrase is what is left, a target (CAMEO 087)."""
LAUNCHING = words("fire launch shoot shell strike attack bomb")
"""Verbs of firing: a "from" phrase names where, and so who, fired (guideline, *Places*)."""
MEDIATING = words("mediate broker facilitate")
"""Verbs of mediation: their agent mediates, it is not a party (guideline C5)."""
_GOVERNED_PREPS = frozenset(("with", "against", "to"))
SCENE_PREPS = words("in at near inside")
"""Prepositions of the scene of an attack, which names the party attacked (``places``)."""


def violent(n: Any) -> bool:
    """Whether the token is an act of violence (an ASSAULT trigger)."""
    sense = match(n)
    return sense is not None and sense.plover == "ASSAULT"


def _agent(verb: Any) -> Any | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return c
    return None


def _subject_phrase(subj: Any, v: Any) -> list[Any]:
    """The subject's phrase; one that starts before its verb ends there ("A met …, B and C").

    An envoy's portfolio is not its principal (:func:`~detente.extraction.syntax.principal`).
    """
    words = principal(subj)
    return [t for t in words if t.i < v.i] if subj.i < v.i else words


def _authors(participle: Any, actors: Mapping[int, str]) -> list[str]:
    """The agent of a participle ("tabled by the United States"): the author of its noun."""
    agent = _agent(participle)
    return codes(phrase(agent), actors) if agent is not None else []


def verb_args(v: Any, actors: Mapping[int, str]) -> tuple[list[str], list[str]]:
    """(source, target) codes of the verb ``v`` from its own clause (see the module docstring)."""
    subj, passive = subject(v)
    if subj is not None and subj.tag_ in ("WP", "WDT") and v.dep_ == "relcl":
        subj = v.head  # "a complaint brought by X that accused Y": the complaint
    subj_codes = codes(_subject_phrase(subj, v), actors) if subj is not None else []
    if subj is not None and subj.i > 0 and subj.nbor(-1).text == ",":  # "Trump, Liu to meet"
        heads = [c for c in v.children if c.dep_ == "dep" and c.i < subj.i]
        subj_codes += [a for c in heads for a in codes(phrase(c), actors) if a not in subj_codes]
    if subj is not None and not subj_codes:  # "the draft, tabled by X, was vetoed": X's
        acls = [c for c in subj.children if c.dep_ == "acl" and c.i != v.i]
        subj_codes = [a for c in acls for a in _authors(c, actors)]
    if passive:
        agent = _agent(v)
        source = codes(phrase(agent), actors) if agent is not None else []
        if agent is None and subj is not None and (pair := _in_phrase(subj, "between", actors)):
            return pair, []  # "a ceasefire between A and B was agreed": A and B agreed
        source = source or _fired_from(v, actors)
        aimed = [c for c in v.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
        aim = [x for c in aimed for x in codes(c.subtree, actors, frozenset(source))]
        return source, subj_codes or aim  # "rockets were fired into Israel": ISR
    subj_codes = subj_codes or _fired_from(v, actors)  # "militants fired rockets from Gaza"
    skip = frozenset(subj_codes)
    preps = TARGET_PREPS | {"between", *(("from",) if v.lemma_.lower() in DEPART else ())}
    target: list[str] = []
    for c in [*v.children, *_shared_object(v)]:
        if c.dep_ in ("dobj", "dative", "attr", "oprd", "xcomp", "ccomp") or (
            c.dep_ in ("prep", "prt") and c.lower_ in preps
        ):  # "mediated between A and B": A and B; "called on X", "on" parsed as a particle
            words = [t for t in c.subtree if t.i not in _mediators(c)]  # "a truce brokered by X"
            target += [x for x in codes(words, actors, skip) if x not in target]
    return subj_codes, target


def _mediators(phrase_head: Any) -> set[int]:
    """Tokens inside ``phrase_head`` that name a mediator or author, not a target.

    The agent of a participle ("a truce brokered by X") and the actor a mediation participle
    is compounded with ("Egyptian-brokered negotiations").
    """
    out: set[int] = set()
    for a in phrase_head.subtree:
        if a.dep_ == "agent" or (a.head.lemma_.lower() in MEDIATING and a.head.dep_ == "amod"):
            out |= {d.i for d in a.subtree}
    return out


def _fired_from(v: Any, actors: Mapping[int, str]) -> list[str]:
    """Where a verb of firing fired from: its doer ("rockets were fired from Gaza").

    Only verbs of firing: "withdraw troops from Lebanon", "return weapons seized from UN
    peacekeepers" name what is left or taken from, not the doer.
    """
    return _in_phrase(v, "from", actors) if v.lemma_.lower() in LAUNCHING else []


def shared_object_verb(v: Any) -> Any | None:
    """The coordinated verb whose object ``v`` shares: "condemned and rejected the raid".

    A verb without an object of its own takes that of a following coordinated verb that has
    one and no subject of its own (the guideline's C8: one mention).
    """
    if v.pos_ != "VERB" or any(c.dep_ == "dobj" for c in v.children):
        return None
    for c in v.children:
        deps = {d.dep_ for d in c.children}
        if c.dep_ == "conj" and c.pos_ == "VERB" and "dobj" in deps and not deps & {"nsubj"}:
            return c
    return None


def _shared_object(v: Any) -> list[Any]:
    conj = shared_object_verb(v)
    return [c for c in conj.children if c.dep_ == "dobj"] if conj is not None else []


def _in_phrase(tok: Any, word: str, actors: Mapping[int, str]) -> list[str]:
    """Actors in ``tok``'s prepositional phrases headed by ``word`` ("from X", "between A and B").

    A verb's "from" phrase names the doer when no subject or agent does; a noun's "between"
    phrase names the parties ("a truce between A and B").
    """
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == word]
    return [a for c in preps for a in codes(c.subtree, actors)]


def own_source(n: Any, actors: Mapping[int, str]) -> list[str]:
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


def noun_args(n: Any, actors: Mapping[int, str]) -> tuple[list[str], list[str]]:
    """(source, target) codes of the nominal trigger ``n`` (see the module docstring)."""
    source = own_source(n, actors)
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
        preps = _GOVERNED_PREPS | (SCENE_PREPS if violent(n) else frozenset())
        for c in n.head.children:  # "saw hostilities … in Gaza": the scene of an attack
            if c.dep_ == "prep" and c.lower_ in preps:
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


def ancestor_agent(tok: Any, actors: Mapping[int, str]) -> list[str]:
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


def has_subject(tok: Any) -> bool:
    """A verb with a subject of its own ("an official who discussed"), which keeps its agent."""
    return tok.pos_ == "VERB" and noun_subject(tok) is not None
