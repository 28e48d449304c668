"""Benchmark: sensitivity analysis, lever search and SMP draws, beside the anchors of issue 10.

Usage::

    .venv/bin/python benchmarks/sensitivity.py            # every figure
    .venv/bin/python benchmarks/sensitivity.py --quick    # skip the BDM Sobol run

Anchors (issue 10): Sobol with SALib over every Korea input, mean model, N = 1024: < 5 s;
BDM, N = 256: < 60 s; 1,000 SMP draws of korea-2019-12: < 10 s (the peer tool: 1,000 draws of
the Korea scenario in about 6 s).  Each figure is the best of ``--repeat`` runs, wall-clock and
CPU time of this process (the machine is shared: CPU time is the steadier figure).  The SMP
figure is given twice: a loop of ``smp.run`` (what a model without a kernel gets) and SMP's batch
kernel (a lean run per draw), so the choice between them is measured.
"""

from __future__ import annotations

import argparse

import numpy as np
from timing import best_of

import detente
from detente.batch import looped
from detente.experiments.draws import draw_inputs, input_space
from detente.experiments.factors import factors
from detente.models import MODELS, smp
from detente.rng import model_seeds, spawn_seeds


def _row(what: str, wall: float, cpu: float, anchor: str) -> None:
    print(f"{what:<46} {wall:8.2f} s {cpu:8.2f} s   {anchor}")


def _sobol(s: detente.Scenario, model: str, n: int, repeat: int) -> tuple[float, float]:
    return best_of(lambda: detente.sensitivity(s, model, method="sobol", samples=n, seed=1), repeat)


def _smp(s: detente.Scenario, draws: int, repeat: int) -> list[tuple[str, float, float]]:
    seeds = np.array(spawn_seeds(1, draws), dtype=np.uint64)
    inputs = draw_inputs(s, input_space(s), seeds)
    params, ms = smp.SMPParams(), model_seeds(seeds)
    loop = looped(smp.run, True)
    out = []
    for name, kernel in (
        ("loop of smp.run", loop),
        ("smp.run_batch (lean run per draw)", smp.run_batch),
    ):
        wall, cpu = best_of(lambda k=kernel: k(s, inputs, params, seeds=ms), repeat)  # type: ignore[misc]
        out.append((f"SMP, {draws:,} draws, {name}", wall, cpu))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="skip the BDM Sobol run")
    args = ap.parse_args()
    s = detente.load_scenario("korea-2019-12")
    k = len(factors(s))
    print(f"korea-2019-12: {len(s.actors)} actors, {len(s.issues)} issues, {k} inputs")
    print(f"{'':<46} {'wall':>10} {'cpu':>10}   anchor")
    kernel = "kernel" if MODELS["mean"].batch else "loop"
    w, c = _sobol(s, "mean", 1024, args.repeat)
    _row(f"Sobol, mean, N=1024 ({1024 * (k + 2):,} runs, {kernel})", w, c, "< 5 s")
    w, c = best_of(lambda: detente.sensitivity(s, "mean", method="morris", samples=64, seed=1))
    _row("Morris, mean, 64 trajectories", w, c, "(no anchor)")
    if not args.quick:
        kernel = "kernel" if MODELS["bdm"].batch else "loop"
        w, c = _sobol(s, "bdm", 256, 1)
        _row(f"Sobol, bdm, N=256 ({256 * (k + 2):,} runs, {kernel})", w, c, "< 60 s")
    for model in ("mean", "median", "bdm"):
        w, c = best_of(
            lambda m=model: detente.levers(s, m, issue="sequencing", target=40, seed=1),  # type: ignore[misc]
            args.repeat,
        )
        _row(f"levers, {model}, every actor and field", w, c, "(no anchor)")
    for what, w, c in _smp(s, 1000, args.repeat):
        _row(what, w, c, "< 10 s (peer: ~6 s)")


if __name__ == "__main__":
    main()
