"""Start-up cost of ``detente ingest``: wall, CPU and peak memory of a fresh process, by stage.

Usage::

    .venv/bin/python benchmarks/ingest_startup.py             # best of 3 fresh processes
    .venv/bin/python benchmarks/ingest_startup.py --speed     # and the 1 MB timings

Every run of ``detente ingest --json`` is a new process (after one untimed warm-up that writes the
byte code and the gazetteer cache), on a one-sentence text and on the README's example article.
Printed per text: the best wall time of the repeats, that run's CPU time (user + system) and its
peak resident memory, beside the anchor of session 6 (a short text: 3.0 s before the gazetteer of
towns, 4.3 s with it, about 160 MB more).  Then, in this process, the CPU time of each stage of
the first extraction (actor table with the gazetteer, spaCy pipeline, the extraction itself),
which says where a start-up figure goes.  ``--speed`` adds the 1 MB figures of
``benchmarks/events.py --speed`` (anchor, session 6: the worst-case megabyte in 20.5 s wall and
39.2 s CPU at load average 1.2).  The load average is printed: the machine is shared, so CPU
time is the steadier figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DETENTE = Path(sys.executable).with_name("detente")
ARTICLE = REPO / "examples" / "article.txt"
SHORT = "Seoul and Tokyo agreed on Monday to resume talks on the disputed islands.\n"
ANCHOR = "session 6, short text: 3.0 s without the gazetteer, 4.3 s with it"
SPEED_ANCHOR = "session 6: worst-case megabyte 20.5 s wall, 39.2 s CPU at load 1.2"


def one_run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak memory (MB) of one child process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} exited with {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def fresh_processes(repeats: int) -> None:
    """Best-of-``repeats`` figures of ``detente ingest --json`` on a short text and the article."""
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text(SHORT, encoding="utf-8")
        print(f"fresh processes, best wall of {repeats} (anchor: {ANCHOR})")
        print(f"  {'text':24s} {'wall s':>7s} {'CPU s':>7s} {'peak MB':>8s} {'load':>5s}")
        for name, path, date in (
            ("one sentence", short, "2019-12-09"),
            ("examples/article.txt", ARTICLE, "2020-06-01"),
        ):
            command = [str(DETENTE), "ingest", str(path), "--date", date, "--json"]
            one_run(command)  # warm-up: byte code, gazetteer cache
            wall, cpu, peak = min(one_run(command) for _ in range(repeats))
            load = os.getloadavg()[0]
            print(f"  {name:24s} {wall:7.2f} {cpu:7.2f} {peak:8.0f} {load:5.2f}")


def _stage(name: str, work: Callable[[], Any]) -> Any:
    c0, w0 = time.process_time(), time.perf_counter()
    out = work()
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(f"  {name:44s} {cpu:6.2f} {wall:6.2f}")
    return out


def stages() -> None:
    """CPU and wall seconds of each stage of a first extraction in this process."""
    print(f"\nstages of the first extraction in one process (load {os.getloadavg()[0]:.2f})")
    print(f"  {'stage':44s} {'CPU s':>6s} {'wall s':>6s}")
    _stage("import detente.extraction", lambda: importlib.import_module("detente.extraction"))
    from detente.extraction.actors import load_aliases
    from detente.extraction.document import extract
    from detente.extraction.nlp import load_pipeline

    table = _stage("actor table with the gazetteer's towns", load_aliases)
    _stage("spaCy pipeline with the actor patterns", lambda: load_pipeline(table))
    _stage("extraction of one sentence", lambda: extract(SHORT, dt.date(2019, 12, 9)))
    _stage("extraction of a second sentence", lambda: extract(SHORT[:-2], dt.date(2019, 12, 9)))


def speed() -> None:
    """The 1 MB figures of ``benchmarks/events.py --speed``, beside their anchor."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import events

    print(f"\n1 MB inputs (anchor: {SPEED_ANCHOR})")
    events.speed()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--speed", action="store_true", help="also time 1 MB inputs")
    args = ap.parse_args(argv)
    fresh_processes(args.repeats)
    stages()
    if args.speed:
        speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
