"""Places are not actors: cities as venues, datelines, names inside other names.

A city or other non-name form of an actor ("London", "Geneva", "Brussels", "Gaza") that is the
object of a locative preposition ("in", "at", "near", "from") or of "to" after a verb of motion
("travelled to Geneva", "invited him to Pyongyang") is a place, but not after a verb of firing
("rockets fired from Gaza" names the party that fired them), nor where an attack happened
("airstrikes in Gaza", "hostilities between Israel and factions in Gaza": the party attacked,
as CAMEO codes the location of violence), nor the seat of a diplomatic mission ("its embassy
in Tehran": the host state); so is a dateline (an actor at the
start of a paragraph followed by a dash, not a hyphen inside a word such as "Saudi-led"), and so
is a city that is part of another name ("the Minsk Group", "the Geneva Conventions").  Country
names, acronyms ("U.S.") and demonyms stay actors: "strikes in Syria" still targets SYR
(guideline in ``docs/explanation/extraction.md``, *Places are not actors*).
"""

from __future__ import annotations

import re
from typing import Any

from detente.extraction.actors import AliasTable
from detente.extraction.arguments import LAUNCHING, SCENE_PREPS, violent
from detente.extraction.lexicon import words

__all__ = ["OFFICES", "is_place"]

OFFICES = words(
    "president minister secretary spokesperson spokesman spokeswoman envoy ambassador official "
    "chief leader king queen premier chancellor general prince coordinator representative"
)
"""Head nouns that make an actor mention a person (the antecedent of "he" and "she")."""


_LOCATIVE = words("in at near from inside outside")


_MISSIONS = words("embassy consulate mission ambassador")
"""A diplomatic mission "in" a capital names its host state, a party ("closed its embassy in
Tehran")."""


_MOTION = words("travel fly go come invite return move arrive head send")


_NATIONAL = re.compile(r"\b(?:Republic|Federation|Kingdom|States|Union|Emirates)\b")


_DEMONYM_ENDS = ("an", "ans", "ese", "ish", "ian", "ians", "i", "is")


_DASHES = frozenset(("-", "–", "—", "--"))


def _demonym(tok: Any, name: str) -> bool:
    """A demonym ("Israeli", "Pakistanis"), not a city that ends like one ("Tbilisi", "Tehran").

    The ending alone is not enough: it is a demonym only when tagged as an adjective or a
    plural proper noun, as the small model tags "Israeli troops" and "the Iranians".
    """
    return name.endswith(_DEMONYM_ENDS) and (tok.pos_ == "ADJ" or tok.tag_ in ("JJ", "NNPS"))


def _dateline(tok: Any) -> bool:
    """A name at the start of a sentence, followed by a dash within a few proper nouns.

    A hyphen inside a word ("Saudi-led coalition jets bombed …") is no dateline dash.
    """
    doc, start = tok.doc, tok.sent.start
    if tok.i - start > 3:
        return False
    for t in doc[start : min(len(doc), start + 6)]:
        joined = t.text == "-" and not t.whitespace_ and not doc[t.i - 1].whitespace_
        if t.text in _DASHES and not joined:
            return bool(t.i > tok.i)
        if t.pos_ not in ("PROPN", "PUNCT") or (t.pos_ == "PUNCT" and t.text != ","):
            return False
    return False


def _entity_text(tok: Any) -> str:
    """The text of the entity ``tok`` belongs to (the token alone if none)."""
    if not tok.ent_type_:
        return str(tok.text)
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text)


def _names_a_body(tok: Any) -> bool:
    """A city as part of another name: "the Minsk Group", "the Geneva Conventions"."""
    head = tok.head
    return (
        tok.dep_ == "compound"
        and head.pos_ == "PROPN"
        and head.ent_type_ not in ("PERSON", "GPE", "NORP")
        and head.lemma_.lower() not in OFFICES
    )


def is_place(tok: Any, table: AliasTable, code: str) -> bool:
    """Whether the mention of actor ``code`` at ``tok`` is a place, not a party (module doc)."""
    if _dateline(tok):
        return True
    entry, name = table.entry(code), _entity_text(tok)
    if entry is None or name == entry.name or name.isupper() or "." in name:
        return False
    if _NATIONAL.search(name) or _demonym(tok, name):
        return False
    if _names_a_body(tok):
        return True
    node = tok
    while node.dep_ in ("compound", "amod", "det", "conj") and node.head.i != node.i:
        node = node.head  # "in Doha and Jeddah": the second city is the first's conjunct
    prep = node.head if node.dep_ == "pobj" else None
    if prep is None:
        return False
    if prep.lower_ == "from" and prep.head.lemma_ in LAUNCHING:  # "fired from Gaza": a party
        return False
    if prep.lower_ in SCENE_PREPS and _attack(prep.head):  # "struck targets in Gaza": the party hit
        return False
    if prep.lower_ == "in" and prep.head.lemma_.lower() in _MISSIONS:  # "its embassy in Tehran"
        return False
    return prep.lower_ in _LOCATIVE or (prep.lower_ == "to" and prep.head.lemma_ in _MOTION)


def _attack(tok: Any) -> bool:
    """Whether ``tok``, its object or the verb governing it is an act of violence.

    The verb may govern it directly ("bombed a hospital in X") or through a preposition
    ("fired drones at a depot in X").
    """
    acts = [tok, *(c for c in tok.children if c.dep_ == "dobj")]  # "witnessed hostilities … in"
    if tok.dep_ == "dobj":  # "bombed a hospital in Aleppo"
        acts.append(tok.head)
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":  # "fired drones at a depot in Jeddah"
        acts.append(tok.head.head)
    return any(violent(a) for a in acts)
