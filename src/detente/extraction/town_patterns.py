"""The gazetteer's town patterns, given to the EntityRuler only when a text could need them.

The actor table holds about 19,000 town forms (:mod:`~detente.extraction.gazetteer`), six in
seven of the EntityRuler's phrase patterns.  Tokenising them all when the pipeline is built
cost about 0.9 s of CPU and 50 MB in every fresh process, for the handful a short text names.
So the pipeline gets the other patterns at once, and this component, placed just before the
ruler, adds the town patterns a document could match before the ruler reads it.

**Why the entities are the same.**  A phrase pattern matches on the exact text (ORTH) of
consecutive tokens, so a town form can match only where the document has a token equal to the
first token of the form's own tokenisation, and that token is a prefix of the form (a token's
text is a slice of the text it was cut from).  Before a document reaches the ruler, every form
that starts with one of its tokens is added (each token is looked up once per pipeline, in the
sorted list of forms), which includes every form that can match there.  Patterns that cannot
match change nothing, so the ruler finds what it would have found with all patterns loaded.
The order in which patterns are added does not matter either: no town form has the token
sequence of another pattern of the bundled table (a test checks this), so no two patterns
match the same tokens under different actors.

A pattern added stays for later documents of the same pipeline.  With several spaCy processes
each worker adds what its own documents need, to its own copy of the ruler.  Threads that share
a pipeline take turns (a lock): a token is marked as looked up only together with its patterns
being added, so no document reaches the ruler before the patterns it needs.
"""

from __future__ import annotations

import bisect
import threading
from typing import Any

__all__ = ["COMPONENT", "TownPatterns", "add_town_patterns"]

COMPONENT = "detente_town_patterns"
_LOCK = threading.Lock()
"""Held while a document's tokens are looked up and their patterns added (module-level, so the
component stays picklable)."""


class TownPatterns:
    """A spaCy component: before the ruler reads a document, add the town patterns it may need."""

    def __init__(self) -> None:
        self.ruler: Any = None
        self.forms: list[str] = []
        """Every town form, sorted (for the prefix look-up)."""
        self.patterns: dict[str, dict[str, str]] = {}
        """The patterns not added yet, by form."""
        self.looked_up: set[str] = set()
        """The token texts already looked up."""

    def set_patterns(self, ruler: Any, patterns: list[dict[str, str]]) -> None:
        """The ``ruler`` to serve and the phrase patterns (one per town form) it may get."""
        self.ruler = ruler
        self.patterns = {p["pattern"]: p for p in patterns}
        self.forms = sorted(self.patterns)

    def __call__(self, doc: Any) -> Any:
        """``doc`` unchanged, after the patterns of the forms starting with its tokens are added."""
        with _LOCK:
            words = {t.text for t in doc} - self.looked_up
            if words and self.forms:
                needed = {form for w in words for form in self._starting_with(w)}
                if needed:
                    with self.ruler.nlp.select_pipes(enable=[]):  # tokenise the patterns only
                        self.ruler.add_patterns([self.patterns[f] for f in sorted(needed)])
                    for f in needed:
                        del self.patterns[f]
                self.looked_up |= words
        return doc

    def _starting_with(self, word: str) -> list[str]:
        """The forms not added yet that start with ``word``."""
        i = bisect.bisect_left(self.forms, word)
        out = []
        while i < len(self.forms) and self.forms[i].startswith(word):
            if self.forms[i] in self.patterns:
                out.append(self.forms[i])
            i += 1
        return out


def _make(nlp: Any, name: str) -> TownPatterns:
    return TownPatterns()


def add_town_patterns(nlp: Any, ruler: Any, patterns: list[dict[str, str]]) -> None:
    """Put a :class:`TownPatterns` for ``patterns`` into ``nlp`` just before ``ruler``."""
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.factory(COMPONENT, func=_make)
    component = nlp.add_pipe(COMPONENT, before=ruler.name)
    component.set_patterns(ruler, patterns)
