"""Challenge estimates of KTAB's SMP: probability of victory and expected gain.

``SMPState::probEduChlg`` with ``Actor::vProbLittle`` and ``Actor::thirdPartyVoteSU``, vectorised
over many (h, k, i, j) quadruples and all third parties n at once, in blocks to bound memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.errors import ModelInputError
from detente.models.smp.utility import utility
from detente.models.smp.voting import vote

__all__ = ["Assessment", "best_targets", "challenge_estimates"]

_Array = NDArray[np.float64]
_Index = NDArray[np.intp]

MIN_SUPPORT = 1e-10
"""Seed of the two coalitions in a challenge (``minCltn``)."""
MIN_GAIN = 1e-5
"""Smallest expected gain worth a challenge (``minSigEDU`` in ``bestChallenge``)."""
BLOCK_ELEMENTS = 12_000
"""Quadruples × third parties per block: 96 kB temporaries stay in cache, and below the size at
which the C allocator maps fresh pages for every array (128 kB), which would cost more than the
arithmetic."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """What every actor knows at one state: distances, risk attitudes and weights.

    Attributes
    ----------
    delta : ndarray (n, n)
        ``δ[i, j]``, distance from i's ideal to j's position.
    rh : ndarray (n, n)
        ``Rh[h, i]``, h's estimate of i's risk attitude.
    w_sal : ndarray (n,)
        Salience-weighted power ``S_i c_i`` used in challenges.
    s_tot : ndarray (n,)
        Total salience ``S_i``.
    rule, tpc : str
        Voting rule and third-party commitment.
    """

    delta: _Array
    rh: _Array
    w_sal: _Array
    s_tot: _Array
    rule: str
    tpc: str


def _third_party_utils(tpc: str, uni: _Array, unj: _Array, unn: _Array) -> tuple[_Array, ...]:
    """The four "little conflict" utilities (×3): n with i / with j, i wins / j wins."""
    ii, jj = uni + uni, unj + unj
    if tpc == "SemiCommit":
        return ii + unn, jj + unj, ii + uni, jj + unn
    if tpc == "NoCommit":
        return ii + unn, jj + unn, ii + unn, jj + unn
    if tpc == "FullCommit":
        return ii + uni, jj + unj, ii + uni, jj + unj
    raise ModelInputError(f"unknown ThirdPartyCommit {tpc!r}")


def _principals(a: Assessment, h: _Index, i: _Index, j: _Index) -> tuple[_Array, _Array]:
    """Coalition seeds C⁰_ij, C⁰_ji from the two principals' own votes."""
    d, rh = a.delta, a.rh
    uii, uij = utility(d[i, i], rh[h, i]), utility(d[i, j], rh[h, i])
    uji, ujj = utility(d[j, i], rh[h, j]), utility(d[j, j], rh[h, j])
    ci = vote(a.rule, a.w_sal[i], uii, uij)
    cj = vote(a.rule, a.w_sal[j], uji, ujj)
    chij = MIN_SUPPORT + np.maximum(ci, 0.0) + np.maximum(cj, 0.0)
    chji = MIN_SUPPORT - np.minimum(ci, 0.0) - np.minimum(cj, 0.0)
    return chij, chji


def _support(
    a: Assessment, c0: tuple[_Array, _Array], u: tuple[_Array, _Array, _Array], skip: list[Any]
) -> tuple[_Array, _Array]:
    """Total support for i and for j: C⁰ plus every third party n, each judged against C⁰ only.

    ``c0`` = (C⁰_ij, C⁰_ji) and ``u`` = (u_ni, u_nj, u_nn) broadcast with third parties n on the
    last axis; ``skip`` indexes the entries with n ∈ {i, j}.  Arithmetic as in KTAB, in place.
    """
    (c0ij, c0ji), (uni, unj, unn) = c0, u
    wn = a.w_sal
    v0 = vote(a.rule, wn, uni, unj)
    cni = np.maximum(v0, 0.0)
    cni += c0ij[..., None]
    cnj = np.subtract(c0ji[..., None], np.minimum(v0, 0.0, out=v0), out=v0)
    pin = np.divide(cni, cni + cnj, out=cni)
    pjn = np.subtract(1.0, pin, out=cnj)
    u1, u2, u3, u4 = _third_party_utils(a.tpc, uni, unj, unn)
    eu_i = pin * u1
    eu_i += np.multiply(pjn, u2, out=u2)
    eu_j = np.multiply(pin, u3, out=pin)
    eu_j += np.multiply(pjn, u4, out=pjn)
    vn = vote(a.rule, wn, eu_i, eu_j)
    for idx in skip:
        vn[idx] = 0.0
    pos = np.maximum(vn, 0.0)
    neg = np.subtract(pos, vn, out=vn)  # max(−vn, 0), exactly
    return _onto(c0ij, pos), _onto(c0ji, neg)


def _onto(seed: _Array, v: _Array) -> _Array:
    """``seed + v[..., 0] + v[..., 1] + …`` added one by one, in KTAB's order."""
    v[..., 0] += seed
    out: _Array = np.add.accumulate(v, axis=-1)[..., -1]
    return out


def _gain(
    a: Assessment, support: tuple[_Array, _Array], uhk: tuple[_Array, _Array], sj: _Array
) -> tuple[_Array, _Array]:
    """P[i beats j] and k's expected gain from the supports and k's utilities of i and j."""
    (chij, chji), (uhki, uhkj) = support, uhk
    phij, phji = chij / (chij + chji), chji / (chij + chji)
    eu_sq = uhki + uhkj
    eu_vict, eu_lose = uhki + uhki, uhkj + uhkj
    eu_chlg = (1 - sj) * eu_vict + sj * (phij * eu_vict + phji * eu_lose)
    return phij, eu_chlg - eu_sq


def _block(a: Assessment, h: _Index, k: _Index, i: _Index, j: _Index) -> tuple[_Array, _Array]:
    rhn = a.rh[h]  # (q, n): h's estimate of each n's risk attitude
    u = (
        utility(a.delta[:, i].T, rhn),
        utility(a.delta[:, j].T, rhn),
        utility(np.diagonal(a.delta)[None, :], rhn),
    )
    q = np.arange(len(h))
    support = _support(a, _principals(a, h, i, j), u, [(q, i), (q, j)])
    uhk = utility(a.delta[k, i], a.rh[h, k]), utility(a.delta[k, j], a.rh[h, k])
    return _gain(a, support, uhk, a.s_tot[j])


def challenge_estimates(
    a: Assessment, h: _Index, k: _Index, i: _Index, j: _Index
) -> tuple[_Array, _Array]:
    """Estimate by h of P[i beats j] and of k's expected gain ΔEU when i challenges j.

    The index arrays have one shape; the results have that shape too.
    """
    h, k, i, j = (np.asarray(v, dtype=np.intp).ravel() for v in (h, k, i, j))
    step = max(1, BLOCK_ELEMENTS // max(1, a.delta.shape[0]))
    p, gain = np.empty(len(h)), np.empty(len(h))
    for lo in range(0, len(h), step):
        s = slice(lo, lo + step)
        p[s], gain[s] = _block(a, h[s], k[s], i[s], j[s])
    return p, gain


def _own_block(a: Assessment, rows: _Index, cols: _Index) -> tuple[_Array, _Array]:
    """``challenge_estimates(h=k=i, i, j)`` for i in ``rows`` and j in ``cols``, as (b_i, b_j)."""
    i, j = np.broadcast_arrays(rows[:, None], cols[None, :])
    rhn = a.rh[rows][:, None, :]  # (b_i, 1, n): i's estimate of each n's risk attitude
    u = (
        utility(a.delta[:, rows].T[:, None, :], rhn),
        utility(a.delta[:, cols].T[None, :, :], rhn),
        utility(np.diagonal(a.delta)[None, None, :], rhn),
    )
    skip = [
        (np.arange(len(rows)), slice(None), rows),
        (slice(None), np.arange(len(cols)), cols),
    ]
    support = _support(a, _principals(a, i, i, j), u, skip)
    uhk = utility(a.delta[i, i], a.rh[i, i]), utility(a.delta[i, j], a.rh[i, i])
    return _gain(a, support, uhk, a.s_tot[j])


def _tiles(n: int) -> list[tuple[_Index, _Index]]:
    """(rows, cols) blocks of the n × n challenges with at most ``BLOCK_ELEMENTS`` × n work."""
    if n * n <= BLOCK_ELEMENTS:
        step = BLOCK_ELEMENTS // (n * n)
        return [(np.arange(lo, min(n, lo + step)), np.arange(n)) for lo in range(0, n, step)]
    step = max(1, BLOCK_ELEMENTS // n)
    return [
        (np.array([r]), np.arange(lo, min(n, lo + step)))
        for r in range(n)
        for lo in range(0, n, step)
    ]


def best_targets(a: Assessment) -> tuple[_Index, _Array, _Array]:
    """For every actor i: best target j (−1 for none), i's P[i beats j] and i's ΔEU.

    The target maximises i's own estimate of its gain among gains above ``MIN_GAIN``; ties go to
    the lowest index, as in ``SMPState::bestChallenge``.
    """
    n = a.delta.shape[0]
    p, gain = np.empty((n, n)), np.empty((n, n))
    for rows, cols in _tiles(n):
        p[rows[:, None], cols], gain[rows[:, None], cols] = _own_block(a, rows, cols)
    gain[np.diag_indices(n)] = -np.inf
    gain = np.where(gain > MIN_GAIN, gain, -np.inf)
    best = np.argmax(gain, axis=1)
    r = np.arange(n)
    has = np.isfinite(gain[r, best])
    return np.where(has, best, -1), p[r, best], gain[r, best]
