"""Checks of a scenario's crisis context (deadlines, red lines, events) against the rest of it.

Run on the raw document, so that each problem names its line and field.  Errors:

- two deadlines with the same id;
- the final (latest) deadline dated before ``as_of``: nothing is left to negotiate against;
- a deadline's ``set_by`` or a red line's ``holder`` that is not an actor id (nor an alias);
- a ``source`` that is not the key of an entry of ``sources``.

Warnings (legitimate, but worth a look): an earlier deadline that had passed by ``as_of``, an
event dated after ``as_of`` (information the analyst could not have had on that date, unless it
was scheduled), and an event whose ``actor`` or ``target`` is not an actor id nor an alias (an
outside party may act, but a typo would otherwise pass unseen).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from detente.errors import Problem
from detente.io.located import Located

__all__ = ["as_date", "context_problems", "context_warnings"]

_SECTIONS = ("deadlines", "red_lines", "events")


def as_date(value: Any) -> dt.date | None:
    """``value`` as a date: a date, a datetime's date or an ISO ``YYYY-MM-DD`` text; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(key)
    if not isinstance(items, list):
        return []
    return [(i, x) for i, x in enumerate(items) if isinstance(x, dict)]


def _names(data: dict[str, Any], key: str, *fields: str) -> set[str]:
    """Every text (or list of texts) under ``fields`` of the items of ``data[key]``."""
    out: set[str] = set()
    for _, item in _items(data, key):
        for field in fields:
            value = item.get(field)
            values = value if isinstance(value, list) else [value]
            out.update(v.strip() for v in values if isinstance(v, str))
    return out


def _duplicate_deadlines(doc: Located) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, item in _items(doc.data, "deadlines"):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident.strip() in seen:
            first = seen[ident.strip()]
            msg = f"duplicate deadline id {ident.strip()!r} (also deadlines[{first}])"
            out.append(doc.problem(("deadlines", i, "id"), msg))
        seen.setdefault(ident.strip(), i)
    return out


def _final_deadline(doc: Located, as_of: dt.date) -> list[Problem]:
    dated = [(d, i) for i, x in _items(doc.data, "deadlines") if (d := as_date(x.get("date")))]
    if not dated:
        return []
    last, i = max(dated)
    if last >= as_of:
        return []
    msg = (
        f"the final deadline ({last}) is before as_of ({as_of}): no deadline is left; "
        "move as_of back or add the deadline that is still ahead"
    )
    return [doc.problem(("deadlines", i, "date"), msg)]


def _references(doc: Located) -> list[Problem]:
    actors = _names(doc.data, "actors", "id", "aliases")
    sources = _names(doc.data, "sources", "key")
    out = []
    for key, field in (("deadlines", "set_by"), ("red_lines", "holder")):
        for i, item in _items(doc.data, key):
            who = item.get(field)
            if isinstance(who, str) and who.strip() and who.strip() not in actors:
                msg = f"{field} {who.strip()!r} is not an actor of this scenario"
                out.append(doc.problem((key, i, field), msg))
    for key in _SECTIONS:
        for i, item in _items(doc.data, key):
            src = item.get("source")
            if isinstance(src, str) and src.strip() and src.strip() not in sources:
                known = ", ".join(sorted(sources)) or "none defined"
                msg = f"source {src.strip()!r} is not a key of sources (keys: {known})"
                out.append(doc.problem((key, i, "source"), msg))
    return out


def context_problems(doc: Located) -> list[Problem]:
    """The errors of the context sections of ``doc`` (see the module docstring)."""
    if not isinstance(doc.data, dict):
        return []
    out = _duplicate_deadlines(doc) + _references(doc)
    as_of = as_date(doc.data.get("as_of"))
    if as_of is not None:
        out += _final_deadline(doc, as_of)
    return out


def context_warnings(doc: Located) -> list[Problem]:
    """The warnings of the context sections of ``doc`` (see the module docstring)."""
    if not isinstance(doc.data, dict):
        return []
    as_of = as_date(doc.data.get("as_of"))
    return _outside_parties(doc) + ([] if as_of is None else _late(doc, as_of))


def _outside_parties(doc: Located) -> list[Problem]:
    actors = _names(doc.data, "actors", "id", "aliases")
    out = []
    for i, item in _items(doc.data, "events"):
        for field in ("actor", "target"):
            who = item.get(field)
            if isinstance(who, str) and who.strip() and who.strip() not in actors:
                msg = f"{field} {who.strip()!r} is not an actor of this scenario (a typo?)"
                out.append(doc.problem(("events", i, field), msg))
    return out


def _late(doc: Located, as_of: dt.date) -> list[Problem]:
    out = []
    deadlines = [(d, i) for i, x in _items(doc.data, "deadlines") if (d := as_date(x.get("date")))]
    final = max(deadlines)[0] if deadlines else None
    for date, i in sorted(deadlines, key=lambda t: t[1]):
        if date < as_of and final is not None and final >= as_of:
            msg = f"deadline {date} had already passed on as_of ({as_of})"
            out.append(doc.problem(("deadlines", i, "date"), msg))
    for i, item in _items(doc.data, "events"):
        when = as_date(item.get("date"))
        if when is not None and when > as_of:
            msg = f"event dated {when}, after as_of ({as_of}): was it known then?"
            out.append(doc.problem(("events", i, "date"), msg))
    return out
