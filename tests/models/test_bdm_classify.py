"""Classification of a dyad (Scholz 2011 Fig. 6, spec §2.9): one test per row, plus selection."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from detente.models.bdm import BDMParams
from detente.models.bdm.bargain import (
    CAPITULATION,
    COMPROMISE,
    CONFLICT,
    classify,
    select,
)

X = np.array([2.0, 8.0])  # actor 0 (i) at 2, actor 1 (j) at 8
CANON = BDMParams(**BDMParams.PRESETS["canonical"])


def dyad(a: float, b: float, params: BDMParams = CANON) -> tuple[tuple[int, float], ...]:
    """(kind, new position) for i (row 0) and for j (row 1) with a = E^i(U_ij), b = E^j(U_ji)."""
    eu = np.array([[0.0, a], [b, 0.0]])
    kind, new = classify(eu, eu.T, X, params)  # own estimates: b[i, j] = eu[j, i]
    return (int(kind[0, 1]), float(new[0, 1])), (int(kind[1, 0]), float(new[1, 0]))


def test_row1_both_gain_b_above_a_conflict_i_moves_to_xj() -> None:
    assert dyad(0.2, 0.5) == ((CONFLICT, 8.0), (0, 8.0))


def test_row2_both_gain_a_above_b_conflict_j_moves_to_xi() -> None:
    assert dyad(0.5, 0.2) == ((0, 2.0), (CONFLICT, 2.0))


def test_row3_i_upper_hand_compromise_j_moves_part_way_eq35() -> None:
    i, j = dyad(0.5, -0.2)
    assert i == (0, 2.0)
    assert j == (COMPROMISE, pytest.approx(8.0 + (2.0 - 8.0) * 0.2 / 0.5))


def test_row4_i_upper_hand_capitulation_j_moves_to_xi() -> None:
    assert dyad(0.2, -0.5) == ((0, 2.0), (CAPITULATION, 2.0))


def test_row5_j_upper_hand_compromise_i_moves_part_way_eq36() -> None:
    i, j = dyad(-0.2, 0.5)
    assert i == (COMPROMISE, pytest.approx(2.0 - (2.0 - 8.0) * 0.2 / 0.5))
    assert j == (0, 8.0)


def test_row6_j_upper_hand_capitulation_i_moves_to_xj() -> None:
    assert dyad(-0.5, 0.2) == ((CAPITULATION, 8.0), (0, 8.0))


def test_row7_neither_gains_stalemate() -> None:
    assert dyad(-0.5, -0.2) == ((0, 2.0), (0, 8.0))


@pytest.mark.parametrize(("a", "b"), [(0.0, 0.3), (0.3, 0.0), (0.4, 0.4), (0.0, 0.0)])
def test_boundaries_follow_the_canonical_choices(a: float, b: float) -> None:
    """A zero EU means no move, and on a = b > 0 nobody moves (spec §2.9, [I])."""
    (ki, _), (kj, _) = dyad(a, b)
    assert ki == kj == 0


def test_equal_magnitudes_prefer_compromise_over_capitulation() -> None:
    assert dyad(-0.3, 0.3)[0] == (COMPROMISE, 8.0)


def test_classification_is_antisymmetric_under_own_estimates() -> None:
    rng = np.random.default_rng(3)
    for a, b in rng.uniform(-1, 1, size=(200, 2)):
        (ki, _), (kj, _) = dyad(a, b)
        (kj2, _), (ki2, _) = dyad(b, a)
        assert (ki, kj) == (ki2, kj2)
        assert not (ki and kj)  # both sides agree on who moves


def test_capitulation_off_reproduces_the_jmckib_branch_that_never_fires() -> None:
    assert dyad(-0.5, 0.2, replace(CANON, capitulation=False))[0] == (0, 2.0)


def test_no_move_conflict_and_weighted_average_compromise() -> None:
    assert dyad(0.2, 0.5, replace(CANON, conflict="no_move"))[0][0] == 0
    i, _ = dyad(-0.2, 0.5, replace(CANON, compromise_rule="weighted_average"))
    assert i == (COMPROMISE, pytest.approx((0.2 * 2.0 + 0.5 * 8.0) / 0.7))


def test_stochastic_conflict_moves_the_drawn_loser() -> None:
    eu = np.array([[0.0, 0.3], [0.5, 0.0]])
    i_wins = np.array([[0.0, 1.0], [0.0, 0.0]])
    kind, _ = classify(eu, eu.T, X, replace(CANON, conflict="stochastic"), i_wins)
    assert kind[0, 1] == 0 and kind[1, 0] == CONFLICT


def three_offers() -> tuple[np.ndarray, ...]:
    """Receiver 0 at 0 gets: conflict from 1 (to 10, b=.3), compromise from 2, capitulation 3."""
    x = np.array([0.0, 10.0, 4.0, 2.0])
    kind = np.zeros((4, 4), dtype=np.int64)
    kind[0, 1:] = [CONFLICT, COMPROMISE, CAPITULATION]
    new = np.tile(x, (4, 1))
    new[0] = [0.0, 10.0, 1.0, 2.0]
    a = np.zeros((4, 4))
    a[0, 1:] = [0.1, -0.1, -0.6]
    b = np.zeros((4, 4))
    b[0, 1:] = [0.3, 0.9, 0.5]
    return kind, new, a, b, x


@pytest.mark.parametrize(
    ("rule", "chosen"), [("enforceability", 2), ("least_move", 2), ("type_order", 1)]
)
def test_selection_rules(rule: str, chosen: int) -> None:
    kind, new, a, b, x = three_offers()
    choice = select(kind, new, a, b, x, rule)
    assert choice[0] == chosen and np.all(choice[1:] == -1)


def test_enforceability_ties_go_to_the_least_move() -> None:
    kind, new, a, b, x = three_offers()
    b[0, 1:] = 0.5
    assert select(kind, new, a, b, x, "enforceability")[0] == 2  # moves 1, vs 10 and 2
