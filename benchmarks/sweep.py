"""Benchmark: Monte Carlo sweeps (issue 10's speed anchors), each figure beside its anchor.

Usage::

    .venv/bin/python benchmarks/sweep.py              # everything (a few minutes)
    .venv/bin/python benchmarks/sweep.py --skip-dask --skip-stream   # the in-process sweeps only
    .venv/bin/python benchmarks/sweep.py --skip-models --skip-dask   # the 1M-draw Parquet stream
    .venv/bin/python benchmarks/sweep.py --repeat 3

Lines:

- BDM, 10,000 draws (full rounds per draw) of ``ec-emissions-1994`` and ``korea-2019-12``, both
  presets, through ``detente.experiments.sweep`` (seeds, input draws and the batched kernel
  included); beside them a loop of ``detente.run`` over 100 draws, scaled to 10,000 (est.).
- mean, median and nash, 10,000 draws of Korea; SMP, 1,000 draws of Korea.
- Dask: the same 100,000-draw BDM sweep of Korea on a ``LocalCluster`` of 1 and of 2 workers
  (``detente.experiments.execute.local_cluster``, start-up excluded), the speed-up, and the CPU
  the workers spent beside that of the same draws in one process (``--dask-default-malloc``: the
  workers keep Dask's ``MALLOC_TRIM_THRESHOLD_``, as before the fix).
- Memory: a 1,000,000-draw mean sweep of Korea streaming its rows to Parquet, in a child process
  whose peak RSS is printed beside that of the same child doing 1,000 draws.

Wall-clock and CPU (this process) are both printed, with the 1-minute load average: on a shared
machine the first is inflated.  The BDM lines count the whole sweep a user runs
(``detente.sweep``: seeds, input draws, chunks, the batched kernel), every draw playing all its
rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from timing import best_of

import detente
from detente.batch import apply_draw
from detente.experiments import draw_inputs, input_space, sweep
from detente.rng import spawn_seeds

DRAWS = 10_000


def line(what: str, wall: float, cpu: float, anchor: str) -> None:
    load = os.getloadavg()[0]
    print(f"{what:<46} {wall:8.2f} s wall {cpu:8.2f} s CPU  load {load:4.1f}   anchor: {anchor}")


def loop_estimate(name: str, model: str, params: dict[str, object], n: int = 100) -> float:
    """CPU seconds of a loop of detente.run over n draws, scaled to DRAWS."""
    s = detente.load_scenario(name)
    inputs = draw_inputs(s, input_space(s), np.array(spawn_seeds(1, n), dtype=np.uint64))
    scenarios = [apply_draw(s, inputs, d) for d in range(n)]
    c0 = time.process_time()
    for drawn in scenarios:
        detente.run(drawn, model, params, seed=1)
    return (time.process_time() - c0) * DRAWS / n


def in_process(repeat: int) -> None:
    cases = [
        ("ec-emissions-1994", "< 1 s (peer ~22 s; loop of detente.run ~40 s)"),
        ("korea-2019-12", "< 3 s (peer ~60 s; loop of detente.run 170–490 s)"),
    ]
    for name, anchor in cases:
        for preset in ("scholz-code", "canonical"):
            params = {"preset": preset}
            w, c = best_of(
                lambda n=name, p=params: sweep(n, "bdm", draws=DRAWS, seed=1, params=p), repeat
            )
            line(f"bdm {preset}, {DRAWS:,} draws of {name}", w, c, anchor)
            est = loop_estimate(name, "bdm", params)
            print(f"{'':<46} loop of detente.run, est. {est:8.1f} s CPU")
    for model in ("mean", "median", "nash"):
        w, c = best_of(lambda m=model: sweep("korea-2019-12", m, draws=DRAWS, seed=1), repeat)
        line(f"{model}, {DRAWS:,} draws of korea-2019-12", w, c, "< 1 s")
    w, c = best_of(lambda: sweep("korea-2019-12", "smp", draws=1_000, seed=1), repeat)
    line("smp, 1,000 draws of korea-2019-12", w, c, "< 10 s")


def _cpu() -> float:
    """CPU seconds (user + system) of the calling process: run in each worker."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cluster(n: int, default_malloc: bool) -> Any:
    from distributed import LocalCluster

    from detente.experiments.execute import local_cluster

    if default_malloc:
        return LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=None)
    return local_cluster(n)


def dask_scaling(draws: int, default_malloc: bool) -> None:
    from distributed import Client

    c0 = time.process_time()
    sweep("korea-2019-12", "bdm", draws=DRAWS, seed=1)
    alone = (time.process_time() - c0) * draws / DRAWS
    print(f"load average before Dask: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    times = {}
    for n in (1, 2):
        with _cluster(n, default_malloc) as cluster, Client(cluster) as client:
            before, c0 = client.run(_cpu), time.process_time()
            t0 = time.perf_counter()
            sweep("korea-2019-12", "bdm", draws=draws, seed=1, scheduler=cluster.scheduler_address)
            times[n] = time.perf_counter() - t0
            workers = sum(v - before[k] for k, v in client.run(_cpu).items())
            here = time.process_time() - c0
        print(
            f"dask, {n} worker(s), {draws:,} BDM draws of korea-2019-12: {times[n]:8.2f} s wall, "
            f"workers {workers:7.1f} s CPU, this process {here:5.1f} s CPU, "
            f"load {os.getloadavg()[0]:4.1f}"
        )
    print(f"{'':<10}the same draws in one process, est. from {DRAWS:,}: {alone:7.1f} s CPU")
    print(f"dask speed-up 2 vs 1 workers: {times[1] / times[2]:.2f}x   anchor: >= 1.6x")


CHILD = """
import json, resource, sys, time
from pathlib import Path
from typing import Any
from detente.experiments import sweep
t0, c0 = time.perf_counter(), time.process_time()
r = sweep("korea-2019-12", "mean", draws=int(sys.argv[1]), seed=1, out=Path(sys.argv[2]))
print(json.dumps({"s": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows": len(r.seeds)}))
"""


def streaming(draws: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = {}
        for n in (1_000, draws):
            path = Path(tmp) / f"rows-{n}.parquet"
            text = subprocess.run(
                [sys.executable, "-c", CHILD, str(n), str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            out[n] = json.loads(text)
            size = path.stat().st_size / 1e6
            print(
                f"mean, {n:>9,} draws streamed to Parquet: {out[n]['s']:7.1f} s wall "
                f"{out[n]['cpu']:6.1f} s CPU, peak RSS {out[n]['rss_mb']:5.0f} MB, "
                f"file {size:7.1f} MB, load {os.getloadavg()[0]:4.1f}"
            )
        sc = detente.load_scenario("korea-2019-12")
        cols = input_space(sc).size + len(sc.issues) + 3
        held = draws * cols * 8 / 1e6
        grew = out[draws]["rss_mb"] - out[1_000]["rss_mb"]
        kept = 8 * (len(sc.issues) + 2)  # forecasts, seed and dropped per draw, kept by design
        print(
            f"rows held in memory would take about {held:,.0f} MB ({cols} columns × 8 bytes); "
            f"peak RSS grew by {grew:.0f} MB ({grew * 1e6 / draws:.0f} bytes per draw, of which "
            f"{kept} are the forecasts, seed and dropped actor kept per draw)   "
            "anchor: bounded (rows are not all held)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip-models", action="store_true")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-stream", action="store_true")
    ap.add_argument("--dask-draws", type=int, default=100_000)
    ap.add_argument("--dask-default-malloc", action="store_true")
    ap.add_argument("--stream-draws", type=int, default=1_000_000)
    args = ap.parse_args()
    if not args.skip_models:
        in_process(args.repeat)
    if not args.skip_dask:
        dask_scaling(args.dask_draws, args.dask_default_malloc)
    if not args.skip_stream:
        streaming(args.stream_draws)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this process: peak RSS {rss:.0f} MB)")


if __name__ == "__main__":
    main()
