"""Actor mentions in a parsed document (stage 2): token index → actor code.

Sources, in order: the EntityRuler's matches (the entity id is the actor code), then bare name
parts ("Kim", "Trump") resolved to the actor of the most recent full person name in the document,
else to the one actor whose people bear that surname (``AliasTable.name_parts``) if the word ends
a name: "Rashid" in "Haroon Rashid Aswad" is somebody else.  Nor does a surname after a given
name that no person of the table bears: "Muhyiddin Yassin" is not the Yemeni "Riyadh Yassin"
(a title before it, "President Erdogan", is no given name).  A capitalised word the tagger takes
for a common noun ("Guterres urges …" in a headline) counts as a name part too.  A name after
"pro-" or "anti-" names a stance, not the actor: a pro-Iranian militia is not Iran.  A town of the
gazetteer counts only as a proper noun standing alone (:mod:`~detente.extraction.gazetteer`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from detente.extraction.actors import AliasTable
from detente.extraction.anaphora import INSTITUTIONS, Antecedents, resolve_anaphora
from detente.extraction.lexicon import words

__all__ = ["Mentions", "doc_actors", "new_mentions"]

_TITLES = INSTITUTIONS | words(
    "prime foreign defense defence senior vice deputy acting former general commander chief "
    "mr mrs ms dr sheikh emir king queen prince lt gen col sen rep gov secretary-general"
)
"""Capitalised words before a surname that are titles, not given names ("Prime Minister X")."""


@dataclass(slots=True)
class Mentions:
    """Mutable per-document state: recent full names and every mention found so far."""

    parts: dict[str, str]
    name_words: frozenset[str] = frozenset()
    towns: frozenset[str] = frozenset()
    recent: dict[str, str] = field(default_factory=dict)
    spans: list[tuple[str, str, int, int]] = field(default_factory=list)
    antecedents: Antecedents = field(default_factory=Antecedents)


def doc_actors(doc: Any, offset: int, state: Mentions) -> dict[int, str]:
    """Token index → actor code for one parsed chunk starting at character ``offset``."""
    out: dict[int, str] = {}
    for ent in doc.ents:
        if not ent.ent_id_ or _stance_prefix(ent) or not _lone_town(ent, state.towns):
            continue
        out.update(dict.fromkeys(range(ent.start, ent.end), ent.ent_id_))
        if ent.text in state.towns:  # a place: a party of an event at most, not a mention
            continue
        state.spans.append((ent.ent_id_, ent.text, offset + ent.start_char, offset + ent.end_char))
        if ent.label_ == "PERSON":
            for w in ent.text.replace("-", " ").split():
                state.recent[w] = ent.ent_id_
    for t in doc:
        if t.i in out or not (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text[:1].isupper())):
            continue
        code = state.recent.get(t.text) or (
            state.parts.get(t.text)
            if _ends_name(t) and not _other_given_name(t, out, state.name_words)
            else None
        )
        if code:
            out[t.i] = code
            state.spans.append((code, t.text, offset + t.idx, offset + t.idx + len(t.text)))
    out.update(resolve_anaphora(doc, out, state.antecedents))
    return out


def _lone_town(ent: Any, towns: frozenset[str]) -> bool:
    """Whether a gazetteer town stands alone as a proper noun, as a place name does.

    "Reading the statement" (a verb), "Victoria Nuland" and "the Jeddah Economic Forum" (next to
    another proper noun) name no town, nor does a name with its own article ("the
    Commonwealth"; place names take none, while "the Kharkiv region" is the region's).  Other
    mentions always pass.
    """
    if ent.text not in towns:
        return True
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > ent.sent.start else None
    after = doc[ent.end] if ent.end < ent.sent.end else None
    if any(c.dep_ == "det" for c in ent.root.children):  # "the Commonwealth": no town
        return False
    return all(t.pos_ == "PROPN" for t in ent) and not any(
        t is not None and t.pos_ == "PROPN" for t in (before, after)
    )


def _stance_prefix(ent: Any) -> bool:
    """Whether a name is the object of "pro-" or "anti-": a pro-Iranian militia is not Iran."""
    doc, i = ent.doc, ent.start
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti")


def _ends_name(t: Any) -> bool:
    """Whether ``t`` ends a name and is no piece of a hyphenated one ("Zia-ul-Haq").

    A date is no further name word: "Erdogan Tuesday said".
    """
    doc = t.doc
    if t.i > 0 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_:
        return False
    if t.i + 1 >= len(doc):
        return True
    nxt = doc[t.i + 1]
    if nxt.text == "-" and not t.whitespace_:
        return False
    return nxt.pos_ != "PROPN" or nxt.ent_type_ in ("DATE", "TIME")


def _other_given_name(t: Any, actors: dict[int, str], known: frozenset[str]) -> bool:
    """Whether ``t`` follows a given name that no person of the table bears ("Muhyiddin")."""
    if t.i == 0:
        return False
    prev = t.doc[t.i - 1]
    return (
        prev.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and prev.i not in actors
        and prev.text not in known
        and prev.lower_ not in _TITLES
        and prev.ent_type_ not in ("DATE", "TIME")
        and not t.is_sent_start  # not across a sentence boundary
    )


def new_mentions(table: AliasTable) -> Mentions:
    """Fresh per-document state for ``table``."""
    parts, known, igos = _table_words(table)
    return Mentions(
        parts=parts, name_words=known, towns=table.towns, antecedents=Antecedents(igos=igos)
    )


@functools.lru_cache(maxsize=4)
def _table_words(table: AliasTable) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Name parts, words of people's names and organisation codes (read-only, per table)."""
    igos = frozenset(e.code for e in table.entries if e.type == "igo")
    known = frozenset(
        w for e in table.entries for p in e.people for w in p.replace("-", " ").split()
    )
    return table.name_parts(), known, igos
