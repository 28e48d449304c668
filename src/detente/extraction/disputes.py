"""Targets from the dispute a text is about: the maker of a demand, the parties of a conflict.

Some acts name their target only through what the reader already knows from earlier
sentences.  The guideline codes the actor acted on (*Targets*; C3, C5), so two such acts with no
target of their own take it from the text's earlier events:

* **Rejecting a demand or a proposal** ("Ethiopia rejected the demand", "turned down the
  offer") is aimed at the one who made it (CAMEO 12: rejecting a request or proposal): the
  source of the latest earlier request, or of the latest act of proposing or offering, by
  another actor; one aimed at the rejecter is preferred.
* **Mediation, calls and offers about the dispute** ("offered to mediate", "would host another
  round of talks", "called for an end to the fighting", "urged restraint") by a third party
  are aimed at the parties of the dispute (C3: a call "targets whoever must act"; C5: the
  mediator's targets are the adversaries): the two actors of the latest earlier conflictual act
  between two (an accusation, rejection, threat, sanction or attack), else the pair the text
  named.  Only when the act's own clause names the dispute (a word of fighting, restraint,
  talks or mediation in it), and never for one of the parties.

Requests are not conflictual acts here: an appeal to a third party ("urged the Security
Council to act") names no adversary.  Both rules look only backwards, like a reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from detente.extraction.dyads import event_pair
from detente.extraction.lexicon import words

__all__ = ["DISPUTE_WORDS", "dispute_target"]

DEMANDS = words("demand request call appeal ultimatum condition terms")
PROPOSALS = words("proposal offer initiative suggestion")
PROPOSING = words("propose proposes proposed proposal offer offers offered suggest suggested")
"""Words of the act of proposing, in an earlier event's trigger or sentence."""
_WORD = re.compile(r"[a-z]+")
DISPUTE_WORDS = words(
    "fighting hostilities violence clashes restraint calm de-escalation talks negotiations "
    "dialogue round mediate mediation mediator ceasefire truce"
)
"""Words that name the dispute or its settlement in an act's own clause."""
_CONFLICT = frozenset(
    ("ACCUSE", "REJECT", "THREATEN", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST")
)
_THIRD_PARTY = frozenset(("REQUEST", "AGREE", "CONSULT", "SUPPORT"))


def _key(e: Any) -> str:
    """The lexicon key of an event's trigger ("demand" for "lexicon:demand(V)")."""
    return str(e.evidence).split(":")[-1].split("(")[0]


def _proposes(e: Any) -> bool:
    """Whether an earlier event's sentence proposes or offers it ("proposed new talks")."""
    return _key(e) in PROPOSING or not PROPOSING.isdisjoint(_WORD.findall(e.text.lower()))


def _maker(events: Sequence[Any], rejecter: list[str], noun: str) -> tuple[str, ...]:
    """The source of the latest earlier demand (or proposal) by an actor other than ``rejecter``.

    One aimed at the rejecter is preferred, and among those one named by the same word ("the
    demand" after "demanded").
    """
    proposal = noun in PROPOSALS
    made = [
        e
        for e in events
        if not set(e.source) & set(rejecter)
        and (_proposes(e) if proposal else e.plover == "REQUEST")
    ]
    aimed = [e for e in made if set(e.target) & set(rejecter)] or made
    same = [e for e in aimed if _key(e) == noun] or aimed
    return tuple(same[-1].source) if same else ()


def _parties(events: Sequence[Any], pair: tuple[str, str] | None) -> tuple[str, ...]:
    """The two actors of the latest conflictual act between two, else the text's pair."""
    parties = event_pair([e for e in events if e.plover in _CONFLICT]) or pair
    return tuple(parties) if parties else ()


def _names_dispute(tok: Any) -> bool:
    """Whether the clause or phrase of ``tok`` (not its subject) names the dispute."""
    subjects = {d.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for d in c.subtree}
    return any(
        t.lemma_.lower() in DISPUTE_WORDS or t.lower_ in DISPUTE_WORDS
        for t in tok.subtree
        if t.i not in subjects
    )


def dispute_target(
    tok: Any,
    plover: str,
    source: list[str],
    events: Sequence[Any],
    pair: tuple[str, str] | None,
) -> tuple[str, ...]:
    """The target of an act at ``tok`` with none of its own, from the dispute (module docstring)."""
    if plover == "REJECT":
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        noun = next(
            (o.lemma_.lower() for o in objects if o.lemma_.lower() in DEMANDS | PROPOSALS), ""
        )
        return _maker(events, source, noun) if noun else ()
    if plover not in _THIRD_PARTY or not _names_dispute(tok):
        return ()
    parties = _parties(events, pair)
    return () if set(parties) & set(source) else parties
