"""Monte Carlo sweeps: batch kernels equal single runs, seeds reproduce, bad sizes refused."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import detente
from detente.batch import DrawInputs, apply_draw, looped
from detente.canonical import scenario_sha256
from detente.experiments import run_draw, sweep, sweeps
from detente.experiments.draws import NoiseError, draw_inputs, input_space
from detente.experiments.sweeps import SweepSizeError
from detente.models import MODELS, batch_runner
from detente.rng import model_seeds, spawn_seed_array, spawn_seeds


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


def _inputs(s: detente.Scenario, n: int, drop: bool) -> DrawInputs:
    seeds = np.array(spawn_seeds(7, n), dtype=np.uint64)
    inputs = draw_inputs(s, input_space(s), seeds)
    if drop:
        present = np.ones(inputs.capabilities.shape, dtype=bool)
        present[np.arange(n), np.arange(n) % len(s.actors)] = False
        inputs = dataclasses.replace(inputs, present=present)
    return inputs


@pytest.mark.parametrize("model", ["mean", "median", "nash"])
@pytest.mark.parametrize("drop", [False, True])
def test_batch_kernel_equals_single_runs(korea: detente.Scenario, model: str, drop: bool) -> None:
    spec = MODELS[model]
    n = 12 if model == "nash" else 40
    inputs = _inputs(korea, n, drop)
    seeds = model_seeds(np.arange(n, dtype=np.uint64))
    got = batch_runner(spec)(korea, inputs, spec.params(), seeds=seeds)
    for d in range(n):
        one = spec.run(apply_draw(korea, inputs, d), spec.params())
        assert got.forecast[d].tolist() == list(one.forecast)
        if got.agreement is not None:
            assert bool(got.agreement[d]) == one.extra["agreement"]


def test_looped_fallback_matches_run(korea: detente.Scenario) -> None:
    inputs = _inputs(korea, 3, True)
    out = looped(MODELS["median"].run, False)(korea, inputs, None, seeds=[0, 1, 2])
    assert out.agreement is None
    assert out.forecast.shape == (3, len(korea.issues))


def test_apply_draw_leaves_out_absent_actors(korea: detente.Scenario) -> None:
    inputs = _inputs(korea, 3, True)
    drawn = apply_draw(korea, inputs, 1)
    assert len(drawn.actors) == len(korea.actors) - 1
    assert korea.actor_ids[1] not in drawn.actor_ids


def test_same_seed_same_result_whatever_chunking_and_jobs(korea: detente.Scenario) -> None:
    a = sweep(korea, "mean", draws=300, seed=11)
    b = sweep(korea, "mean", draws=300, seed=11, chunk_size=17)
    c = sweep(korea, "mean", draws=300, seed=11, chunk_size=50, jobs=2)
    assert np.array_equal(a.forecast, b.forecast) and np.array_equal(a.forecast, c.forecast)
    assert np.array_equal(a.seeds, c.seeds)
    assert a.summary() == c.summary()
    d = sweep(korea, "mean", draws=300, seed=12)
    assert not np.array_equal(a.forecast, d.forecast)


def test_pilot_pieces_do_not_change_the_result(
    korea: detente.Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = sweep(korea, "median", draws=700, seed=2, drop_actors=True)
    monkeypatch.setattr(sweeps, "PILOT_CPU", 1e9)  # pilot pieces 64, 256, 380: all draws here
    b = sweep(korea, "median", draws=700, seed=2, drop_actors=True)
    assert np.array_equal(a.forecast, b.forecast) and np.array_equal(a.seeds, b.seeds)
    assert np.array_equal(a.dropped, b.dropped)


def test_chunks_hold_at_most_chunk_cells_inputs(
    korea: detente.Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = sweep(korea, "mean", draws=2000, seed=6)
    monkeypatch.setattr(sweeps, "CHUNK_CELLS", 100 * input_space(korea).size)
    done: list[int] = []
    b = sweep(korea, "mean", draws=2000, seed=6, progress=lambda d, n: done.append(d))
    sizes = np.diff([0, *done])
    assert done[-1] == 2000 and sizes.max() <= 100 and sizes.min() > 0
    assert np.array_equal(a.forecast, b.forecast)


@pytest.mark.parametrize("seed", [0, 3, 2**32 - 1, 2**32, 2**63 - 1, 2**127 + 9, 2**128 + 1])
@pytest.mark.parametrize("start", [0, 1000, 2**32 - 2])
def test_vectorised_spawning_equals_seed_sequence(seed: int, start: int) -> None:
    root = np.random.SeedSequence(seed).entropy
    children = [np.random.SeedSequence(root, spawn_key=(i,)) for i in range(start, start + 5)]
    want = [int(c.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for c in children]
    assert spawn_seed_array(seed, 5, start).tolist() == want == spawn_seeds(seed, 5, start)


def test_seeds_are_spawned_per_draw(korea: detente.Scenario) -> None:
    r = sweep(korea, "median", draws=100, seed=3)
    children = np.random.SeedSequence(3).spawn(100)
    first = int(children[70].generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
    assert int(r.seeds[70]) == first


@pytest.mark.parametrize("model", ["mean", "nash"])
def test_a_row_reruns_alone(korea: detente.Scenario, model: str) -> None:
    r = sweep(korea, model, draws=70 if model == "mean" else 8, seed=5, drop_actors=model == "mean")
    frame = r.to_frame()
    for d in (3, len(r.seeds) - 1):
        rows = frame[frame.draw == d]
        dropped = rows.dropped.iloc[0] or None
        again = run_draw(korea, model, int(rows.seed.iloc[0]), drop=dropped)
        assert rows.forecast.tolist() == list(again.forecast)


def test_summary_has_percentiles_histogram_and_agreement(korea: detente.Scenario) -> None:
    s = sweep(korea, "nash", draws=20, seed=1).summary()
    issue = s["issues"][0]
    assert issue["p5"] <= issue["p25"] <= issue["median"] <= issue["p75"] <= issue["p95"]
    assert sum(issue["histogram"]["counts"]) == 20
    assert 0.0 <= issue["no_agreement"] <= 1.0
    assert s["model"] == "nash" and s["seed"] == 1 and s["draws"] == 20
    assert s["scenario"]["id"] == "korea-2019-12"


def test_drop_actors_reports_each_actor(korea: detente.Scenario) -> None:
    r = sweep(korea, "mean", draws=50, seed=2, drop_actors=True)
    assert len(r.seeds) == 50 * (len(korea.actors) + 1)
    dropped = r.summary()["dropped"]
    assert set(dropped) == set(korea.actor_ids)
    # Leaving out the USA (high positions, large weight) lowers the weighted mean.
    assert dropped["USA"]["shift"]["sequencing"] < 0


def test_no_noise_gives_the_point_forecast(korea: detente.Scenario) -> None:
    plain = dataclasses.replace(
        korea,
        uncertainty=None,
        actors=tuple(
            dataclasses.replace(
                a,
                capability_range=None,
                stances=tuple(
                    dataclasses.replace(s, position_range=None, salience_range=None)
                    for s in a.stances
                ),
            )
            for a in korea.actors
        ),
    )
    r = sweep(
        plain, "mean", draws=20, seed=1, noise={"position": 0, "salience": 0, "capability": 0}
    )
    assert np.allclose(r.forecast, detente.run(plain, "mean").forecast)


@pytest.mark.parametrize("draws", [0, -5, 2.5, 10**12])
def test_bad_draw_counts_are_refused(korea: detente.Scenario, draws: int) -> None:
    with pytest.raises(SweepSizeError) as err:
        sweep(korea, "mean", draws=draws, seed=1)
    if draws == 10**12:
        assert "memory" in str(err.value) and "CPU" in str(err.value)


@pytest.mark.parametrize("noise", [{"position": 150}, {"salience": -1}, {"weight": 3}])
def test_bad_noise_is_refused(korea: detente.Scenario, noise: dict[str, float]) -> None:
    with pytest.raises(NoiseError):
        sweep(korea, "mean", draws=10, seed=1, noise=noise)


def test_sweep_is_a_top_level_name(korea: detente.Scenario) -> None:
    """Issue 10 asks for ``detente.sweep(scenario, model, draws=..., seed=...)``."""
    top = detente.sweep(korea, "mean", draws=20, seed=3)
    assert detente.sweep is sweep
    assert top.summary() == sweep(korea, "mean", draws=20, seed=3).summary()


def test_the_pilot_stops_at_the_largest_chunk(
    korea: detente.Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However fast a draw is, the timing pilot ends once a piece is a full chunk.

    On a quiet machine a full chunk of the mean model took less than the pilot's CPU budget, and
    the pilot went on drawing pieces of 10**12 draws until memory ran out.
    """
    from detente.experiments import sweeps

    monkeypatch.setattr(sweeps, "PILOT_CPU", float("inf"))
    with pytest.raises(SweepSizeError, match="memory"):
        sweep(korea, "mean", draws=10**12, seed=1)


def test_a_rerun_draw_carries_its_seed_and_scenario(korea: detente.Scenario) -> None:
    frame = sweep(korea, "median", draws=4, seed=5).to_frame()
    seed = int(frame.seed.iloc[2])
    again = run_draw(korea, "median", seed, noise={"position": 5})
    p = again.provenance
    assert p.seed == seed and p.scenario_sha256 == scenario_sha256(korea)
    draw = again.to_dict()["draw"]
    assert draw["seed"] == seed and draw["noise"] == {"position": 5} and draw["dropped"] is None
    assert draw["inputs_sha256"] != p.scenario_sha256  # the drawn inputs are not the file's


def test_cli_says_a_rerun_draw_was_drawn(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import cli

    code, out, _ = cli(capsys, "run", "korea-2019-12", "--draw-seed", "123")
    assert code == 0 and "one sweep draw, --draw-seed 123" in out and "nothing drawn" not in out


def test_cli_footer_gives_the_widths_units(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import cli

    code, out, _ = cli(capsys, "sweep", "korea-2019-12", "--model", "mean", "--draws", "5")
    text = " ".join(out.split())
    widths = "position ±10 % of the scale, salience ±15 points, capability ±20 %"
    assert code == 0 and f"({widths}; values with their own range use it)" in text
