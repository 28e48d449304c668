"""Frozen records produced by event extraction (see ``docs/explanation/extraction.md``).

Every record keeps character offsets into the *cleaned* text (``Extraction.text``), so an analyst
can always go back to the evidence.  ``to_dict`` gives plain JSON-able values in the shape of
``docs/explanation/extraction.md``
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "SCHEMA",
    "ActorRecord",
    "Claim",
    "DateRef",
    "DeadlineRecord",
    "EventRecord",
    "Extraction",
    "Position",
    "RedLineRecord",
]

SCHEMA = "detente-event-extraction/0.1"

DATE_TYPES = ("exact", "approximate", "range", "ongoing", "unresolved", "deadline")
GRANULARITIES = ("day", "week", "month", "quarter", "year", "")


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression resolved against the publication date.

    ``value`` is ISO ``YYYY-MM-DD`` (the first day of the period for month/year granularity) or
    empty when unresolved; ``end`` is set for ranges.
    """

    text: str
    value: str
    granularity: str
    type: str
    end: str = ""

    def __post_init__(self) -> None:
        if self.type not in DATE_TYPES:
            raise ValueError(f"date type {self.type!r} is not one of {DATE_TYPES}")
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"granularity {self.granularity!r} is not one of {GRANULARITIES}")

    @property
    def label(self) -> str:
        """Short display form: ``2019-12-07``, ``2019-11``, ``2017`` or the date type."""
        if not self.value:
            return self.type
        cut = {"year": 4, "month": 7}.get(self.granularity, 10)
        return self.value[:cut]

    @property
    def date(self) -> dt.date | None:
        """The resolved date, or None when unresolved."""
        return dt.date.fromisoformat(self.value) if self.value else None


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """A normalised actor: ISO 3166 alpha-3 code for states, an IGO/NGO code otherwise."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRecord:
    """A PLOVER event mention: who did what to whom, when, with the evidence span.

    Every mention is kept.  A later mention with the same type, source, target and day-level
    date as an earlier one points to it with ``same_as`` (one event told twice); undated
    mentions are never taken for the same event.  Within one sentence, a repeat of the same
    type, actors and date is the same mention and is not kept twice.
    """

    id: str
    plover: str
    mode: str
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: str
    text: str
    char_span: tuple[int, int]
    trigger_span: tuple[int, int]
    sentence: int
    date: DateRef
    modality: str
    confidence: float
    evidence: str
    alt_plover: tuple[str, ...] = ()
    same_as: str = ""
    """Id of an earlier mention of the same event (same type, actors and day), or empty."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A statement that is not an event: hypothetical, conditional, negated or the author's view."""

    id: str
    kind: str
    plover: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: str
    text: str
    char_span: tuple[int, int]
    sentence: int
    date: DateRef
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """A stated position: ``kind`` is demand, condition, grievance or rejection."""

    id: str
    holder: str
    kind: str
    issue: str
    target: str
    statement: str
    char_span: tuple[int, int]
    condition: str = ""


@dataclass(frozen=True, slots=True)
class DeadlineRecord:
    """A deadline with its resolved date, who set it and the evidence span."""

    id: str
    date: DateRef
    set_by: str
    description: str
    char_span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class RedLineRecord:
    """An action an actor has declared unacceptable, with the evidence span."""

    id: str
    holder: str
    description: str
    char_span: tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything extracted from one document."""

    pub_date: dt.date
    text: str
    actors: tuple[ActorRecord, ...]
    events: tuple[EventRecord, ...]
    claims: tuple[Claim, ...]
    positions: tuple[Position, ...]
    deadlines: tuple[DeadlineRecord, ...]
    red_lines: tuple[RedLineRecord, ...]
    warnings: tuple[str, ...] = ()
    document: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dictionary (the cleaned text itself is left out)."""
        doc = {"pub_date": self.pub_date.isoformat(), **self.document}
        data = asdict(self)
        return {
            "schema": SCHEMA,
            "document": doc,
            "warnings": list(self.warnings),
            **{
                k: data[k]
                for k in ("actors", "events", "claims", "positions", "deadlines", "red_lines")
            },
        }
