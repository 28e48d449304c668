"""Scoring the coder on PETRARCH2's unit-test records [PETRARCH2], like ``gsr.py`` for PLOVER.

The records (``PETR.UnitTest.records.xml``, MIT licence) are 284 mostly stylised sentences about
fictional states (Arnor, Gondor, …) with gold CAMEO codings (source, target, event code)
[Schrodt2012].  They are coded with an actor table made from PETRARCH's own validation dictionary
(:mod:`~detente.extraction.petr_dictionary`), not detente's.  Nothing of them is shipped.

* **Split**, fixed before any change to the coder: the last digit in a record's id decides, even
  for the development half, odd for the held-out half ("SYNSET-22b" counts as 2, so the lettered
  variants of one sentence stay in one half; the closing record, whose id has no digit, is
  development).
* **Scored records** have at least one gold coding whose event code has a CAMEO root 01–20.
  PETRARCH's test-only codes (345, 8xx, 9xx: synonym-set checks of its own verb dictionary) and
  records expecting an error or a discard are not scored; records expecting no event are counted
  apart (how many get an event all the same).
* **One prediction per record**: the main event (the trigger closest to the root, as for the
  PLOVER records).  A record with several gold codings is right when the prediction matches one
  of them.  Its CAMEO code is the lexicon's code for the trigger, or, when modality changed the
  type (a refused act is REJECT, stated intent AGREE or THREATEN), that type's CAMEO root.
* **Type** (16 types): each gold code goes through the CAMEO→PLOVER 2021 table [PLOVER] in
  detente's grouping (:data:`CAMEO_TYPE`, the longest matching prefix wins; CAMEO 02 *appeal* is
  REQUEST, as PLOVER merges appeals and demands; CAMEO 01, plain statements, has no type).
* **Source and target** are right when a predicted code is the root of a gold code of the record
  ("ARNGOV" is ARN); records whose gold codes are all null ("---") are not counted.  A record with
  no event is wrong on every measure.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from detente.extraction.actors import AliasTable
from detente.extraction.coder import Coded, code_sentence, main_event
from detente.extraction.lexicon import words
from detente.extraction.mentions import doc_actors, new_mentions
from detente.extraction.nlp import load_pipeline
from detente.extraction.petr_dictionary import PetrActor, actor_table, root

__all__ = [
    "CAMEO_TYPE",
    "PetrCoding",
    "PetrRecord",
    "PetrScore",
    "cameo_type",
    "code_records",
    "evaluate",
    "load_petr",
    "predicted_cameo",
]

CAMEO_TYPE: dict[str, str] = {
    k: v
    for k, _, v in (
        p.partition(":")
        for p in words(
            "02:REQUEST 03:AGREE 04:CONSULT 05:SUPPORT 06:COOPERATE 07:AID 08:CONCEDE 09:ACCUSE "
            "10:REQUEST 11:ACCUSE 12:REJECT 13:THREATEN 14:PROTEST 15:MOBILIZE 16:SANCTION "
            "17:COERCE 18:ASSAULT 19:ASSAULT 20:ASSAULT 084:RETREAT 085:RETREAT 086:RETREAT "
            "087:RETREAT 0813:RETREAT 0814:RETREAT 163:COERCE 1712:ASSAULT 175:ASSAULT "
            "191:COERCE 192:COERCE"
        )
    )
}
"""CAMEO code prefix → 16-type label (the CAMEO→PLOVER 2021 table, detente's grouping)."""
TYPE_ROOT: dict[str, str] = {
    t: r
    for r, _, t in (
        p.partition(":")
        for p in words(
            "03:AGREE 04:CONSULT 05:SUPPORT 06:COOPERATE 07:AID 08:CONCEDE 08:RETREAT 11:ACCUSE "
            "10:REQUEST 12:REJECT 13:THREATEN 14:PROTEST 15:MOBILIZE 16:SANCTION 17:COERCE "
            "19:ASSAULT"
        )
    )
}
"""The CAMEO root of a type, for events whose type modality changed."""


@dataclass(frozen=True, slots=True)
class PetrCoding:
    """One gold coding: source and target actor codes, CAMEO event code."""

    source: str
    target: str
    event: str

    @property
    def cameo_root(self) -> str | None:
        """The two-digit CAMEO root, or None for PETRARCH's test-only codes."""
        r = self.event[:2]
        return r if r.isdigit() and 1 <= int(r) <= 20 and len(self.event) >= 3 else None


@dataclass(frozen=True, slots=True)
class PetrRecord:
    """One unit-test sentence with its gold codings (``expect``: events, noevents or error)."""

    id: str
    date: dt.date
    text: str
    codings: tuple[PetrCoding, ...]
    expect: str

    @property
    def scored(self) -> tuple[PetrCoding, ...]:
        """The codings with a CAMEO root (the ones scored)."""
        return tuple(c for c in self.codings if c.cameo_root)


@dataclass(frozen=True, slots=True, kw_only=True)
class PetrScore:
    """Figures on one half (see the module docstring)."""

    n: int
    root: float
    acc: float
    source: float
    n_source: int
    target: float
    n_target: int
    dyad: float
    """Records where one gold coding has both the predicted source and target roots."""
    coverage: float
    noevents: int
    noevents_coded: int
    unscored: int
    pairs: tuple[tuple[str, str], ...]
    errors: tuple[str, ...]


def cameo_type(code: str) -> str | None:
    """The 16-type label of a CAMEO code (longest prefix in :data:`CAMEO_TYPE`)."""
    for k in range(len(code), 1, -1):
        if code[:k] in CAMEO_TYPE:
            return CAMEO_TYPE[code[:k]]
    return None


def _half(rec_id: str, half: str) -> bool:
    digits = re.findall(r"\d", rec_id)
    odd = bool(digits) and int(digits[-1]) % 2 == 1
    return half == "all" or (half == "test") == odd


def _record(s: ET.Element) -> PetrRecord:
    codings = tuple(
        PetrCoding(e.get("sourcecode", ""), e.get("targetcode", ""), e.get("eventcode", ""))
        for e in s.findall("EventCoding")
        if e.get("eventcode")
    )
    flags = [e.attrib for e in s.findall("EventCoding")]
    expect = "error" if any("error" in f for f in flags) else "events" if codings else "noevents"
    raw = s.get("date", "19000101").strip()
    return PetrRecord(
        id=s.get("id", "").strip(),
        date=dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])),
        text=" ".join((s.findtext("Text") or "").split()),
        codings=codings,
        expect=expect,
    )


def load_petr(path: Path, half: str = "test") -> list[PetrRecord]:
    """The records of one half (``dev``, ``test`` or ``all``), in file order."""
    tree = ET.parse(path)  # a local file the user keeps (MIT-licensed test data)
    return [_record(s) for s in tree.getroot().iter("Sentence") if _half(s.get("id", ""), half)]


def predicted_cameo(c: Coded) -> str:
    """The CAMEO code of a coded event: the lexicon's, or its type's root if modality retyped it."""
    return c.sense.cameo if c.plover == c.sense.plover else TYPE_ROOT[c.plover]


def code_records(records: list[PetrRecord], actors: list[PetrActor]) -> list[Coded | None]:
    """The main event of each record, coded with the actor table for the record's date.

    Records are grouped by table (date restrictions give only a few distinct tables), so each
    table's pipeline is built once.
    """
    groups: dict[AliasTable, list[int]] = {}
    for i, rec in enumerate(records):
        groups.setdefault(actor_table(actors, rec.date), []).append(i)
    out: list[Coded | None] = [None] * len(records)
    for table, idx in groups.items():
        docs = load_pipeline(table).pipe(records[i].text for i in idx)
        for i, doc in zip(idx, docs, strict=True):
            found = doc_actors(doc, 0, new_mentions(table))
            out[i] = main_event([c for s in doc.sents for c in code_sentence(s, found)])
    return out


def _gold_type(rec: PetrRecord, pred: str | None) -> str:
    types = [t for c in rec.scored if (t := cameo_type(c.event))]
    return pred if pred in types else (types[0] if types else "(none)")


def _roots(codes: list[str]) -> set[str]:
    return {r for c in codes if (r := root(c))}


def _dyad(gold: PetrCoding, c: Coded) -> bool:
    return root(gold.source) in c.source and root(gold.target) in c.target


def evaluate(records: list[PetrRecord], actors: list[PetrActor]) -> PetrScore:
    """Code every record with the table of ``actors`` for its date, and score it."""
    noevents = [r for r in records if r.expect == "noevents"]
    scored = [r for r in records if r.scored]
    pairs: list[tuple[str, str]] = []
    hits = dict.fromkeys(("root", "fired", "src", "tgt", "n_src", "n_tgt", "dyad"), 0)
    errors: list[str] = []
    for rec, best in zip(scored, code_records(scored, actors), strict=True):
        cameo = predicted_cameo(best) if best else ""
        pred = best.plover if best else "(none)"
        right = any(cameo[:2] == c.event[:2] for c in rec.scored)
        hits["fired"] += best is not None
        hits["root"] += right
        hits["dyad"] += best is not None and any(_dyad(c, best) for c in rec.scored)
        pairs.append((_gold_type(rec, pred), pred))
        for key, gold, got in (
            ("src", _roots([c.source for c in rec.scored]), best.source if best else ()),
            ("tgt", _roots([c.target for c in rec.scored]), best.target if best else ()),
        ):
            hits[f"n_{key}"] += bool(gold)
            hits[key] += bool(gold & set(got))
        if not right:
            gold_codes = " ".join(f"{c.source}>{c.target}:{c.event}" for c in rec.scored)
            trig = best.trigger.text if best else "-"
            errors.append(f"{rec.id:18s} {gold_codes} <- {cameo or '-'} {pred} [{trig}]")
    n = max(1, len(scored))
    return PetrScore(
        n=len(scored),
        root=hits["root"] / n,
        acc=sum(g == p for g, p in pairs) / n,
        source=hits["src"] / max(1, hits["n_src"]),
        n_source=hits["n_src"],
        target=hits["tgt"] / max(1, hits["n_tgt"]),
        n_target=hits["n_tgt"],
        dyad=hits["dyad"] / n,
        coverage=hits["fired"] / n,
        noevents=len(noevents),
        noevents_coded=sum(c is not None for c in code_records(noevents, actors)),
        unscored=len(records) - len(scored) - len(noevents),
        pairs=tuple(pairs),
        errors=tuple(errors),
    )
