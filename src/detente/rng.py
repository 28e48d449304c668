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
    "spawn_seed_array",
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

    Child i is what ``SeedSequence(seed).spawn(…)[i].generate_state(1, np.uint64)[0] >> 1``
    gives, so a long sweep can spawn its seeds in pieces and get the same ones.  All children are
    computed at once: a child's pool is its parent's pool with the spawn key i mixed in last
    (``SeedSequence``'s hashmix and mix on 32-bit words), then hashed out as one 64-bit word; a
    test checks every step against ``SeedSequence`` itself (a SeedSequence per child costs
    ~8 µs, which a 10,000-draw sweep notices).  :func:`spawn_seed_array` gives them as an array.
    """
    return [int(v) for v in spawn_seed_array(seed, n, start)]


def spawn_seed_array(seed: int, n: int, start: int = 0) -> NDArray[np.uint64]:
    """:func:`spawn_seeds` as a uint64 array (a million draws need no million Python ints)."""
    parent = np.random.SeedSequence(seed)  # its entropy is the seed itself
    words = max(1, -(-int(seed).bit_length() // 32))
    # hashmix calls before the spawn key: the pool (4), its cross-mix (12), entropy words past 4
    hc = _INIT_A * pow(_MULT_A, 16 + 4 * max(0, words - 4), 1 << 32) % (1 << 32)
    index = np.arange(start, start + n, dtype=np.uint64)
    key = [(index >> np.uint64(s)).astype(np.uint32) for s in (0, 32)]  # low word wraps
    pool = np.repeat(parent.pool.astype(np.uint32)[:, None], n, axis=1)
    with np.errstate(over="ignore"):
        for word, used in ((key[0], None), (key[1], key[1] > 0)):  # a key ≥ 2³² has two words
            for dst in range(4):
                value, hc = _hashmix(word, hc, _MULT_A)
                mixed = _MIX_L * pool[dst] - _MIX_R * value
                mixed ^= mixed >> np.uint32(16)
                pool[dst] = mixed if used is None else np.where(used, mixed, pool[dst])
        lo, hb = _hashmix(pool[0], _INIT_B, _MULT_B)
        hi, _ = _hashmix(pool[1], hb, _MULT_B)
        state = lo.astype(np.uint64) | (hi.astype(np.uint64) << np.uint64(32))
    out: NDArray[np.uint64] = state >> np.uint64(1)
    return out


_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = np.uint32(0xCA01F9DD), np.uint32(0x4973F715)


def _hashmix(value: NDArray[np.uint32], hc: int, mult: int) -> tuple[NDArray[np.uint32], int]:
    """SeedSequence's hashmix of 32-bit words under the running hash constant ``hc``."""
    value = value ^ np.uint32(hc)
    hc = hc * mult % (1 << 32)
    value = value * np.uint32(hc)
    out: NDArray[np.uint32] = value ^ (value >> np.uint32(16))
    return out, hc


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
