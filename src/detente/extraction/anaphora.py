"""Noun phrases that stand for actors named earlier: "the Council", "the ministry", "the two sides".

Two kinds of definite noun phrase refer back to actors without naming them (the annotation
guideline codes them as those actors; ``docs/explanation/extraction.md``):

* **Institutions and offices.**  Once an actor has been named with an institution or office
  noun — as the last word of its name ("the Security Council"), as the head it modifies ("the
  Chinese foreign ministry", "UN Arbitration Court", "Kerry's spokesman"), as the head of an
  "of" phrase ("the Foreign Minister of Armenia") or as a title before a name ("President
  Trump") — a later "the <noun>" with no actor of its own ("the Council determined …", "the
  court ruled …", "the ministry said …") is that actor (the most recent one wins).
* **Pairs.**  After two actors have been coordinated as parties — in a subject, a "between"
  phrase ("Israel and Hamas agreed", "between Armenia and Azerbaijan"), the "by" phrase of an
  agreement ("the accords reached by A and B"; not mediators: "brokered by A and B") or the
  objects of a meeting ("hosted A and B") — or named as one state's plural "parties", "sides",
  "factions" or "delegations" ("the two Libyan delegations", "the delegations of A and of B" of
  one state), or, when the text has named no pair, have been the two parties of the latest act
  between two (:func:`~detente.extraction.dyads.event_pair`) — "the two sides", "both
  countries", "each side", "the two leaders" are those two actors: the determiner takes the
  first code and the noun the second, so that the phrase has both codes and is coded as a
  reciprocal act (:mod:`~detente.extraction.roles`).  "the parties", "the sides", "all parties"
  and "all sides" are the pair too, and so is an object "them" in the pair's sentence or the
  next ("urged them to avoid provocations": the pair; the pronoun takes the first code).  The
  two parties may share a code: a government and a rebel group of the same state ("the
  government and the Houthis") are a pair, and their act is coded from the state to itself
  (:mod:`~detente.extraction.dyads`).

* **Rulings.**  "the ruling", "the verdict", "the award" stand for the court or tribunal
  named before ("China rejected the ruling" targets the court).
* **Members.**  "members" and "delegates" as a bare subject ("members called for …") are
  members of the intergovernmental organisation named most recently (the Security Council's
  members are UNO, as the guideline codes them); "the bloc" is that organisation.
* **State organs with no antecedent.**  "the government", "the military", "the army", "the
  regime", "the junta", "the authorities" and "the country" that no actor has introduced are
  the state named most recently (a text about Yemen: "the government and the Houthis agreed").
* **Titles without names.**  A title before a name introduces the title as an office noun
  ("Senior General Min Aung Hlaing", "Commander X"), so a later "the general", "the commander"
  is that person's actor.

This is the simplest coreference that the texts need, not a general resolver: it never crosses
into a noun that has an actor of its own, and an institution noun that has not been introduced
with an actor stays unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.extraction.dyads import one_state_parties
from detente.extraction.lexicon import words

__all__ = ["ANAPHORS", "INSTITUTIONS", "PAIR_DETS", "PAIR_MARKS", "Antecedents", "resolve_anaphora"]

INSTITUTIONS = words(
    "council court tribunal ministry government administration military army navy regime "
    "cabinet parliament legislature committee commission agency embassy mission delegation "
    "president minister secretary spokesperson spokesman spokeswoman envoy ambassador "
    "premier chancellor alliance general commander chief"
)
"""Head nouns of institutions and offices that a definite "the <noun>" can refer back to."""
PAIR_NOUNS = words(
    "side sides country countries leader leaders party parties nation nations delegations"
)
PAIR_DETS = words("two both each")
PAIR_MARKS = PAIR_DETS | {"the", "all"}
"""Words that carry a pair's first code ("the two sides", "the parties", "all sides")."""
_PARTIES = words("parties sides delegations")  # "the parties", "all sides": the pair (plurals)
_AGREEING = words("reach sign agree conclude negotiate")
"""Participles whose "by" phrase names an agreement's parties ("the deal reached by A and B")."""
_HOSTING = words("host meet receive invite convene")
"""Verbs whose coordinated objects are the parties of a meeting ("hosted A and B in Brussels")."""
MEMBERS = words("member delegate")
ORGANS = words("government military army regime junta authorities")
"""State organs that, with no antecedent, belong to the state named most recently."""
RULINGS = words("ruling verdict award judgment judgement")
"""What a court issues: "the ruling" is the court named before ("rejected the ruling")."""
ANAPHORS = (
    INSTITUTIONS | PAIR_NOUNS | MEMBERS | {w + "s" for w in INSTITUTIONS | MEMBERS} | {"bloc"}
)
"""Head words of the anaphoric noun phrases (and plurals), for the pre-filter's actor test."""
_MODIFIER_DEPS = frozenset(("compound", "amod", "poss", "nmod"))


@dataclass(slots=True, kw_only=True)
class Antecedents:
    """Per-document state: institution noun → most recent actor, and the latest pair."""

    heads: dict[str, str] = field(default_factory=dict)
    pair: tuple[str, str] | None = None
    pair_at: int = -9  # the sentence count when the pair was last named or referred to
    sentences: int = 0
    igos: frozenset[str] = frozenset()
    igo: str = ""
    state: str = ""  # the state (any actor not an IGO) named most recently


def _institution_words(tok: Any, doc: Any) -> list[str]:
    """Institution nouns that an actor token introduces (see the module docstring)."""
    out = []
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok.ent_iob_ == "I" and (after is None or after.ent_iob_ != "I"):
        out.append(tok.lemma_.lower())  # the last word of a multi-word name
    node = tok
    while node.dep_ in _MODIFIER_DEPS and node.head.i != node.i:
        node = node.head
        out.append(node.lemma_.lower())
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":  # "the Foreign Minister of Armenia"
        out.append(tok.head.head.lemma_.lower())
    out += [c.lemma_.lower() for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    return [w for w in out if w in INSTITUTIONS]


def _parties(tok: Any) -> bool:
    """Whether a coordination at ``tok`` names parties: a subject or a "between" phrase.

    "Talks brokered by Russia, the United States and France" names mediators, not the two
    sides of anything; "the agreements reached by A and B" names the agreement's parties.
    """
    node = tok
    while node.dep_ in ("compound", "amod", "poss", "pobj", "prep", "appos") and node.head != node:
        if node.dep_ == "prep" and node.lower_ == "between":
            return True
        node = node.head
    if node.dep_ == "agent":  # "reached by A and B": the parties; "brokered by": mediators
        return bool(node.head.lemma_.lower() in _AGREEING)
    if node.dep_ == "dobj":  # "hosted A and B for talks": the guests of a meeting are its parties
        return bool(node.head.lemma_.lower() in _HOSTING)
    subject = node.dep_ in ("nsubj", "nsubjpass") and tok.i < node.head.i  # ends at its verb
    return bool(subject or node.lower_ == "between")


def _definite(tok: Any, actors: dict[int, str]) -> bool:
    """Whether the noun is "the <noun>" with no actor among its own dependents."""
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return False
    own = [c for c in kids if c.dep_ not in ("conj", "cc")]  # "the government and the rebels"
    return not any(d.i in actors for c in own for d in c.subtree)


def _court(state: Antecedents) -> str:
    return next((state.heads[w] for w in ("court", "tribunal") if w in state.heads), "")


def _bare_subject(tok: Any, actors: dict[int, str]) -> bool:
    """A subject with no actor of its own ("members called for …", not "members of ASEAN")."""
    own = any(d.i in actors for c in tok.children for d in c.subtree)
    return tok.dep_ in ("nsubj", "nsubjpass") and not own


def _pair_det(tok: Any, actors: dict[int, str]) -> Any | None:
    """The determiner of a pair phrase: "the two sides", "both countries", "the parties"."""
    if tok.lower_ not in PAIR_NOUNS:
        return None
    before = [c for c in tok.children if c.i < tok.i]
    det = next((c for c in before if c.lower_ in PAIR_DETS), None)  # "the two sides": "two"
    if det is None and tok.lower_ in _PARTIES and _definite_plain(tok, actors):
        det = next((c for c in before if c.lower_ in ("the", "all")), None)  # "the parties"
    return det


def _definite_plain(tok: Any, actors: dict[int, str]) -> bool:
    """A "the / all parties" with no actor of its own ("the Libyan parties" is Libya)."""
    return not any(d.i in actors for d in tok.subtree)


def resolve_anaphora(doc: Any, actors: dict[int, str], state: Antecedents) -> dict[int, str]:
    """Token → code for the anaphoric noun phrases of ``doc`` (``actors``: named mentions)."""
    out: dict[int, str] = {}
    for t in doc:
        state.sentences += t.is_sent_start
        code = actors.get(t.i)
        if code:
            state.igo = code if code in state.igos else state.igo
            state.state = state.state if code in state.igos else code
            for w in _institution_words(t, doc):
                state.heads[w] = code
            other, head = _coordinated_with(t, {**actors, **out})
            if other and _parties(head):
                state.pair, state.pair_at = (other, code), state.sentences
            continue
        lemma = t.lemma_.lower()
        if t.pos_ in ("NOUN", "PROPN") and lemma in state.heads and _definite(t, actors):
            out[t.i] = state.heads[lemma]
        elif lemma in ORGANS and state.state and _definite(t, actors):
            out[t.i] = state.state
        elif lemma in RULINGS and _definite(t, actors) and (court := _court(state)):
            out[t.i] = court
        elif one := one_state_parties(t, actors):  # "the two Libyan delegations": a pair
            state.pair, state.pair_at = (one, one), state.sentences
        elif state.pair and (det := _pair_det(t, actors)) is not None:
            out[det.i], out[t.i] = state.pair
            state.pair_at = state.sentences
        elif state.pair and t.lower_ == "them" and state.sentences - state.pair_at <= 1:
            out[t.i] = state.pair[0]
        elif (state.igo and lemma in MEMBERS and t.tag_ == "NNS" and _bare_subject(t, actors)) or (
            state.igo and lemma == "bloc" and _definite(t, actors)
        ):
            out[t.i] = state.igo
    return out


def _coordinated_with(t: Any, actors: dict[int, str]) -> tuple[str, Any]:
    """The code of the actor that ``t`` is coordinated with as a conjunct ("A and B": A's).

    The head conjunct may be a phrase that names its actor inside ("Colombia's president and
    the leader of the FARC"), and both may have the same code.  A place in a conjunct's
    phrase ("the Houthis in Sweden") is not that conjunct: only "of" phrases are climbed.
    """
    node = t
    while node.dep_ in ("compound", "amod", "poss", "pobj", "prep") and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ != "of":
            return "", t
        node = node.head
    if node.dep_ != "conj":
        return "", t
    head = node.head
    inner = {d.i for d in node.subtree}
    own = [d for d in head.subtree if d.i in actors and d.i not in inner]
    return (actors[own[0].i], head) if own else ("", t)
