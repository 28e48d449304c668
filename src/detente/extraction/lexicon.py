"""Trigger lexicon (stage 3): verbs, phrasal verbs and deverbal nouns → PLOVER type, mode, CAMEO.

The table is ``data/lexicon.yaml``.  Types use the 16-type grouping of
``docs/explanation/extraction.md`` (quad classes below); modes follow PLOVER [PLOVER] [Schrodt2012].
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

__all__ = ["PLOVER_TYPES", "QUAD", "Lexicon", "Sense", "lexicon", "match", "words"]

QUAD: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}
"""Quad class of each type; SANCTION counts as material conflict (the extraction docs say why)."""

BUNDLED_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The YAML loader of the bundled data files: libyaml's when PyYAML has it, which reads them as
``yaml.safe_load`` does (a test checks both files) in about a seventh of the time."""

PLOVER_TYPES = tuple(QUAD)
COOPERATIVE = frozenset(t for t, q in QUAD.items() if "cooperation" in q)


def words(text: str) -> frozenset[str]:
    """A set of words from a space-separated string (for readable word lists)."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger means: PLOVER type, mode (may be empty) and the nearest CAMEO code."""

    plover: str
    mode: str
    cameo: str
    key: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Trigger tables keyed by lemma (or "lemma particle", "modifier head")."""

    verbs: dict[str, tuple[str, str, str]]
    phrasal: dict[str, tuple[str, str, str]]
    nouns: dict[str, tuple[str, str, str]]


def _table(raw: Any) -> dict[str, tuple[str, str, str]]:
    out = {str(k): (str(v[0]), str(v[1]), str(v[2])) for k, v in (raw or {}).items()}
    bad = [k for k, v in out.items() if v[0] not in QUAD]
    if bad:
        raise ValueError(f"lexicon entries with unknown PLOVER types: {bad}")
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled lexicon (parsed once)."""
    text = resources.files("detente.extraction").joinpath("data/lexicon.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=BUNDLED_YAML)
    return Lexicon(_table(data["verbs"]), _table(data["phrasal"]), _table(data["nouns"]))


def _sense(entry: tuple[str, str, str], key: str) -> Sense:
    return Sense(entry[0], entry[1], entry[2], key)


_PARTICLE_DEPS = ("prt", "prep", "dobj", "compound", "npadvmod", "advmod", "intj", "neg")


def _predicative(c: Any) -> bool:
    """An adjective that completes the verb ("held Iran responsible", "hold them accountable")."""
    return bool(c.pos_ == "ADJ" and c.dep_ in ("oprd", "acomp", "advcl", "ccomp"))


def match(tok: Any) -> Sense | None:
    """The sense of a spaCy token if it is a trigger, else None."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    gerund = tok.tag_ == "VBG" and tok.dep_ not in ("amod", "compound", "nmod")
    if (tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound")) or gerund:
        after = [tok.nbor(1)] if tok.i + 1 < len(tok.doc) else []
        for c in [*tok.children, *after]:
            key = f"{lemma} {c.lemma_.lower()}"
            dated = any(g.ent_type_ == "DATE" for g in c.children)  # "called a strike on Monday"
            linked = c.dep_ in _PARTICLE_DEPS or c.i == tok.i + 1 or _predicative(c)
            if linked and key in lex.phrasal and not dated:
                return _sense(lex.phrasal[key], key)
        entry = lex.verbs.get(lemma)
        return _sense(entry, lemma) if entry else None
    modifier = tok.dep_ == "compound" and tok.head.pos_ in (
        "NOUN",
        "VERB",
    )  # "ceasefire violations"
    if tok.pos_ in ("NOUN", "PROPN") and not modifier:
        for c in tok.children:
            key = f"{c.lemma_.lower()} {lemma}"
            if c.dep_ in ("compound", "amod") and key in lex.nouns:
                return _sense(lex.nouns[key], key)
        for key in (lemma, tok.lower_):
            if key in lex.nouns:
                return _sense(lex.nouns[key], key)
    return None
