"""Arc-length predictor–corrector continuation of a curve ``H(x) = 0``, ``x = (y, lambda)``.

The curve is followed by its arc length, not by lambda, so it may turn back in lambda
(``dlambda/ds < 0``) without the follower losing it ([Turocy2005] §4; the method is that of
[AllgowerGeorg1990] ch. 2, 6):

* **predictor** — an Euler step ``x_p = x + h t`` along the unit tangent t, the null vector of
  ``J = dH/dx`` oriented as the previous tangent (``[J; t_prev'] t = [0; 1]``, normalised);
* **corrector** — chord Newton steps on ``H`` restricted to the hyperplane through ``x_p`` normal
  to t: ``[J(x_p); t'] d = [-H(x); 0]``, the matrix factorised once at the predicted point
  ([AllgowerGeorg1990] §3.3);
* **step control** — a step is refused, and h halved, when the first corrector step is longer than
  ``max_dist``, the corrector contracts by less than ``max_contraction`` per iteration, the
  tangent turns by more than ``max_turn`` radians, or the corrector does not converge; otherwise
  h is multiplied by ``1 / max(sqrt(dist / max_dist), sqrt(contraction / max_contraction))``
  (at most 2: [AllgowerGeorg1990] §6.1's deceleration factor).  These checks are what keeps the
  follower on the branch it started on: a corrector that jumps to another branch moves far or
  converges slowly, and is refused.
* **landing** — when lambda passes the target, Newton's method at the fixed target lambda starts
  from the point interpolated between the last two points on the curve; a landing that moves
  more than ``max_dist`` from that point is refused like any other step.

Each coordinate's distances are measured in units of ``max(1, |x_i| / relative_from)``: absolute
for log probabilities of moderate size, relative for those that grow without bound (to ``-1e18``
with payoffs of 1e19), so such curves are followed with steps of the same relative size.

References
----------
[AllgowerGeorg1990] Allgower, E. L. & Georg, K. (1990). *Numerical Continuation Methods: An
Introduction*. Springer.
[Turocy2005] Turocy, T. L. (2005). Games and Economic Behavior 51(2), 243–263.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.linalg import lu_factor, lu_solve

from detente.games.arrays import FloatArray

__all__ = ["PathOptions", "PathResult", "trace"]

Map = Callable[[FloatArray], FloatArray]


@dataclass(frozen=True, slots=True, kw_only=True)
class PathOptions:
    """Settings of the follower (defaults as in [AllgowerGeorg1990] §6.1's examples)."""

    first_step: float = 0.03
    min_step: float = 1e-9
    max_dist: float = 0.4
    max_contraction: float = 0.5
    max_turn: float = 0.3
    tol: float = 1e-11
    max_corrector: int = 12
    max_steps: int = 100_000
    relative_from: float = 1e4


@dataclass(frozen=True, slots=True)
class PathResult:
    """The point reached, whether it is at the target, and the work done."""

    x: FloatArray
    converged: bool
    steps: int
    refused: int
    arc_length: float


def _scale(x: FloatArray, opt: PathOptions) -> float:
    return max(1.0, float(np.max(np.abs(x))) / opt.relative_from)


def _tangent(jac: FloatArray, prev: FloatArray) -> FloatArray:
    aug = np.vstack([jac, prev[None, :]])
    rhs = np.zeros(len(prev))
    rhs[-1] = 1.0
    t = np.linalg.solve(aug, rhs)
    out: FloatArray = t / np.linalg.norm(t)
    return out


def _newton(
    h: Map, jac: Map, x: FloatArray, row: FloatArray, opt: PathOptions
) -> tuple[FloatArray, float, float] | None:
    """Newton on ``H = 0`` in the hyperplane ``row . (x' - x) = 0``: (x, first dist, contraction).

    None when it fails: too long a first step, too slow a contraction, or no convergence.
    """
    weight = np.maximum(1.0, np.abs(x) / opt.relative_from)
    first, contraction, last = 0.0, 0.0, math.inf
    with np.errstate(all="ignore"):
        lu = lu_factor(np.vstack([jac(x), row[None, :]]), check_finite=False)
    for it in range(opt.max_corrector):
        with np.errstate(all="ignore"):
            d = lu_solve(lu, np.append(-h(x), 0.0), check_finite=False)
        size = float(np.linalg.norm(d / weight))
        if not math.isfinite(size):
            return None
        if it == 0:
            first = size
            if size > opt.max_dist:
                return None
        elif last > 0:
            contraction = max(contraction, size / last)
            if size / last > opt.max_contraction and size > opt.tol:
                return None
        x = x + d
        if size <= opt.tol:
            return x, first, contraction
        last = size
    return None


def trace(h: Map, jac: Map, x0: FloatArray, target: float, opt: PathOptions) -> PathResult:
    """Follow ``H(x) = 0`` from ``x0`` (a solution at lambda ``x0[-1]``) to lambda ``target``."""
    x = x0.copy()
    e = np.zeros(len(x))
    e[-1] = 1.0
    t = _tangent(jac(x), e)
    step, steps, refused, length = opt.first_step, 0, 0, 0.0
    while steps + refused < opt.max_steps and step >= opt.min_step:
        got = _newton(h, jac, x + step * _scale(x, opt) * t, t, opt)
        t_new = _tangent(jac(got[0]), t) if got is not None else t
        if got is None or float(t_new @ t) < math.cos(opt.max_turn):
            step, refused = step / 2.0, refused + 1
            continue
        x_new, dist, contraction = got
        if x_new[-1] >= target:
            landed = _land(h, jac, x, x_new, target, opt)
            if landed is not None:
                length += float(np.linalg.norm(landed - x))
                return PathResult(landed, True, steps + 1, refused, length)
            step, refused = step / 2.0, refused + 1
            continue
        length += float(np.linalg.norm(x_new - x))
        x, t, steps = x_new, t_new, steps + 1
        decel = max(
            math.sqrt(dist / opt.max_dist), math.sqrt(contraction / opt.max_contraction), 0.5
        )
        step /= decel
    return PathResult(x, False, steps, refused, length)


def _land(
    h: Map, jac: Map, x: FloatArray, x_new: FloatArray, target: float, opt: PathOptions
) -> FloatArray | None:
    frac = (target - x[-1]) / (x_new[-1] - x[-1])
    start = x + frac * (x_new - x)
    start[-1] = target
    e = np.zeros(len(x))
    e[-1] = 1.0
    got = _newton(h, jac, start, e, opt)
    return None if got is None else got[0]
