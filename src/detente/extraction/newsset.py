"""Scoring the extractor on hand-annotated news texts (mention level), like ``gsr.py`` for PLOVER.

The texts are 30 public news reports and official statements (``news-dev``: VOA, US government and
UN texts about many crises) that the user keeps outside the repository; the annotations are ours
(``tests/reference/news/annotations.jsonl``), made to the guideline in
``docs/explanation/extraction.md``.  Texts whose number is even are the held-out test part, odd
ones the development part (fixed before any change to the code).

Scoring (all figures are over mentions, not documents):

* A **gold event** is one (sentence, source, target, type) mention.  ``source`` and ``target`` are
  lists of acceptable codes; a prediction matches when it shares a code with each (``[]``: no
  target; ``None``: the target is not scored).  ``alt`` lists other acceptable types.
* A **predicted event** is placed by its trigger's character offset, mapped from the cleaned text
  back to the stored text.  Predictions are de-duplicated by (sentence, source, target, type).
* **Strict** matching needs the sentence, source, target and type; **untyped** ignores the type.
  Matching is one to one, greedy in text order, preferring the prediction whose trigger overlaps
  the gold trigger.
* A **claim** (hypothetical, conditional, negated, opinion or future statement) **leaks** when a
  prediction that matches no gold event (untyped) has its trigger inside the claim's span.
* A **deadline** is found when a predicted deadline of the same text has the same date.
* **Dates** are scored on strict matches whose gold date is known: the predicted ISO value must
  begin with the gold value (``2013-08`` accepts any day in August 2013).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "Gold",
    "NewsScore",
    "Predicted",
    "fold_of",
    "half_of",
    "issuer_of",
    "load_gold",
    "predict",
    "score",
]


FOLD_A = ("Syria", "Iran", "Israel-Gaza", "South China Sea")
"""Crisis families of development fold A (errors are read on it); the others are fold B."""
ISSUING_GENRES = ("official statement", "press release")
"""Genres whose publisher is passed as the issuer (not wire stories or meeting coverage)."""


def fold_of(meta: dict[str, Any]) -> str:
    """``A`` or ``B``: the development fold of a text, by its crisis family (``meta["crisis"]``)."""
    return "A" if str(meta["crisis"]).startswith(FOLD_A) else "B"


def issuer_of(meta: dict[str, Any]) -> str | None:
    """The issuer a user would pass: the publisher of an official statement or press release.

    Parenthetical notes ("(DipNote blog)") are dropped; the rest is resolved by
    :func:`~detente.extraction.issuer.named_issuer` ("U.S. Department of State" is USA).
    """
    if meta.get("genre") not in ISSUING_GENRES:
        return None
    return re.sub(r"\s*\([^)]*\)", "", str(meta["publisher"])).strip() or None


def half_of(doc: str) -> str:
    """``test`` for texts with an even number (``02-…``), ``dev`` for odd ones."""
    return "test" if int(doc.split("-", 1)[0]) % 2 == 0 else "dev"


@dataclass(frozen=True, slots=True)
class Gold:
    """All annotations of one text (records as read from the JSONL file)."""

    doc: str
    events: tuple[dict[str, Any], ...]
    claims: tuple[dict[str, Any], ...]
    deadlines: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """What the extractor found in one text, with offsets in the stored (raw) text."""

    doc: str
    events: tuple[tuple[int, frozenset[str], frozenset[str], str, str], ...]
    deadlines: tuple[tuple[str, str], ...]


def load_gold(path: Path, half: str = "test") -> list[Gold]:
    """Annotations of one part (``dev``, ``test`` or ``all``), grouped by text."""
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["kind"] == "header" or (half != "all" and half_of(rec["doc"]) != half):
            continue
        kinds = by_doc.setdefault(rec["doc"], {"event": [], "claim": [], "deadline": []})
        kinds[rec["kind"]].append(rec)
    return [
        Gold(d, tuple(k["event"]), tuple(k["claim"]), tuple(k["deadline"]))
        for d, k in sorted(by_doc.items())
    ]


def _offset_map(cleaned: str, raw: str) -> list[int]:
    """For each position in ``cleaned``, the corresponding position in ``raw``."""
    out = [-1] * (len(cleaned) + 1)
    matcher = difflib.SequenceMatcher(None, cleaned, raw, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size + 1):
            out[a + k] = b + k
    last = 0
    for i, v in enumerate(out):  # positions inside replaced runs take the previous anchor
        last = out[i] = v if v >= 0 else last
    return out


def predict(doc: str, raw: str, pub_date: dt.date, extract: Any, **kw: Any) -> Predicted:
    """Run ``extract(raw, pub_date, **kw)`` and express its events in raw-text offsets."""
    x = extract(raw, pub_date, **kw)
    where = _offset_map(x.text, raw)
    events = tuple(
        (
            where[e.trigger_span[0]],
            frozenset(e.source),
            frozenset(e.target),
            e.plover,
            e.date.value,
        )
        for e in x.events
    )
    deadlines = tuple((d.date.value, d.set_by) for d in x.deadlines)
    return Predicted(doc, events, deadlines)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewsScore:
    """Mention-level figures on one part of the news set."""

    texts: int
    gold: int
    predicted: int
    hits: int
    strict: tuple[float, float, float]
    untyped: tuple[float, float, float]
    claims: int
    claims_leaked: int
    deadlines: int
    deadlines_found: int
    deadlines_predicted: int
    dates_scored: int
    dates_right: int
    by_type: dict[str, tuple[int, int, int]]
    confusion: dict[tuple[str, str], int]
    errors: tuple[str, ...]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _codes_match(gold: list[str] | None, pred: frozenset[str]) -> bool:
    if gold is None:
        return True
    return bool(set(gold) & pred) if gold else not pred


def _fits(g: dict[str, Any], p: tuple[Any, ...], typed: bool) -> bool:
    start, end = g["sentence"]
    if not start <= p[0] < end:
        return False
    if not (_codes_match(g["source"], p[1]) and _codes_match(g["target"], p[2])):
        return False
    return not typed or p[3] in (g["type"], *g["alt"])


def _match(gold: Iterable[dict[str, Any]], preds: list[tuple[Any, ...]], typed: bool) -> list[Any]:
    """One-to-one (gold, pred index) pairs, greedy in text order."""
    free = set(range(len(preds)))
    pairs = []
    for g in sorted(gold, key=lambda g: g["trigger"][0]):
        cands = [i for i in sorted(free) if _fits(g, preds[i], typed)]
        if not cands:
            continue
        ts, te = g["trigger"]
        best = next((i for i in cands if ts <= preds[i][0] < te), cands[0])
        free.discard(best)
        pairs.append((g, best))
    return pairs


def _dedupe(events: tuple[tuple[Any, ...], ...], gold: Gold) -> list[tuple[Any, ...]]:
    """Predictions, one per (sentence, source, target, type); sentences from the gold spans."""
    spans = [tuple(g["sentence"]) for g in gold.events + gold.deadlines]
    seen: set[Any] = set()
    out = []
    for e in sorted(events):
        sent = next((s for s in spans if s[0] <= e[0] < s[1]), (e[0], e[0]))
        key = (sent, e[1], e[2], e[3])
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def score(pairs: list[tuple[Gold, Predicted]]) -> NewsScore:
    """Score predictions against the gold annotations of the same texts."""
    n_gold = n_pred = tp = tp_untyped = leaks = n_claims = 0
    dl = dl_found = dl_pred = dates = dates_ok = 0
    per: Counter[tuple[str, str]] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[str] = []
    for gold, pred in pairs:
        preds = _dedupe(pred.events, gold)
        n_gold, n_pred = n_gold + len(gold.events), n_pred + len(preds)
        strict = _match(gold.events, preds, typed=True)
        loose = _match(gold.events, preds, typed=False)
        tp, tp_untyped = tp + len(strict), tp_untyped + len(loose)
        for g, i in strict:
            per[(g["type"], "tp")] += 1
            if g["date"]:
                dates += 1
                dates_ok += preds[i][4].startswith(g["date"])
        hit = {id(g) for g, _ in strict}
        per.update((g["type"], "fn") for g in gold.events if id(g) not in hit)
        used = {i for _, i in strict}
        per.update((p[3], "fp") for i, p in enumerate(preds) if i not in used)
        for g, i in loose:
            confusion[(g["type"], preds[i][3])] += 1
        matched = {i for _, i in loose}
        confusion.update(("(none)", p[3]) for i, p in enumerate(preds) if i not in matched)
        found = {id(g) for g, _ in loose}
        confusion.update((g["type"], "(none)") for g in gold.events if id(g) not in found)
        for c in gold.claims:
            n_claims += 1
            bad = [
                p
                for i, p in enumerate(preds)
                if i not in matched and c["span"][0] <= p[0] < c["span"][1]
            ]
            leaks += bool(bad)
            errors += [
                f"{gold.doc}: claim {c['trigger_text']!r} emitted as {p[3]}" for p in bad[:1]
            ]
        dates_pred = {d for d, _ in pred.deadlines}
        dl, dl_pred = dl + len(gold.deadlines), dl_pred + len(pred.deadlines)
        dl_found += sum(d["date"] in dates_pred for d in gold.deadlines)
    by_type = {
        t: (per[(t, "tp")], per[(t, "fp")], per[(t, "fn")]) for t in sorted({t for t, _ in per})
    }
    return NewsScore(
        texts=len(pairs),
        gold=n_gold,
        predicted=n_pred,
        hits=tp,
        strict=_prf(tp, n_pred, n_gold),
        untyped=_prf(tp_untyped, n_pred, n_gold),
        claims=n_claims,
        claims_leaked=leaks,
        deadlines=dl,
        deadlines_found=dl_found,
        deadlines_predicted=dl_pred,
        dates_scored=dates,
        dates_right=dates_ok,
        by_type=by_type,
        confusion=dict(confusion),
        errors=tuple(errors),
    )


def evaluate(
    folder: Path,
    annotations: Path,
    half: str = "test",
    *,
    fold: str | None = None,
    issuer: bool = True,
) -> tuple[NewsScore, list[Any]]:
    """Extract every text of one part from ``folder`` and score it; also returns the pairs.

    ``fold`` (``A`` or ``B``) keeps only that fold's texts (:func:`fold_of`); ``issuer`` passes
    the publisher of official statements and press releases as the issuer (:func:`issuer_of`).
    """
    from detente.extraction.document import extract

    pairs = []
    for gold in load_gold(annotations, half):
        raw = (folder / f"{gold.doc}.txt").read_text(encoding="utf-8")
        meta = json.loads((folder / f"{gold.doc}.meta.json").read_text(encoding="utf-8"))
        if fold is not None and fold_of(meta) != fold:
            continue
        pub = dt.date.fromisoformat(meta["pub_date"])
        kw = {"issuer": issuer_of(meta)} if issuer else {}
        pairs.append((gold, predict(gold.doc, raw, pub, extract, **kw)))
    return score(pairs), pairs


def mistakes(pairs: list[tuple[Gold, Predicted]]) -> list[str]:
    """Readable list of missed gold events and spurious predictions (for the dev part only)."""
    out = []
    for gold, pred in pairs:
        preds = _dedupe(pred.events, gold)
        strict = _match(gold.events, preds, typed=True)
        hit, used = {id(g) for g, _ in strict}, {i for _, i in strict}
        for g in gold.events:
            if id(g) not in hit:
                out.append(
                    f"{gold.doc[:2]} MISS {g['type']:9s} {g['source']}->{g['target']} "
                    f"@{g['trigger'][0]} {g['trigger_text']!r}"
                )
        for i, p in enumerate(preds):
            if i not in used:
                out.append(
                    f"{gold.doc[:2]} SPUR {p[3]:9s} {sorted(p[1])}->{sorted(p[2])} @{p[0]} {p[4]}"
                )
    return out
