"""Scoring the coder on the PLOVER gold-standard records (GSR) [PLOVER].

The split is fixed by ``docs/explanation/extraction.md``: a record whose id ends in an even digit is
in the development half, odd in the held-out half.  GSR labels (PLOVER 0.5b1) are mapped to the
16 types: DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT.  Source/target
accuracy counts a sentence as right when a predicted code is among the gold codes (IGO and NGO
actors compare by their type, as the GSR codes them).  The GSR itself is CC BY-SA 4.0 and is read
from where the user keeps it; it is not shipped.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.extraction.actors import AliasTable, load_aliases
from detente.extraction.coder import code_sentence, main_event
from detente.extraction.lexicon import QUAD
from detente.extraction.mentions import doc_actors, new_mentions
from detente.extraction.nlp import load_pipeline

__all__ = ["BASELINES", "GsrRecord", "Score", "evaluate", "load_gsr"]

LABEL_MAP = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
FALLBACK = "AGREE"
"""Predicted when no trigger fires: the most frequent type in the development half."""

BASELINES: dict[str, tuple[float | None, float | None, float | None]] = {
    "A. PETRARCH2 CAMEO verb dictionary (whole GSR)": (0.447, 0.420, 0.581),
    "B. MiniLM zero-shot (whole GSR)": (0.379, 0.353, 0.578),
    "C. MiniLM + logistic regression, 5-fold CV": (0.494, 0.363, 0.696),
    "A, else F: best hybrid without training": (0.475, None, None),
    "spec target for a rule-based design (estimate)": (0.65, None, 0.775),
}
"""Measured baselines from ``docs/explanation/extraction.md`` (acc-16, macro-F1, quad)."""


@dataclass(frozen=True, slots=True)
class GsrRecord:
    """One gold sentence: id, text, 16-type label, gold source and target codes."""

    id: str
    text: str
    label: str
    source: frozenset[str]
    target: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """Accuracy figures on one half."""

    n: int
    acc: float
    macro_f1: float
    quad: float
    source: float
    n_source: int
    target: float
    n_target: int
    coverage: float
    errors: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...] = ()
    """(gold, predicted) type of every sentence, for per-type figures and the confusion matrix."""


def _codes(raw: Any) -> frozenset[str]:
    if isinstance(raw, list):
        return frozenset(str(a.get("code", "")) for a in raw if isinstance(a, dict))
    return frozenset()


def load_gsr(path: Path, half: str = "test") -> list[GsrRecord]:
    """Records of one half (``dev``, ``test`` or ``all``), DOCUMENT headers skipped."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for r in data:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        odd = int(r["id"][-1]) % 2 == 1
        if half == "all" or (half == "test") == odd:
            label = LABEL_MAP.get(r["event"], r["event"])
            out.append(
                GsrRecord(
                    r["id"], r["text"], label, _codes(r.get("source")), _codes(r.get("target"))
                )
            )
    return out


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = sorted({g for g, _ in pairs})
    f1s = []
    for lab in labels:
        tp = sum(g == p == lab for g, p in pairs)
        fp = sum(p == lab and g != lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _norm(codes: tuple[str, ...], table: AliasTable) -> set[str]:
    out = set()
    for c in codes:
        e = table.entry(c)
        out.add(e.type.upper() if e is not None and e.type in ("igo", "ngo") else c)
    return out


def evaluate(records: list[GsrRecord], table: AliasTable | None = None) -> Score:
    """Code every record and score type, quad class, source and target."""
    table = table or load_aliases()
    nlp = load_pipeline(table)
    pairs: list[tuple[str, str]] = []
    src_hits: list[bool] = []
    tgt_hits: list[bool] = []
    errors: list[str] = []
    fired = 0
    for rec, doc in zip(records, nlp.pipe(r.text for r in records), strict=True):
        actors = doc_actors(doc, 0, new_mentions(table))
        best = main_event([c for s in doc.sents for c in code_sentence(s, actors)])
        fired += best is not None
        pred = best.plover if best else FALLBACK
        pairs.append((rec.label, pred))
        if rec.source:
            src_hits.append(bool(best and _norm(best.source, table) & rec.source))
        if rec.target:
            tgt_hits.append(bool(best and _norm(best.target, table) & rec.target))
        if pred != rec.label:
            trig = best.trigger.text if best else "-"
            errors.append(f"{rec.label:9s} <- {pred:9s} [{trig}] {rec.text[:150]}")
    n = len(pairs)
    return Score(
        n=n,
        acc=sum(g == p for g, p in pairs) / n,
        macro_f1=_macro_f1(pairs),
        quad=sum(QUAD[g] == QUAD[p] for g, p in pairs) / n,
        source=sum(src_hits) / max(1, len(src_hits)),
        n_source=len(src_hits),
        target=sum(tgt_hits) / max(1, len(tgt_hits)),
        n_target=len(tgt_hits),
        coverage=fired / n,
        errors=tuple(errors),
        pairs=tuple(pairs),
    )


def label_counts(records: list[GsrRecord]) -> Counter[str]:
    """How many records carry each 16-type label."""
    return Counter(r.label for r in records)
