"""Random-number plumbing: the only module that touches ``numpy.random``.

Every stochastic entry point takes a keyword-only ``rng`` (a ``numpy.random.Generator``, an int
seed or None) and normalises it once with :func:`as_generator`.  Sweeps spawn child seeds in the
parent with :func:`spawn_seeds` so that serial and parallel runs agree and any row can be rerun
alone (STYLE.md rule 10).  Monte Carlo draws turn each draw's seed into its input uniforms with
:func:`draw_uniforms` (counter-based, vectorised over draws) and into a model seed with
:func:`model_seeds`.

References
----------
[Steele2014] Steele, G. L., Lea, D. & Flood, C. H. (2014). Fast splittable pseudorandom number
    generators. OOPSLA 2014, 453–472.
"""

from __future__ import annotations

import zlib

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "RngLike",
    "as_generator",
    "draw_uniforms",
    "fresh_seed",
    "keyed_seed",
    "model_seeds",
    "seed_to_record",
    "spawn_seeds",
]

RngLike = np.random.Generator | int | None


def as_generator(rng: RngLike) -> np.random.Generator:
    """Return a Generator: ``rng`` itself, or PCG64 seeded with the int (fresh entropy for None)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is not None and (isinstance(rng, bool) or int(rng) != rng or rng < 0):
        raise ValueError(f"a seed must be a non-negative integer, got {rng!r}")
    return np.random.default_rng(rng)


def spawn_seeds(seed: int, n: int, start: int = 0) -> list[int]:
    """63-bit seeds of children ``start … start + n − 1`` of ``SeedSequence(seed)``.

    Child i is what ``SeedSequence(seed).spawn(…)[i]`` gives, so a long sweep can spawn its seeds
    in pieces and get the same ones.
    """
    entropy = np.random.SeedSequence(seed).entropy
    children = (np.random.SeedSequence(entropy, spawn_key=(i,)) for i in range(start, start + n))
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


def seed_to_record(seed: int | None, drawn: bool) -> int | None:
    """The seed a run uses and records: ``seed`` (a fresh one when None) if anything is drawn.

    None when nothing is drawn: the result does not depend on a seed, so recording one (a fresh
    one above all) would only make two identical runs differ.
    """
    if not drawn:
        return None
    return fresh_seed() if seed is None else seed


_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_STREAMS = {"inputs": np.uint64(0x5EED_0001), "model": np.uint64(0x5EED_0002)}


def _mix64(z: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """SplitMix64's output function (Stafford's Mix13) [Steele2014], element-wise."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    out: NDArray[np.uint64] = z ^ (z >> np.uint64(31))
    return out


def draw_uniforms(seeds: NDArray[np.uint64] | list[int], k: int) -> NDArray[np.float64]:
    """``k`` uniforms in (0, 1) for each draw seed, shape ``(len(seeds), k)``, all at once.

    Row d is the SplitMix64 stream [Steele2014] started from ``mix(seed_d ^ tag)``: a pure
    function of the draw's own seed, so a draw gives the same inputs whichever batch, process or
    machine evaluates it.  (A numpy Generator per draw would cost ~0.1 ms each; this is
    vectorised over draws.)
    """
    s = np.asarray(seeds, dtype=np.uint64)
    with np.errstate(over="ignore"):
        start = _mix64(s ^ _STREAMS["inputs"])
        steps = np.arange(1, k + 1, dtype=np.uint64) * _GAMMA
        bits = _mix64(start[:, None] + steps[None, :])
    out: NDArray[np.float64] = ((bits >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0**-53
    return out


def model_seeds(seeds: NDArray[np.uint64] | list[int]) -> list[int]:
    """The seed each draw passes to a stochastic model: a 63-bit hash of its draw seed.

    Kept apart from :func:`draw_uniforms`' stream, so a model's random numbers are not the ones
    that drew its inputs.
    """
    s = np.asarray(seeds, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = _mix64(_mix64(s ^ _STREAMS["model"]))
    return [int(v) for v in h >> np.uint64(1)]
