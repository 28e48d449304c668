"""``outlook``: how likely is any agreement by a date, and what happens if there is one.

Procedure (every component on the same N seeded draws of the scenario's uncertain inputs,
:mod:`detente.experiments`; the same seed gives the same outlook on any number of processes):

1. **Zone of agreement** (``p_zone``): the share of draws whose win-set of the status quo under
   the scenario's decision rule is non-empty (:mod:`detente.deal_outlook.zone`); with it, where the
   ``winset`` model's selection lands in those draws (``if_decided``).
2. **Negotiation** (``p_agreement``): the share of draws in which the negotiation simulator
   reaches an agreement by the date, under a random strategy profile
   (:mod:`detente.deal_outlook.talks`).
3. **Crisis game** (``p_provocation``, ``p_containment``): where the scenario has one
   (:mod:`detente.deal_outlook.crisis`).
4. **Headline** (``p_deal``): the share of draws in which the negotiators agree by the date *and*
   their agreement passes the decision rule (every veto player, and a qualified majority where the
   rule has one, prefers it to the status quo on each issue it changes).  This is the "probability
   of any agreement by the date"; ``given_agreement`` gives each issue's 5th, 50th and 95th
   percentile over those draws, and otherwise the status quo holds.

Each probability carries its method and a 90 % interval (:mod:`detente.deal_outlook.estimate`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.deal_outlook import crisis, talks
from detente.deal_outlook.estimate import Estimate, share, spread
from detente.deal_outlook.talks import POOL
from detente.deal_outlook.zone import ratified, zone_flags
from detente.errors import DetenteError
from detente.experiments.draws import draw_inputs, input_space
from detente.experiments.sweeps import sweep
from detente.result import Provenance, dumps_json, provenance
from detente.rng import draw_uniforms, fresh_seed, model_seeds
from detente.scenario import Scenario

__all__ = ["Outlook", "OutlookError", "outlook"]

_Array = NDArray[np.float64]


class OutlookError(DetenteError, ValueError):
    """An outlook request that cannot be answered (e.g. a date before the scenario's as_of)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Outlook:
    """The outlook of a scenario by a date (see the module docstring)."""

    provenance: Provenance
    by: dt.date | None
    issues: tuple[str, ...]
    status_quo: tuple[float, ...]
    p_deal: Estimate
    p_zone: Estimate
    p_agreement: Estimate
    p_provocation: Estimate | None
    p_containment: Estimate | None
    given_agreement: Mapping[str, Mapping[str, float]] | None
    if_decided: Mapping[str, Mapping[str, float]] | None
    settings: Mapping[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        p, prov = self.p_deal, self.provenance
        when = f" by {self.by}" if self.by else ""
        return (
            f"Outlook({prov.scenario_id!r}{when}: p_deal {p.value:.0%} "
            f"[{p.low:.0%}, {p.high:.0%}], {prov.params.get('draws')} draws, seed {prov.seed})"
        )

    def sentence(self) -> str:
        """The headline in one sentence (probability, interval, outcome if agreement, else)."""
        when = f" by {self.by:%d %b %Y}" if self.by else ""
        p = self.p_deal
        head = (
            f"Probability of any agreement{when}: {p.value:.0%} "
            f"(90% interval {p.low:.0%}–{p.high:.0%})."
        )
        if self.given_agreement:
            parts = [
                f"{k} {v['p50']:.0f} ({v['p5']:.0f}–{v['p95']:.0f})"
                for k, v in self.given_agreement.items()
            ]
            head += " If agreement: " + ", ".join(parts) + "."
        sq = ", ".join(f"{k} {v:g}" for k, v in zip(self.issues, self.status_quo, strict=True))
        return head + f" Otherwise: status quo ({sq})."

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: p_zone, p_agreement, p_provocation, given_agreement, by and more."""

        def opt(e: Estimate | None) -> dict[str, Any] | None:
            return None if e is None else e.to_dict()

        return {
            **self.provenance.to_dict(),
            "by": None if self.by is None else self.by.isoformat(),
            "headline": self.sentence(),
            "p_deal": self.p_deal.to_dict(),
            "p_zone": self.p_zone.to_dict(),
            "p_agreement": self.p_agreement.to_dict(),
            "p_provocation": opt(self.p_provocation),
            "p_containment": opt(self.p_containment),
            "given_agreement": self.given_agreement,
            "if_decided": self.if_decided,
            "status_quo": dict(zip(self.issues, self.status_quo, strict=True)),
            "settings": dict(self.settings),
        }

    def to_json(self, indent: int | None = None) -> str:
        """JSON text of :meth:`to_dict`."""
        return dumps_json(self.to_dict(), indent)


def _by(scenario: Scenario, by: dt.date | None) -> tuple[dt.date | None, int | None]:
    """The date (default: the first deadline from as_of, else a year on) and days to it."""
    start = scenario.as_of
    if start is None:
        if by is not None:
            raise OutlookError(f"by {by}: the scenario has no as_of date to count from")
        return None, None
    if by is None:
        later = sorted(d.date for d in scenario.deadlines if d.date >= start)
        by = later[0] if later else start + dt.timedelta(days=365)
    if by < start:
        raise OutlookError(f"by {by} is before the scenario's as_of {start}")
    return by, (by - start).days


def _percentiles(x: _Array, issues: tuple[str, ...]) -> dict[str, dict[str, float]] | None:
    if len(x) == 0:
        return None
    p5, p50, p95 = np.percentile(x, [5, 50, 95], axis=0)
    return {
        k: {"p5": float(p5[i]), "p50": float(p50[i]), "p95": float(p95[i]), "n": len(x)}
        for i, k in enumerate(issues)
    }


def _crisis(scenario: Scenario, u: _Array) -> tuple[Estimate | None, Estimate | None]:
    name = crisis.crisis_game(scenario)
    if name is None:
        return None, None
    provoke, contain = crisis.crisis_draws(scenario, name, u)
    spec = crisis.CRISIS_GAMES[name]
    how = f"{name}: agent logit QRE at lambda={crisis.LAMBDA:g}, parameters ±25% per draw"
    return (
        spread(provoke, f"{how}; probability that {spec.player} plays {spec.provocation!r}"),
        spread(contain, f"{how}; probability of the {spec.containment!r} outcome"),
    )


def check_pool(strategies: Sequence[str]) -> None:
    """A :class:`ParamError` naming the first unknown strategy, or an empty pool."""
    from detente.negotiation.strategies import STRATEGIES
    from detente.params import ParamError

    allowed = tuple(STRATEGIES)
    if isinstance(strategies, str) or not strategies:
        raise ParamError(
            "give a list of one or more strategies", name="strategies", value=strategies
        )
    for name in strategies:
        if name not in STRATEGIES:
            raise ParamError("no such strategy", name="strategies", value=name, allowed=allowed)


def outlook(
    scenario: Scenario | str | Path,
    *,
    by: dt.date | None = None,
    draws: int = 1000,
    seed: int | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    strategies: Sequence[str] = POOL,
) -> Outlook:
    """The outlook of ``scenario`` by ``by`` over ``draws`` seeded draws (module docstring).

    ``by`` defaults to the scenario's first deadline on or after its as_of date (a year on if it
    has none); a date before as_of is an :class:`OutlookError`.  ``jobs``/``scheduler`` spread the
    win-set sweep over processes or a Dask cluster, as in :func:`detente.experiments.sweep`.
    ``strategies`` are the negotiation strategies each party's is drawn from (uniformly).
    """
    from detente.api import load_scenario

    check_pool(strategies)  # before the sweep: a misspelt name costs no minutes
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    by, days = _by(scenario, by)
    seed = fresh_seed() if seed is None else seed
    sw = sweep(
        scenario,
        "winset",
        draws=draws,
        seed=seed,
        jobs=jobs,
        scheduler=scheduler,
        progress=progress,
    )
    space = input_space(scenario)
    inputs = draw_inputs(scenario, space, sw.seeds)
    who = talks.parties(scenario)
    game = crisis.crisis_game(scenario)
    n_game = len(scenario.game(game).parameters) if game else 0  # type: ignore[union-attr]
    u = draw_uniforms(sw.seeds, space.size + 2 * len(who) + n_game)[:, space.size :]
    zone = zone_flags(scenario, inputs)
    n_rounds = talks.rounds(days) if days is not None else 100
    agreed, outcome = talks.negotiate_draws(
        scenario, inputs, u[:, : 2 * len(who)], model_seeds(sw.seeds), n_rounds, strategies
    )
    deal = np.array(
        [agreed[d] and ratified(scenario, inputs, d, tuple(outcome[d])) for d in range(draws)]
    )
    provoke, contain = _crisis(scenario, u[: min(draws, crisis.GAME_DRAWS), 2 * len(who) :])
    decided = sw.agreement if sw.agreement is not None else zone
    settings = {
        "draws": draws,
        "parties": list(who),
        "strategies": list(strategies),
        "rounds": n_rounds,
        "days_per_round": talks.DAYS_PER_ROUND,
        "reservation_noise": talks.RESERVATION_NOISE,
        "game": game,
        "game_draws": min(draws, crisis.GAME_DRAWS) if game else 0,
        "noise": dict(space.widths),
        "jobs": jobs,
        "scheduler": scheduler,
    }
    params = {
        "by": None if by is None else by.isoformat(),
        "draws": draws,
        "strategies": list(strategies),
    }
    return Outlook(
        provenance=provenance("outlook", params, scenario, seed),
        by=by,
        issues=scenario.issue_ids,
        status_quo=tuple(float(v) for v in scenario.status_quo()),
        p_deal=share(
            deal,
            f"share of draws in which {' and '.join(who)} agree by the date and the "
            "agreement passes the decision rule (ratified)",
        ),
        p_zone=share(zone, "share of draws whose win-set of the status quo is non-empty"),
        p_agreement=share(
            agreed,
            f"share of draws in which the negotiation simulator agrees within "
            f"{n_rounds} rounds; each party's strategy uniform over "
            f"{', '.join(strategies)}",
        ),
        p_provocation=provoke,
        p_containment=contain,
        given_agreement=_percentiles(outcome[deal], scenario.issue_ids),
        if_decided=_percentiles(sw.forecast[decided & zone], scenario.issue_ids),
        settings=settings,
    )
