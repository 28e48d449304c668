"""Benchmark: 1,000 three-issue negotiations of 100 rounds, against the negmas anchor.

Anchor (../shared/specs/dependencies.md §3): negmas 0.16 took 33.9 ms per negotiation, about 34 s
for 1,000, on this kind of machine.  Our figures (wall time, best of 3 on a shared machine; the
CPU time of the process is printed beside the ``run_many`` figures, since other jobs on the
machine inflate wall time but not CPU time):

* the protocol alone on the whole batch in one vectorised call (how the tournament runs);
* ``run_many``: 1,000 distinct scenarios to 1,000 complete results (Nash/KS points, frontier and
  distance to it, provenance with the scenario hash, and the offer trace, kept as arrays until
  read), still one vectorised protocol run; the line below it is the part spent hashing the 1,000
  scenarios (``detente.canonical.scenario_sha256``, once per distinct scenario);
* ``run_many`` on one scenario under 1,000 seeds (a Monte Carlo sweep): the per-scenario work is
  done once;
* ``run_draws`` (the outlook's entry): one scenario, 1,000 draws with per-draw reservation
  values, as arrays (no per-draw result objects); once with one strategy profile, once with 8
  profiles spread over the draws (one batch per profile);
* ``run`` called once per negotiation (timed on 100 runs, scaled to 1,000): per-round numpy
  overhead of a batch of one dominates, so this path is about as fast as negmas.

Random linear-additive profiles over 3 issues; Boulware pairs agree near the deadline and
hardliners never agree, so nearly every negotiation runs its 100 rounds.

Run: ``.venv/bin/python benchmarks/negotiation.py``
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from timing import best_of

from detente.canonical import scenario_sha256
from detente.negotiation import NegotiationParams, run
from detente.negotiation.draws import run_draws
from detente.negotiation.outcomes import AdditiveUtility, OutcomeSpace
from detente.negotiation.params import Status
from detente.negotiation.simulate import run_batch, run_many
from detente.negotiation.strategies import make_strategy
from detente.rng import spawn_seeds
from detente.scenario import Actor, Issue, Scenario, Stance

N, ISSUES, ROUNDS = 1000, 3, 100
NEGMAS_SECONDS = 33.9  # 1,000 x 33.9 ms, dependencies.md §3


def profiles(rng: np.random.Generator) -> list[AdditiveUtility]:
    out = []
    for _ in range(2):
        w = rng.random((N, ISSUES))
        out.append(
            AdditiveUtility(
                weights=w / w.sum(1, keepdims=True),
                ideal=rng.random((N, ISSUES)),
                rv=np.full(N, 0.5),
                discount=np.ones(N),
            )
        )
    return out


def batched(pair: tuple[str, str]) -> tuple[float, float, str]:
    space = OutcomeSpace(("a", "b", "c"), (0.0,) * 3, (1.0,) * 3, (0.5,) * 3)
    us = profiles(np.random.default_rng(0))
    seeds = spawn_seeds(1, N)
    params = NegotiationParams(deadline=ROUNDS)
    best, trace = np.inf, None
    for _ in range(3):
        t0 = time.perf_counter()
        trace = run_batch(space, us, [make_strategy(s) for s in pair], params, seeds)
        best = min(best, time.perf_counter() - t0)
    assert trace is not None
    played = np.where(trace.when >= 0, trace.when + 1, ROUNDS).mean()
    counts = np.bincount(trace.status, minlength=len(Status))
    return best, float(played), ", ".join(f"{Status(i)} {c}" for i, c in enumerate(counts) if c)


def scenarios(n: int) -> list[Scenario]:
    """``n`` random two-actor scenarios with 3 issues (status quo mid-scale)."""
    rng = np.random.default_rng(0)
    issues = tuple(Issue(id=f"i{k}", label=f"i{k}", status_quo=50.0) for k in range(ISSUES))
    out = []
    for _ in range(n):
        actors = tuple(
            Actor(
                id=a,
                name=a,
                capability=1.0,
                stances=tuple(
                    Stance(issue=i.id, position=float(p), salience=float(s))
                    for i, p, s in zip(
                        issues,
                        rng.uniform(0, 100, ISSUES),
                        rng.uniform(1, 100, ISSUES),
                        strict=True,
                    )
                ),
            )
            for a in ("A", "B")
        )
        out.append(Scenario(id="bench", title="bench", actors=actors, issues=issues))
    return out


def end_to_end(pair: tuple[str, str], scs: Sequence[Scenario]) -> tuple[float, float]:
    """1,000 full results (Nash/KS, frontier, provenance, trace) via ``run_many``."""
    params = NegotiationParams(deadline=ROUNDS)
    return best_of(lambda: run_many(scs, ["A", "B"], list(pair), params, seeds=range(N)))


def one_at_a_time(pair: tuple[str, str], n: int = 100) -> float:
    """``run`` called once per negotiation, timed on ``n`` and scaled to 1,000."""
    scs = scenarios(n)
    t0 = time.perf_counter()
    for k, sc in enumerate(scs):
        run(sc, ["A", "B"], list(pair), NegotiationParams(deadline=ROUNDS), rng=k)
    return (time.perf_counter() - t0) * N / n


def line(label: str, seconds: float, note: str = "") -> None:
    print(
        f"{label:<44}{seconds:>8.3f} s{NEGMAS_SECONDS:>8.1f} s"
        f"{NEGMAS_SECONDS / seconds:>9.1f}x{note}"
    )


def main() -> None:
    print(f"{N} negotiations, {ISSUES} issues, deadline {ROUNDS} rounds")
    print(f"{'case':<44}{'detente':>10}{'negmas':>10}{'speed-up':>10}")
    for pair in (("boulware", "boulware"), ("hardliner", "hardliner")):
        seconds, played, outcome = batched(pair)
        line(f"batched {pair[0]}/{pair[1]}", seconds, f"   (mean rounds {played:.1f}; {outcome})")
    pair = ("boulware", "boulware")
    scs = scenarios(N)
    wall, cpu = end_to_end(pair, scs)
    line("run_many, full results, 1,000 scenarios", wall, f"   (CPU {cpu:.3f} s)")
    wall, cpu = best_of(lambda: [scenario_sha256(sc) for sc in scs])
    print(f"{'  of which hashing the 1,000 scenarios':<44}{wall:>8.3f} s{'':29}(CPU {cpu:.3f} s)")
    wall, cpu = end_to_end(pair, [scs[0]] * N)
    line("run_many, full results, 1 scenario x 1,000", wall, f"   (CPU {cpu:.3f} s)")
    sc, rv = scs[0], np.random.default_rng(0).uniform(0.2, 0.6, (N, 2))
    wall, cpu = best_of(
        lambda: run_draws(sc, list(pair), parties=["A", "B"], n=N, seed=1, reservation=rv)
    )
    line("run_draws, 1 profile, per-draw rv", wall, f"   (CPU {cpu:.3f} s)")
    mix = [
        [a, b]
        for a in ("boulware", "linear", "conceder", "tit-for-tat")
        for b in ("linear", "stall-and-water-down")
    ] * (N // 8)
    wall, cpu = best_of(lambda: run_draws(sc, mix, parties=["A", "B"], n=N, seed=1, reservation=rv))
    line("run_draws, 8 profiles, per-draw rv", wall, f"   (CPU {cpu:.3f} s)")
    line("run one at a time (100 runs x 10)", one_at_a_time(pair))


if __name__ == "__main__":
    main()
