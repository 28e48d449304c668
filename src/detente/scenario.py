"""The scenario: actors, issues, stances and the optional crisis context.

Vocabulary follows the literature (see ``docs/reference/glossary.md``): an *actor* has a
*capability* and, on each *issue*, a *stance* made of a *position* on the issue's scale and a
*salience* in 0–100 [BDM1994].  Everything here is a frozen dataclass that checks its own
invariants; file formats live in :mod:`detente.io`, which turns user files into these objects and
reports every problem with its location.

The optional sections (``deadlines``, ``red_lines``, ``events``, ``games``) carry the context that
the crisis games, the negotiation simulator and event extraction use; ``decision`` (see
:mod:`detente.decision`) says whose consent moves an issue from its status quo.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from detente.decision import Decision
from detente.uncertainty import Range, Uncertainty

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Actor",
    "Deadline",
    "Decision",
    "Event",
    "GameParameter",
    "GameSetup",
    "Issue",
    "NegotiationSetup",
    "PartyValue",
    "RedLine",
    "Scenario",
    "Source",
    "Stance",
]

SALIENCE_MAX = 100.0
"""Salience is a percentage of attention, 0–100 [BDM1994]."""


def _finite(value: float, what: str) -> None:
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")


@dataclass(frozen=True, slots=True)
class Source:
    """A cited source: a bibliography key and its full citation."""

    key: str
    citation: str
    url: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One issue dimension with its scale ``[low, high]`` and an optional status quo."""

    id: str
    label: str
    low: float = 0.0
    high: float = 100.0
    low_label: str = ""
    high_label: str = ""
    status_quo: float | None = None
    status_quo_rationale: str = ""

    def __post_init__(self) -> None:
        _finite(self.low, f"issue {self.id} scale min")
        _finite(self.high, f"issue {self.id} scale max")
        if not self.high > self.low:
            raise ValueError(f"issue {self.id}: scale max must exceed scale min")
        if self.status_quo is not None and not self.contains(self.status_quo):
            raise ValueError(f"issue {self.id}: status quo {self.status_quo} is off the scale")

    @property
    def range(self) -> float:
        """Width of the scale, ``high - low``."""
        return self.high - self.low

    def contains(self, x: float) -> bool:
        """Whether ``x`` is a finite point on the issue's scale."""
        return math.isfinite(x) and self.low <= x <= self.high


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    """An actor's position and salience on one issue, with the analyst's rationale."""

    issue: str
    position: float
    salience: float
    position_rationale: str = ""
    salience_rationale: str = ""
    position_range: Range | None = None
    salience_range: Range | None = None

    def __post_init__(self) -> None:
        _finite(self.position, f"position on {self.issue}")
        _finite(self.salience, f"salience on {self.issue}")
        if not 0.0 <= self.salience <= SALIENCE_MAX:
            raise ValueError(f"salience on {self.issue} must be in 0–100, got {self.salience}")
        r = self.salience_range
        if r is not None and not (r.low >= 0.0 and r.high <= SALIENCE_MAX):
            raise ValueError(f"salience range on {self.issue} must lie in 0–100")


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An actor with a capability > 0 and one stance per issue, in the scenario's issue order."""

    id: str
    name: str
    capability: float
    stances: tuple[Stance, ...]
    aliases: tuple[str, ...] = ()
    description: str = ""
    capability_rationale: str = ""
    capability_range: Range | None = None

    def __post_init__(self) -> None:
        _finite(self.capability, f"actor {self.id} capability")
        if self.capability <= 0:
            raise ValueError(f"actor {self.id}: capability must be > 0, got {self.capability}")
        if self.capability_range is not None and self.capability_range.low <= 0:
            raise ValueError(f"actor {self.id}: capability range low must be > 0")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A dated deadline, who set it and what it is about."""

    id: str
    date: dt.date
    set_by: str = ""
    description: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class RedLine:
    """An action that an actor has declared it will not tolerate."""

    id: str
    holder: str
    description: str
    source: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A dated event: who did what to whom (PLOVER type where known) and where it was reported."""

    date: dt.date
    actor: str
    description: str
    target: str = ""
    type: str = ""
    mode: str = ""
    source: str = ""
    evidence: str = ""
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class GameParameter:
    """One parameter of a crisis game, its value and the analyst's rationale."""

    name: str
    value: float
    rationale: str = ""

    def __post_init__(self) -> None:
        _finite(self.value, f"game parameter {self.name}")


@dataclass(frozen=True, slots=True)
class GameSetup:
    """Parameter values for one named canonical game (see :mod:`detente.games`).

    ``roles`` maps the game's players (its roles, e.g. ``"US"``) to the scenario's actor ids
    (e.g. ``"USA"``), so results name the actors.
    """

    game: str
    parameters: tuple[GameParameter, ...]
    roles: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, float]:
        """The parameter values by name."""
        return {p.name: p.value for p in self.parameters}


@dataclass(frozen=True, slots=True)
class PartyValue:
    """A negotiation setting of one party: a number, or an outcome (issue → value), and why.

    For a reservation, ``value`` is a utility in [0, 1] and ``outcome`` the party's best
    alternative to agreement (issues it leaves out stay at the status quo); for a discount factor,
    ``value`` is in (0, 1].
    """

    actor: str
    value: float | None = None
    outcome: Mapping[str, float] = field(default_factory=dict)
    rationale: str = ""


@dataclass(frozen=True, slots=True)
class NegotiationSetup:
    """The scenario's ``negotiation:`` section: default parties and their settings.

    See :mod:`detente.negotiation.outcomes` for how reservations and discounts enter utilities.
    """

    parties: tuple[str, ...] = ()
    parties_rationale: str = ""
    reservation: tuple[PartyValue, ...] = ()
    discount: tuple[PartyValue, ...] = ()
    deadline: int | None = None
    deadline_rationale: str = ""

    def without(self, gone: frozenset[str]) -> NegotiationSetup:
        """The section with the actors ``gone`` taken out (no default parties if < 2 remain)."""
        parties = tuple(p for p in self.parties if p not in gone)
        return dataclasses.replace(
            self,
            parties=parties if len(parties) >= 2 else (),
            reservation=tuple(e for e in self.reservation if e.actor not in gone),
            discount=tuple(e for e in self.discount if e.actor not in gone),
        )

    def of(self, kind: str, actor: str) -> PartyValue | None:
        """The ``reservation`` or ``discount`` entry of ``actor``, if declared."""
        entries: tuple[PartyValue, ...] = getattr(self, kind)
        return next((e for e in entries if e.actor == actor), None)


def _check_negotiation(setup: NegotiationSetup, actors: tuple[str, ...]) -> None:
    named = [*setup.parties, *(e.actor for e in (*setup.reservation, *setup.discount))]
    unknown = sorted(set(named) - set(actors))
    if unknown:
        raise ValueError(f"negotiation: unknown actor {', '.join(unknown)}")
    if setup.parties and (len(setup.parties) < 2 or len(set(setup.parties)) != len(setup.parties)):
        raise ValueError("negotiation: parties must be two or more distinct actors")


@dataclass(frozen=True, slots=True, repr=False, kw_only=True)
class Scenario:
    """A complete scenario.  ``actors[i].stances[k]`` is actor i's stance on ``issues[k]``.

    Prints as one line; :meth:`to_frame` gives a pandas table (one row per actor and issue).
    """

    id: str
    title: str
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    as_of: dt.date | None = None
    description: str = ""
    notes: str = ""
    sources: tuple[Source, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    red_lines: tuple[RedLine, ...] = ()
    events: tuple[Event, ...] = ()
    games: tuple[GameSetup, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    decision: Decision | None = None
    uncertainty: Uncertainty | None = None
    negotiation: NegotiationSetup | None = None
    _sha256: str | None = field(default=None, init=False, repr=False, compare=False)
    """Cache of :func:`detente.canonical.scenario_sha256`, set on first use (frozen content)."""

    def __post_init__(self) -> None:
        if not self.actors:
            raise ValueError("a scenario needs at least one actor")
        if not self.issues:
            raise ValueError("a scenario needs at least one issue")
        _unique([a.id for a in self.actors], "actor")
        _unique([i.id for i in self.issues], "issue")
        issue_ids = [i.id for i in self.issues]
        for actor in self.actors:
            if [s.issue for s in actor.stances] != issue_ids:
                raise ValueError(f"actor {actor.id}: needs one stance per issue, in issue order")
            for stance, issue in zip(actor.stances, self.issues, strict=True):
                if not issue.contains(stance.position):
                    raise ValueError(
                        f"actor {actor.id}: position {stance.position} on {issue.id} "
                        f"is outside [{issue.low}, {issue.high}]"
                    )
                r = stance.position_range
                if r is not None and not (issue.contains(r.low) and issue.contains(r.high)):
                    raise ValueError(
                        f"actor {actor.id}: position range on {issue.id} is off the scale"
                    )
        if self.decision is not None:
            _check_decision(self, self.decision)
        if self.negotiation is not None:
            _check_negotiation(self.negotiation, self.actor_ids)

    def __repr__(self) -> str:
        when = f", as of {self.as_of}" if self.as_of else ""
        return (
            f"Scenario({self.id!r}: {len(self.actors)} actors, {len(self.issues)} issues"
            f"{when} — {self.title})"
        )

    def _repr_html_(self) -> str:
        from detente.frames import scenario_html

        return scenario_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per actor and issue: actor, name, capability, issue, position, salience."""
        from detente.frames import scenario_frame

        return scenario_frame(self)

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Actor ids in order."""
        return tuple(a.id for a in self.actors)

    @property
    def issue_ids(self) -> tuple[str, ...]:
        """Issue ids in order."""
        return tuple(i.id for i in self.issues)

    def capabilities(self) -> NDArray[np.float64]:
        """Capabilities, shape ``(n_actors,)``."""
        return np.array([a.capability for a in self.actors], dtype=float)

    def positions(self) -> NDArray[np.float64]:
        """Positions on each issue's own scale, shape ``(n_actors, n_issues)``."""
        return np.array([[s.position for s in a.stances] for a in self.actors], dtype=float)

    def saliences(self) -> NDArray[np.float64]:
        """Saliences in 0–100, shape ``(n_actors, n_issues)``."""
        return np.array([[s.salience for s in a.stances] for a in self.actors], dtype=float)

    def bounds(self) -> NDArray[np.float64]:
        """Scale ``[low, high]`` of each issue, shape ``(n_issues, 2)``."""
        return np.array([[i.low, i.high] for i in self.issues], dtype=float)

    def status_quo(self) -> NDArray[np.float64]:
        """Status quo per issue; NaN where the scenario gives none."""
        return np.array(
            [math.nan if i.status_quo is None else i.status_quo for i in self.issues], dtype=float
        )

    def game(self, name: str) -> GameSetup | None:
        """The parameter set for the named game, if the scenario has one."""
        return next((g for g in self.games if g.game == name), None)


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for x in ids:
        if x in seen:
            raise ValueError(f"duplicate {what} id {x!r}")
        seen.add(x)


def _check_decision(s: Scenario, decision: Decision) -> None:
    """Check the decision section: known ids and a reversion point on every issue.

    (That veto players have a salience > 0 is checked on files only, so that perturbed
    saliences in a sweep cannot make a scenario invalid.)
    """
    decision.check(s.actor_ids, s.issue_ids)
    for issue in s.issues:
        if issue.status_quo is None:
            raise ValueError(f"issue {issue.id}: the decision section needs a status quo")
