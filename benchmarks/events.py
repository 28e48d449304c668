"""Event coder accuracy on the PLOVER gold-standard records, beside the spec's baselines.

Split (fixed, ``specs/event-extraction.md`` §3): records whose id ends in an even digit are the
development half, odd the held-out test half.  The lexicon and rules were tuned on dev only.
Run ``.venv/bin/python benchmarks/events.py [--half dev|test|all] [--speed]``; ``--speed`` also
times ``detente ingest`` on 1 MB of text (the op-ed repeated, and 1 MB of distinct sentences) —
the requirement is under 30 s on the 2-core development machine.

Data: PLOVER gold standard records, Copyright 2016 Open Event Data Alliance, CC BY-SA 4.0,
https://github.com/openeventdata/PLOVER (read from ../shared/event-data/, not copied).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

from detente.extraction import extract
from detente.extraction.gsr import BASELINES, evaluate, load_gsr

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "event-data" / "plover"
MISSION = Path(__file__).resolve().parents[1] / ".." / "shared" / "mission"


def _distinct_megabyte() -> str:
    rng = np.random.default_rng(7)
    actors = ["North Korea", "Seoul", "Washington", "Beijing", "Tokyo", "Moscow", "Tehran"]
    verbs = ["accused", "praised", "threatened", "criticized", "met", "urged", "warned"]
    lines = [
        f"{rng.choice(actors)} {rng.choice(verbs)} {rng.choice(actors)} on day {i}."
        for i in range(30_000)
    ]
    return " ".join(lines)[:1_000_000]


def speed() -> None:
    """Time extraction on 1 MB inputs (wall clock, one run each)."""
    texts = {"1 MB of distinct sentences": _distinct_megabyte()}
    oped = sorted(MISSION.glob("*.txt")) if MISSION.is_dir() else []
    if oped:
        one = oped[0].read_text(encoding="utf-8")
        texts["1 MB: the op-ed repeated"] = (one + "\n\n") * (1_000_000 // len(one) + 1)
    extract("Seoul met Tokyo on Monday.", dt.date(2019, 12, 9))  # load the model once
    for name, text in texts.items():
        t0 = time.perf_counter()
        x = extract(text, dt.date(2019, 12, 9))
        secs = time.perf_counter() - t0
        print(
            f"{name:32s} {len(text):>9,} chars  {secs:6.1f} s  (limit 30 s)  "
            f"{len(x.events)} events; {'; '.join(x.warnings) or 'no warnings'}"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--errors", action="store_true", help="print mistakes (dev half only)")
    ap.add_argument("--speed", action="store_true", help="also time 1 MB inputs")
    args = ap.parse_args()
    path = SHARED / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        print(f"skipped: {path} not found", file=sys.stderr)
        return 0
    records = load_gsr(path, args.half)
    t0 = time.perf_counter()
    score = evaluate(records)
    secs = time.perf_counter() - t0
    print(f"PLOVER GSR, {args.half} half: {score.n} sentences, {secs:.1f} s")
    print(f"{'method':58s} {'acc-16':>7s} {'macro-F1':>8s} {'quad':>6s}")
    print(
        f"{'detente rules (this run)':58s} {score.acc:7.3f} {score.macro_f1:8.3f} {score.quad:6.3f}"
    )
    for name, (acc, f1, quad) in BASELINES.items():
        cells = [f"{v:.3f}" if v is not None else "-" for v in (acc, f1, quad)]
        print(f"{name:58s} {cells[0]:>7s} {cells[1]:>8s} {cells[2]:>6s}")
    print(
        f"source ISO3 match: {score.source:.3f} (n={score.n_source}); "
        f"target ISO3 match: {score.target:.3f} (n={score.n_target})"
    )
    print(f"coverage (a trigger fired): {score.coverage:.3f}")
    if args.errors and args.half == "dev":
        for line in score.errors:
            print(line)
    if args.speed:
        speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
