"""spawn_seeds computes SeedSequence's children for many draws at once: the same seeds."""

from __future__ import annotations

import numpy as np
import pytest

from detente.rng import spawn_seeds

SEEDS = [0, 1, 20191209, 2**32 - 1, 2**32, 2**63 - 1, 2**64 + 3, 2**130 + 7, 2**200 + 1]


def _child(seed: int, i: int) -> int:
    sequence = np.random.SeedSequence(np.random.SeedSequence(seed).entropy, spawn_key=(i,))
    return int(sequence.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


@pytest.mark.parametrize("seed", SEEDS)
def test_spawned_seeds_are_the_seed_sequence_children(seed: int) -> None:
    for start, n in [(0, 30), (2**32 - 2, 4), (10**12, 2), (7, 0)]:
        assert spawn_seeds(seed, n, start) == [_child(seed, i) for i in range(start, start + n)]


def test_children_are_those_of_spawn() -> None:
    children = np.random.SeedSequence(42).spawn(5)
    want = [int(c.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for c in children]
    assert spawn_seeds(42, 5) == want
    assert spawn_seeds(42, 3, 2) == want[2:]
