"""Event coder accuracy on the PLOVER gold-standard records, beside the spec's baselines.

Split (fixed, ``specs/event-extraction.md`` §3): records whose id ends in an even digit are the
development half, odd the held-out test half.  The lexicon and rules were tuned on dev only.
Run ``.venv/bin/python benchmarks/events.py [--half dev|test|all]``.

Data: PLOVER gold standard records, Copyright 2016 Open Event Data Alliance, CC BY-SA 4.0,
https://github.com/openeventdata/PLOVER (read from ../shared/event-data/, not copied).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from detente.extraction.gsr import BASELINES, evaluate, load_gsr

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "event-data" / "plover"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--errors", action="store_true", help="print mistakes (dev half only)")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
