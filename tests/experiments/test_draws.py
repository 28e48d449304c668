"""Inverse CDFs of the input draws against SciPy's distributions, one column per distribution."""

from __future__ import annotations

import dataclasses

import numpy as np
from scipy import stats

import detente
from detente.experiments.draws import input_space, sample


def test_each_column_follows_its_own_distribution() -> None:
    space = input_space(detente.load_scenario("korea-2019-12"))
    dist = np.arange(space.size) % 3  # triangular, uniform, normal side by side
    low, high = space.low.copy(), space.high.copy()
    low[::9] = high[::9] = space.value[::9]  # some inputs without any width
    space = dataclasses.replace(space, dist=dist, low=low, high=high)
    u = np.linspace(0.001, 0.999, 301)[:, None] * np.ones(space.size)
    x = sample(space, u)
    for k in range(space.size):
        a, m, b = low[k], space.value[k], high[k]
        if b == a:
            want = np.full(len(u), m)
        elif dist[k] == 0:
            want = stats.triang.ppf(u[:, k], (m - a) / (b - a), loc=a, scale=b - a)
        elif dist[k] == 1:
            want = stats.uniform.ppf(u[:, k], loc=a, scale=b - a)
        else:
            sd = (b - a) / (2 * stats.norm.ppf(0.95))
            lo, hi = (space.floor[k] - m) / sd, (space.ceiling[k] - m) / sd
            want = stats.truncnorm.ppf(u[:, k], lo, hi, loc=m, scale=sd)
        np.testing.assert_allclose(x[:, k], want, rtol=1e-9, atol=1e-9, err_msg=space.names[k])
