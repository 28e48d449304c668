"""Time the win-set model on 100 actors × 5 issues under each decision rule.

Anchor (issue #12): under 1 s per run on this machine.  Random scenarios with a fixed seed:
positions and saliences uniform, status quo at the centre; ``unanimity`` with 10 veto players,
``qmv`` with all 100 actors voting by capability (threshold 0.55, 3 veto players, an agenda
setter), ``majority`` without veto players or setter (the NBS over a minimal majority), and the
default (no decision section: all 100 actors are veto players).

Usage: ``.venv/bin/python benchmarks/winset.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import dataclasses

import numpy as np
from synthetic import scenario_from_arrays
from timing import best_of

from detente.decision import Decision, DecisionRule
from detente.models import winset
from detente.scenario import Issue, Scenario

ANCHOR_S = 1.0


def random_scenario(n: int = 100, m: int = 5, seed: int = 0) -> Scenario:
    """``n`` actors with uniform positions and saliences on ``m`` issues, status quo 50."""
    rng = np.random.default_rng(seed)
    pos, sal, cap = rng.uniform(0, 100, (n, m)), rng.uniform(5, 100, (n, m)), rng.uniform(1, 100, n)
    issues = tuple(Issue(id=f"i{k}", label=f"issue {k}", status_quo=50.0) for k in range(m))
    return scenario_from_arrays(
        "bench",
        "benchmark",
        (cap, pos, sal),
        [f"a{i}" for i in range(n)],
        issues,
    )


RULES = {
    "default (100 veto players)": None,
    "unanimity, 10 veto players": DecisionRule(
        rule="unanimity", veto=tuple(f"a{i}" for i in range(10))
    ),
    "qmv 0.55, 3 vetoes, setter": DecisionRule(
        rule="qmv",
        veto=("a1", "a2", "a3"),
        weights=None,
        threshold=0.55,
        count_threshold=None,
        agenda_setter="a0",
    ),
    "majority, no setter": DecisionRule(rule="majority"),
}


def main() -> None:
    """Print the best time per rule beside the anchor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = random_scenario()
    print(f"winset, 100 actors × 5 issues (anchor < {ANCHOR_S:.1f} s)")
    for name, rule in RULES.items():
        s = base if rule is None else dataclasses.replace(base, decision=Decision(rule))
        wall, cpu = best_of(lambda s=s: winset.run(s), args.repeat)
        agreement = winset.run(s).extra["agreement"]
        print(f"  {name:32s} {wall:6.3f} s wall, {cpu:6.3f} s CPU, agreement={agreement}")


if __name__ == "__main__":
    main()
