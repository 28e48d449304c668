"""Pareto frontier, Nash and Kalai–Smorodinsky points, checked against brute force."""

from __future__ import annotations

import numpy as np
import pytest

from detente.negotiation import analysis
from detente.negotiation.outcomes import outcome_space, utilities_from_scenario

from .conftest import make_scenario


@pytest.fixture
def pair(korea_like):
    return utilities_from_scenario(korea_like, ["USA", "PRK"], outcome_space(korea_like))


def sample(us, n=40_000, seed=0):
    z = np.random.default_rng(seed).random((n, 1, us[0].ideal.shape[1]))
    return np.stack([u(z)[:, 0] for u in us], axis=1)


def test_no_outcome_lies_beyond_the_frontier(pair) -> None:
    front, _ = analysis.pareto_frontier(*pair)
    A, B = front[:, 0], front[:, 1]
    assert (np.diff(A) > 0).all() and (np.diff(B) < 0).all()
    pts = sample(pair)
    assert (pts[:, 0] <= A[-1] + 1e-12).all()
    assert (pts[:, 1] <= np.interp(pts[:, 0], A, B) + 1e-12).all()


def test_nash_point_maximises_the_nash_product(pair) -> None:
    bench = analysis.benchmarks(pair)
    d = np.array([u.rv[0] for u in pair])
    pts = sample(pair)
    gains = pts - d
    ok = (gains > 0).all(axis=1)
    best = (gains[ok, 0] * gains[ok, 1]).max()
    nash = np.array(bench.nash_utilities) - d
    assert nash[0] * nash[1] >= best - 1e-12
    z = np.array(bench.nash_outcome)[None, :]
    assert [float(u(z)[0]) for u in pair] == pytest.approx(bench.nash_utilities)


def test_ks_point_is_on_the_ray_to_the_ideal_point(pair) -> None:
    bench = analysis.benchmarks(pair)
    d = np.array([u.rv[0] for u in pair])
    # the ideal point from linear programmes (independent of the frontier polyline)
    ideal = [
        analysis._max_gain(pair, np.array([0.0, d[1]]), np.array([1.0, 0.0]))[0],
        analysis._max_gain(pair, np.array([d[0], 0.0]), np.array([0.0, 1.0]))[0],
    ]
    ks = np.array(bench.ks_utilities)
    ratio = (ks - d) / (np.array(ideal) - d)
    assert ratio[0] == pytest.approx(ratio[1], abs=1e-9)
    pts = sample(pair)
    assert ((pts >= d).all(axis=1) <= (pts <= np.array(ideal) + 1e-12).all(axis=1)).all()
    z = np.array(bench.ks_outcome)[None, :]
    assert [float(u(z)[0]) for u in pair] == pytest.approx(bench.ks_utilities, abs=1e-9)


def test_linear_programme_agrees_with_the_exact_two_party_frontier(pair) -> None:
    exact = analysis.benchmarks(pair)
    d = np.array([u.rv[0] for u in pair])
    lp = analysis._points_n(pair, d)
    assert lp.ks_utilities == pytest.approx(exact.ks_utilities, abs=1e-6)
    assert lp.nash_utilities == pytest.approx(exact.nash_utilities, abs=1e-4)


def test_distance_to_the_frontier(pair) -> None:
    bench = analysis.benchmarks(pair)
    assert analysis.pareto_distance(pair, np.array(bench.nash_utilities), bench) < 1e-9
    d = np.array([u.rv[0] for u in pair])
    assert analysis.pareto_distance(pair, d, bench) > 0.05
    front = np.array(bench.frontier)
    assert analysis.frontier_distance(front[:1], front[0]) == 0.0


def test_no_benchmarks_when_nothing_beats_disagreement() -> None:
    sc = make_scenario(
        {"A": (100.0,), "B": (0.0,)},
        {"A": (50.0,), "B": (50.0,)},
        (None,),
        negotiation={"reservation": {"A": 0.8, "B": 0.8}},
        issues=("x",),
    )
    us = utilities_from_scenario(sc, ["A", "B"], outcome_space(sc))
    bench = analysis.benchmarks(us)
    assert bench.nash_utilities is None and bench.ks_utilities is None
    three = make_scenario(
        {"A": (100.0,), "B": (0.0,), "C": (50.0,)},
        {"A": (50.0,), "B": (50.0,), "C": (50.0,)},
        (None,),
        negotiation={"reservation": {"A": 0.8, "B": 0.8, "C": 0.8}},
        issues=("x",),
    )
    us3 = utilities_from_scenario(three, ["A", "B", "C"], outcome_space(three))
    assert analysis.benchmarks(us3).nash_utilities is None


def test_three_party_points_are_pareto_optimal() -> None:
    sc = make_scenario(
        {"A": (100.0, 0.0), "B": (0.0, 100.0), "C": (60.0, 60.0)},
        {"A": (80.0, 20.0), "B": (20.0, 80.0), "C": (50.0, 50.0)},
        status_quo=(10.0, 10.0),
        issues=("x", "y"),
    )
    us = utilities_from_scenario(sc, ["A", "B", "C"], outcome_space(sc))
    bench = analysis.benchmarks(us)
    for point in (bench.nash_utilities, bench.ks_utilities):
        assert point is not None
        assert analysis.pareto_distance(us, np.array(point), bench) < 1e-6
    d = np.array([u.rv[0] for u in us])
    assert analysis.pareto_distance(us, d, bench) > 0
