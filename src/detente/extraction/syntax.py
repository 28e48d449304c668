"""Small syntactic helpers over spaCy tokens shared by the coder and the modality rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["ENVOYS", "SUBJECT_DEPS", "codes", "noun_subject", "phrase", "principal", "subject"]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")


def codes(tokens: Any, actors: Mapping[int, str], skip: frozenset[str] = frozenset()) -> list[str]:
    """Actor codes of ``tokens`` in order, each once, leaving out ``skip``."""
    out: list[str] = []
    for t in tokens:
        code = actors.get(t.i)
        if code and code not in out and code not in skip:
            out.append(code)
    return out


def phrase(tok: Any) -> list[Any]:
    """Tokens of ``tok``'s phrase without its clauses (relative, adverbial, complement)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("relcl", "advcl", "acl", "ccomp", "parataxis"):
            out += phrase(c)
    return sorted(out, key=lambda t: t.i)


ENVOYS = frozenset(
    ("envoy", "representative", "coordinator", "rapporteur", "commissioner", "adviser", "advisor")
)
"""Offices named with a portfolio ("the UN envoy for Syria"): the portfolio is no principal."""


def principal(tok: Any) -> list[Any]:
    """``tok``'s phrase without an envoy's portfolio.

    "the UN envoy for Yemen" and "the US special representative for North Korea" speak and act
    for the UN and the US, not for Yemen or North Korea: the "for / on" phrase of an office
    noun is left out.
    """
    words = phrase(tok)
    brief = {
        d.i
        for t in words
        if t.lemma_.lower() in ENVOYS
        for c in t.children
        if c.dep_ == "prep" and c.lower_ in ("for", "on")
        for d in c.subtree
    }
    return [t for t in words if t.i not in brief]


def subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject token of ``verb`` (following control and coordination) and passivity."""
    node = verb
    deps = {c.dep_ for c in verb.children}
    passive = "auxpass" in deps or ("agent" in deps and "nsubj" not in deps)  # "has not
    # agreed to mediation by X" has an active subject: its "by" phrase is no agent
    for _ in range(6):
        for c in node.children:
            if c.dep_ in SUBJECT_DEPS:
                return c, passive or c.dep_ == "nsubjpass"
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ in ("relcl", "acl"):  # "the deal signed by X": the noun, passive
            return node.head, passive
        break
    return None, False


def noun_subject(verb: Any) -> Any | None:
    """The noun that is ``verb``'s subject, if any.

    A relative pronoun stands for its antecedent ("an official who said"); a personal pronoun
    (resolved elsewhere) or no subject gives None.
    """
    subj, _ = subject(verb)
    if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return verb.head
    return None if subj is None or subj.pos_ == "PRON" else subj
