"""Same seed, same trace; a tournament row reruns alone."""

from __future__ import annotations

import numpy as np
import pytest

from detente.negotiation import NegotiationParams, run, tournament

NOISY = NegotiationParams(explore=0.4, p_breakdown=0.01, opener="random")


def test_same_seed_gives_the_same_trace(korea_like) -> None:
    a = run(korea_like, ["USA", "PRK"], ["boulware", "stall-and-water-down"], NOISY, rng=42)
    b = run(korea_like, ["USA", "PRK"], ["boulware", "stall-and-water-down"], NOISY, rng=42)
    assert a == b
    assert a.to_json() == b.to_json()


def test_another_seed_gives_another_trace(korea_like) -> None:
    a = run(korea_like, ["USA", "PRK"], ["linear", "linear"], NOISY, rng=1)
    b = run(korea_like, ["USA", "PRK"], ["linear", "linear"], NOISY, rng=2)
    assert a.trace != b.trace


def test_seed_is_recorded_and_a_fresh_one_is_drawn_when_none(korea_like) -> None:
    r = run(korea_like, ["USA", "PRK"], ["linear", "linear"], NOISY)
    assert isinstance(r.provenance.seed, int)
    again = run(korea_like, ["USA", "PRK"], ["linear", "linear"], NOISY, rng=r.provenance.seed)
    assert again == r


def test_global_rng_is_untouched(korea_like) -> None:
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    run(korea_like, ["USA", "PRK"], ["linear", "conceder"], NOISY, rng=3)
    assert (np.random.get_state()[1] == state).all()  # noqa: NPY002


def test_tournament_rows_rerun_alone(korea_like) -> None:
    rows = tournament([korea_like], ["boulware", "tit-for-tat"], params=NOISY, n_seeds=3, seed=9)
    assert len(rows) == 2 * 2 * 3
    assert len({r.seed for r in rows}) == 3
    for row in rows:
        alone = run(
            korea_like, ["USA", "PRK"], [row.strategy_a, row.strategy_b], NOISY, rng=row.seed
        )
        assert alone.status == row.status
        assert alone.round == row.round
        assert alone.utilities == (row.utility_a, row.utility_b)
        assert alone.pareto_distance == row.pareto_distance


def test_run_many_equals_run_for_every_scenario(korea_like) -> None:
    from detente.negotiation.simulate import run_many

    from .conftest import make_scenario

    other = make_scenario(
        {"USA": (20.0, 80.0, 40.0), "PRK": (70.0, 10.0, 90.0)},
        {"USA": (10.0, 50.0, 90.0), "PRK": (60.0, 60.0, 20.0)},
        status_quo=(None, 30.0, 60.0),
    )
    scenarios = [korea_like, other, korea_like]
    for protocol in ("alternating", "mediated"):
        params = NegotiationParams(protocol=protocol, explore=0.3, opener="random", deadline=40)
        many = run_many(
            scenarios, ["USA", "PRK"], ["linear", "tit-for-tat"], params, seeds=[1, 2, 3]
        )
        for sc, seed, r in zip(scenarios, [1, 2, 3], many, strict=True):
            assert r == run(sc, ["USA", "PRK"], ["linear", "tit-for-tat"], params, rng=seed)


def test_a_negotiation_that_draws_nothing_records_no_seed(korea_like, capsys) -> None:
    """Issue 15 item 6 for negotiations: with a fixed deadline, no exploration, no breakdown risk
    and a fixed opener nothing is drawn, and a fresh seed made identical runs differ."""
    from detente.cli import main
    from detente.negotiation import NegotiationParams, rerun

    fixed = NegotiationParams(deadline_jitter=0, explore=0.0)
    assert not fixed.draws and NegotiationParams().draws
    assert NegotiationParams(deadline_jitter=0, explore=0.0, opener="random").draws
    first = run(korea_like, ["USA", "PRK"], ["boulware", "linear"], fixed)
    again = run(korea_like, ["USA", "PRK"], ["boulware", "linear"], fixed, rng=7)
    assert first.provenance.seed is None and again == first and rerun(first, korea_like) == first
    assert run(korea_like, ["USA", "PRK"], ["linear", "linear"]).provenance.seed is not None
    argv = ["negotiate", "korea-2019-12", "-p", "deadline_jitter=0", "-p", "explore=0"]
    with pytest.raises(SystemExit):
        main(argv)
    assert "no seed (nothing drawn)" in capsys.readouterr().out
