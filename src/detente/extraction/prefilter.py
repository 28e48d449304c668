"""Choosing what to parse (stage 1a): sentences that could yield a record, found without spaCy.

Full parsing runs at a few thousand tokens per second on the 2-core development machine, so a
1 MB article cannot be parsed whole within 30 s.  Most sentences cannot produce anything, and a
cheap test finds them:

* an **event or claim** needs a source actor in its own sentence (every source rule of
  :mod:`~detente.extraction.coder` and :func:`~detente.extraction.document.extract` looks only
  inside the sentence) *and* a trigger from the lexicon (a verb, a phrasal verb's verb, a noun or
  a compound noun's head, or "must"/"should" for a reported obligation);
* a **red line** needs an actor and "line", "tolerate" or "unacceptable";
* a **demand** ("demand", "insist", "urge", "press", "call"), a **deadline** ("deadline",
  "ultimatum") or a **truce** ("truce", "ceasefire", "mandate": its length, the day it takes
  effect) may take its holder from an earlier sentence, so these words keep a sentence even
  without an actor.

The actor test is a regular expression over every alias, person, place and person-name word of
the :class:`~detente.extraction.actors.AliasTable` (case-sensitive, like the EntityRuler), written
as a character trie (:func:`word_alternation`): with a few thousand people in the table, a flat
alternation tries every word at every position and is about five times slower.  The
trigger test lemmatises each word *every* way the pipeline's rule lemmatizer could (its exception
table, its suffix rules for all parts of speech, the attribute ruler's lemma overrides), so it
can only keep too much, never drop a sentence whose parse would fire a trigger.  Consecutive kept
sentences of one paragraph are parsed together, so they keep their neighbours as context.
Sentences are split conservatively (never after an abbreviation, an initial or inside "U.S."),
and a sentence is kept whole whenever in doubt.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from detente.extraction.actors import AliasTable
from detente.extraction.anaphora import ANAPHORS
from detente.extraction.context_senses import CONTEXT_WORDS
from detente.extraction.lexicon import lexicon, words
from detente.extraction.periods import TRUCES
from detente.extraction.verdict_words import VERDICT_WORDS

__all__ = ["Unit", "WordTest", "actor_pattern", "plan", "sentences", "word_alternation"]

POSITION_WORDS = (
    words("demand insist urge press call deadline ultimatum limit cutoff period window") | TRUCES
)
"""Lemmas that keep a sentence without an actor (holders may come from an earlier sentence;
a truce's length or the day it takes effect needs no actor: :mod:`.periods`)."""
EXTRA_TRIGGERS = (
    frozenset(("must", "should", "line", "tolerate", "unacceptable"))
    | CONTEXT_WORDS
    | frozenset(VERDICT_WORDS)
)
"""Lemmas besides the lexicon that can yield a record when an actor is present (verdicts:
:mod:`.verdicts`)."""
UNIT_CHARS = 3_000
"""Runs of kept sentences are cut to about this length (spaCy batches short texts well)."""
_ABBREV = words(
    "mr mrs ms dr prof gen lt col sgt capt cmdr adm sen rep gov pres st jr sr no vs etc inc "
    "corp co ltd dept jan feb mar apr jun jul aug sep sept oct nov dec fig approx"
)
_BOUNDARY = re.compile(r"""[.!?]["')\]]*(?=\s+["'(\[]?[A-Z0-9])|\n+""")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Unit:
    """A run of kept text to parse: character offset into the cleaned text, and the text."""

    offset: int
    text: str


def _abbreviation(text: str, end: int) -> bool:
    """Whether the full stop ending at ``end`` closes an abbreviation or an initial."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].rstrip(".!?\"')]").lstrip("\"'([")
    return word.lower() in _ABBREV or (len(word) == 1 and word.isalpha()) or "." in word


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Conservative sentence spans ``(start, end)`` of ``text``, without surrounding spaces."""
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith(".") and _abbreviation(text, m.start() + 1):
            continue
        yield from _stripped(text, start, m.end())
        start = m.end()
    yield from _stripped(text, start, len(text))


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    if piece.strip():
        yield start + lead, start + len(piece.rstrip())


@functools.lru_cache(maxsize=4)
def actor_pattern(table: AliasTable) -> re.Pattern[str]:
    """A regex matching every surface form the actor table (and name-part resolution) knows.

    The gazetteer's towns are left out: a town is a place, and a party only in a sentence that
    names an actor too ("Houthi missiles struck a depot in Jeddah"), so it neither keeps a
    sentence nor counts as a mention of its state (``mentions``).
    """
    words = {a for e in table.entries for a in (*e.aliases, *e.people, *e.places)} - table.towns
    words |= set(table.name_parts())
    names = {w for e in table.entries for p in e.people for w in p.replace("-", " ").split()}
    words |= {w for w in names if w[:1].isupper()}  # "bin", "de", "al" never name anyone alone
    return re.compile(rf"(?<!\w)(?:{word_alternation(words)})(?!\w)")


def word_alternation(words: set[str]) -> str:
    """A regex alternation matching exactly ``words``, as a trie: shared prefixes are tested once.

    At each node the longer continuations are tried before the word that ends there, so the
    longest word that also passes the closing word-boundary test wins, as with a flat
    alternation sorted longest first.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) or "(?!)"


def _trie_regex(node: dict[str, Any]) -> str:
    out = ""
    while len(node) == 1 and "" not in node:  # a chain of single letters needs no group
        ch, node = next(iter(node.items()))
        out += re.escape(ch)
    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return out
    group = "(?:" + "|".join(alts) + ")"
    return out + (group + "?" if "" in node else group)


class WordTest:
    """Which words could be lemmatised to a trigger or position lemma by the pipeline ``nlp``."""

    def __init__(self, nlp: Any) -> None:
        lex = lexicon()
        heads = {k.split()[-1] for k in lex.nouns} | {k.split()[0] for k in lex.phrasal}
        self.triggers = frozenset(lex.verbs) | heads | EXTRA_TRIGGERS | POSITION_WORDS
        self.exceptions: dict[str, set[str]] = {}
        self.rules: list[tuple[str, str]] = []
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            for table in lookups.get_table("lemma_exc").values():
                for word, lemmas in table.items():
                    self.exceptions.setdefault(word, set()).update(lemmas)
            rules = {tuple(r) for t in lookups.get_table("lemma_rules").values() for r in t}
            self.rules = sorted(rules)
        if "attribute_ruler" in nlp.pipe_names:
            self._ruler_lemmas(nlp.get_pipe("attribute_ruler").patterns)
        self.lemmas = functools.lru_cache(maxsize=65_536)(self._lemmas)

    def _ruler_lemmas(self, patterns: list[dict[str, Any]]) -> None:
        for p in patterns:
            lemma = p.get("attrs", {}).get("LEMMA")
            for pattern in p.get("patterns", []):
                for tok in pattern:
                    lower = tok.get("LOWER") if lemma else None
                    for w in lower.get("IN", []) if isinstance(lower, dict) else [lower]:
                        if isinstance(w, str):
                            self.exceptions.setdefault(w, set()).add(str(lemma).lower())

    def _lemmas(self, word: str) -> frozenset[str]:
        out = {word} | self.exceptions.get(word, set())
        out |= {word[: len(word) - len(old)] + new for old, new in self.rules if word.endswith(old)}
        return frozenset(out)

    def kinds(self, sentence: str) -> tuple[bool, bool]:
        """(has a trigger lemma, has a position lemma) for one sentence."""
        trigger = position = False
        for w in _WORD.findall(sentence):
            lemmas = self.lemmas(w.lower())
            position = position or not lemmas.isdisjoint(POSITION_WORDS)
            trigger = trigger or not lemmas.isdisjoint(self.triggers)
            if position:
                return True, True
        return trigger, position


@functools.lru_cache(maxsize=4)
def _word_test(nlp: Any) -> WordTest:
    """One :class:`WordTest` per loaded pipeline (its word cache is then shared by calls)."""
    return WordTest(nlp)


_PRONOUNS = re.compile(
    r"\b(?:I|[Ww]e|[Oo]ur|[Hh]e|[Ss]he|[Tt]hey|[Tt]heir|[Hh]is|[Ii]ts|[Tt]hem)\b"
    rf"|\b(?:[Tt]he|[Bb]oth|[Ee]ach|two|[Aa]ll)\s+(?:\w+\s+)?(?i:{'|'.join(sorted(ANAPHORS))})\b"
)
"""Pronouns and anaphoric noun phrases that can stand for an actor ("the Council", "the two
sides"; resolved in :mod:`~detente.extraction.speakers` and :mod:`~detente.extraction.anaphora`)."""


def _keep(sentence: str, actors: re.Pattern[str], test: WordTest) -> bool:
    trigger, position = test.kinds(sentence)
    named = actors.search(sentence) is not None or _PRONOUNS.search(sentence) is not None
    return position or (trigger and named)


def _units(text: str, actors: re.Pattern[str], test: WordTest) -> Iterator[Unit]:
    """Runs of consecutive kept sentences, split at dropped sentences and paragraph breaks."""
    run: list[int] = []
    last = 0
    for start, end in sentences(text):
        if run and (run[1] != last or "\n" in text[last:start] or end - run[0] > UNIT_CHARS):
            yield Unit(run[0], text[run[0] : run[1]])
            run = []
        if _keep(text[start:end], actors, test):
            run = [run[0] if run else start, end]
        last = end
    if run:
        yield Unit(run[0], text[run[0] : run[1]])


def plan(
    text: str, table: AliasTable, nlp: Any, limit: int, *, prefilter: bool = True
) -> tuple[list[Unit], list[str]]:
    """What to parse: kept sentence runs (or whole paragraphs) within ``limit`` distinct chars.

    Returns the units in text order and user-facing warnings (budget hit, no actor at all).
    """
    actors = actor_pattern(table)
    if prefilter:
        units = list(_units(text, actors, _word_test(nlp)))
    else:
        units = [Unit(s, text[s:e]) for s, e in _paragraphs(text) if actors.search(text[s:e])]
    kept: list[Unit] = []
    budget, distinct, skipped = limit, set(), 0
    for u in units:
        if u.text not in distinct:
            if len(u.text) > budget:
                skipped += len(u.text)
                continue
            budget -= len(u.text)
            distinct.add(u.text)
        kept.append(u)
    warnings = []
    if skipped:
        warnings.append(
            f"the parse budget of {limit:,} characters of distinct candidate sentences was "
            f"reached; {skipped:,} characters were skipped"
        )
    if not actors.search(text):
        warnings.append(
            "no actor from the alias table is named in the text; nothing was coded "
            "(add their names to an alias table and pass it as aliases)"
        )
    return kept, warnings


def _paragraphs(text: str, size: int = 3_000) -> Iterator[tuple[int, int]]:
    """Paragraph-aligned chunks of at most about ``size`` characters (no pre-filter)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end) + 1)
            end = cut if cut > start else end
        yield from _stripped(text, start, end)
        start = end


@functools.lru_cache(maxsize=4)
def _surface_codes(table: AliasTable) -> tuple[re.Pattern[str], dict[str, str]]:
    codes: dict[str, str] = {}
    for e in table.entries:
        for a in (*e.aliases, *e.people, *e.places):
            if a not in table.towns:
                codes.setdefault(a, e.code)
    return re.compile(rf"(?<!\w)(?:{word_alternation(set(codes))})(?!\w)"), codes


def skipped_mentions(
    text: str, units: list[Unit], table: AliasTable
) -> list[tuple[str, str, int, int]]:
    """Actor mentions ``(code, text, start, end)`` in the text that was not parsed.

    Only full table forms (aliases, people, places) are counted here; bare name parts need a
    part-of-speech tag and are left out.  This keeps the actor list and mention counts close to
    a full parse, although the skipped sentences cannot yield records.
    """
    pattern, codes = _surface_codes(table)
    out: list[tuple[str, str, int, int]] = []
    last = 0
    for start, end in [(u.offset, u.offset + len(u.text)) for u in units] + [(len(text), 0)]:
        for m in pattern.finditer(text, last, start):
            out.append((codes[m.group()], m.group(), m.start(), m.end()))
        last = max(last, end)
    return out
