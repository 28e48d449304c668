"""Accumulating one document's records: ids, de-duplication, confidence, actor records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from detente.extraction.actors import AliasTable
from detente.extraction.coder import Coded
from detente.extraction.counterpart import counterpart
from detente.extraction.deadlines import deadline_at
from detente.extraction.mentions import Mentions
from detente.extraction.periods import later, truce_start
from detente.extraction.positions import demand_at, red_line_at
from detente.extraction.types import (
    ActorRecord,
    Claim,
    DateRef,
    DeadlineRecord,
    EventRecord,
    Extraction,
    Position,
    RedLineRecord,
)

__all__ = ["Collector", "confidence"]


def confidence(c: Coded, explicit_source: bool, date: DateRef) -> float:
    """A heuristic 0–1 score: lexicon match, explicit arguments, a day-level date, assertion.

    0.45 for a trigger, +0.15 if the source is in the trigger's own clause (not a fallback),
    +0.1 with a target, +0.15 for a day-level date, +0.1 for a verbal trigger; at most 0.95.
    """
    score = 0.45 + 0.15 * explicit_source + 0.1 * bool(c.target)
    score += 0.15 * (date.granularity == "day") + 0.1 * (c.trigger.pos_ == "VERB")
    return round(min(float(score), 0.95), 2)


@dataclass(slots=True, kw_only=True)
class Collector:
    """Mutable builder of one :class:`Extraction` (real state: a document being read)."""

    text: str
    table: AliasTable
    offset: int = 0
    events: list[EventRecord] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    deadlines: list[DeadlineRecord] = field(default_factory=list)
    red_lines: list[RedLineRecord] = field(default_factory=list)
    seen: set[tuple[Any, ...]] = field(default_factory=set)
    first: dict[tuple[Any, ...], str] = field(default_factory=dict)
    last_holder: str = ""
    lengths: dict[str, tuple[int, str]] = field(default_factory=dict)
    truce_day: dt.date | None = None
    sentence: int = -1
    last_sent: int = -1

    def _span(self, sent: Any) -> tuple[int, int]:
        start = self.offset + sent.start_char
        return (start, start + len(sent.text.rstrip()))

    def _sentence_index(self, sent: Any) -> int:
        key = self.offset + sent.start_char
        if key != self.last_sent:
            self.last_sent, self.sentence = key, self.sentence + 1
        return self.sentence

    def _claim(self, c: Coded, source: tuple[str, ...], date: DateRef, sent: Any) -> None:
        key = ("claim", c.plover, c.trigger.text, sent.text)
        if key in self.seen:
            return
        self.seen.add(key)
        kind = "opinion" if c.reason.startswith("prescription") else c.modality
        cid = f"C{len(self.claims) + 1:02d}"
        span, idx = self._span(sent), self._sentence_index(sent)
        self.claims.append(
            Claim(
                id=cid,
                kind=kind,
                plover=c.plover,
                source=source,
                target=c.target,
                trigger=c.trigger.text,
                text=self.text[span[0] : span[1]],
                char_span=span,
                sentence=idx,
                date=date,
                reason=c.reason,
            )
        )

    def add_coded(self, c: Coded, source: tuple[str, ...], date: DateRef, sent: Any) -> None:
        """Record a coded trigger as an event, or as a claim when not asserted or reported."""
        if c.modality in ("hypothetical", "negated"):
            self._claim(c, source, date, sent)
            return
        sentence = self._sentence_index(sent)
        if not self._fresh(("mention", sentence, c.plover, source, c.target, date.value)):
            return
        day = (c.plover, source, c.target, date.value) if date.granularity == "day" else None
        same = self.first.get(day, "") if day and date.value else ""
        self.last_holder = source[0]
        tok = c.trigger
        self.events.append(
            EventRecord(
                id=f"E{len(self.events) + 1:02d}",
                plover=c.plover,
                mode=c.sense.mode,
                cameo=c.sense.cameo,
                source=source,
                target=c.target,
                trigger=self.text[self.offset + tok.idx : self.offset + tok.idx + len(tok.text)],
                text=self.text[slice(*self._span(sent))],
                char_span=self._span(sent),
                trigger_span=(self.offset + tok.idx, self.offset + tok.idx + len(tok.text)),
                sentence=sentence,
                date=date,
                modality=c.modality,
                same_as=same,
                confidence=confidence(c, bool(c.source), date),
                evidence=f"lexicon:{c.sense.key}({'V' if tok.pos_ == 'VERB' else 'N'})",
                alt_plover=("SANCTION",) if c.sense.cameo == "163" else (),
            )
        )
        if day and date.value and not same:
            self.first[day] = self.events[-1].id

    def _fresh(self, key: tuple[Any, ...]) -> bool:
        """Whether ``key`` is new (and remember it)."""
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def add_positions(self, sent: Any, actors: dict[int, str], pub: dt.date) -> None:
        """Demands, deadlines and red lines anchored in ``sent``."""
        span = self._span(sent)
        for tok in sent:
            d = demand_at(tok, actors, self.last_holder)
            if d and self._fresh(("demand", d["holder"], d["object"])):
                self.last_holder = d["holder"]
                pid = f"P{len(self.positions) + 1:02d}"
                self.positions.append(
                    Position(
                        id=pid,
                        holder=d["holder"],
                        kind="demand",
                        issue=d["issue"],
                        target="",
                        statement=d["object"],
                        char_span=span,
                        condition=d["condition"],
                    )
                )
            dl = deadline_at(tok, actors, pub)
            if dl and self._fresh((dl["date"].value, dl["set_by"])):
                did = f"D{len(self.deadlines) + 1:02d}"
                self.deadlines.append(
                    DeadlineRecord(did, dl["date"], dl["set_by"], dl["description"], span)
                )
                if "length" in dl:
                    self.lengths[did] = dl["length"]
            self.truce_day = self.truce_day or truce_start(tok, pub)
            rl = red_line_at(tok, actors)
            if rl and self._fresh(("red", rl["holder"], rl["description"])):
                rid = f"R{len(self.red_lines) + 1:02d}"
                self.red_lines.append(RedLineRecord(rid, rl["holder"], rl["description"], span))

    def _actors(self, state: Mentions) -> tuple[ActorRecord, ...]:
        grouped: dict[str, list[tuple[str, int, int]]] = {}
        for code, text, start, end in state.spans:
            grouped.setdefault(code, []).append((text, start, end))
        for ev in self.events:  # an issuer the user gave acts without being named
            for code in (*ev.source, *ev.target):
                grouped.setdefault(code, [])
        out = []
        for code in sorted(grouped, key=lambda k: (-len(grouped[k]), k)):
            e = self.table.entry(code)
            texts = tuple(dict.fromkeys(t for t, _, _ in grouped[code]))
            out.append(
                ActorRecord(
                    code,
                    e.name if e else code,
                    e.type if e else "state",
                    texts,
                    tuple((s, t) for _, s, t in grouped[code]),
                )
            )
        return tuple(out)

    def _counted_from_start(self) -> tuple[DeadlineRecord, ...]:
        """Deadlines, truce lengths counted from the day the text says the truce takes effect.

        That day is :func:`~detente.extraction.periods.truce_start`'s; without it, as read.
        """
        out: list[DeadlineRecord] = []
        seen: set[tuple[str, str]] = set()
        for d in self.deadlines:
            if d.id in self.lengths and self.truce_day is not None:
                end = later(self.truce_day, *self.lengths[d.id])
                if end is not None:
                    d = replace(d, date=replace(d.date, value=end.isoformat()))
            if (d.date.value, d.set_by) not in seen:
                seen.add((d.date.value, d.set_by))
                out.append(d)
        return tuple(out)

    def finish(self, pub: dt.date, state: Mentions, info: dict[str, Any]) -> Extraction:
        """The finished extraction; demands get the main counterpart as their target."""
        positions = tuple(
            Position(
                id=p.id,
                holder=p.holder,
                kind=p.kind,
                issue=p.issue,
                target=counterpart(state.spans, p.holder),
                statement=p.statement,
                char_span=p.char_span,
                condition=p.condition,
            )
            for p in self.positions
        )
        return Extraction(
            pub_date=pub,
            text=self.text,
            actors=self._actors(state),
            events=tuple(self.events),
            claims=tuple(self.claims),
            positions=positions,
            deadlines=self._counted_from_start(),
            red_lines=tuple(self.red_lines),
            warnings=(),
            document=info,
        )
