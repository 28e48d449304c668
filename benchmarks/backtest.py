"""Benchmark: ``detente backtest`` on the 351 scored DEU III issues, against the issue's anchors.

Usage::

    .venv/bin/python benchmarks/backtest.py [PATH]     # PATH: the DEU III folder (default
                                                       # ../shared/backtest/deu3)

Anchors (issue 11): mean, median, nash and bdm (deterministic presets) on all 351 issues in
< 10 s; interval forecasts with 1,000 draws in < 2 minutes (measured for the models with a batch
kernel, mean and median; a model without one loops its ``run`` over the draws).  Wall-clock
and CPU times are both printed, because a shared machine inflates the first.  The figures include
reading the data, building 351 scenarios, the per-issue runs and the paired bootstrap (10,000
resamples per model, period and split).
"""

from __future__ import annotations

import sys
from pathlib import Path

from timing import best_of

from detente.backtest import backtest

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "backtest" / "deu3"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        sys.exit(f"no DEU III data at {path}: get it from doi:10.34810/data53")
    print(f"{'workload':52s} {'wall s':>8s} {'cpu s':>8s}  anchor")
    FOUR = ["mean", "median", "nash", "bdm"]
    cases = [
        ("mean, median, nash, bdm; all 351; --jobs 1", FOUR, 1, "< 10 s"),
        ("mean, median, nash, bdm; all 351; --jobs 2", FOUR, 2, "< 10 s"),
        ("every registered model; all 351; --jobs 2", None, 2, "(none)"),
    ]
    for label, models, jobs, anchor in cases:
        wall, cpu = best_of(
            lambda m=models, j=jobs: backtest(path, m, seed=1, jobs=j).to_dict(), repeat=2
        )
        print(f"{label:52s} {wall:8.2f} {cpu:8.2f}  {anchor}")
    for jobs in (1, 2):
        wall, cpu = best_of(
            lambda j=jobs: backtest(path, ["mean", "median"], seed=1, jobs=j, draws=1000).to_dict(),
            repeat=1,
        )
        label = f"mean, median; all 351; --draws 1000 --jobs {jobs}"
        print(f"{label:52s} {wall:8.2f} {cpu:8.2f}  < 120 s")


if __name__ == "__main__":
    main()
