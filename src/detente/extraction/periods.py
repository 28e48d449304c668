"""Stated lengths of a truce or a mandate, and calendar arithmetic for "within N months".

The guideline (``docs/explanation/extraction.md``, C14) annotates a stated truce length or time
limit as a deadline at each mention: "a seven-day ceasefire", "agreed to a truce for two
months", "the ceasefire will last for three weeks", "a 72-hour humanitarian pause", "extended the
mission's mandate for six months", "to monitor the ceasefire for an initial period of 30 days".
The period runs out on

    end = start + N units

counted on the calendar: days and weeks as days, months and years as calendar months (the same
day of the month N months later, or the month's last day when it has no such day: 31 January +
one month is 28 or 29 February), hours only when they make whole days (a 72-hour truce is three
days; a 12-hour pause gives no date, as the day it ends depends on the hour it began).

``start`` is, in this order: a date the sentence gives for the period's start ("a ceasefire
starting on Saturday", "from 1 May"); the date the text elsewhere says the truce takes effect
("the truce would take effect at 7 p.m. on Saturday", found by :func:`truce_start` and applied
by the collector after the whole text is read); else the publication date, as for "within N
days" in :mod:`~detente.extraction.deadlines`.

A duration measures a truce only when it is a modifier of a truce noun (``TRUCES``) or the
"for" phrase (directly, or through "a period of") of that noun or of a verb whose subject,
object or prepositional object is one; "held talks for three days" or "sanctions for a year"
are no deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from detente.extraction.date_expressions import resolve
from detente.extraction.lexicon import words

__all__ = [
    "NUMBERS",
    "TRUCES",
    "Length",
    "count_of",
    "later",
    "length_at",
    "start_in",
    "truce_start",
]

NUMBERS = {
    w: i + 1
    for i, w in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
} | {"a": 1, "an": 1, "fifteen": 15, "thirty": 30, "sixty": 60, "ninety": 90}
"""Number words read as counts (beside digits)."""
TRUCES = words("truce ceasefire cease-fire pause lull armistice moratorium halt mandate")
"""Nouns of a period that runs out: truces and mandates (CAMEO 0871 declares a truce)."""
_UNITS = words("hour day week month year")
_PERIODS = words("period")
_STARTS = words("start begin effect force")
_START_PREPS = words("from")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


Length = tuple[int, str, Any]
"""A stated length: the count, the unit lemma and the truce noun or verb it measures."""


def later(start: dt.date, n: int, unit: str) -> dt.date | None:
    """``start`` plus ``n`` units on the calendar (see the module docstring), or None.

    None also when the end lies beyond the calendar (year 9999): "a truce for 99999999999 days".
    """
    try:
        if unit == "hour":
            return start + dt.timedelta(days=n // 24) if n % 24 == 0 else None
        if unit in ("day", "week"):
            return start + dt.timedelta(days=n * (7 if unit == "week" else 1))
        months = n * (12 if unit == "year" else 1)
        y, m = divmod(start.month - 1 + months, 12)
        year, month = start.year + y, m + 1
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    except (OverflowError, ValueError):
        return None


def count_of(word: str) -> int | None:
    """The count a number is written as: digits ("90", "1,000") or a number word ("seven").

    Commas count only as thousands separators ("1,00" is no count).
    """
    word = word.lower()
    return int(word.replace(",", "")) if _DIGITS.fullmatch(word) else NUMBERS.get(word)


def _count(tok: Any) -> int | None:
    nums = [c for c in tok.children if c.dep_ == "nummod"]
    return count_of(nums[0].text) if nums else None


def _truce_args(verb: Any) -> bool:
    """Whether ``verb``'s subject, object or prepositional object is a truce noun."""
    args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    args += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(a.lemma_.lower() in TRUCES for a in args)


def length_at(tok: Any) -> Length | None:
    """The truce length whose unit word is ``tok`` ("day" in "a seven-day ceasefire"), or None."""
    unit = tok.lemma_.lower()
    if unit not in _UNITS or (n := _count(tok)) is None:
        return None
    if tok.dep_ in ("compound", "nmod", "amod") and tok.head.lemma_.lower() in TRUCES:
        return n, unit, tok.head
    node = tok
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_ in _PERIODS:
        node = node.head.head
    if node.dep_ != "pobj" or node.head.lower_ != "for":
        return None
    head = node.head.head
    if head.lemma_.lower() in TRUCES or (head.pos_ in ("VERB", "AUX") and _truce_args(head)):
        return n, unit, head
    return None


def _date_under(tok: Any, pub: dt.date) -> dt.date | None:
    """The first resolvable DATE entity among ``tok``'s descendants."""
    for ent in tok.doc.ents:
        if ent.label_ == "DATE" and tok.is_ancestor(ent.root):
            ref = resolve(ent.text, pub, future=tok.tag_ not in ("VBD", "VBN"))
            if ref.value and ref.granularity == "day":
                return dt.date.fromisoformat(ref.value)
    return None


def start_in(head: Any, pub: dt.date) -> dt.date | None:
    """A start date stated with the truce ("starting on Saturday", "from 1 May"), or None."""
    for t in head.subtree:
        lemma = t.lemma_.lower()
        starts = (lemma in _STARTS and t.pos_ == "VERB") or (
            lemma in _START_PREPS and t.dep_ == "prep"
        )
        if starts and (day := _date_under(t, pub)) is not None:
            return day
    return None


def truce_start(tok: Any, pub: dt.date) -> dt.date | None:
    """The date a truce takes effect when ``tok`` says so, else None.

    "The truce will take effect on Saturday", "the ceasefire began on 2 April", "came into force
    on Monday".
    """
    lemma = tok.lemma_.lower()
    effect = lemma in ("take", "come", "enter") and any(
        c.lemma_.lower() in ("effect", "force") for c in tok.subtree
    )
    if tok.pos_ != "VERB" or not (effect or lemma in ("begin", "start")):
        return None
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(s.lemma_.lower() in TRUCES for s in subjects):
        return None
    return _date_under(tok, pub)
