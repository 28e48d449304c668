"""Agent logit quantal response equilibrium (QRE) of an extensive-form game.

Each information set h is an agent that plays action a with probability

    sigma(h, a) = exp(lambda Q(h, a)) / sum_b exp(lambda Q(h, b)),                     (1)

    Q(h, a) = sum_{x in h} mu(x) V_i(child(x, a)),   mu(x) = reach(x) / sum_{y in h} reach(y),

([McKelveyPalfrey1998] eq. 3), with V the continuation values under sigma itself.  At
lambda = 0 play is uniform; as lambda grows the QRE approaches a Nash equilibrium (the limit of
the principal branch is a sequential equilibrium, [McKelveyPalfrey1998] Thm 3).

* **Perfect information** (``algorithm="backward"``): every information set is one node, so
  (1) is solved exactly in one backward pass — the statistical strategic model of
  [Signorino1999] with logit (type-I extreme value) errors on actions.
* **Imperfect information** (``algorithm="path"``): (1) is written as ``H(y, lambda) = 0`` in
  the log probabilities y (:mod:`detente.games.logit`) and the principal branch — the curve of
  solutions connected to the uniform profile at lambda = 0 — is followed by arc length with a
  predictor–corrector method and step control (:mod:`detente.games.continuation`), as
  [Turocy2005] describes.  Following the curve by its arc length, with steps refused whenever the
  corrector moves far or converges slowly, is what keeps the follower on the principal branch;
  stepping in lambda and solving afresh at each value can jump to another branch.

Assumptions
-----------
* Q is conditional on reaching h (beliefs by Bayes' rule), as in the agent QRE.
* Payoffs are scaled to [-1, 1] for the path and lambda by the same factor (``details
  ["payoff_scale"]``); this changes no solution.
* ``converged`` is True only when the path reached lambda **and** the profile returned is a QRE
  of the original game: ``max |F(sigma) - sigma| <= RESIDUAL_TOL`` for the logit response F
  evaluated at that profile (``details["residual"]``).

References
----------
[McKelveyPalfrey1998] McKelvey, R. D. & Palfrey, T. R. (1998). Quantal response equilibria for
extensive form games. *Experimental Economics* 1, 9–41.
[Signorino1999] Signorino, C. S. (1999). Strategic interaction and the statistical analysis of
international conflict. *American Political Science Review* 93(2), 279–297.
[Turocy2005] Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence. *Games and Economic Behavior* 51(2), 243–263.
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from detente.games import logit
from detente.games.arrays import Arrays, FloatArray, compile_game
from detente.games.continuation import PathOptions, trace
from detente.games.precision import DEFAULT_LAMBDA
from detente.games.solution import GameSolution, describe
from detente.games.tree import Game, Mover, is_perfect_information

__all__ = ["DEFAULT_LAMBDA", "RESIDUAL_TOL", "solve_qre"]


RESIDUAL_TOL = 1e-8
"""Largest ``max |F(sigma) - sigma|`` of a profile reported as converged."""


def solve_qre(
    game: Game,
    lam: float = DEFAULT_LAMBDA,
    *,
    options: PathOptions | None = None,
) -> GameSolution:
    """The agent logit QRE of ``game`` at precision ``lam`` (lambda >= 0)."""
    if not 0.0 <= lam < float("inf"):
        raise ValueError(f"lambda must be a finite number >= 0, got {lam}")
    arr = compile_game(game)
    record = {"lambda": lam}
    if is_perfect_information(game):
        sigma = _backward(arr, lam)
        details = {"algorithm": "backward", "converged": True, "residual": 0.0}
    else:
        sigma, details = _path(arr, lam, options or PathOptions())
    return GameSolution(game.title, "qre", record, (describe(arr, sigma),), details)


def _logit(z: FloatArray) -> FloatArray:
    e = np.exp(z - z.max())
    return e / e.sum()  # type: ignore[no-any-return]


def _backward(arr: Arrays, lam: float) -> FloatArray:
    game = arr.game
    sigma = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    values = np.zeros((len(game.nodes), game.n_players))
    values[arr.terminals] = arr.payoffs
    for x in range(len(game.nodes) - 1, -1, -1):
        node = game.nodes[x]
        if node.player == Mover.TERMINAL:
            continue
        kids = values[list(node.children)]
        sl = slice(arr.offsets[node.infoset], arr.offsets[node.infoset + 1])
        if node.player != Mover.CHANCE:
            sigma[sl] = _logit(lam * kids[:, node.player - 1])
        values[x] = sigma[sl] @ kids
    return sigma


def _path(arr: Arrays, lam: float, opt: PathOptions) -> tuple[FloatArray, dict[str, object]]:
    system = logit.logit_system(arr)
    y0 = logit.centroid(system)
    if lam == 0.0 or len(y0) == 0:
        y, reached, at, info = y0, True, lam, {"steps": 0, "refused": 0}
    else:
        x0 = np.append(y0, 0.0)
        with threadpool_limits(
            limits=1, user_api="blas"
        ):  # small dense solves: threads only contend
            found = trace(
                lambda x: logit.equations(system, x[:-1], float(x[-1])),
                lambda x: logit.jacobian(system, x[:-1], float(x[-1])),
                x0,
                lam * system.scale,
                opt,
            )
        y, reached, at = found.x[:-1], found.converged, float(found.x[-1]) / system.scale
        info = {"steps": found.steps, "refused": found.refused}
    res = logit.residual(system, y, lam)
    details = {
        "algorithm": "path",
        "converged": bool(reached and res <= RESIDUAL_TOL),
        "residual": res,
        **info,
        "lambda_reached": lam if reached else at,
        "payoff_scale": system.scale,
    }
    return logit.profile(system, y), details
