"""Random-number plumbing: the only module that touches ``numpy.random``.

Every stochastic entry point takes a keyword-only ``rng`` (a ``numpy.random.Generator``, an int
seed or None) and normalises it once with :func:`as_generator`.  Sweeps spawn child seeds in the
parent with :func:`spawn_seeds` so that serial and parallel runs agree and any row can be rerun
alone (STYLE.md rule 10).
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["RngLike", "as_generator", "fresh_seed", "keyed_seed", "spawn_seeds"]

RngLike = np.random.Generator | int | None


def as_generator(rng: RngLike) -> np.random.Generator:
    """Return a Generator: ``rng`` itself, or PCG64 seeded with the int (fresh entropy for None)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is not None and (isinstance(rng, bool) or int(rng) != rng or rng < 0):
        raise ValueError(f"a seed must be a non-negative integer, got {rng!r}")
    return np.random.default_rng(rng)


def spawn_seeds(seed: int, n: int) -> list[int]:
    """``n`` independent 63-bit child seeds of ``seed`` (``SeedSequence.spawn``)."""
    children = np.random.SeedSequence(seed).spawn(n)
    return [int(c.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for c in children]


def keyed_seed(seed: int, *keys: str) -> int:
    """A 63-bit child seed of ``seed`` named by ``keys`` (e.g. a model and an issue id).

    The same seed and keys give the same child whatever else is run, so one row of a large run
    can be rerun alone; different keys give independent streams (``SeedSequence`` entropy).
    """
    words = [seed] + [zlib.crc32(k.encode("utf-8")) for k in keys] + [len(keys)]
    state = np.random.SeedSequence(words).generate_state(1, dtype=np.uint64)[0]
    return int(state >> np.uint64(1))


def fresh_seed() -> int:
    """A new 63-bit seed from OS entropy, to record when the caller gave none."""
    entropy = np.random.SeedSequence().entropy
    assert isinstance(entropy, int)
    return entropy % (2**63)
