"""Tune the input noise of the backtest's interval forecasts on the dev split only.

Usage::

    .venv/bin/python scripts/backtest_noise.py [PATH] [--draws N] [--seed S]

For each noise setting of the grid, the compromise model (``mean``) is swept over ``draws`` noisy
copies of every dev issue (1996–2000); the printed figures are the coverage of its 50% and 80%
intervals and the calibration loss |cov50 − 0.5| + |cov80 − 0.8|.  The setting with the least
loss becomes :data:`detente.backtest.intervals.DEFAULT_NOISE`.  The test split is never read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from detente.backtest import backtest
from detente.backtest.intervals import GRID

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "backtest" / "deu3"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    print("| position ± | salience ± | capability ± | dev cov. 50% | dev cov. 80% | loss |")
    print("|---|---|---|---|---|---|")
    best = None
    for noise in GRID:
        bt = backtest(a.path, ["mean"], split="dev", seed=a.seed, draws=a.draws, noise=noise)
        m = bt.to_dict()["models"]["mean"]
        loss = abs(m["coverage_50"] - 0.5) + abs(m["coverage_80"] - 0.8)
        print(
            f"| {noise['position']:g} | {noise['salience']:g} | {noise['capability']:g} "
            f"| {m['coverage_50']:.1%} | {m['coverage_80']:.1%} | {loss:.3f} |"
        )
        if best is None or loss < best[0]:
            best = (loss, noise)
    print(f"\nchosen on dev: {best[1] if best else None}")


if __name__ == "__main__":
    main()
