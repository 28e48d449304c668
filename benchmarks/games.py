"""Time agent logit QRE (λ = 1) on the repeated provoke/respond game, 2 to 8 stages.

Prints our times beside pygambit 16.7's recorded times on this kind of machine
(``specs/dependencies.md`` §2: ``gbt.qre.logit_solve_lambda`` at λ = 1, 60 s cap).  Target: 6
stages in under 1 s.

Usage: ``.venv/bin/python benchmarks/games.py [--repeat 3] [--max-stages 8]``
"""

from __future__ import annotations

import argparse
import time

from detente.games import load_game, solve_qre

# seconds, from specs/dependencies.md §2 ("logit λ=1" column); None = over the 60 s cap
PYGAMBIT_LOGIT_LAMBDA1 = {1: 0.006, 2: 0.06, 3: 1.0, 4: 3.5, 5: 21.7, 6: None}


def best_time(stages: int, repeat: int) -> tuple[float, float, int, bool]:
    """(best build+solve seconds, best solve-only seconds, nodes, converged)."""
    totals, solves = [], []
    converged = True
    nodes = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        game = load_game("provoke_respond", {"stages": stages}).game
        t1 = time.perf_counter()
        result = solve_qre(game, 1.0)
        t2 = time.perf_counter()
        totals.append(t2 - t0)
        solves.append(t2 - t1)
        nodes = len(game.nodes)
        converged = converged and bool(result.details["converged"])
    return min(totals), min(solves), nodes, converged


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-stages", type=int, default=8)
    args = ap.parse_args()
    print(
        f"{'stages':>6} {'nodes':>6} {'10*2^n-7':>9} {'detente total s':>16} "
        f"{'of which QRE s':>15} {'pygambit s':>11}  converged"
    )
    for n in range(2, args.max_stages + 1):
        total, solve, nodes, ok = best_time(n, args.repeat)
        ref = PYGAMBIT_LOGIT_LAMBDA1.get(n)
        ref_text = ">60" if ref is None else f"{ref:g}"
        print(
            f"{n:>6} {nodes:>6} {10 * 2**n - 7:>9} {total:>16.4f} {solve:>15.4f} "
            f"{ref_text:>11}  {ok}"
        )
    six = best_time(6, args.repeat)[0]
    print(f"\ntarget: 6 stages < 1 s -> {six:.3f} s ({'met' if six < 1 else 'NOT met'})")


if __name__ == "__main__":
    main()
