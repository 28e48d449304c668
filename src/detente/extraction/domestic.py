"""Acts within one state: a target with the source's own code (government and rebels).

The guideline codes non-state groups, officials and institutions with their state's code
(``docs/explanation/extraction.md``, *Actors*: "Syrian rebels are SYR"), as CAMEO's country
prefixes do ("SYRGOV" → "SYRREB" is SYR → SYR).  A target that has the source's code is
therefore kept when the text names it *as a second party*, never when it is the source again:

* **A second mention in a target position** of a verb: its object, dative or attribute, or the
  object of one of its target prepositions ("the Colombian government accused FARC rebels",
  "opposition groups in Zimbabwe demand that President Mugabe …" keeps the subject of the
  content clause, "met Pakistan's army chief", "imposed a curfew in southeastern Turkey").  The
  mention must not be a pronoun ("Iran defended its programme", "X said it …": the source
  itself); a city is a place, not a mention (:mod:`~detente.extraction.places`: "protested
  against the law in Tbilisi").  Only the phrase itself counts, not its relative clauses.
* **Coordinated subjects with one code** ("Colombia's president and the leader of the FARC
  signed a peace agreement") of a reciprocal act: one another, as for two states.

Weapons tests and deployments (MOBILIZE) have no target, and what a state withdraws or moves
back (RETREAT: "Israel withdrew Israeli troops") is its own, so neither gets one here.  Only an
act with no other target gets one: a named foreign party always wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.extraction.arguments import TARGET_PREPS
from detente.extraction.syntax import phrase, subject

__all__ = ["own_state_target"]

_TARGET_DEPS = frozenset(("dobj", "dative", "attr", "oprd", "ccomp"))
_OURS = frozenset(("our", "us"))


def _second_mentions(
    head: Any, source: list[str], actors: Mapping[int, str], ours: bool = False
) -> list[str]:
    """Source codes named again in ``head``'s phrase, not as a pronoun (``ours``: but "our")."""
    found: list[str] = []
    content = subject(head)[0] if head.dep_ == "ccomp" else head  # a content clause: its subject
    for t in phrase(content) if content is not None else []:
        code = actors.get(t.i)
        named = t.pos_ != "PRON" or (ours and t.lower_ in _OURS)
        if code in source and named and code not in found:
            found.append(code)
    return found


def _targets(tok: Any, source: list[str], actors: Mapping[int, str]) -> list[str]:
    """Second mentions of the source's codes in the target positions of ``tok``.

    In a statement, "our forces" is the issuer as a second party when the act is not the
    issuer's own ("the units that cooperated with our forces"): the subject is no "we".
    """
    subj = subject(tok)[0]
    ours = subj is not None and subj.lower_ not in ("we", "i")
    heads = []
    for c in tok.children:
        if c.dep_ in _TARGET_DEPS:
            heads.append(c)
        elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            heads += [g for g in c.children if g.dep_ == "pobj"]
    return [a for h in heads for a in _second_mentions(h, source, actors, ours)]


def _coordinated_once(tok: Any, source: list[str], actors: Mapping[int, str]) -> list[str]:
    """The code shared by two coordinated subjects of ``tok`` ("X's president and the FARC")."""
    subj, _ = subject(tok)
    if subj is None:
        return []
    parts = [subj, *(c for c in subj.conjuncts if c.i > subj.i)]
    per_part = [{actors.get(t.i) for t in phrase(p)} for p in parts]
    shared = [c for c in source if sum(c in codes for codes in per_part) >= 2]
    return shared[:1]


def own_state_target(
    tok: Any, plover: str, source: list[str], actors: Mapping[int, str], reciprocal: bool
) -> list[str]:
    """The source's own code as target when the text names it as a second party (module doc)."""
    if not source or plover in ("MOBILIZE", "RETREAT"):
        return []
    found = _targets(tok, source, actors)
    if not found and reciprocal:
        found = _coordinated_once(tok, source, actors)
    return found
