"""Date expressions resolved against the publication date (pipeline stage 6).

Only spaCy ``DATE`` spans are resolved, never a search over the whole text (the modal "may" is
not 9 May; ``docs/explanation/extraction.md``).  Rules come first, then dateparser:

=============================  ==============================================================
expression                     rule
=============================  ==============================================================
month + day, no year           most recent occurrence on or before ``pub_date`` (the next one
                               if the governing verb is future)
"this / last / next" weekday   tense decides: past or present report → the most recent such
                               day on or before ``pub_date``; future → the coming one (§6.5)
bare year, "next year"         year granularity, never a day
"year-end", "end of the year"  31 December of that year, ``type: deadline``
"from X to Y", "X–Y"           ``type: range``
"the 1990s"                    ``type: range`` over the decade
"recent", "weeks", "for now"   ``approximate``, no invented day
"day 5", "week 3"              ``unresolved`` (a count in an unnamed period; dateparser agrees)
anything else                  ``dateparser`` with ``RELATIVE_BASE = pub_date`` and the
                               parser's own period as granularity
=============================  ==============================================================
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Any

from detente.extraction.types import DateRef

__all__ = ["resolve", "undated"]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_VAGUE = re.compile(
    r"^(?:the )?(?:recent(?:ly)?|for now|now|currently|(?:the )?(?:past|last|coming|next)?\s*"
    r"(?:few |several |many )?(?:days|weeks|months|years|decades)|"
    r"(?:over )?the (?:long|short) term|long|years|months|weeks|decades)$"
)
_YEAR_END = re.compile(
    r"^(?:the )?(?:year[- ]end|end of (?:the|this) year|end of (\d{4})|"
    r"end of december)$"
)
_DECADE = re.compile(r"^(?:the )?(?:early |mid-|late )?(\d{3})0s$")
"""'the 1990s': the decade as a range of years (never a day)."""
_RANGE = re.compile(r"^(?:from |between )?(\d{4})\s*(?:to|until|and|-|–)\s*(\d{4})$")
_MONTH_DAY = re.compile(
    r"^(?:on )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?$|^(?:on )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)$"
)
_WEEKDAY = re.compile(r"^(?:on )?(this|last|next|past|coming)?\s*([a-z]+day)$")
_ORDINAL_PERIOD = re.compile(r"^(?:on )?(?:the )?(?:day|week|month|year|round) \d+$")
"""'day 5', 'week 3': a count within an unnamed period, which no publication date can anchor."""
_REL_YEAR = re.compile(r"^(this|last|next|the coming|the past) (year|month|week)$")


def undated(kind: str = "unresolved") -> DateRef:
    """A date reference with no date: ``unresolved`` (past, before pub date) or ``ongoing``."""
    return DateRef(text="", value="", granularity="", type=kind)


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _weekday(which: str, day: int, pub: dt.date, future: bool) -> dt.date:
    if which in ("next", "coming") or (future and which != "last"):
        return pub + dt.timedelta(days=(day - pub.weekday() - 1) % 7 + 1)
    back = (pub.weekday() - day) % 7
    if back == 0 and which in ("last", "past"):
        back = 7
    return pub - dt.timedelta(days=back)


def _month_day(month: int, day: int, pub: dt.date, future: bool) -> dt.date | None:
    try:
        d = dt.date(pub.year, month, day)
    except ValueError:
        return None
    if not future and d > pub:
        return d.replace(year=pub.year - 1)
    if future and d < pub:
        return d.replace(year=pub.year + 1)
    return d


def _relative_period(which: str, unit: str, pub: dt.date) -> DateRef:
    shift = {"this": 0, "last": -1, "the past": -1, "next": 1, "the coming": 1}[which]
    text = f"{which} {unit}"
    if unit == "year":
        return DateRef(text, _iso(dt.date(pub.year + shift, 1, 1)), "year", "exact")
    if unit == "month":
        m = pub.month - 1 + shift
        return DateRef(text, _iso(dt.date(pub.year + m // 12, m % 12 + 1, 1)), "month", "exact")
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
    return DateRef(text, _iso(monday), "week", "approximate")


def _rules(text: str, t: str, pub: dt.date, future: bool) -> DateRef | None:
    if m := _YEAR_END.match(t):
        year = int(m.group(1)) if m.group(1) else pub.year
        return DateRef(text, _iso(dt.date(year, 12, 31)), "day", "deadline")
    if m := _RANGE.match(t):
        return DateRef(text, f"{m.group(1)}-01-01", "year", "range", end=f"{m.group(2)}-12-31")
    if m := _DECADE.match(t):
        return DateRef(text, f"{m.group(1)}0-01-01", "year", "range", end=f"{m.group(1)}9-12-31")
    if re.fullmatch(r"(?:in )?\d{4}", t):
        return DateRef(text, f"{t[-4:]}-01-01", "year", "exact")
    if m := _REL_YEAR.match(t):
        return _relative_period(m.group(1), m.group(2), pub)
    if (m := _WEEKDAY.match(t)) and m.group(2) in _DAYS:
        d = _weekday(m.group(1) or "", _DAYS[m.group(2)], pub, future)
        return DateRef(text, _iso(d), "day", "exact")
    if m := _MONTH_DAY.match(t):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if month in _MONTHS and (md := _month_day(_MONTHS[month], int(day), pub, future)):
            return DateRef(text, _iso(md), "day", "exact")
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return DateRef(text, _iso(pub), "day", "exact")
    if t in ("yesterday", "last night"):
        return DateRef(text, _iso(pub - dt.timedelta(days=1)), "day", "exact")
    if _VAGUE.match(t):
        return DateRef(text, "", "", "approximate")
    if _ORDINAL_PERIOD.match(t):
        return DateRef(text, "", "", "unresolved")
    return None


@functools.lru_cache(maxsize=8)
def _parser(pub: dt.date, future: bool) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day),
        "REQUIRE_PARTS": [],
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, pub: dt.date, future: bool) -> DateRef:
    try:
        data = _parser(pub, future).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        data = None
    if data is None or data.date_obj is None:
        return DateRef(text, "", "", "unresolved")
    period = data.period if data.period in ("day", "week", "month", "year") else "day"
    d = data.date_obj.date()
    if period == "month":
        d = d.replace(day=1)
    elif period == "year":
        d = d.replace(month=1, day=1)
    return DateRef(text, _iso(d), period, "exact" if period == "day" else "approximate")


@functools.lru_cache(maxsize=16_384)
def resolve(text: str, pub: dt.date, *, future: bool = False) -> DateRef:
    """Resolve one DATE expression against the publication date ``pub``.

    Parameters
    ----------
    text : str
        The DATE span, e.g. ``"this Saturday"``, ``"November 28"``, ``"year-end"``.
    pub : datetime.date
        Publication date of the article.
    future : bool
        Whether the governing verb is future ("will meet on Saturday").

    Examples
    --------
    >>> import datetime as dt
    >>> resolve("this Saturday", dt.date(2019, 12, 9)).value
    '2019-12-07'
    >>> resolve("year-end", dt.date(2019, 12, 9)).type
    'deadline'

    Results are cached (the function is pure and articles repeat their date expressions).
    """
    t = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    t = re.sub(r"'s$", "", t).strip(" ,.")
    if not t:
        return DateRef(text, "", "", "unresolved")
    found = _rules(text, t, pub, future)
    return found if found is not None else _dateparser(text, pub, future)
