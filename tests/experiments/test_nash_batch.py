"""The vectorised Nash bargaining solver against an independent SLSQP solve of each draw."""

from __future__ import annotations

import numpy as np
import pytest

import detente
from detente.batch import apply_draw
from detente.experiments import draw_inputs, input_space
from detente.models.nash import solve
from detente.models.nashsolve import solve_batch
from detente.rng import spawn_seeds
from detente.spatial import to_unit
from helpers import make_scenario


def _problem(s: detente.Scenario, n: int, seed: int) -> tuple[np.ndarray, ...]:
    inputs = draw_inputs(s, input_space(s), np.array(spawn_seeds(seed, n), dtype=np.uint64))
    bounds = s.bounds()
    z_sq = to_unit(s.status_quo()[None], bounds)[0]
    q, a = to_unit(inputs.positions, bounds), inputs.saliences / 100
    w = inputs.capabilities / inputs.capabilities.sum(axis=1, keepdims=True)
    d = -(a * (z_sq - q) ** 2).sum(axis=2)
    return q, a, d, w, np.ones_like(w), z_sq


@pytest.mark.parametrize("seed", [1, 2])
def test_batched_nbs_matches_slsqp_on_korea_draws(seed: int) -> None:
    q, a, d, w, m, z_sq = _problem(detente.load_scenario("korea-2019-12"), 40, seed)
    z, agree = solve_batch(q, a, d, w, m, z_sq)
    for b in range(len(z)):
        ref, ok = solve(q[b], a[b], d[b], w[b], z_sq)
        assert bool(agree[b]) == ok
        np.testing.assert_allclose(z[b], ref, atol=1e-6)


def test_no_agreement_when_an_actor_cannot_gain() -> None:
    # B sits at the status quo on the only issue it cares about: no point is better for both.
    s = make_scenario([[20, 50], [0, 50]], [[100, 50], [100, 0]], [1, 1], status_quo=[0.0, 50.0])
    q, a, d, w, m, z_sq = _problem(s, 1, 0)
    q, a = to_unit(s.positions(), s.bounds())[None], s.saliences()[None] / 100
    d = -(a * (z_sq - q) ** 2).sum(axis=2)
    z, agree = solve_batch(q, a, d, w, m, z_sq)
    assert not agree[0] and np.array_equal(z[0], z_sq)


def test_nash_reports_the_share_without_agreement() -> None:
    s = make_scenario(
        [[20], [90], [60]], [[100], [100], [100]], [1, 1, 1], status_quo=[50.0]
    )  # 20 and 90 pull opposite ways from 50: there is never a point better for both
    r = detente.experiments.sweep(s, "nash", draws=50, seed=1, noise={"position": 5})
    assert r.summary()["issues"][0]["no_agreement"] == 1.0


@pytest.mark.parametrize("case", ["korea", "split"])
def test_sweep_equals_a_loop_of_run(case: str) -> None:
    # Tolerance: none. Each draw's arithmetic in the batched solver does not depend on the other
    # draws (only the draws still moving are stepped), so row d is bit for bit detente.run(d).
    if case == "korea":
        s, noise = detente.load_scenario("korea-2019-12"), None
    else:  # a and b sit on either side of the status quo in some draws: no agreement there
        s = make_scenario(
            [[40, 30], [62, 70], [55, 50]],
            [[90, 40], [80, 60], [50, 50]],
            [2, 1, 1],
            status_quo=[50.0, 45.0],
        )
        noise = {"position": 15.0}
    r = detente.experiments.sweep(s, "nash", draws=300, seed=4, noise=noise, chunk_size=64)
    inputs = draw_inputs(s, input_space(s, noise), r.seeds)
    agree = []
    for d in range(len(r.seeds)):
        one = detente.run(apply_draw(s, inputs, d), "nash")
        assert r.forecast[d].tolist() == list(one.forecast)
        agree.append(one.extra["agreement"])
    share = r.summary()["issues"][0]["no_agreement"]
    assert share == pytest.approx(1 - np.mean(agree), abs=1e-12)
    assert case == "korea" or 0.05 < share < 0.95
