"""The batched BDM kernel gives exactly what `detente.run` gives draw by draw."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import detente
from detente.batch import DrawInputs, looped
from detente.experiments import draw_inputs, input_space
from detente.models import MODELS, batch_runner
from detente.models.bdm import BDMParams
from detente.models.bdm.batch_support import _at_or_below, _below, _runs
from detente.params import params_from_strings
from detente.rng import spawn_seeds

VARIANTS = [
    {"preset": "canonical"},
    {"preset": "scholz-code"},
    {"preset": "canonical", "Q": "0.5", "stop": "median_stable", "range_mode": "dynamic"},
    {"preset": "scholz-code", "Q": "0.5", "no_challenge": "full", "selection": "least_move"},
    {"preset": "canonical", "ub_uw_distance": "mu_plus_mu", "Q": "0.7", "range_mode": "scale"},
    {"preset": "canonical", "conflict": "no_move", "compromise_rule": "weighted_average"},
    {"preset": "canonical", "eps": "-0.05", "selection": "type_order"},
    {
        "preset": "scholz-code",
        "eps": "-0.05",
        "selection": "enforceability",
        "stop": "median_stable",
    },
]


def _draws(name: str, n: int, drop: bool) -> tuple[detente.Scenario, DrawInputs]:
    s = detente.load_scenario(name)
    inputs = draw_inputs(s, input_space(s), np.array(spawn_seeds(4, n), dtype=np.uint64))
    if drop:
        present = np.ones(inputs.capabilities.shape, dtype=bool)
        present[np.arange(n), np.arange(n) % len(s.actors)] = False
        present[0] = True
        inputs = dataclasses.replace(inputs, present=present)
    return s, inputs


@pytest.mark.parametrize("scenario", ["ec-emissions-1994", "korea-2019-12"])
@pytest.mark.parametrize("raw", VARIANTS, ids=lambda r: "-".join(r.values()))
def test_batched_bdm_equals_single_runs(scenario: str, raw: dict[str, str]) -> None:
    s, inputs = _draws(scenario, 9, drop=raw.get("range_mode") == "dynamic")
    params = params_from_strings(BDMParams, raw)
    seeds = list(range(inputs.n_draws))
    got = batch_runner(MODELS["bdm"])(s, inputs, params, seeds=seeds)
    want = looped(MODELS["bdm"].run, True)(s, inputs, params, seeds=seeds)
    assert np.array_equal(got.forecast, want.forecast)


@pytest.mark.parametrize("raw", VARIANTS, ids=lambda r: "-".join(r.values()))
def test_batched_bdm_equals_single_runs_with_ties(raw: dict[str, str]) -> None:
    """Positions on a coarse grid: co-located actors and midpoints on an actor's position."""
    s, inputs = _draws("ec-emissions-1994", 40, drop=False)
    lo, hi = s.bounds()[0]
    grid = np.round((inputs.positions - lo) / (hi - lo) * 8) / 8 * (hi - lo) + lo
    inputs = dataclasses.replace(inputs, positions=grid)
    params = params_from_strings(BDMParams, raw)
    got = batch_runner(MODELS["bdm"])(s, inputs, params, seeds=[0] * 40)
    want = looped(MODELS["bdm"].run, True)(s, inputs, params, seeds=[0] * 40)
    assert np.array_equal(got.forecast, want.forecast)


def test_unperturbed_scenario_gives_the_published_run() -> None:
    s = detente.load_scenario("ec-emissions-1994")
    params = params_from_strings(BDMParams, {"preset": "scholz-code"})
    got = batch_runner(MODELS["bdm"])(s, DrawInputs.from_scenario(s, 2), params, seeds=[0, 0])
    assert got.forecast[:, 0].tolist() == [detente.run(s, "bdm", params).forecast[0]] * 2


def test_a_draw_does_not_depend_on_its_batch() -> None:
    s, inputs = _draws("korea-2019-12", 12, drop=False)
    params = BDMParams()
    whole = batch_runner(MODELS["bdm"])(s, inputs, params, seeds=[]).forecast
    parts = [
        batch_runner(MODELS["bdm"])(s, inputs.take(slice(k, k + 5)), params, seeds=[])
        for k in range(0, 12, 5)
    ]
    assert np.array_equal(whole, np.vstack([p.forecast for p in parts]))


def test_stochastic_settings_loop_with_the_draw_seeds() -> None:
    s, inputs = _draws("ec-emissions-1994", 3, drop=False)
    params = BDMParams(salience_shock=0.2)
    got = batch_runner(MODELS["bdm"])(s, inputs, params, seeds=[5, 6, 7])
    want = looped(MODELS["bdm"].run, True)(s, inputs, params, seeds=[5, 6, 7])
    assert np.array_equal(got.forecast, want.forecast)


@pytest.mark.parametrize("n", [6, 130])  # counts in int8, and beyond it
def test_batched_searchsorted_is_exact(n: int) -> None:
    rng = np.random.default_rng(0)
    xs = np.sort(rng.integers(0, 5, (40, n)).astype(float), axis=1)
    v = rng.integers(-1, 6, (40, 15)) + rng.choice([0.0, 0.5], (40, 15))
    left = _below(xs, v, strict=True)
    got = {"left": left, "right": _at_or_below(xs, v, left, None)}
    for side in ("left", "right"):
        want = np.array([np.searchsorted(xs[b], v[b], side) for b in range(40)])
        assert np.array_equal(got[side], want)


def test_batched_counts_of_tied_positions() -> None:
    """Runs of equal positions: how many lie at or below / strictly below each position."""
    rng = np.random.default_rng(1)
    xs = np.sort(rng.integers(0, 4, (50, 7)).astype(float), axis=1)
    end, start = _runs(xs)
    for b in range(50):
        assert end[b].tolist() == np.searchsorted(xs[b], xs[b], "right").tolist()
        assert start[b].tolist() == np.searchsorted(xs[b], xs[b], "left").tolist()
