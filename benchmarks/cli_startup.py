"""Start-up time of the quick commands against the 0.5 s goal, and what their imports cost.

Usage::

    .venv/bin/python benchmarks/cli_startup.py            # best of 5 runs per command
    .venv/bin/python benchmarks/cli_startup.py --repeats 3

Each command runs as a fresh process (``detente --version``, ``--help``, ``models``,
``scenarios``) after one untimed warm-up run, with byte-code caching on (as in an installed
package: ``PYTHONDONTWRITEBYTECODE`` is dropped, else every module is compiled from source on
every start).  The figures are the best wall time of the repeats and the child's CPU time in
that run, so a busy machine inflates them less; the load average is printed beside them.  Then
``python -X importtime -c "import detente.cli.app"`` lists the modules with the largest
cumulative import time, the place to look when a figure is over the goal.

What each quick command may import is checked in ``tests/test_cli_startup.py`` (never a timed
test).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

GOAL = 0.5
"""Seconds: the goal for each quick command (issue 15)."""

COMMANDS = (["--version"], ["--help"], ["models"], ["scenarios"])
DETENTE = Path(sys.executable).with_name("detente")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "COLUMNS": "100"}


def best_time(args: list[str], repeats: int) -> tuple[float, float]:
    """Best wall time of ``repeats`` runs of ``detente ARGS`` and that run's CPU time (seconds)."""
    command = [str(DETENTE), *args]
    subprocess.run(command, check=True, capture_output=True, env=_env())  # warm-up: byte code
    runs = []
    for _ in range(repeats):
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=_env())
        wall = time.perf_counter() - start
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
        runs.append((wall, cpu))
    return min(runs)


def slowest_imports(top: int) -> list[tuple[float, str]]:
    """The ``top`` modules by cumulative import time (seconds) when loading the application."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import detente.cli.app"],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in run.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s+(.*)", line)
        if m:
            rows.append((int(m.group(1)) / 1e6, m.group(2).strip()))
    return sorted(rows, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores")
    print(f"{'command':<22} {'wall (s)':>9} {'CPU (s)':>9} {'goal (s)':>9}")
    for command in COMMANDS:
        wall, cpu = best_time(command, args.repeats)
        mark = "ok" if wall <= GOAL else "over"
        print(f"detente {' '.join(command):<14} {wall:9.2f} {cpu:9.2f} {GOAL:9.2f}  {mark}")
    print(
        f"\nslowest imports of detente.cli (cumulative, best of 1; load {os.getloadavg()[0]:.1f}):"
    )
    for seconds, module in slowest_imports(args.top):
        print(f"  {seconds:6.3f} s  {module}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
