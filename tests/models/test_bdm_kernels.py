"""The BDM kernels against brute-force oracles and the published structural checks."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.models.bdm import BDMParams
from detente.models.bdm.kernels import (
    Board,
    _all_pairs_total,
    _u,
    distance_powers,
    expected_utility,
    median_position,
    pairwise_votes,
    risk_exponents,
    support,
    support_linear,
    win_probabilities,
)
from detente.scenario import Scenario
from detente.spatial import to_unit

small_n = st.integers(min_value=2, max_value=9)


@st.composite
def actors(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions on a coarse grid (so ties and co-located actors occur), weights, saliences."""
    n = draw(small_n)
    x = np.array(draw(st.lists(st.integers(0, 6), min_size=n, max_size=n)), dtype=float) * 1.5
    w = np.array(draw(st.lists(st.floats(0.01, 5.0), min_size=n, max_size=n)))
    s = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)))
    return x, w, s


def brute_support(x: np.ndarray, w: np.ndarray, D: np.ndarray) -> np.ndarray:
    n = len(x)
    out = np.zeros((n, n))
    for i, j, k in itertools.product(range(n), repeat=3):
        if abs(x[k] - x[i]) < abs(x[k] - x[j]):
            out[i, j] += w[k] * (D[k, j] - D[k, i])
    return out


def brute_p_dyad(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Eq. 31 as printed: per-dyad positive votes over per-dyad absolute votes."""
    n = len(x)
    P = np.zeros((n, n))
    for i, j in itertools.product(range(n), repeat=2):
        delta = np.abs(x - x[j]) - np.abs(x - x[i])
        den = np.sum(w * np.abs(delta))
        if x[i] != x[j] and den > 0:
            P[i, j] = np.sum(w * np.clip(delta, 0, None)) / den
    return P


@settings(max_examples=60, deadline=None)
@given(actors())
def test_median_is_a_condorcet_winner_under_both_tie_rules(data) -> None:
    x, w, _ = data
    for tie in ("lower", "first_pairwise"):
        mu = median_position(x, w, tie)
        assert mu in x
        assert all(pairwise_votes(x, w, mu, float(b)) >= -1e-9 for b in x)


@settings(max_examples=60, deadline=None)
@given(actors(), st.lists(st.floats(0.5, 2.0), min_size=9, max_size=9))
def test_support_matches_the_cubic_oracle(data, rho) -> None:
    x, w, _ = data
    D = distance_powers(x, 9.0, np.array(rho[: len(x)]))
    assert support(x, w, D) == pytest.approx(brute_support(x, w, D), abs=1e-9)
    linear = distance_powers(x, 9.0, np.ones_like(x))
    assert support_linear(x, w, 9.0) == pytest.approx(brute_support(x, w, linear), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(actors())
def test_all_pairs_denominator_matches_the_oracle(data) -> None:
    x, w, _ = data
    D = distance_powers(x, 9.0, np.linspace(0.5, 2.0, len(x)))
    brute = sum(
        w[k] * abs(D[k, a] - D[k, b])
        for k in range(len(x))
        for a in range(len(x))
        for b in range(len(x))
    )
    assert _all_pairs_total(w, D) == pytest.approx(brute, rel=1e-9, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(actors())
def test_dyad_probabilities_are_eq_31_and_sum_to_one(data) -> None:
    x, w, _ = data
    P = win_probabilities(x, w, 9.0, np.ones_like(x), "dyad")
    assert np.allclose(P, brute_p_dyad(x, w), rtol=0, atol=1e-9)
    apart = x[:, None] != x[None, :]
    assert (P + P.T)[apart] == pytest.approx(np.ones(apart.sum()))
    assert np.all(P[~apart] == 0)


def test_belgium_beats_netherlands_with_probability_063(ec: Scenario) -> None:
    """[Masad2016] table 'Capability Contribution': 0.2145 / (0.2145 + 0.124) = 0.63."""
    x = to_unit(ec.positions(), ec.bounds())[:, 0]
    w = ec.capabilities() * ec.saliences()[:, 0] / 100
    P = win_probabilities(x, w, 1.0, np.ones_like(x), "dyad")
    be, nl = ec.actor_ids.index("Belgium"), ec.actor_ids.index("Netherlands")
    assert round(P[be, nl], 2) == 0.63
    assert P[be, nl] == pytest.approx(0.2145 / 0.3385, abs=1e-12)
    assert P[be, nl] + P[nl, be] == pytest.approx(1.0)


def test_ec_initial_median_and_mean(ec: Scenario) -> None:
    x, w = ec.positions()[:, 0], ec.capabilities() * ec.saliences()[:, 0]
    assert median_position(x, w, "lower") == median_position(x, w, "first_pairwise") == 7.0
    assert np.sum(w * x) / np.sum(w) == pytest.approx(7.389955686853767, rel=1e-12)


@given(st.floats(0.5, 2.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_utility_bounds(r: float, d: float, m: float) -> None:
    """§2.3: at d = 0 U_s = U_f = U_sq; U_b and U_w lie either side of U_sq."""
    u_sq = 2 - 4 * 0.5**r
    assert _u(np.array(0.5), r) == pytest.approx(u_sq)
    assert _u(np.array(0.5 - 0.5 * 0.0), r) == _u(np.array(0.5 + 0.5 * 0.0), r)
    dist = min(m + d, 2.0)
    assert u_sq - 1e-12 <= _u(np.array(0.5 - 0.25 * dist), r) <= 2 + 1e-12
    assert -2 - 1e-12 <= _u(np.array(0.5 + 0.25 * dist), r) <= u_sq + 1e-12


def scalar_eu(i: int, j: int, b: Board, r: float, p: BDMParams) -> float:
    """E^i(U_ij) written out term by term from eq. 5-7 and 15-24 (the test oracle)."""
    x, R = b.x, b.R
    if x[i] == x[j]:
        return 0.0
    d, m = abs(x[i] - x[j]) / R, abs(x[i] - b.mu) / R
    other = d if p.ub_uw_distance == "mu_plus_target" else abs(x[j] - b.mu) / R
    u_s, u_f = 2 - 4 * (0.5 - 0.5 * d) ** r, 2 - 4 * (0.5 + 0.5 * d) ** r
    u_b, u_w = 2 - 4 * (0.5 - 0.25 * (m + other)) ** r, 2 - 4 * (0.5 + 0.25 * (m + other)) ** r
    u_sq = 2 - 4 * 0.5**r
    T = (1.0 if m < d else 0.0) if p.T is None else p.T
    s_j, P = b.s[j], b.P[i, j]
    challenge = s_j * (P * u_s + (1 - P) * u_f) + (1 - s_j) * u_s
    return challenge - (p.Q * u_sq + (1 - p.Q) * (T * u_b + (1 - T) * u_w))


@settings(max_examples=40, deadline=None)
@given(
    actors(),
    st.sampled_from([1.0, 0.5, 0.0]),
    st.sampled_from([None, 0.0, 0.5, 1.0]),
    st.sampled_from(["mu_plus_target", "mu_plus_mu"]),
)
def test_expected_utility_matches_the_scalar_oracle(data, Q, T, dist) -> None:
    """Includes Q < 1, where a sign slip in the no-challenge branch would show (pitfall 1)."""
    x, w, s = data
    if np.ptp(x) == 0:
        return
    params = BDMParams(**{**BDMParams.PRESETS["canonical"], "Q": Q, "T": T, "ub_uw_distance": dist})
    R = float(np.ptp(x))
    P = win_probabilities(x, w, R, np.ones_like(x), "dyad")
    board = Board(x, s, P, median_position(x, w), R)
    r = np.linspace(0.5, 2.0, len(x))
    E = expected_utility(board, r[:, None], params)
    for i, j in itertools.product(range(len(x)), repeat=2):
        assert E[i, j] == pytest.approx(scalar_eu(i, j, board, r[i], params), abs=1e-12)


def test_risk_exponents_span_half_to_two() -> None:
    S = np.array([3.0, -1.0, 0.5, 2.0])
    r = risk_exponents(S)
    # the least secure actor (largest S) gets 0.5, the most secure 2 [Masad2016]
    assert r[0] == pytest.approx(0.5) and r[1] == pytest.approx(2.0)
    assert np.all((r >= 0.5) & (r <= 2.0))
    assert np.all(np.diff(r[np.argsort(S)]) < 0)
    assert np.all(risk_exponents(np.full(3, 0.7)) == 1.0)  # degenerate security: r = 1
