"""Start-up time of the quick commands against the 0.5 s goal, and what their imports cost.

Usage::

    .venv/bin/python benchmarks/cli_startup.py            # best of 5 runs per command

Each command runs as a fresh process (``detente --version``, ``--help``, ``models``,
``scenarios``); the figure is the best wall time of the repeats, so a busy machine inflates it
less.  Then ``python -X importtime -c "import detente.cli.app"`` lists the modules with the largest
cumulative import time, the place to look when a figure is over the goal.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

GOAL = 0.5
"""Seconds: the goal for each quick command (issue 15)."""

COMMANDS = (["--version"], ["--help"], ["models"], ["scenarios"])
DETENTE = Path(sys.executable).with_name("detente")


def best_time(args: list[str], repeats: int) -> float:
    """Best wall time of ``repeats`` runs of ``detente ARGS`` (output discarded)."""
    env = {**os.environ, "COLUMNS": "100"}
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([str(DETENTE), *args], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def slowest_imports(top: int) -> list[tuple[float, str]]:
    """The ``top`` modules by cumulative import time (seconds) when loading the application."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import detente.cli.app"],
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
    print(f"{'command':<22} {'best (s)':>9} {'goal (s)':>9}")
    for command in COMMANDS:
        t = best_time(command, args.repeats)
        mark = "ok" if t <= GOAL else "over"
        print(f"detente {' '.join(command):<14} {t:9.2f} {GOAL:9.2f}  {mark}")
    print(
        f"\nslowest imports of detente.cli (cumulative, best of 1; load {os.getloadavg()[0]:.1f}):"
    )
    for seconds, module in slowest_imports(args.top):
        print(f"  {seconds:6.3f} s  {module}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
