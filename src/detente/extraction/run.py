"""File-level entry points used by ``detente ingest``: read, extract, summarise, serialise."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from detente.errors import DetenteError, SettingError
from detente.extraction.actors import load_aliases
from detente.extraction.document import extract
from detente.extraction.draft import draft_scenario
from detente.extraction.issuer import named_issuer
from detente.extraction.text import read_article
from detente.extraction.types import Extraction

__all__ = ["ingest_file", "parse_date", "summary_text", "to_json"]


def parse_date(text: str) -> dt.date:
    """``YYYY-MM-DD`` → date; anything else is a :class:`SettingError` on ``pub_date``."""
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        reason = "expected a date as YYYY-MM-DD"
        raise SettingError(reason, setting="pub_date", value=text) from None
    latest = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)  # publication time zones
    if date > latest:
        reason = "a publication date cannot be in the future"
        raise SettingError(reason, setting="pub_date", value=text)
    return date


def ingest_file(
    path: Path, pub_date: str, aliases: Path | None = None, issuer: str | None = None
) -> Extraction:
    """Read ``path`` (any bytes), extract everything; user problems raise DetenteError.

    ``issuer`` (an actor code or name) is who issued the text; see :func:`extract`.
    """
    date = parse_date(pub_date)
    text, warnings = read_article(path)
    table = load_aliases(aliases)
    if issuer is not None:
        named_issuer(issuer, table)  # a bad issuer is a setting error, not the file's
    try:
        x = extract(text, date, aliases=table, issuer=issuer)
    except DetenteError as exc:
        raise DetenteError(f"{path}: {exc}") from None
    return dataclasses.replace(x, warnings=tuple(warnings) + x.warnings)


def to_json(x: Extraction) -> str:
    """The extraction and its draft scenario as one JSON document."""
    data = x.to_dict()
    data["scenario_draft"] = json.loads(json.dumps(draft_scenario(x), default=str))
    return json.dumps(data, indent=2, ensure_ascii=False)


def _line(date: str, kind: str, text: str) -> str:
    return f"  {date or '—':<12} {kind:<10} {text}"


def summary_text(x: Extraction) -> str:
    """A short plain-text overview: events, claims, positions, deadlines and red lines."""
    out = [
        f"article of {x.pub_date}: {len(x.actors)} actors, {len(x.events)} events, "
        f"{len(x.claims)} claims, {len(x.positions)} positions"
    ]
    out += [f"warning: {w}" for w in x.warnings]
    out.append("events:")
    for e in sorted(x.events, key=lambda e: e.date.value or "9999"):
        arrow = f"{'+'.join(e.source)} → {'+'.join(e.target) or '·'}"
        again = f"  (again: {e.same_as})" if e.same_as else ""
        out.append(_line(e.date.label, e.plover, f"{arrow}  '{e.trigger}'{again}"))
    out.append("claims (not events):")
    out += [_line("", c.kind, f"{c.plover} '{c.trigger}' ({c.reason})") for c in x.claims]
    out.append("positions, deadlines, red lines:")
    out += [
        _line("", p.kind, f"{p.holder} on {p.issue or '?'}: {p.statement}") for p in x.positions
    ]
    out += [_line(d.date.value, "deadline", f"{d.set_by}: {d.description}") for d in x.deadlines]
    out += [_line("", "red line", f"{r.holder}: {r.description}") for r in x.red_lines]
    return "\n".join(out)
