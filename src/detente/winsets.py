"""Win-sets of the status quo under a decision rule, for the spatial utilities of the models.

Utilities are those of the Nash model (:mod:`detente.models.nash`): on issues rescaled to [0, 1],
actor i with ideal point q_i and saliences a_ik = s_ik / 100 has::

    u_i(z) = - sum_k a_ik (z_k - q_ik)^2                                              (1)

The win-set of the status quo q0 under a rule is the set of points that a *decisive* set of
actors strictly prefers to q0 [Tsebelis2002, ch. 1–2]::

    W(q0) = union over decisive C of  { z in box : u_i(z) > u_i(q0) for all i in C }      (2)

where C is decisive when it contains every veto player and, under ``qmv``/``majority``, its
voters hold the required share of the voting weight (and of the voters, for a count criterion).
A package that changes several issues needs the consent required on every issue it changes, so
issues are grouped by their rule and each non-empty set M of groups is examined on its own
sub-space (the other issues stay at q0).

Existence is decided at q0 itself.  Each P_i = {u_i(z) > u_i(q0)} is convex with q0 on its
boundary, and u_i is concave, so P_i ∩ box contains a point q0 + v iff the directional derivative
is positive, g_i · v > 0 with g_ik = 2 a_ik (q_ik - q0_k), for v in the box's tangent cone at q0
(for a concave f with f(1) > f(0), f'(0) ≥ f(1) - f(0) > 0; conversely small steps along such a v
stay in every P_i).  Hence::

    W_M(q0) ≠ ∅  ⟺  ∃ v in T_box(q0), v_k = 0 off M :  {i : g_i · v > 0} is decisive       (3)

Unanimity (a fixed C) makes (3) a linear programme: max t s.t. g_i · v / |g_i| ≥ t, solved
exactly.  Under a vote, (3) asks for a direction covered by a decisive set of open half-spaces:
exact in one and two dimensions (the two directions; the arcs between the critical angles of a
circle), and in three or more dimensions a search over a fixed set of candidate directions (each
actor's gradient, the axes and a 2,048-point Halton set), which can miss a win-set narrower than
the spacing of that set (stated in the results as ``exact: false``).

The point chosen from a win-set is computed in :mod:`detente.selection`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from detente.scenario import Scenario

__all__ = [
    "Group",
    "Requirement",
    "Zone",
    "blockers",
    "candidates",
    "gradients",
    "groups",
    "zones",
]

_Array = NDArray[np.float64]
_Bool = NDArray[np.bool_]
_TOL = 1e-12
_N_HALTON = 2048
_MAX_GROUPS = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    """Whose consent one group of issues needs (actor indices into the scenario)."""

    veto: tuple[int, ...]
    voters: tuple[int, ...] = ()
    weights: tuple[float, ...] = ()
    threshold: float = 0.0
    strict: bool = False
    count_threshold: float = 0.0
    setter: int | None = None

    def decisive(self, support: _Bool) -> _Bool:
        """Which columns of ``support`` (actors × candidates) are decisive sets."""
        ok: _Bool = np.asarray(support[list(self.veto)].all(axis=0))
        if self.voters:
            sv = support[list(self.voters)]
            w = np.asarray(self.weights)
            share = w @ sv / w.sum()
            ok &= share > self.threshold + _TOL if self.strict else share >= self.threshold - _TOL
            if self.count_threshold:
                ok &= sv.mean(axis=0) >= self.count_threshold - _TOL
        return ok


@dataclass(frozen=True, slots=True)
class Group:
    """Issues (indices) that share one requirement."""

    issues: tuple[int, ...]
    req: Requirement


def _requirement(scenario: Scenario, issue: str, saliences: _Array) -> Requirement:
    ids = scenario.actor_ids
    if scenario.decision is None:  # everyone who cares must consent, as in the Nash model
        care = saliences.sum(axis=1) > 0
        return Requirement(veto=tuple(int(i) for i in np.flatnonzero(care)))
    r = scenario.decision.for_issue(issue)
    veto = tuple(ids.index(v) for v in r.veto or ())
    setter = None if r.agenda_setter is None else ids.index(r.agenda_setter)
    if r.rule in ("unanimity", "single"):
        return Requirement(veto=veto, setter=setter)
    weights = r.weights or {a.id: a.capability for a in scenario.actors}
    voters = tuple(ids.index(a) for a in ids if a in weights)
    w = tuple(float(weights[ids[i]]) for i in voters)
    if r.rule == "majority":
        return Requirement(
            veto=veto, voters=voters, weights=w, threshold=0.5, strict=True, setter=setter
        )
    return Requirement(
        veto=veto,
        voters=voters,
        weights=w,
        threshold=r.threshold or 1.0,
        strict=False,
        count_threshold=r.count_threshold or 0.0,
        setter=setter,
    )


def groups(scenario: Scenario, saliences: _Array | None = None) -> tuple[Group, ...]:
    """Issues grouped by the consent they need, in issue order.

    ``saliences`` (actors × issues) replaces the scenario's: without a decision section, the
    veto players are the actors that care about some issue.
    """
    sal = scenario.saliences() if saliences is None else saliences
    found: dict[Requirement, list[int]] = {}
    for k, issue in enumerate(scenario.issues):
        found.setdefault(_requirement(scenario, issue.id, sal), []).append(k)
    return tuple(Group(tuple(ks), req) for req, ks in found.items())


def gradients(q: _Array, a: _Array, z0: _Array) -> _Array:
    """g_ik = 2 a_ik (q_ik - z0_k): each actor's gain direction at the status quo (eq. 3)."""
    out: _Array = 2.0 * a * (q - z0[None, :])
    return out


def _cone(z0: _Array, dims: tuple[int, ...]) -> tuple[_Array, _Array]:
    """Bounds of v on ``dims``: no move below the scale's min or above its max (T_box(z0))."""
    lo = np.where(z0[list(dims)] > _TOL, -1.0, 0.0)
    hi = np.where(z0[list(dims)] < 1.0 - _TOL, 1.0, 0.0)
    return lo, hi


@functools.lru_cache(maxsize=16)
def _halton(d: int) -> _Array:
    from scipy.special import ndtri  # imported here: keeps `detente --version` fast
    from scipy.stats import qmc  # imported here: keeps `detente --version` fast

    pts = qmc.Halton(d=d, scramble=False).random(_N_HALTON + 1)[1:]
    v = np.asarray(ndtri(np.clip(pts, 1e-9, 1 - 1e-9)), dtype=float)
    out: _Array = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def candidates(g: _Array, lo: _Array, hi: _Array) -> tuple[_Array, bool]:
    """Candidate directions (rows) in the cone, and whether they cover every cell (exact)."""
    d = g.shape[1]
    if d == 1:
        v = np.array([[1.0], [-1.0]])
        exact = True
    elif d == 2:
        phi = np.arctan2(g[:, 1], g[:, 0])[np.abs(g).sum(axis=1) > 0]
        axes = np.array([0.0, 0.5, 1.0, 1.5]) * np.pi  # the cone's possible edges
        crit = np.sort(np.mod(np.concatenate([phi + np.pi / 2, phi - np.pi / 2, axes]), 2 * np.pi))
        mids = crit + np.diff(np.append(crit, crit[0] + 2 * np.pi)) / 2
        v = np.column_stack([np.cos(mids), np.sin(mids)])
        exact = True
    else:
        norms = np.linalg.norm(g, axis=1, keepdims=True)
        own = g[norms[:, 0] > 0] / norms[norms[:, 0] > 0]
        v = np.vstack([own, np.eye(d), -np.eye(d), _halton(d)])
        exact = False
    v = np.clip(v, lo, hi)
    keep = np.linalg.norm(v, axis=1) > _TOL
    return v[keep], exact


def _unanimity_direction(g: _Array, lo: _Array, hi: _Array) -> _Array | None:
    """A direction with g_i · v > 0 for every row of g, by linear programming; None if none."""
    from scipy.optimize import linprog  # imported here: keeps `detente --version` fast

    norms = np.linalg.norm(g, axis=1)
    if np.any(norms <= _TOL):
        return None
    d = g.shape[1]
    res = linprog(
        np.append(np.zeros(d), -1.0),
        A_ub=np.column_stack([-g / norms[:, None], np.ones(len(g))]),
        b_ub=np.zeros(len(g)),
        bounds=[(float(a), float(b)) for a, b in zip(lo, hi, strict=True)] + [(None, 1.0)],
        method="highs",
    )
    if res.status != 0 or -res.fun <= 1e-9:
        return None
    out: _Array = res.x[:d]
    return out


@dataclass(frozen=True, slots=True)
class Zone:
    """The win-set on one set of issue groups: where it opens and who supports the move."""

    dims: tuple[int, ...]
    reqs: tuple[Requirement, ...]
    directions: _Array
    support: _Bool
    exact: bool

    @property
    def nonempty(self) -> bool:
        """Whether any candidate direction is decisive for every requirement."""
        return len(self.directions) > 0


def _zone(g: _Array, z0: _Array, chosen: tuple[Group, ...]) -> Zone:
    dims = tuple(sorted(k for grp in chosen for k in grp.issues))
    reqs = tuple(grp.req for grp in chosen)
    gs = g[:, list(dims)]
    lo, hi = _cone(z0, dims)
    veto = sorted({i for r in reqs for i in r.veto})
    if all(not r.voters for r in reqs) and (gs.shape[1] > 2 or not veto):  # exact by LP
        v = _unanimity_direction(gs[veto], lo, hi) if veto else None  # nobody to consent: none
        dirs = np.empty((0, len(dims))) if v is None else v[None, :]
        return Zone(dims, reqs, dirs, gs @ dirs.T > _TOL, True)
    dirs, exact = candidates(gs, lo, hi)
    support = gs @ dirs.T > _TOL
    ok = np.logical_and.reduce([r.decisive(support) for r in reqs])
    exact = exact or all(not r.voters for r in reqs)
    return Zone(dims, reqs, dirs[ok], support[:, ok], exact)


def zones(g: _Array, z0: _Array, grps: tuple[Group, ...]) -> Iterator[Zone]:
    """The non-empty win-sets over sets of groups, largest sets first (lazily)."""
    if len(grps) > _MAX_GROUPS:  # too many subsets: the whole package and each group alone
        subsets = [grps, *((grp,) for grp in grps)]
    else:
        subsets = [c for n in range(len(grps), 0, -1) for c in itertools.combinations(grps, n)]
    return (zn for zn in (_zone(g, z0, c) for c in subsets) if zn.nonempty)


def blockers(g: _Array, z0: _Array, grps: tuple[Group, ...]) -> list[int]:
    """Veto players whose consent alone closes the whole package's win-set."""
    out = []
    for i in sorted({i for grp in grps for i in grp.req.veto}):
        relaxed = tuple(Group(grp.issues, _without(grp.req, i)) for grp in grps)
        if _zone(g, z0, relaxed).nonempty:
            out.append(i)
    return out


def _without(req: Requirement, i: int) -> Requirement:
    return replace(req, veto=tuple(j for j in req.veto if j != i))
