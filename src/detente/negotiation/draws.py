"""Many negotiations at once, as arrays: the batched entry for outlooks and sweeps.

:func:`run_draws` negotiates ``D`` draws on one scenario in a few vectorised passes and returns a
:class:`DrawOutcomes` of arrays (status, round, binding deadline, deal, utilities, payoffs), with
no per-draw result object, offer trace or benchmark: the quantity an outlook needs is

    P(agreement by round k) = mean over draws of [agreed and round < k]

(:meth:`DrawOutcomes.agreement_probability`).  Each draw may have its own strategy profile, its
own reservation values and discount factors (uncertain inputs), and has its own seed; draws that
share a strategy profile run as one batch.  Draw ``d`` equals :func:`~detente.negotiation.run`
with ``rng=seeds[d]`` and the same strategies, reservation values and discount factors (tested),
so any draw can be rerun alone and inspected in full.  Seeds are spawned in the parent from
``seed`` (STYLE rule 10) unless given one per draw.

:func:`deadline_sweep` runs the same draws (common random numbers: the same seeds) at several
nominal deadlines, to show how much a forecast depends on the deadline.

Example::

    >>> from detente.api import load_scenario
    >>> from detente.negotiation.draws import run_draws
    >>> korea = load_scenario("korea-2019-12")
    >>> out = run_draws(korea, ["boulware", "stall-and-water-down"], n=200, seed=1)
    >>> out.parties, len(out.status)
    (('USA', 'PRK'), 200)
    >>> 0.0 <= out.agreement_probability() <= 1.0
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from detente.errors import ModelInputError
from detente.negotiation.chance import draw_chance
from detente.negotiation.outcomes import (
    AdditiveUtility,
    FloatArray,
    outcome_space,
    utilities_from_scenario,
)
from detente.negotiation.params import NegotiationParams, Status, resolve
from detente.negotiation.protocol import negotiate
from detente.negotiation.simulate import default_parties, outcome_utilities, strategies_of
from detente.negotiation.strategies import Strategy
from detente.params import params_as_dict
from detente.result import Provenance, provenance
from detente.rng import as_generator, fresh_seed, spawn_seeds
from detente.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DrawOutcomes", "deadline_sweep", "run_draws"]

Profile = Sequence[Strategy | str]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class DrawOutcomes:
    """The outcomes of ``D`` negotiations, one per draw, as arrays.

    ``status`` holds :class:`~detente.negotiation.params.Status` codes; ``round`` is -1 where no
    agreement was reached; ``agreement`` is on each issue's own scale (NaN where none; issues
    outside a partial deal at the status quo); ``utilities`` are undiscounted, ``payoffs``
    discounted (the reservation value where no agreement).
    """

    provenance: Provenance
    parties: tuple[str, ...]
    issues: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    """The strategy profile of each draw (names as for ``make_strategy``), ``D`` entries."""
    seeds: NDArray[np.int64]
    status: NDArray[np.int64]
    round: NDArray[np.int64]
    deadline: NDArray[np.int64]
    agreement: FloatArray
    utilities: FloatArray
    payoffs: FloatArray
    reservation: FloatArray
    discount: FloatArray

    @property
    def agreed(self) -> NDArray[np.bool_]:
        """Whether each draw ended in a full or partial agreement."""
        return np.isin(self.status, (Status.AGREEMENT, Status.PARTIAL))

    def agreement_probability(self, by: int | None = None, *, full: bool = False) -> float:
        """Share of draws that agree (only full deals if ``full``) before round ``by``."""
        ok = self.status == Status.AGREEMENT if full else self.agreed
        if by is not None:
            ok = ok & (self.round < by)
        return float(ok.mean())

    def to_frame(self) -> pd.DataFrame:
        """One row per draw: seed, strategies, status, round, deadline, deal and utilities."""
        import pandas as pd

        cols: dict[str, Any] = {"seed": self.seeds}
        for k, p in enumerate(self.parties):
            cols[f"strategy_{p}"] = [s[k] for s in self.strategies]
        cols["status"] = [str(Status(int(s))) for s in self.status]
        cols["round"] = pd.array([r if r >= 0 else None for r in self.round.tolist()], "Int64")
        cols["deadline"] = self.deadline
        for k, issue in enumerate(self.issues):
            cols[f"deal_{issue}"] = self.agreement[:, k]
        columns = {"utility": self.utilities, "payoff": self.payoffs}
        columns |= {"reservation": self.reservation, "discount": self.discount}
        for prefix, values in columns.items():
            for k, p in enumerate(self.parties):
                cols[f"{prefix}_{p}"] = values[:, k]
        return pd.DataFrame(cols)


def _profiles(strategies: Profile | Sequence[Profile], n_draws: int, n: int) -> list[Profile]:
    """One profile per draw: a single profile is broadcast."""
    if all(isinstance(s, (str, Strategy)) for s in strategies):
        return [strategies] * n_draws  # type: ignore[list-item]
    profiles = list(strategies)
    if len(profiles) != n_draws:
        raise ModelInputError(
            f"give one strategy profile per draw ({n_draws}), not {len(profiles)}"
        )
    return profiles  # type: ignore[return-value]


def _built(profiles: Sequence[Profile]) -> list[list[Strategy]]:
    """Strategy objects per draw, each distinct profile (by its specs) built once."""
    cache: dict[tuple[Strategy | str, ...], list[Strategy]] = {}
    out = []
    for prof in profiles:
        key = tuple(prof)
        if key not in cache:
            cache[key] = strategies_of(prof)
        out.append(cache[key])
    return out


def _matrix(values: ArrayLike | None, default: FloatArray, what: str) -> FloatArray:
    if values is None:
        return default
    out = np.asarray(values, dtype=float)
    if out.shape != default.shape:
        raise ModelInputError(
            f"{what} must have shape (draws, parties) = {default.shape}, got {out.shape}"
        )
    return out


def _seeds(
    seed: int | None, seeds: Sequence[int] | None, n: int | None
) -> tuple[int | None, list[int]]:
    """The root seed to record and one seed per draw (spawned from the root unless given)."""
    if seeds is not None:
        return seed, [int(s) for s in seeds]
    if n is None:
        raise ModelInputError("give the number of draws n, or one seed per draw")
    root = fresh_seed() if seed is None else seed
    return root, spawn_seeds(root, n)


def run_draws(
    scenario: Scenario,
    strategies: Profile | Sequence[Profile],
    params: NegotiationParams | None = None,
    *,
    parties: Sequence[str] | None = None,
    n: int | None = None,
    seed: int | None = None,
    seeds: Sequence[int] | None = None,
    reservation: ArrayLike | None = None,
    discount: ArrayLike | None = None,
) -> DrawOutcomes:
    """Negotiate ``D`` draws on ``scenario`` at once (see the module docstring).

    ``strategies`` is one profile (a strategy per party) for every draw, or one profile per draw.
    ``D`` is ``len(seeds)`` if seeds are given, else ``n`` (seeds spawned from ``seed``).
    ``reservation`` and ``discount`` (shape ``(D, n_parties)``) replace the scenario's
    reservation values (utilities in [0, 1]) and discount factors draw by draw.
    """
    who = default_parties(scenario) if parties is None else tuple(parties)
    root, draw_seeds = _seeds(seed, seeds, n)
    D = len(draw_seeds)
    p = resolve(params or NegotiationParams(), scenario)
    space = outcome_space(scenario, p.levels)
    one = utilities_from_scenario(scenario, who, space, p.discount)
    rv = _matrix(reservation, np.tile([float(u.rv[0]) for u in one], (D, 1)), "reservation")
    delta = _matrix(discount, np.tile([float(u.discount[0]) for u in one], (D, 1)), "discount")
    if not ((rv >= 0) & (rv <= 1)).all() or not ((delta > 0) & (delta <= 1)).all():
        raise ModelInputError(
            "reservation values must lie in [0, 1] and discount factors in (0, 1]"
        )
    profiles = _built(_profiles(strategies, D, len(who)))
    names = [tuple(s.describe() for s in prof) for prof in profiles]
    us = [
        AdditiveUtility(
            weights=np.repeat(u.weights, D, 0),
            ideal=np.repeat(u.ideal, D, 0),
            rv=rv[:, i],
            discount=delta[:, i],
        )
        for i, u in enumerate(one)
    ]
    status = np.zeros(D, dtype=np.int64)
    rounds = np.zeros(D, dtype=np.int64)
    binding = np.zeros(D, dtype=np.int64)
    deal = np.full((D, space.n_issues), np.nan)
    value, pay = np.zeros((D, len(who))), np.zeros((D, len(who)))
    for profile in dict.fromkeys(names):
        index = np.array([d for d in range(D) if names[d] == profile])
        sub = [u.take(index) for u in us]
        rngs = [as_generator(draw_seeds[d]) for d in index]
        chance = draw_chance(
            rngs, [p.rounds] * len(index), p.deadline_jitter, space.n_issues, len(who)
        )
        trace = negotiate(space, sub, profiles[index[0]], p, chance)
        status[index], rounds[index], binding[index] = trace.status, trace.when, trace.deadline
        agreed = np.isin(trace.status, (Status.AGREEMENT, Status.PARTIAL))
        deal[index] = np.where(agreed[:, None], space.to_scale(trace.agreement), np.nan)
        v, w = outcome_utilities(trace, sub)
        value[index], pay[index] = v.T, w.T
    record = {**params_as_dict(p), "parties": list(who), "draws": D}
    return DrawOutcomes(
        provenance=provenance("negotiation-draws", record, scenario, root),
        parties=who,
        issues=space.issues,
        strategies=tuple(names),
        seeds=np.array(draw_seeds, dtype=np.int64),
        status=status,
        round=rounds,
        deadline=binding,
        agreement=deal,
        utilities=value,
        payoffs=pay,
        reservation=rv,
        discount=delta,
    )


def deadline_sweep(
    scenario: Scenario,
    strategies: Profile | Sequence[Profile],
    deadlines: Sequence[int],
    params: NegotiationParams | None = None,
    *,
    n: int = 200,
    seed: int = 0,
    parties: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Agreement rate and mean utilities at each nominal deadline, over the same ``n`` seeds.

    One row per deadline: ``deadline``, ``agreement`` (share of draws with a deal), ``full``
    (share with a full deal) and ``utility_<party>`` (mean undiscounted utility).
    """
    base = params or NegotiationParams()
    seeds = spawn_seeds(seed, n)
    rows = []
    for T in deadlines:
        p = NegotiationParams(**{**params_as_dict(base), "deadline": T})
        out = run_draws(scenario, strategies, p, parties=parties, seeds=seeds)
        row: dict[str, Any] = {
            "deadline": T,
            "agreement": out.agreement_probability(),
            "full": out.agreement_probability(full=True),
        }
        row |= {
            f"utility_{q}": float(out.utilities[:, k].mean()) for k, q in enumerate(out.parties)
        }
        rows.append(row)
    return rows
