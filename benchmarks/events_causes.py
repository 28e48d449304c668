"""Why gold events of development fold A were missed: one cause per missed event, counted.

Run ``.venv/bin/python benchmarks/events_causes.py [--list]``.  Only fold A of the development
part (``newsset.fold_of``) is read: fold B checks whether a rule transfers and the held-out part
is scored once per candidate, so neither has its errors read.  A gold event that no prediction
matches strictly gets the first cause that applies:

1. ``pre-filter``: its trigger is in no sentence the pre-filter sends to the parser;
   (and the lexicon knows a word of its trigger);
2. ``claim``: a claim was made at its trigger (the modality rules said hypothetical, negated …),
   or its sentence gave claims and no event;
3. ``wrong type`` / ``wrong source`` / ``wrong target``: an event at its trigger matches it on
   everything but that;
4. ``trigger, no event``: the lexicon knows a word of its trigger, but no event came of it (no
   source found, absorbed by a matrix verb, dropped as background);
5. ``no trigger``: no word of its trigger is a lexicon trigger (or a context sense).

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


def causes(listing: bool) -> Counter[str]:
    """Count the causes of fold A's strict misses (and print each one with ``listing``)."""
    table = load_aliases()
    nlp = load_pipeline(table)
    out: Counter[str] = Counter()
    for gold in ns.load_gold(ANNOTATIONS, "dev"):
        meta = json.loads((NEWS / f"{gold.doc}.meta.json").read_text(encoding="utf-8"))
        if ns.fold_of(meta) != "A":
            continue
        raw = (NEWS / f"{gold.doc}.txt").read_text(encoding="utf-8")
        pub = dt.date.fromisoformat(meta["pub_date"])
        x = extract(raw, pub, issuer=ns.issuer_of(meta))
        where = ns._offset_map(x.text, raw)
        pred = ns.predict(gold.doc, raw, pub, extract, issuer=ns.issuer_of(meta))
        preds = ns._dedupe(pred.events, gold)
        hit = {id(g) for g, _ in ns._match(gold.events, preds, typed=True)}
        units, _ = plan(clean(raw), table, nlp, 10**9)
        for g in gold.events:
            if id(g) in hit:
                continue
            cause = _cause(g, x, where, preds, units, nlp)
            out[cause] += 1
            if listing:
                print(f"{gold.doc[:2]} {cause:18s} {g['type']:9s} {g['trigger_text']!r}")
    return out


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
    ap.add_argument("--list", action="store_true", help="print every missed event of fold A")
    args = ap.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} not found", file=sys.stderr)
        return 0
    counts = causes(args.list)
    print(f"fold A, missed gold events by cause ({sum(counts.values())} in all):")
    for cause, n in counts.most_common():
        print(f"  {cause:18s} {n:3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
