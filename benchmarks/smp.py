"""Benchmark: detente's SMP beside KTAB's recorded run times (``shared/specs/ktab-smp.md`` §5).

Usage::

    .venv/bin/python benchmarks/smp.py              # the four cases of issue 4
    .venv/bin/python benchmarks/smp.py --with-a160  # also KTAB's own 160-actor sample

Cases: KTAB's samples ``dummyData-a040`` and ``dummyData-a080`` (one issue), a generated
160-actor one-issue scenario and a generated 50-actor six-issue scenario.  Generated actors follow
KTAB's ``SMPActor::randomize``: capability U(10, 200), total salience U(0.75, 0.99) split over the
issues in proportion to U(0.1, 1) draws, positions U(0, 100); seed 2019.

Each case is run twice: once for wall time (best of ``--repeat``), once under ``tracemalloc`` for
the peak of memory allocated during the run (NumPy arrays included).  KTAB's times are those
recorded on a 2-core machine like this one with an -O2 build; for cases KTAB did not run, the
column shows the spec's fit ``3.9e-7 · N^3.7`` seconds per turn times our number of turns, marked
"fit".  Targets (issue 4): 40 actors < 0.5 s, 80 < 3 s, 160 < 30 s.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

import numpy as np
from synthetic import scenario_from_arrays

from detente.io import load
from detente.models.smp import run
from detente.scenario import Issue, Scenario

HERE = Path(__file__).resolve().parents[1]
SAMPLES = [
    HERE / "tests" / "reference" / "ktab" / "inputs",
    HERE / ".." / "shared" / "reference" / "ktab",
]
KTAB_SECONDS = {
    "dummyData-a040": "12.5",
    "dummyData-a080": "141.6",
    "dummyData-a160": "> 300 (2 turns)",
}
TARGETS = {40: 0.5, 80: 3.0, 160: 30.0}


def sample(name: str) -> Scenario:
    for folder in SAMPLES:
        if (folder / f"{name}.csv").exists():
            return load(folder / f"{name}.csv")
    raise SystemExit(
        f"{name}.csv not found in tests/reference/ktab/inputs or ../shared/reference/ktab"
    )


def generated(n: int, dims: int, seed: int = 2019) -> Scenario:
    rng = np.random.default_rng(seed)
    cap = rng.uniform(10.0, 200.0, n)
    share = rng.uniform(0.1, 1.0, (n, dims))
    sal = 100 * rng.uniform(0.75, 0.99, n)[:, None] * share / share.sum(axis=1, keepdims=True)
    pos = rng.uniform(0.0, 100.0, (n, dims))
    issues = tuple(Issue(id=f"d{k}", label=f"dimension {k}") for k in range(dims))
    return scenario_from_arrays(
        f"generated-{n}x{dims}",
        f"generated {n} actors, {dims} issues",
        (cap, pos, sal),
        [f"a{i:03d}" for i in range(n)],
        issues,
    )


def measure(s: Scenario, repeat: int) -> tuple[float, float, int]:
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = run(s)
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    run(s)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak / 2**20, int(res.extra["turns"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--with-a160", action="store_true")
    args = ap.parse_args()
    cases = [
        ("dummyData-a040", sample("dummyData-a040")),
        ("dummyData-a080", sample("dummyData-a080")),
        ("generated 160 x 1", generated(160, 1)),
        ("generated 50 x 6", generated(50, 6)),
    ]
    if args.with_a160:
        cases.append(("dummyData-a160", sample("dummyData-a160")))
    print(
        f"{'case':<20} {'N':>4} {'D':>2} {'turns':>5} {'detente s':>10} {'peak MiB':>9}  "
        f"{'KTAB -O2 s':<22} {'target s':>8}"
    )
    for name, s in cases:
        n, d = len(s.actors), len(s.issues)
        wall, peak, turns = measure(s, args.repeat)
        ktab = KTAB_SECONDS.get(name, f"~{3.9e-7 * n**3.7 * turns:.0f} (fit)")
        target = TARGETS.get(n)
        verdict = "" if target is None else f"{target:>8.1f} {'ok' if wall < target else 'MISSED'}"
        print(
            f"{name:<20} {n:>4} {d:>2} {turns:>5} {wall:>10.3f} {peak:>9.1f}  {ktab:<22} {verdict}"
        )


if __name__ == "__main__":
    main()
