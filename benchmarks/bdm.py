"""Benchmark: detente's vectorised BDM model against a pure-Python loop over the same equations.

Usage::

    .venv/bin/python benchmarks/bdm.py            # 10, 100 and 500 actors x 10 rounds
    .venv/bin/python benchmarks/bdm.py --repeat 5

Both sides run the ``canonical`` preset (Q = 1, eq. 31 per-dyad P, own estimates, enforceability
selection) on the same random one-issue scenario.  The baseline below is written the obvious way:
for every ordered pair it loops over every voter, so one round costs O(n^3) Python operations.  At
500 actors it would take many minutes, so its time there is extrapolated from the 100-actor run by
the n^3 law (marked "est.").  Targets (issue 3): at least 50x at 100 actors; 500 actors x 10
rounds under 2 s.  The baseline records no offers, so the speed-up compares it with detente's
``record=moves`` (trajectory, r and accepted moves); the ``+offers`` column is detente with the
default ``record=offers``.  Its offer list (about n^2 / 2 dicts per round) is built on first access
(``RoundExtra``), so ``+offers`` times ``run`` as a caller gets it and ``expanded`` adds reading
every round's ``extra["offers"]`` (what ``to_dict``/``--json`` does).
Wall-clock and CPU (process) times are both printed, because a shared machine inflates the first.
"""

from __future__ import annotations

import argparse

import numpy as np
from timing import best_of

from detente.models.bdm import BDMParams, run
from detente.scenario import Actor, Issue, Scenario, Stance

ROUNDS = 10


def scenario(n: int, seed: int = 0) -> Scenario:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 100, n).round(1).tolist()
    s = rng.uniform(5, 100, n).round(0).tolist()
    c = rng.uniform(1, 100, n).round(0).tolist()
    actors = tuple(
        Actor(
            id=f"a{i}",
            name=f"a{i}",
            capability=c[i],
            stances=(Stance(issue="q", position=x[i], salience=s[i]),),
        )
        for i in range(n)
    )
    return Scenario(
        id=f"bench-{n}", title="benchmark", actors=actors, issues=(Issue(id="q", label="q"),)
    )


# ---------------------------------------------------------------- the pure-Python baseline


def py_median(x: list[float], w: list[float]) -> float:
    order = sorted(range(len(x)), key=lambda i: x[i])
    total, cum = sum(w), 0.0
    for k, i in enumerate(order):
        cum += w[i]
        last_of_run = k == len(order) - 1 or x[order[k + 1]] != x[i]
        if last_of_run and cum >= total / 2 * (1 - 1e-12):
            return x[i]
    return x[order[-1]]


def py_prob(x: list[float], w: list[float], i: int, j: int) -> float:
    if x[i] == x[j]:
        return 0.0
    num = den = 0.0
    for k in range(len(x)):
        delta = abs(x[k] - x[j]) - abs(x[k] - x[i])
        den += w[k] * abs(delta)
        if delta > 0:
            num += w[k] * delta
    return num / den if den > 0 else 0.0


def py_eu(x, s, P, i, j, r, R):  # type: ignore[no-untyped-def]
    if x[i] == x[j]:
        return 0.0
    d = abs(x[i] - x[j]) / R
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    u_sq = 2 - 4 * 0.5**r
    return s[j] * (P[i][j] * u_s + (1 - P[i][j]) * u_f) + (1 - s[j]) * u_s - u_sq  # Q = 1


def py_round(x: list[float], s: list[float], c: list[float], R: float) -> list[float]:
    n = len(x)
    w = [c[i] * s[i] for i in range(n)]
    P = [[py_prob(x, w, i, j) for j in range(n)] for i in range(n)]
    E1 = [[py_eu(x, s, P, i, j, 1.0, R) for j in range(n)] for i in range(n)]
    S = [sum(E1[j][i] for j in range(n)) for i in range(n)]
    hi, lo = max(S), min(S)
    r = [1.0] * n
    if hi - lo > 1e-12 * (abs(hi) + abs(lo)):
        r = [(1 - q / 3) / (1 + q / 3) for q in ((2 * v - hi - lo) / (hi - lo) for v in S)]
        r = [min(2.0, max(0.5, v)) for v in r]
    E = [[py_eu(x, s, P, i, j, r[i], R) for j in range(n)] for i in range(n)]
    new = list(x)
    for i in range(n):
        best = None
        for j in range(n):
            a, b = E[i][j], E[j][i]
            if b <= 0:
                continue
            if a > 0 and b > a:
                pos = x[j]
            elif a < 0 and abs(b) >= abs(a):
                pos = x[i] + (x[j] - x[i]) * abs(a / b)
            elif a < 0:
                pos = x[j]
            else:
                continue
            key = (-b, abs(pos - x[i]), j)
            if best is None or _better(key, best[0]):
                best = (key, pos)
        if best is not None:
            new[i] = best[1]
    return new


def _better(key: tuple[float, float, int], old: tuple[float, float, int]) -> bool:
    """Highest b (within 1e-12 relative), then least move, then lowest index."""
    if abs(key[0] - old[0]) > 1e-12 * abs(old[0]):
        return key[0] < old[0]
    return (key[1], key[2]) < (old[1], old[2])


def py_run(sc: Scenario, rounds: int) -> list[float]:
    x = sc.positions()[:, 0].tolist()
    s = (sc.saliences()[:, 0] / 100).tolist()
    c = sc.capabilities().tolist()
    R = max(x) - min(x)
    medians = []
    for _ in range(rounds):
        if max(x) == min(x):  # every actor at one position: nothing left to bargain over
            break
        x = py_round(x, s, c, R)
        medians.append(py_median(x, [c[i] * s[i] for i in range(len(x))]))
    return medians


# ---------------------------------------------------------------- timing


def expanded(sc: Scenario, params: BDMParams) -> int:
    """Run and read every round's offer list; the number of offers."""
    return sum(len(r.extra.get("offers", ())) for r in run(sc, params).rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description="BDM: detente vs a pure-Python baseline")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    full, lean = BDMParams(rounds=ROUNDS), BDMParams(rounds=ROUNDS, record="moves")
    print(f"BDM canonical preset, {ROUNDS} rounds, best of {args.repeat}; seconds per run")
    print("detente = record=moves (the same work as the baseline); +offers = default record")
    head = ("actors", "detente", "cpu", "+offers", "expanded", "python", "speed-up", "agree")
    print("{:>6} {:>8} {:>8} {:>8} {:>8} {:>10} {:>9}  {}".format(*head))
    py100 = 0.0
    for n in (10, 100, 500):
        sc = scenario(n)
        wall, cpu = best_of(lambda sc=sc: run(sc, lean), args.repeat)
        t_full, _ = best_of(lambda sc=sc: run(sc, full), args.repeat)
        t_exp, _ = best_of(lambda sc=sc: expanded(sc, full), args.repeat)
        if n <= 100:
            t_py, _ = best_of(lambda sc=sc: py_run(sc, ROUNDS), 1)
            meds = [r.median[0] for r in run(sc, lean).rounds[1:]]
            agree = "yes" if np.allclose(meds, py_run(sc, ROUNDS), atol=1e-9) else "NO"
            py100, label = t_py, f"{t_py:.3f}"
        else:
            t_py = py100 * (n / 100) ** 3
            agree, label = "-", f"{t_py:.0f} est."
        speed = f"{t_py / wall:.0f}x"
        times = f"{wall:8.3f} {cpu:8.3f} {t_full:8.3f} {t_exp:8.3f}"
        print(f"{n:>6} {times} {label:>10} {speed:>9}  {agree}")


if __name__ == "__main__":
    main()
