"""The Nash bargaining solution of :mod:`detente.models.nash` for many draws at once.

Per draw (unit coordinates; actors i with salience weights a_i, positions q_i, bargaining powers
w_i; gains g_i(z) = −Σ_k a_ik (z_k − q_ik)² − d_i, zero at the status quo)::

    phase 1   t* = max_z min_i g_i(z)                over the box [0, 1]^K
    phase 2   z* = argmax_z Σ_i w_i log g_i(z)       over {z in the box : every g_i(z) > 0}

There is an agreement iff t* > :data:`AGREEMENT_TOL`; otherwise the forecast is the status quo.
Both problems are concave, and both are solved by a log-barrier interior-point method with damped
Newton steps [Boyd2004, ch. 11]: phase 1 on (z, t) maximises ``t + μ Σ log(g_i − t) + μ Σ_k
log z_k (1 − z_k)``, phase 2 maximises ``Σ w_i log g_i + μ Σ_k log z_k (1 − z_k)``, each for μ
falling tenfold per stage.  Phase 1 stops for a draw as soon as it holds a point with every gain
above the tolerance (an agreement is certain) or its barrier bound shows t* below it (none is).

Every step is vectorised over draws (arrays (B, n, K)) and works on the draws still moving only:
a draw leaves the step once decided (phase 1), once its Newton decrement is spent (phase 2), and
each halving of the line search evaluates only the draws still searching.  A draw's arithmetic
does not depend on the other draws in the batch, so one draw solved alone gives the same numbers
(bit for bit; tested against a loop of ``detente.run``).

Assumptions
-----------
* The barrier leaves the solution within about ``μ_min`` of a box face where the exact NBS lies on
  it; with ``μ_min = 1e-12`` that is far below anything a scenario's scale resolves.
* Actors masked out (left out of the draw, or with zero salience everywhere) take no part.

References
----------
[Boyd2004] Boyd, S. & Vandenberghe, L. (2004). Convex Optimization. Cambridge University Press.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

__all__ = ["AGREEMENT_TOL", "actor_sum", "solve_batch"]

_Array = NDArray[np.float64]
_Bool = NDArray[np.bool_]
_Value = Callable[[_Array, NDArray[np.intp]], _Array]

AGREEMENT_TOL = 1e-10
"""Smallest max–min gain that counts as an agreement (as the one-draw solver's threshold)."""
_MU1 = 10.0 ** -np.arange(0, 14)
_MU2 = 10.0 ** -np.arange(3, 13, 3)
_STEPS = 8
_STEPS2 = 12
_DONE = 1e-18
"""A draw's Newton decrement below which phase 2 stops iterating at the current μ."""
_HALVINGS = 40


def _gains(z: _Array, q: _Array, a: _Array, d: _Array) -> _Array:
    out: _Array = -(a * (z[:, None, :] - q) ** 2).sum(axis=2) - d
    return out


def _box(z: _Array) -> _Array:
    out: _Array = (np.log(z) + np.log1p(-z)).sum(axis=1)
    return out


def _phase1_value(z: _Array, t: _Array, g: _Array, m: _Array, mu: float) -> _Array:
    s = np.where(m > 0, g - t[:, None], 1.0)
    bad = ((s <= 0) & (m > 0)).any(axis=1) | (z <= 0).any(axis=1) | (z >= 1).any(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        val = t + mu * (actor_sum(m * np.log(np.where(s > 0, s, 1.0))) + _box(z))
    out: _Array = np.where(bad, -np.inf, val)
    return out


def _phase2_value(z: _Array, g: _Array, w: _Array, m: _Array, mu: float) -> _Array:
    bad = ((g <= 0) & (m > 0)).any(axis=1) | (z <= 0).any(axis=1) | (z >= 1).any(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        val = actor_sum(w * m * np.log(np.where(g > 0, g, 1.0))) + mu * _box(z)
    out: _Array = np.where(bad, -np.inf, val)
    return out


def actor_sum(x: _Array) -> _Array:
    """Σ over actors (axis 1 of (B, n)) added in actor order.

    ``np.sum`` switches to pairwise summation from 8 terms on, so leaving an actor out (a zero
    weight here, a missing row in a single run) would change the last bits; a running sum does not.
    """
    out: _Array = np.cumsum(x, axis=1)[:, -1]
    return out


def _outer_sum(u: _Array, v: _Array) -> _Array:
    """Σ_i u[b, i, k] v[b, i, l] as (B, K, K), summed in actor order (no BLAS, batch-blind)."""
    out: _Array = (u[:, :, :, None] * v[:, :, None, :]).sum(axis=1)
    return out


def _diag(x: _Array) -> _Array:
    """(B, K) → (B, K, K) diagonal matrices."""
    out = np.zeros((*x.shape, x.shape[1]))
    idx = np.arange(x.shape[1])
    out[:, idx, idx] = x
    return out


def _box_terms(z: _Array) -> tuple[_Array, _Array]:
    """Gradient and Hessian diagonal of −Σ log z (1 − z)."""
    return -1.0 / z + 1.0 / (1.0 - z), 1.0 / z**2 + 1.0 / (1.0 - z) ** 2


def _search(value: _Value, x: _Array, step: _Array, f0: _Array) -> _Array:
    """Backtracking: the largest α = 2^-j with value(x + α step) ≥ f0 (α = 0 if none).

    ``value(y, rows)`` is the objective at points ``y`` of the draws ``rows``; only the draws
    still searching are evaluated at each halving.
    """
    alpha = np.ones(len(x))
    rows = np.arange(len(x))
    for _ in range(_HALVINGS):
        if not rows.size:
            break
        ok = value(x[rows] + alpha[rows, None] * step[rows], rows) >= f0[rows]
        rows = rows[~ok]
        alpha[rows] /= 2
    alpha[rows] = 0.0
    return alpha


def _phase1_objective(part: tuple[_Array, ...], mu: float) -> _Value:
    """The phase-1 barrier objective ``value(y, rows)`` of the draws in ``part`` = (q, a, d, m)."""
    q, a, d, m = part
    K = q.shape[2]

    def value(y: _Array, r: NDArray[np.intp]) -> _Array:
        return _phase1_value(y[:, :K], y[:, K], _gains(y[:, :K], q[r], a[r], d[r]), m[r], mu)

    return value


def _phase2_objective(part: tuple[_Array, ...], mu: float) -> _Value:
    """The phase-2 barrier objective ``value(y, rows)`` of the draws in ``part`` (q, a, d, w, m)."""
    q, a, d, w, m = part

    def value(y: _Array, r: NDArray[np.intp]) -> _Array:
        return _phase2_value(y, _gains(y, q[r], a[r], d[r]), w[r], m[r], mu)

    return value


def _phase1(q: _Array, a: _Array, d: _Array, m: _Array, z: _Array) -> tuple[_Array, _Array]:
    """Max–min gain point per draw (z, t); stops a draw once its answer is certain.

    Each Newton step works on the draws still undecided only (``live``, indices into the batch).
    """
    K = q.shape[2]
    low = np.where(m > 0, _gains(z, q, a, d), np.inf).min(axis=1)
    t = np.where(low > 2.0 * AGREEMENT_TOL, low / 2.0, low - 1.0)  # a feasible start ends it
    x = np.concatenate([z, t[:, None]], axis=1)
    live = np.arange(len(q))
    count = m.sum(axis=1) + 2 * K
    for mu in _MU1:
        for _ in range(_STEPS):
            live = live[x[live, K] <= AGREEMENT_TOL]
            if not live.size:
                return x[:, :K], x[:, K]
            part = q[live], a[live], d[live], m[live]
            step = _phase1_step(x[live], *part, mu)
            value = _phase1_objective(part, mu)
            x0 = x[live]
            alpha = _search(value, x0, step, value(x0, np.arange(live.size)))
            x[live] = x0 + alpha[:, None] * step
        live = live[x[live, K] + 2.0 * count[live] * mu > AGREEMENT_TOL]  # t* ≤ t + (n + 2K) μ
    return x[:, :K], x[:, K]


def _phase1_step(x: _Array, q: _Array, a: _Array, d: _Array, m: _Array, mu: float) -> _Array:
    """The Newton step on (z, t) of the phase-1 barrier problem at barrier weight ``mu``."""
    B, _, K = q.shape
    z, t = x[:, :K], x[:, K]
    g = _gains(z, q, a, d)
    inv = np.where(m > 0, 1.0 / np.where(m > 0, g - t[:, None], 1.0), 0.0)
    G = -2.0 * a * (z[:, None, :] - q)  # (B, n, K)
    bg, bh = _box_terms(z)
    grad = np.concatenate(
        [-(inv[:, :, None] * G).sum(axis=1) * mu + mu * bg, (-1.0 + mu * actor_sum(inv))[:, None]],
        axis=1,
    )
    Gs = G * inv[:, :, None]
    H = np.zeros((B, K + 1, K + 1))
    diag1 = mu * ((2.0 * a * inv[:, :, None]).sum(axis=1) + bh)
    H[:, :K, :K] = mu * _outer_sum(Gs, Gs) + _diag(diag1)
    H[:, :K, K] = H[:, K, :K] = -mu * (Gs * inv[:, :, None]).sum(axis=1)
    H[:, K, K] = mu * actor_sum(inv**2)
    out: _Array = -np.linalg.solve(H, grad[:, :, None])[:, :, 0]
    return out


def _phase2(q: _Array, a: _Array, d: _Array, w: _Array, m: _Array, z: _Array) -> _Array:
    """The NBS per draw from a strictly feasible start ``z``.

    At each μ every draw takes Newton steps until its decrement falls to :data:`_DONE`; each
    step works on the draws still moving only.
    """
    z = z.copy()
    for mu in _MU2:
        live = np.arange(len(q))
        for _ in range(_STEPS2):
            grad, step = _phase2_step(z[live], q[live], a[live], d[live], w[live] * m[live], mu)
            moving = -(grad * step).sum(axis=1) > _DONE
            live, step = live[moving], step[moving]
            if not live.size:
                break
            value = _phase2_objective((q[live], a[live], d[live], w[live], m[live]), mu)
            z0 = z[live]
            alpha = _search(value, z0, step, value(z0, np.arange(live.size)))
            z[live] = z0 + alpha[:, None] * step
    return z


def _phase2_step(
    z: _Array, q: _Array, a: _Array, d: _Array, wm: _Array, mu: float
) -> tuple[_Array, _Array]:
    """Gradient and Newton step of the phase-2 barrier problem (``wm`` = w·m) at ``mu``."""
    g = np.where(wm > 0, _gains(z, q, a, d), 1.0)
    inv = wm / g
    G = -2.0 * a * (z[:, None, :] - q)
    bg, bh = _box_terms(z)
    grad = -(inv[:, :, None] * G).sum(axis=1) + mu * bg
    diag = (2.0 * a * inv[:, :, None]).sum(axis=1) + mu * bh
    H = _outer_sum(G * (inv / g)[:, :, None], G) + _diag(diag)
    step: _Array = -np.linalg.solve(H, grad[:, :, None])[:, :, 0]
    return grad, step


def solve_batch(
    q: _Array, a: _Array, d: _Array, w: _Array, m: _Array, z_sq: _Array
) -> tuple[_Array, _Bool]:
    """NBS (B, K) in unit coordinates and whether each draw has an agreement.

    ``q``, ``a`` (B, n, K); ``d``, ``w``, ``m`` (B, n) with ``m`` 1 for actors that take part;
    ``z_sq`` (K,) the status quo.  Draws without agreement (or without any actor) get ``z_sq``.
    """
    B, _, K = q.shape
    share = w * m / np.maximum(actor_sum(w * m), 1e-300)[:, None]
    start = np.clip((share[:, :, None] * q).sum(axis=1), 0.05, 0.95)  # power-weighted mean
    z1, t = _phase1(q, a, d, m, start)
    agree = (t > AGREEMENT_TOL) & (m.sum(axis=1) > 0)
    z = np.broadcast_to(z_sq, (B, K)).copy()
    rows = np.flatnonzero(agree)
    if rows.size:
        z[rows] = _phase2(q[rows], a[rows], d[rows], w[rows], m[rows], z1[rows])
    return z, agree
