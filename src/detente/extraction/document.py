"""Whole-document extraction: clean → parse → actors → events/claims → positions (stages 0–8).

:func:`extract` is the entry point.  It is deterministic: the same text, date and alias table
give the same :class:`~detente.extraction.types.Extraction`.  Design, rules and measured accuracy:
``docs/explanation/extraction.md``.

Assumptions:

* An event needs a source actor.  A nominal trigger ("the March 3 missile test") without an
  actor in its own phrase takes the sentence's agentive actor (a subject or a "by" phrase).
* Nominal REQUEST triggers ("demands") become positions, not events; nominal triggers without a
  date, an actor of their own or a governing verb are dropped as background.
* Sanctions and embargoes without a date are ``ongoing`` as of the publication date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from typing import Any

from detente.errors import DetenteError
from detente.extraction.actors import AliasTable, load_aliases
from detente.extraction.coder import MATERIAL_CONFLICT, Coded, code_sentence
from detente.extraction.collect import Collector
from detente.extraction.event_dating import date_of
from detente.extraction.mentions import doc_actors, new_mentions
from detente.extraction.nlp import MODEL, load_pipeline
from detente.extraction.prefilter import Unit, actor_pattern, plan, skipped_mentions
from detente.extraction.speakers import (
    OFFICES,
    REPORTING,
    Voices,
    named_issuer,
    note_unparsed,
    resolve_sentence,
    voices_for,
)
from detente.extraction.syntax import noun_subject
from detente.extraction.text import clean, headline_case, looks_english
from detente.extraction.types import DateRef, Extraction
from detente.io.context import as_date

__all__ = ["extract", "publication_date"]

MAX_PARSE_CHARS = 2_000_000
"""Safety net: parse at most this many characters of distinct candidate sentences (about twice
a 1 MB article whose every sentence is an event); the rest is skipped with a warning."""
BATCH_CHARS = 50_000
"""Characters per spaCy batch (the number of texts follows from their mean length).  Measured CPU
on the 2-core machine: 3,000-character units took about 15 % less in batches of 16 than of 64,
while 76-character sentences took about 20 % less in batches of 256–640 than of 16."""
PARALLEL_CHARS = 200_000
"""From this many distinct characters to parse on, :func:`extract` uses two spaCy processes by
default (when the machine has two cores or more).  On the 2-core development machine the dense
benchmark megabyte took 25 s wall instead of 51 s at load average 1 (34 s instead of 49 s at
2.5); at 200,000 characters the gain was only about 10 % (worker start-up and shipping the
parses back eat the rest)."""
_AGENT_DEPS = frozenset(("nsubj", "agent"))
_CONDITIONS = frozenset(("if", "unless", "whether"))


def _np_role(tok: Any) -> tuple[str, str]:
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "case", "appos", "conj", "cc"):
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.dep_, tok.head.lower_


def _reporters(sent: Any) -> set[int]:
    """Tokens that name a speaker: subjects of reporting verbs and "according to" phrases."""
    out: set[int] = set()
    for t in sent:
        if t.lemma_.lower() in REPORTING and t.pos_ == "VERB":
            out |= {d.i for c in t.children if c.dep_ == "nsubj" for d in c.subtree}
        if t.lower_ == "to" and t.head.lower_ == "according":
            out |= {d.i for d in t.subtree}
    return out


def _subjectless(tok: Any) -> bool:
    """A verb with no subject of its own ("… and agreed"), which takes the previous source.

    A verb whose own subject names no actor ("the panel discussed …", "an official who
    discussed …") does not; a participle on a noun that names no actor ("troops encircling X")
    does.
    """
    subj = noun_subject(tok)
    if tok.pos_ != "VERB" or subj is None:
        return bool(tok.pos_ == "VERB")
    return bool(subj.head.i != tok.i and subj.lemma_.lower() not in OFFICES)


def _circumstance(c: Coded) -> bool:
    """Whether ``c`` is a nominal attack or sanction named as a circumstance.

    "in the wake of an attack", "a statement on the attack": the subject did not carry it out.
    """
    tok = c.trigger
    return tok.pos_ != "VERB" and c.plover in MATERIAL_CONFLICT and tok.dep_ == "pobj"


def _condition_clauses(sent: Any) -> list[set[int]]:
    """Token sets of the "if / unless / whether" clauses of ``sent``."""
    marked = [m.head for m in sent if m.dep_ == "mark" and m.lower_ in _CONDITIONS]
    return [{t.i for t in clause.subtree} for clause in marked]


def _sentence_agent(
    sent: Any, actors: dict[int, str], exclude: tuple[str, ...], skip: set[int]
) -> list[str]:
    """Codes of the first agentive actor in ``sent`` (subject or "by" phrase), not excluded."""
    for t in sent:
        code = actors.get(t.i)
        if code and code not in exclude and t.i not in skip:
            dep, head = _np_role(t)
            if dep in _AGENT_DEPS or (dep == "pobj" and head == "by"):
                return [code]
    return []


def _noun_background(c: Coded, date: DateRef) -> bool:
    tok = c.trigger
    if tok.pos_ == "VERB" or c.reason == "stated intent":  # "there will be consequences"
        return False
    if c.plover == "REQUEST":
        return True
    own = any(
        d.dep_ in ("poss", "compound", "amod", "nmod", "prep") and d.lower_ != "of"
        for d in tok.children
    ) and bool(c.source)
    own = own or bool(c.target)  # "sanctions against X": the phrase names its target
    return not (own or date.value or date.type == "approximate")


def _present_report(c: Coded, date: DateRef, pub: dt.date) -> DateRef:
    """A verbal act told in the present ("condemns", "is urging") happens on the publication day.

    Material acts in the present (sanctions, occupation) stay ``ongoing``.
    """
    tok = c.trigger
    present = tok.tag_ in ("VBZ", "VBP") or (
        tok.tag_ == "VBG" and any(a.lower_ in ("is", "are") for a in tok.children)
    )
    if date.type != "ongoing" or tok.pos_ != "VERB" or not present:
        return date
    if c.plover in MATERIAL_CONFLICT or c.plover in ("AID", "COOPERATE", "RETREAT"):
        return date
    return DateRef(tok.text, pub.isoformat(), "day", "exact")


def _noun_date(tok: Any, date: DateRef) -> DateRef:
    if date.value or tok.pos_ == "VERB":
        return date
    if any(c.lower_ in ("recent", "latest") for c in tok.children):
        return DateRef("recent", "", "", "approximate")
    if tok.lemma_.lower() in ("sanction", "embargo"):
        return DateRef("", "", "", "ongoing")
    return date


def _other_party(c: Coded, pair: tuple[str, str] | None) -> list[str]:
    """The source of an attack told in the passive without an agent, from the text's pair.

    "Rockets were fired into Israel" in a text about Israel and Hamas: the other side of the
    pair the text is about.  Only for material conflict aimed at one member of the pair.
    """
    tok = c.trigger
    passive = any(d.dep_ == "auxpass" for d in tok.children) and _agent_of(tok) is None
    if pair is None or c.plover not in MATERIAL_CONFLICT or not passive or len(c.target) != 1:
        return []
    return [p for p in pair if p != c.target[0]] if c.target[0] in pair else []


def _agent_of(tok: Any) -> Any | None:
    return next((d for d in tok.children if d.dep_ == "agent"), None)


def _code_sentence(
    sent: Any, actors: dict[int, str], pub: dt.date, col: Collector, voices: Voices
) -> None:
    actors = resolve_sentence(sent, actors, col.table, voices)
    previous: list[str] = []
    speakers = _reporters(sent)
    for c in sorted(code_sentence(sent, actors), key=lambda c: c.trigger.i):
        date = _present_report(c, _noun_date(c.trigger, date_of(c.trigger, pub)), pub)
        source = list(c.source) or (previous if _subjectless(c.trigger) else [])
        skip = speakers if c.plover in MATERIAL_CONFLICT else set()
        own_subject = c.trigger.pos_ == "VERB" and not _subjectless(c.trigger)
        if not (source or _circumstance(c) or own_subject):
            conditions = [k for k in _condition_clauses(sent) if c.trigger.i not in k]
            skip = skip.union(*conditions)  # the subject of a condition does not act in it
            source = _sentence_agent(sent, actors, c.target, skip)
        source = source or _other_party(c, voices.pair)
        previous = source or previous
        if not source or _noun_background(c, date):
            continue
        voices.source = source[0]
        if set(c.target) & set(source):
            c = dataclasses.replace(c, target=tuple(t for t in c.target if t not in source))
        col.add_coded(c, tuple(source), date, sent)
    col.add_positions(sent, actors, pub)


def _parsed(nlp: Any, units: list[Unit], unique: list[str], n_process: int) -> Any:
    """The parse of each unit, in order, consumed as spaCy streams it (repeats parsed once)."""
    size = max(1, min(1_000, BATCH_CHARS * len(unique) // max(1, sum(map(len, unique)))))
    stream = zip(unique, nlp.pipe(unique, batch_size=size, n_process=n_process), strict=True)
    done: dict[str, Any] = {}
    for u in units:
        while u.text not in done:
            text, doc = next(stream)
            done[text] = doc
        yield done[u.text]
    for _ in stream:  # run spaCy's generator to its end, so that its worker processes stop
        pass


def processes(parsed_chars: int) -> int:
    """How many spaCy processes to use by default for ``parsed_chars`` distinct characters."""
    return min(2, os.cpu_count() or 1) if parsed_chars >= PARALLEL_CHARS else 1


def _document_info(cleaned: str, parsed: int) -> dict[str, Any]:
    return {
        "id": hashlib.sha256(cleaned.encode()).hexdigest()[:16],
        "chars": len(cleaned),
        "parsed_chars": parsed,
        "cleaning": "web furniture removed; quotes and spaces normalised; 'test-fired' joined; "
        "offsets are into the cleaned text",
        "model": MODEL,
    }


def publication_date(value: object) -> dt.date:
    """``value`` as a date: a :class:`datetime.date` (or datetime) or an ISO ``YYYY-MM-DD`` string.

    Raises
    ------
    DetenteError
        At once, for anything else ("pub_date '8 Dec': expected a date or YYYY-MM-DD").
    """
    date = as_date(value)
    if date is None:
        raise DetenteError(f"pub_date {value!r}: expected a date or a string YYYY-MM-DD")
    return date


def extract(
    text: str,
    pub_date: dt.date | str,
    *,
    aliases: AliasTable | None = None,
    max_chars: int = MAX_PARSE_CHARS,
    prefilter: bool = True,
    n_process: int | None = None,
    issuer: str | None = None,
) -> Extraction:
    """Extract actors, events, claims, positions, deadlines and red lines from an article.

    Parameters
    ----------
    text : str
        The article as plain text (cleaned here; offsets refer to the cleaned text).
    pub_date : datetime.date or str
        Publication date, against which relative dates are resolved: a date, or an ISO string
        such as ``"2019-12-08"``.
    aliases : AliasTable, optional
        Actor table; the bundled one (plus pycountry names) by default.
    max_chars : int
        Safety-net parse budget in characters of distinct candidate sentences.
    prefilter : bool
        Parse only sentences that could yield a record (:mod:`~detente.extraction.prefilter`);
        ``False`` parses every paragraph that names an actor (slower; for comparison).
    n_process : int, optional
        spaCy processes.  By default two when there are at least :data:`PARALLEL_CHARS`
        distinct characters to parse (and two cores), else one; the parses are the same either
        way.
    issuer : str, optional
        Who issued the text, when it is an official statement or press release that may never
        name its issuer: an actor code ("USA") or a name the actor table knows ("the White
        House", "U.S. Department of State").  "I", "we" and "our" outside quotations are then
        this actor.  By default the issuer is read from the text's header, if it names one.

    Raises
    ------
    DetenteError
        If the publication date is not a date or ``YYYY-MM-DD``, the text is empty or does not
        look like English, spaCy is not installed, or ``issuer`` names no actor
        (:class:`~detente.errors.SettingError` on ``issuer``).
    """
    pub_date = publication_date(pub_date)
    cleaned = clean(text)
    if not cleaned:
        raise DetenteError("the text is empty (nothing left after removing web furniture)")
    if not looks_english(cleaned):
        raise DetenteError("the text does not look like English; only English text is supported")
    table = aliases or load_aliases()
    given = named_issuer(issuer, table) if issuer is not None else ""
    nlp = load_pipeline(table)
    state = new_mentions(table)
    voices = voices_for(table, cleaned, given)
    col = Collector(cleaned, table)
    units, warnings = plan(cleaned, table, nlp, max_chars, prefilter=prefilter)
    names = actor_pattern(table)
    units = [Unit(u.offset, headline_case(u.text, names)) for u in units]
    unique = list(dict.fromkeys(u.text for u in units))
    parsed = sum(map(len, unique))
    n_process = n_process or processes(parsed)
    skipped = skipped_mentions(cleaned, units, table) if prefilter else []
    seen = 0
    for u, doc in zip(units, _parsed(nlp, units, unique, n_process), strict=True):
        before = seen
        while seen < len(skipped) and skipped[seen][2] < u.offset:
            seen += 1
        note_unparsed(skipped[before:seen], voices, state.antecedents, cleaned)
        actors = doc_actors(doc, u.offset, state)
        voices.pair = state.antecedents.pair
        col.offset = u.offset
        for sent in doc.sents:
            _code_sentence(sent, actors, pub_date, col, voices)
    state.spans.extend(skipped)
    state.spans.sort(key=lambda m: m[2])
    x = col.finish(pub_date, state, _document_info(cleaned, parsed))
    return dataclasses.replace(x, warnings=tuple(warnings)) if warnings else x
