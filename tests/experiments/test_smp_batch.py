"""SMP's batch kernel (a lean run per draw) gives exactly the forecasts of single runs."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import detente
from detente.batch import apply_draw
from detente.experiments.draws import draw_inputs, input_space
from detente.models import smp
from detente.rng import model_seeds, spawn_seeds


@pytest.mark.parametrize("transitions", ["Deterministic", "Stochastic"])
def test_smp_batch_equals_single_runs(transitions: str) -> None:
    s = detente.load_scenario("korea-2019-12")
    n = 10
    seeds = np.array(spawn_seeds(5, n), dtype=np.uint64)
    inputs = draw_inputs(s, input_space(s), seeds)
    present = np.ones(inputs.capabilities.shape, dtype=bool)
    present[3, 2] = False  # one draw without PRK
    inputs = dataclasses.replace(inputs, present=present)
    params = smp.SMPParams(state_transitions=transitions)  # type: ignore[arg-type]
    ms = model_seeds(seeds)
    got = smp.run_batch(s, inputs, params, seeds=ms).forecast
    for d in range(n):
        single = smp.run(apply_draw(s, inputs, d), params, rng=ms[d]).forecast
        assert got[d].tolist() == list(single)
