"""Why gold events of a development set were missed, and why spurious events were predicted.

Run ``.venv/bin/python benchmarks/events_causes.py [--list]`` for fold A of the news development
part, ``--own`` for the development part of detente's own texts (``tests/reference/news-own``,
odd numbers).  Only those are read: fold B checks whether a rule transfers and the held-out parts
are scored once per candidate, so none of them has its errors read.  A gold event that no
prediction matches strictly gets the first cause that applies:

1. ``pre-filter``: its trigger is in no sentence the pre-filter sends to the parser;
   (and the lexicon knows a word of its trigger);
2. ``claim``: a claim was made at its trigger (the modality rules said hypothetical, negated …),
   or its sentence gave claims and no event;
3. ``wrong type`` / ``wrong source`` / ``wrong target``: an event at its trigger matches it on
   everything but that;
4. ``trigger, no event``: the lexicon knows a word of its trigger, but no event came of it (no
   source found, absorbed by a matrix verb, dropped as background);
5. ``no trigger``: no word of its trigger is a lexicon trigger (or a context sense).

A predicted event that matches no gold event strictly gets the first of: ``claim leaked`` (its
trigger is inside a gold claim), ``no gold event in its sentence``, ``wrong type`` / ``wrong
source`` / ``wrong target`` / ``empty target`` (a gold event of its sentence, still unmatched,
matches it on everything but that, the type included for the actors; ``empty target`` when the
prediction has none and the gold names one), ``another act of its sentence`` (the sentence has
gold events, none that close: mostly a noun or a clause the guideline does not code).

Texts: ../shared/event-data/news-dev (not in the repository); annotations are ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from detente.extraction import extract, load_aliases
from detente.extraction import newsset as ns
from detente.extraction.context_senses import context_sense
from detente.extraction.lexicon import match
from detente.extraction.nlp import load_pipeline
from detente.extraction.prefilter import plan
from detente.extraction.text import clean

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / ".." / "shared" / "event-data" / "news-dev"
ANNOTATIONS = REPO / "tests" / "reference" / "news" / "annotations.jsonl"
OWN = REPO / "tests" / "reference" / "news-own"


def _cleaned_offset(where: list[int], raw_pos: int) -> int:
    """The cleaned-text position whose raw position is the first at or after ``raw_pos``."""
    return next((i for i, r in enumerate(where) if r >= raw_pos), len(where) - 1)


def _known_trigger(nlp: Any, text: str, lo: int, hi: int) -> bool:
    """Whether a token of ``text[lo:hi]`` (parsed in context) is a lexicon or context trigger."""
    doc = nlp(text)
    toks = [t for t in doc if lo <= t.idx < hi]
    return any(match(t) is not None or context_sense(t) is not None for t in toks)


def _fits_but(g: dict[str, Any], p: tuple[Any, ...]) -> str:
    """Which single part of a same-sentence prediction is off ("" if several or none)."""
    ok_src = ns._codes_match(g["source"], p[1])
    ok_tgt = ns._codes_match(g["target"], p[2])
    ok_type = p[3] in (g["type"], *g["alt"])
    if ok_src and ok_tgt and not ok_type:
        return "wrong type"
    if ok_tgt and not ok_src:
        return "wrong source"
    if ok_src and not ok_tgt:
        return "wrong target"
    return ""


def causes(listing: bool, own: bool = False) -> tuple[Counter[str], Counter[str]]:
    """Count the causes of the strict misses and of the spurious events (print them: ``listing``).

    ``own``: the own development texts; otherwise fold A of the news development part.
    """
    table = load_aliases()
    nlp = load_pipeline(table)
    folder, annotations = (OWN, OWN / "annotations.jsonl") if own else (NEWS, ANNOTATIONS)
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for gold in ns.load_gold(annotations, "dev"):
        meta = json.loads((folder / f"{gold.doc}.meta.json").read_text(encoding="utf-8"))
        if not own and ns.fold_of(meta) != "A":
            continue
        raw = (folder / f"{gold.doc}.txt").read_text(encoding="utf-8")
        pub = dt.date.fromisoformat(meta["pub_date"])
        x = extract(raw, pub, issuer=ns.issuer_of(meta))
        where = ns._offset_map(x.text, raw)
        pred = ns.predict(gold.doc, raw, pub, extract, issuer=ns.issuer_of(meta))
        preds = ns._dedupe(pred.events, gold)
        pairs = ns._match(gold.events, preds, typed=True)
        hit, used = {id(g) for g, _ in pairs}, {i for _, i in pairs}
        units, _ = plan(clean(raw), table, nlp, 10**9)
        for g in gold.events:
            if id(g) in hit:
                continue
            cause = _cause(g, x, where, preds, units, nlp)
            missed[cause] += 1
            if listing:
                print(f"{gold.doc[:2]} MISS {cause:18s} {g['type']:9s} {g['trigger_text']!r}")
        left = [g for g in gold.events if id(g) not in hit]
        for i, p in enumerate(preds):
            if i not in used:
                why = _spurious_cause(p, gold, left)
                spurious[why] += 1
                if listing:
                    print(f"{gold.doc[:2]} SPUR {why:18s} {p[3]:9s} @{p[0]}")
    return missed, spurious


def _spurious_cause(p: tuple[Any, ...], gold: Any, left: list[dict[str, Any]]) -> str:
    """Why a prediction matches no gold event (see the module docstring)."""
    if any(c["span"][0] <= p[0] < c["span"][1] for c in gold.claims):
        return "claim leaked"
    same = [g for g in gold.events if g["sentence"][0] <= p[0] < g["sentence"][1]]
    if not same:
        return "no gold event in its sentence"
    for g in (g for g in left if g in same):
        why = _fits_but(g, p)
        typed = p[3] in (g["type"], *g["alt"])
        if why == "wrong target" and typed:
            return "empty target" if not p[2] and g["target"] else why
        if why == "wrong type" or (why == "wrong source" and typed):
            return why
    return "another act of its sentence"


def _cause(
    g: dict[str, Any], x: Any, where: list[int], preds: list[Any], units: Any, nlp: Any
) -> str:
    ts, te = g["trigger"]
    s0, s1 = g["sentence"]
    lo, hi = _cleaned_offset(where, ts), _cleaned_offset(where, te)
    unit = next((u for u in units if u.offset <= lo < u.offset + len(u.text)), None)
    if unit is None:
        c0 = _cleaned_offset(where, s0)
        sentence = x.text[c0 : _cleaned_offset(where, s1)]
        known = _known_trigger(nlp, sentence, lo - c0, hi - c0)
        return "pre-filter" if known else "no trigger"
    sent = (_cleaned_offset(where, s0), _cleaned_offset(where, s1))
    claims = [c for c in x.claims if sent[0] <= c.char_span[0] < sent[1]]
    if any(lo <= _claim_start(x, c) < hi for c in claims):
        return "claim"
    for p in preds:
        if ts <= p[0] < te and (why := _fits_but(g, p)):
            return why
    if _known_trigger(nlp, unit.text, lo - unit.offset, hi - unit.offset):
        return "trigger, no event"
    return "claim" if claims and not any(s0 <= p[0] < s1 for p in preds) else "no trigger"


def _claim_start(x: Any, c: Any) -> int:
    """Cleaned offset of a claim's trigger word (searched in its sentence)."""
    start, end = c.char_span
    k = x.text.find(c.trigger, start, end)
    return k if k >= 0 else -1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print every missed and spurious event")
    ap.add_argument("--own", action="store_true", help="the own development texts, not fold A")
    args = ap.parse_args()
    if not args.own and not NEWS.is_dir():
        print(f"skipped: {NEWS} not found", file=sys.stderr)
        return 0
    missed, spurious = causes(args.list, args.own)
    part = "own development texts" if args.own else "fold A"
    for name, counts in (("missed gold events", missed), ("spurious events", spurious)):
        print(f"{part}, {name} by cause ({sum(counts.values())} in all):")
        for cause, n in counts.most_common():
            print(f"  {cause:30s} {n:3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
