"""Every candidate tried against the compromise model on DEU III: the table of the backtest doc.

Usage::

    .venv/bin/python scripts/backtest_candidates.py [PATH] [--seed S] [--jobs N]

Protocol (pre-registered in docs/explanation/backtest.md): every candidate is either untuned (run
with the defaults or the published preset) or has what it tunes fit on ``dev`` (1996–2000) only;
``test`` (2003–2019) is scored once per candidate, and every candidate tried is printed.  Each row
gives MAE and the paired-bootstrap 95% interval of the MAE difference against the compromise
model (equal capability), on dev and on test.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from detente.backtest import Backtest, backtest
from detente.backtest.scores import compare, metrics
from detente.backtest.stack import stacked
from detente.cli.params import parse_models

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "backtest" / "deu3"
FIXED = (
    "mean",
    "median",
    "nash",
    "nash:power=equal",
    "bdm:preset=canonical",
    "bdm:preset=scholz-code",
    "smp",
    "procedural",
    "procedural:codecision=setter",
    "winset",
)
STACK = ("mean", "median", "bdm:preset=canonical", "bdm:preset=scholz-code", "smp")
"""Stack components: the models that forecast every issue (chosen by 5-fold CV on dev only)."""


def _cells(f: np.ndarray, base: np.ndarray, y: np.ndarray, seed: int) -> list[str]:
    m, c = metrics(f, y), compare(f, base, y, seed)
    lo, hi = c["ci95"]
    return [str(m["n"]), f"{m['mae']:.2f}", f"{c['diff']:+.2f} [{lo:+.2f}, {hi:+.2f}]"]


def _row(name: str, tuned: str, f: np.ndarray, bt: Backtest, base: np.ndarray, seed: int) -> str:
    dev = np.array([i.period == "1996-2000" for i in bt.issues])
    y = bt.outcomes()
    cells = [name, tuned, *_cells(f[dev], base[dev], y[dev], seed)]
    cells += _cells(f[~dev], base[~dev], y[~dev], seed)
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    bt = backtest(a.path, parse_models(",".join(FIXED)), split="all", seed=a.seed, jobs=a.jobs)
    council = backtest(a.path, ["mean"], split="all", capability="council", seed=a.seed)
    base = bt.forecasts[0]
    print(
        "| candidate | tuned on dev | dev n | dev MAE | dev vs mean [95%] | test n | test MAE "
        "| test vs mean [95%] |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for j, label in enumerate(bt.labels):
        print(_row(f"`{label}`", "–", bt.forecasts[j], bt, base, a.seed))
    print(_row("`mean`, council capability", "–", council.forecasts[0], bt, base, a.seed))
    rp = np.array([np.nan if i.reference_point is None else i.reference_point for i in bt.issues])
    print(_row("naive: the reference point", "–", rp, bt, base, a.seed))
    print(_row("naive: always 50", "–", np.full(len(bt.issues), 50.0), bt, base, a.seed))
    weights, forecast = stacked(bt.select("dev"), bt, STACK)
    fitted = ", ".join(f"{w:.2f} {c}" for c, w in zip(STACK, weights, strict=True) if w > 0.005)
    print(_row("stacked ensemble", f"weights: {fitted}", forecast, bt, base, a.seed))
    print(f"\nseed {a.seed}; data sha256 {bt.provenance.scenario_sha256[:16]}")
    _conformal(bt)


def _conformal(bt: Backtest) -> None:
    """Intervals of ± the dev split's 50th/80th percentile absolute error, covered on test."""
    dev = np.array([i.period == "1996-2000" for i in bt.issues])
    y = bt.outcomes()
    print("\n| model | ± 50% (dev) | ± 80% (dev) | test cov. 50% | test cov. 80% |")
    print("|---|---|---|---|---|")
    for j, label in enumerate(bt.labels):
        e = np.abs(bt.forecasts[j] - y)
        if np.isnan(e).any():
            continue
        q50, q80 = np.quantile(e[dev], [0.5, 0.8])
        c50, c80 = (e[~dev] <= q50).mean(), (e[~dev] <= q80).mean()
        print(f"| `{label}` | {q50:.1f} | {q80:.1f} | {c50:.1%} | {c80:.1%} |")


if __name__ == "__main__":
    main()
