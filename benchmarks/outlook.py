"""Time ``detente outlook korea-2019-12 --draws 1000`` (the API call it makes).

Anchor (issue #12): under 30 s on this machine, one process (``--jobs 1``).

Usage: ``.venv/bin/python benchmarks/outlook.py [--draws 1000] [--repeat 1]``
"""

from __future__ import annotations

import argparse

from timing import best_of

import detente
from detente.deal_outlook import outlook

ANCHOR_S = 30.0


def main() -> None:
    """Print the best wall and CPU time beside the anchor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    s = detente.load_scenario("korea-2019-12")
    wall, cpu = best_of(lambda: outlook(s, draws=args.draws, seed=1), args.repeat)
    print(
        f"outlook korea-2019-12, {args.draws} draws: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"(anchor < {ANCHOR_S:.0f} s)"
    )


if __name__ == "__main__":
    main()
