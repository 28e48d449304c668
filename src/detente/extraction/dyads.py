"""Two parties of one state named as a pair, and the parties of an agreement (text level).

The guideline codes a non-state group with its state's code (the FARC are COL, the Houthis
YEM), so an act between a government and such a group is coded from the state to itself.
:mod:`~detente.extraction.domestic` keeps such a target when the act's own phrase names the
second party; this module adds the cases where the sentence names the two parties only as a
pair, for a reciprocal act (:data:`roles.RECIPROCAL`) with one source code and no target:

* a pair phrase that refers back to a pair of one code ("the two sides", "the parties":
  :mod:`~detente.extraction.anaphora`, "the government and the Houthis agreed … He urged the
  parties");
* a plural "parties", "sides", "factions" or "delegations" that one state's name modifies
  ("Yemen's warring parties agree to a truce", "the two Libyan delegations").

**The parties of an agreement** (guideline C3): welcoming, endorsing, supporting, backing or
calling for an agreement, a deal, a truce or a plan targets its parties.  When such an act names
no actor, its object is one of those nouns and the text has coded an agreement or truce
between parties before, the act targets them (:func:`agreement_target`; "Saudi Arabia welcomed
the truce" after "the government and the Houthis agreed to a truce" targets YEM).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from detente.extraction.lexicon import words

__all__ = [
    "AGREEMENTS",
    "agreement_target",
    "event_pair",
    "makes_agreement",
    "one_state_parties",
    "same_code_pair",
]

_PLURAL_PARTIES = words("parties sides factions delegations")
AGREEMENTS = words(
    "agreement agreements deal accord accords ceasefire cease-fire truce plan settlement "
    "declaration treaty pact arrangement implementation"
)
"""Nouns whose owners are the parties of an agreement ("welcomed the deal")."""
_ABOUT_AGREEMENTS = frozenset(("SUPPORT", "REQUEST", "AGREE", "ACCUSE", "REJECT"))
PARTIES_OF = frozenset(("AGREE", "RETREAT"))
"""Types of the acts whose source and target are remembered as an agreement's parties."""
_SIGNING = words("sign conclude reach ink")


def makes_agreement(tok: Any, plover: str) -> bool:
    """Whether the act at ``tok`` makes an agreement or truce ("agreed", "signed the deal")."""
    return plover in PARTIES_OF or tok.lemma_.lower() in _SIGNING


def _pair_phrase(t: Any, code: str, actors: Mapping[int, str]) -> bool:
    """A pair phrase whose determiner and noun both stand for ``code`` ("the two sides")."""
    return actors.get(t.i) == code and t.dep_ in ("det", "nummod") and actors.get(t.head.i) == code


def one_state_parties(t: Any, actors: Mapping[int, str]) -> str:
    """The state whose name alone modifies a plural "parties / sides / factions / delegations".

    "Yemen's warring parties", "the two Libyan delegations", "the delegations of the government
    and of the rebels" (both coded LBY): the state ("" for anything else).
    """
    if t.lower_ not in _PLURAL_PARTIES:
        return ""
    mods = [c for c in t.children if c.i < t.i or (c.dep_ == "prep" and c.lower_ == "of")]
    named = {actors[d.i] for c in mods for d in c.subtree if d.i in actors}
    return next(iter(named)) if len(named) == 1 else ""


def _parties_of(t: Any, code: str, actors: Mapping[int, str]) -> bool:
    """A plural "parties / sides / factions" modified by one state's name ("Yemen's parties")."""
    return one_state_parties(t, actors) == code


def same_code_pair(tok: Any, source: list[str], actors: Mapping[int, str]) -> bool:
    """Whether the sentence of ``tok`` names two parties of the code ``source`` as a pair."""
    if len(source) != 1:
        return False
    code = source[0]
    return any(_pair_phrase(t, code, actors) or _parties_of(t, code, actors) for t in tok.sent)


def agreement_target(tok: Any, plover: str, parties: tuple[str, ...]) -> tuple[str, ...]:
    """The parties of the latest agreement, if the act at ``tok`` is about "the agreement"."""
    if not parties or plover not in _ABOUT_AGREEMENTS:
        return ()
    objects = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if tok.dep_ in ("attr", "acomp", "oprd"):  # a verdict: "said the deal was a breakthrough"
        objects += [c for c in tok.head.children if c.dep_ in ("nsubj", "dobj")]
    return parties if any(o.lower_ in AGREEMENTS for o in objects) else ()


def event_pair(events: Sequence[Any]) -> tuple[str, str] | None:
    """The two actors of the latest act between two, for a text that has named no pair.

    "Kosovo's government accused Belgrade …  The peacekeepers urged both sides …": with no
    coordinated pair before it, "both sides" are the two parties of the latest dyadic act.
    """
    for e in reversed(events):
        if len(e.source) == 1 and len(e.target) == 1 and e.source != e.target:
            return (e.source[0], e.target[0])
    return None
