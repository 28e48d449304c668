"""Whole-document extraction: clean → parse → actors → events/claims → positions (stages 0–8).

:func:`extract` is the entry point.  It is deterministic: the same text, date and alias table
give the same :class:`~detente.extraction.types.Extraction`.  Design, rules and measured accuracy:
``docs/explanation/extraction.md``.

Per-sentence coding, with its assumptions (sources, nominal requests, background), is in
:mod:`~detente.extraction.sentence`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from typing import Any

from detente import __version__
from detente.errors import DetenteError
from detente.extraction.actors import AliasTable, load_aliases
from detente.extraction.collect import Collector
from detente.extraction.counterpart import aim_at_counterpart
from detente.extraction.dyads import event_pair
from detente.extraction.issuer import named_issuer
from detente.extraction.mentions import doc_actors, new_mentions
from detente.extraction.nlp import MODEL, load_pipeline
from detente.extraction.prefilter import Unit, actor_pattern, plan, skipped_mentions
from detente.extraction.sentence import code_sentence_into
from detente.extraction.speakers import note_unparsed, voices_for
from detente.extraction.text import clean, headline_case, looks_english
from detente.extraction.types import Extraction
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


def _document_info(
    cleaned: str, parsed: int, table: AliasTable, settings: dict[str, Any]
) -> dict[str, Any]:
    """Where the records came from: the text's id, the parser, the actor table, the settings.

    With the version, these are what an identical run needs (the same text, detente version,
    spaCy model, actor table and settings give the same records; nothing is drawn).
    """
    entries = repr(table.entries).encode()
    return {
        "id": hashlib.sha256(cleaned.encode()).hexdigest()[:16],
        "chars": len(cleaned),
        "parsed_chars": parsed,
        "cleaning": "web furniture removed; quotes and spaces normalised; 'test-fired' joined; "
        "offsets are into the cleaned text",
        "model": MODEL,
        "actor_table_sha256": hashlib.sha256(entries).hexdigest(),
        "settings": settings,
        "version": __version__,
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
    col = Collector(text=cleaned, table=table)
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
            code_sentence_into(sent, actors, pub_date, col, voices)
        if state.antecedents.pair is None and (dyad := event_pair(col.events)):
            state.antecedents.pair, state.antecedents.pair_at = dyad, state.antecedents.sentences
    state.spans.extend(skipped)
    state.spans.sort(key=lambda m: m[2])
    settings = {"issuer": given or None, "prefilter": prefilter, "max_chars": max_chars}
    x = col.finish(pub_date, state, _document_info(cleaned, parsed, table, settings))
    x = aim_at_counterpart(x, voices.issuer, state.spans)
    return dataclasses.replace(x, warnings=tuple(warnings)) if warnings else x
