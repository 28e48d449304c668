"""Who speaks and who acts: the issuer of a statement, pronouns, places and datelines.

These rules adjust the token → actor map of one sentence before it is coded (the guideline is in
``docs/explanation/extraction.md``, *Annotation guideline*):

* **Issuer** (:mod:`~detente.extraction.issuer`: named in the header, or given by the user).
  "I", "we" and "our" outside a quotation refer to the issuer.
* **First person in reported speech** refers to the speaker of the reporting verb ("'We had a good
  negotiation,' Trump said"); inside a quotation without one, to the most recent speaker.
* **Third person.**  "he" and "she" (and "him", "his", "her") stand for a person: the speaker
  of the sentence's reporting verb when they are its subject, else the nearest person named
  before them in the sentence (a name, or an actor in a phrase headed by an office: "the
  Foreign Minister of Armenia"), else the latest person named in the text.  "it" and "they" as
  a subject refer to the speaker of the sentence's reporting verb when there is one ("Israel
  said it carried out strikes"), else to the nearest actor before them in the sentence, else to
  the source of the latest event or the latest speaker.  An expletive "it" ("it is clear
  that …", "it was the rebels who …") refers to nothing.  "its" and "their" refer to the
  nearest actor before them in the sentence ("sanctions on X over its launches").
* **Places are not actors** (:mod:`~detente.extraction.places`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detente.extraction.actors import AliasTable
from detente.extraction.anaphora import INSTITUTIONS, Antecedents
from detente.extraction.issuer import issuer
from detente.extraction.lexicon import words
from detente.extraction.places import OFFICES, is_place

__all__ = [
    "FIRST_PERSON",
    "Voices",
    "in_quote",
    "note_unparsed",
    "resolve_sentence",
    "voices_for",
]

FIRST_PERSON = words("i we us our ours my me")
THIRD_PERSON = words("he she they it his her their its him them")
POSSESSIVE = words("his her their its")
PERSONAL = words("he she him his her")
_PRONOUN_DEPS = frozenset(("nsubj", "nsubjpass", "poss", "pobj", "dobj"))
REPORTING = words(
    "say tell report announce state add note confirm claim declare reiterate explain write "
    "stress emphasize emphasise underscore reaffirm insist quote warn continue"
)


@dataclass(slots=True, kw_only=True)
class Voices:
    """Per-document state: the issuer, the latest speaker and the latest event source."""

    issuer: str = ""
    speaker: str = ""
    source: str = ""
    singular: str = ""
    """The source of the latest event whose subject is not plural: what a later "it" can be."""
    person: str = ""
    pair: tuple[str, str] | None = None
    agreement: tuple[str, ...] = ()
    """The parties of the latest agreement or truce coded (the target of "welcomed the deal")."""
    names: frozenset[str] = frozenset()
    """Every word of every person's name in the actor table (see :func:`voices_for`)."""
    people: frozenset[str] = frozenset()
    """Every person's full name in the actor table."""


def in_quote(tok: Any) -> bool:
    """Whether an odd number of double quotes precede ``tok`` in its paragraph."""
    n = 0
    for t in reversed(tok.doc[: tok.i]):
        if "\n\n" in t.text_with_ws:
            break
        n += t.text == '"'
    return n % 2 == 1


def _subject_code(verb: Any, actors: Mapping[int, str]) -> str:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            code = next((actors[t.i] for t in c.subtree if t.i in actors), "")
            if code:
                return code
    return ""


def _speaker(tok: Any, actors: Mapping[int, str]) -> str:
    """The actor that is the subject of a reporting verb above ``tok``, if any."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in REPORTING and (code := _subject_code(node, actors)):
            return code
    return ""


def _preceding(tok: Any, actors: Mapping[int, str]) -> str:
    """The nearest actor before ``tok`` in its sentence (the antecedent of "its", "their")."""
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.i in actors:
            return actors[t.i]
    return ""


def voices_for(table: AliasTable, text: str, given: str = "") -> Voices:
    """Fresh per-document state: the issuer of ``text`` and the table's person names.

    ``given`` is an issuer code the user gave; it takes the place of the one the header names.

    The names are computed once per document (hashing the table for a cache on every
    sentence cost about a tenth of the coding time on a 1 MB text).
    """
    people = frozenset(p for e in table.entries for p in e.people)
    names = frozenset(w for p in people for w in p.split())  # "Lavrov" is often tagged ORG
    return Voices(issuer=given or issuer(text, table), names=names, people=people)


def _is_person(tok: Any, names: frozenset[str] = frozenset()) -> bool:
    """A person's name, or an actor in a phrase headed by an office ("the Minister of X")."""
    if tok.ent_type_ == "PERSON" or tok.text in names:
        return True
    node = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok.head
    return tok.dep_ in ("compound", "amod", "poss", "pobj") and node.lemma_.lower() in OFFICES


def _preceding_person(tok: Any, actors: Mapping[int, str], names: frozenset[str]) -> str:
    """The nearest person before ``tok`` in its sentence (the antecedent of "he", "her")."""
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.i in actors and _is_person(t, names):
            return actors[t.i]
    return ""


def _third_person(
    tok: Any, actors: Mapping[int, str], voices: Voices, names: frozenset[str]
) -> str:
    """The referent of "he", "she", "it", "they" (and their possessives); see the docstring."""
    low = tok.lower_
    subject = tok.dep_ in ("nsubj", "nsubjpass")
    if low == "it" and subject and _expletive(tok.head):
        return ""
    if low in PERSONAL:
        person = (_speaker(tok, actors) if subject else "") or _preceding_person(tok, actors, names)
        return person or voices.person or voices.speaker or voices.source
    if low in POSSESSIVE:
        return _preceding(tok, actors) or voices.source or voices.speaker
    latest = voices.singular if low == "it" else voices.source  # "they agreed. It urged": not them
    if subject:
        return _speaker(tok, actors) or _preceding(tok, actors) or latest or voices.speaker
    return ""


def _expletive(verb: Any) -> bool:
    """Whether "it" as the subject of ``verb`` stands for nothing.

    "it is clear that …", "it was important to …", "it is time for X to …", "it was the rebels
    who …": a form of "be" with an extraposed clause or a cleft.  "it is ready to talk" is not.
    """
    if verb.lemma_ != "be":
        return False
    for c in verb.children:
        if c.dep_ == "xcomp" or (c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children)):
            return True
        if c.dep_ == "attr" and any(g.dep_ in ("relcl", "acl") for g in c.children):
            return True
    return False


def resolve_sentence(
    sent: Any, actors: Mapping[int, str], table: AliasTable, voices: Voices
) -> dict[int, str]:
    """The sentence's token → actor map with places removed and pronouns resolved."""
    out = {i: c for i, c in actors.items() if not (sent.start <= i < sent.end)}
    for t in sent:
        code = actors.get(t.i)
        if code and not is_place(t, table, code):
            out[t.i] = code
    for t in sent:
        low = t.lower_
        if t.i in out or t.pos_ != "PRON" or t.dep_ not in _PRONOUN_DEPS:
            continue
        if low in FIRST_PERSON:
            code = _speaker(t, out) or (voices.speaker if in_quote(t) else voices.issuer)
        elif low in THIRD_PERSON:
            code = _third_person(t, out, voices, voices.names)
        else:
            continue
        if code:
            out[t.i] = code
    for t in sent:
        if t.lemma_.lower() in REPORTING and t.pos_ == "VERB":
            voices.speaker = _subject_code(t, out) or voices.speaker
    voices.person = _salient_person(sent, out, voices.names) or voices.person
    return out


def _salient_person(sent: Any, actors: Mapping[int, str], names: frozenset[str]) -> str:
    """The person a later "he" or "she" most likely means: a speaker, a subject, the last named.

    The subject of a reporting verb comes first, then any other subject, then the last person
    named in the sentence (a subject is the preferred antecedent in the next sentence).
    """
    people = [t for t in sent if t.i in actors and _is_person(t, names)]
    if not people:
        return ""

    def role(t: Any) -> int:
        node = t
        while node.dep_ in ("compound", "amod", "poss", "pobj", "prep", "appos", "flat"):
            node = node.head
        if node.dep_ not in ("nsubj", "nsubjpass"):
            return 0
        return 2 if node.head.lemma_.lower() in REPORTING else 1

    return str(actors[max(people, key=lambda t: (role(t), t.i)).i])


_TITLE_BEFORE = re.compile(r"((?:[A-Z][a-z]+ ){1,2})$")
"""Up to two capitalised words right before a name: a title ("Senior General ")."""
_NEXT_WORDS = re.compile(r"\s*((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)")


def note_unparsed(
    mentions: list[tuple[str, str, int, int]],
    voices: Voices,
    antecedents: Antecedents,
    text: str,
) -> None:
    """Update the antecedents from actor names in text that was not parsed (pre-filter).

    A sentence without a trigger is not parsed, but a person, an institution or an
    organisation it names can still be what a later "he", "the Council" or "members" means:
    an institution word that ends the name ("Security Council"), follows it after at most
    two capitalised words ("UN Arbitration Court") or is a title right before it ("Senior
    General Min Aung Hlaing") is recorded, and so is the latest state named.
    """
    for code, name, start, end in mentions:
        if name in voices.people:
            voices.person = code
        following = _NEXT_WORDS.match(text, end)
        title = _TITLE_BEFORE.search(text, max(0, start - 40), start)
        for w in title.group(1).split() if title else []:
            if w.lower() in INSTITUTIONS:
                antecedents.heads[w.lower()] = code
        words = name.split()[1:] + (following.group(1).split() if following else [])
        for w in words:
            if w.lower() in INSTITUTIONS:
                antecedents.heads[w.lower()] = code
                break
            if w.islower():  # "Washington said the president": not a name
                break
        if code in antecedents.igos:
            antecedents.igo = code
        else:
            antecedents.state = code
