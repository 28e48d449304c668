import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.spatial import from_unit, to_unit, weighted_mean, weighted_median
from helpers import EC_TABLE

positions = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=30)


def test_ec_initial_median_and_mean() -> None:
    x = np.array([[p] for _, _, p, _ in EC_TABLE], dtype=float)
    w = np.array([[c * s] for _, c, _, s in EC_TABLE])
    assert weighted_median(x, w)[0] == 7.0  # [BDM1994] / spec §5.1 derived check
    assert weighted_mean(x, w)[0] == pytest.approx(7.389955686853767, rel=1e-12)


def test_median_tie_takes_the_lower_position() -> None:
    x = np.array([[10.0], [20.0]])
    assert weighted_median(x, np.array([[1.0], [1.0]]))[0] == 10.0
    assert weighted_median(x, np.array([[1.0], [1.0 + 1e-9]]))[0] == 20.0


def test_zero_weights_fall_back_to_unweighted() -> None:
    x = np.array([[1.0], [2.0], [9.0]])
    assert weighted_median(x, np.zeros((3, 1)))[0] == 2.0
    assert weighted_mean(x, np.zeros((3, 1)))[0] == 4.0


@settings(max_examples=200, deadline=None)
@given(st.data(), positions)
def test_weighted_median_lies_within_positions_and_ignores_order(
    data: st.DataObject, xs: list[float]
) -> None:
    w = data.draw(st.lists(st.floats(0, 1e3), min_size=len(xs), max_size=len(xs)))
    x, ww = np.array(xs)[:, None], np.array(w)[:, None]
    m = weighted_median(x, ww)[0]
    assert m in xs
    perm = data.draw(st.permutations(range(len(xs))))
    assert weighted_median(x[list(perm)], ww[list(perm)])[0] == m
    # Condorcet property: at most half the weight lies strictly on either side.
    if ww.sum() > 0:
        total = ww.sum()
        assert ww[x[:, 0] < m].sum() <= total / 2 * (1 + 1e-9)
        assert ww[x[:, 0] > m].sum() <= total / 2 * (1 + 1e-9)


@given(st.lists(st.floats(0, 1), min_size=1, max_size=5))
def test_unit_scale_round_trip(us: list[float]) -> None:
    bounds = np.array([[4.0, 10.0]] * len(us))
    u = np.array(us)
    assert np.allclose(to_unit(from_unit(u, bounds), bounds), u)
