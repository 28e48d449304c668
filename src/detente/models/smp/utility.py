"""Distances, utilities and risk attitudes of KTAB's SMP (KTAB's ``SMPModel`` and ``SMPState``).

``SMPModel::bvDiff``, ``bsUtil``, ``SMPState::setVDiff``, ``setAllAUtil``, ``Model::bigRfromProb``
and ``Model::estNRA`` in KTAB, vectorised.  Everything is on the [0, 1] scale.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.errors import ModelInputError
from detente.models.smp.voting import scalar_pce

__all__ = ["big_r", "distances", "estimated_r", "risk_attitudes", "utility"]

_Array = NDArray[np.float64]


def distances(ideals: _Array, points: _Array, sal: _Array) -> _Array:
    """``δ[i, m]``: salience-weighted RMS distance from actor i's ideal to point m.

    δ_i(z) = sqrt(Σ_d (s_id (y_id − z_d))² / Σ_d s_id²), shapes (n, d), (m, d), (n, d) → (n, m).
    """
    ds = (ideals[:, None, :] - points[None, :, :]) * sal[:, None, :]
    ss = (sal * sal).sum(axis=1)
    ss = np.where(ss > 0, ss, 1.0)  # an actor with no salience anywhere is indifferent (δ = 0)
    out: _Array = np.sqrt((ds * ds).sum(axis=2) / ss[:, None])
    return out


def utility(delta: _Array, r: _Array | float) -> _Array:
    """u(δ, R) = (1 − δ)(1 + δR) for δ ≤ 1, else (1 − δ)(1 + R) (``SMPModel::bsUtil``)."""
    out: _Array = (1 - delta) * (1 + delta * r)
    far = delta > 1  # only by round-off; checked on delta, which is often smaller than out
    if far.any():
        out = np.where(far, (1 - delta) * (1 + r), out)
    return out


def big_r(p: _Array, rng_name: str) -> _Array:
    """Risk attitudes from the win probabilities of the actors' positions (BigRRange).

    When every position is equally likely to win (``p_max == p_min``) KTAB divides by zero; here
    every actor is then risk-neutral (R = 0).
    """
    p_min, p_max = float(p.min()), float(p.max())
    if p_max == p_min:
        return np.zeros_like(p)
    if rng_name == "Min":
        return np.asarray((p - p_min) / (p_max - p_min), dtype=float)
    if rng_name == "Mid":
        return np.asarray((3 * p - (p_max + 2 * p_min)) / (2 * (p_max - p_min)), dtype=float)
    if rng_name == "Max":
        return np.asarray((2 * p - (p_max + p_min)) / (p_max - p_min), dtype=float)
    raise ModelInputError(f"unknown BigRRange {rng_name!r}")


def estimated_r(r: _Array, adjust: str) -> _Array:
    """``Rh[h, i]``: actor h's estimate of actor i's risk attitude (BigRAdjust)."""
    rh, ri = r[:, None], r[None, :]
    if adjust == "OneThird":
        out = ((2.0 * rh) + ri) / 3.0
    elif adjust == "Half":
        out = (rh + ri) / 2
    elif adjust == "TwoThirds":
        out = (rh + (2.0 * ri)) / 3.0
    elif adjust == "Full":
        out = np.broadcast_to(ri, (len(r), len(r)))
    elif adjust == "None":
        out = np.broadcast_to(rh, (len(r), len(r)))
    else:
        raise ModelInputError(f"unknown BigRAdjust {adjust!r}")
    return np.ascontiguousarray(out, dtype=float)


def risk_attitudes(delta: _Array, cap: _Array, rule: str, vpm: str, pcem: str, rr: str) -> _Array:
    """R_i from a PCE over all N positions with risk-neutral utilities and capability weights."""
    p = scalar_pce(utility(delta, 0.0), cap, rule, vpm, pcem)
    return big_r(p, rr)
