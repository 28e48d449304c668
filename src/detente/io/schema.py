"""Pydantic models of the native scenario document (the file boundary only; see STYLE.md A.2).

The field-by-field reference is ``docs/reference/scenario-format.md``.  Unknown fields are
rejected, numbers must be finite, salience lies in 0–100 and capability is > 0.  Cross-field rules
(unique ids, one position per issue, positions inside the scale) are in :mod:`detente.io.checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

from detente.io.negotiation import NegotiationDoc

__all__ = ["GAME_TAGS", "UNION_TAGS", "RangeDoc", "ScenarioDoc"]


def _not_bool(value: Any) -> Any:
    """Refuse ``true``/``false`` where a number is expected (pydantic would read them as 1/0)."""
    if isinstance(value, bool):
        raise ValueError(f"must be a number, got {value!r}")
    return value


NoBool = BeforeValidator(_not_bool)
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Finite = Annotated[float, Field(allow_inf_nan=False), NoBool]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class RangeDoc(_Doc):
    """A value with its plausible range: ``{value, low, high, dist}`` (see uncertainty.py)."""

    value: Finite
    low: Finite
    high: Finite
    dist: Literal["triangular", "uniform", "normal"] = "triangular"


UNION_TAGS = ("<number>", "<range>")
"""Tags of the number-or-range unions; :mod:`detente.io.native` strips them from error paths."""


def _number_or_range(value: Any) -> str:
    return UNION_TAGS[1] if isinstance(value, dict) else UNION_TAGS[0]


Salience = Annotated[float, Field(ge=0.0, le=100.0, allow_inf_nan=False), NoBool]
Capability = Annotated[float, Field(gt=0.0, allow_inf_nan=False), NoBool]
_AsRange = Annotated[RangeDoc, Tag(UNION_TAGS[1])]
_ByShape = Discriminator(_number_or_range)
UncertainPosition = Annotated[Annotated[Finite, Tag(UNION_TAGS[0])] | _AsRange, _ByShape]
UncertainSalience = Annotated[Annotated[Salience, Tag(UNION_TAGS[0])] | _AsRange, _ByShape]
UncertainCapability = Annotated[Annotated[Capability, Tag(UNION_TAGS[0])] | _AsRange, _ByShape]


class UncertaintyDoc(_Doc):
    """The scenario-level ``uncertainty:`` block of ± half-widths."""

    position: Annotated[float, Field(ge=0.0, le=100.0, allow_inf_nan=False), NoBool] = 10.0
    salience: Annotated[float, Field(ge=0.0, le=100.0, allow_inf_nan=False), NoBool] = 15.0
    capability: Annotated[float, Field(ge=0.0, le=100.0, allow_inf_nan=False), NoBool] = 20.0
    dist: Literal["triangular", "uniform", "normal"] = "triangular"
    rationale: str = ""


class SourceDoc(_Doc):
    key: Id
    citation: str
    url: str = ""


class ScaleDoc(_Doc):
    min: Finite = 0.0
    max: Finite = 100.0


class IssueDoc(_Doc):
    id: Id
    label: str = ""
    scale: ScaleDoc = ScaleDoc()
    low_label: str = ""
    high_label: str = ""
    status_quo: Finite | None = None
    status_quo_rationale: str = ""


class StanceDoc(_Doc):
    position: UncertainPosition
    salience: UncertainSalience
    position_rationale: str = ""
    salience_rationale: str = ""


class ActorDoc(_Doc):
    id: Id
    name: str = ""
    capability: UncertainCapability
    capability_rationale: str = ""
    aliases: list[str] = []
    description: str = ""
    positions: dict[str, StanceDoc]


class DeadlineDoc(_Doc):
    id: Id
    date: dt.date
    set_by: str = ""
    description: str = ""
    source: str = ""


class RedLineDoc(_Doc):
    id: Id
    holder: str
    description: str
    source: str = ""


class EventDoc(_Doc):
    date: dt.date
    actor: str
    description: str
    target: str = ""
    type: str = ""
    mode: str = ""
    source: str = ""
    evidence: str = ""
    confidence: Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)] | None = None


class GameParameterDoc(_Doc):
    value: Finite
    rationale: str = ""


def _game_entry(value: Any) -> str:
    """A game's ``roles:`` mapping (actor ids as strings) or one of its parameters."""
    if (
        isinstance(value, dict)
        and "value" not in value
        and all(isinstance(v, str) for v in value.values())
    ):
        return GAME_TAGS[1]
    return GAME_TAGS[0]


GAME_TAGS = ("<parameter>", "<roles>")
"""Tags of a game entry: one parameter, or the roles mapping (stripped from error paths)."""
GameEntry = Annotated[
    Annotated[GameParameterDoc, Tag(GAME_TAGS[0])] | Annotated[dict[str, Id], Tag(GAME_TAGS[1])],
    Discriminator(_game_entry),
]


Share = Annotated[float, Field(gt=0.0, le=1.0, allow_inf_nan=False), NoBool]
Positive = Annotated[float, Field(gt=0.0, allow_inf_nan=False), NoBool]


class DecisionRuleDoc(_Doc):
    """One block of the decision section (see :mod:`detente.decision`)."""

    rule: Literal["unanimity", "qmv", "majority", "single"] | None = None
    veto: list[Id] | None = None
    weights: dict[str, Positive] | None = None
    threshold: Share | None = None
    count_threshold: Share | None = None
    agenda_setter: Id | None = None
    rationale: str = ""


class DecisionDoc(DecisionRuleDoc):
    rule: Literal["unanimity", "qmv", "majority", "single"]
    issues: dict[str, DecisionRuleDoc] = {}


class ScenarioDoc(_Doc):
    """The whole scenario document."""

    id: Id
    title: str
    as_of: dt.date | None = None
    description: str = ""
    notes: str = ""
    sources: list[SourceDoc] = []
    issues: Annotated[list[IssueDoc], Field(min_length=1)]
    actors: Annotated[list[ActorDoc], Field(min_length=1)]
    deadlines: list[DeadlineDoc] = []
    red_lines: list[RedLineDoc] = []
    events: list[EventDoc] = []
    games: dict[str, dict[str, GameEntry]] = {}
    negotiation: NegotiationDoc | None = None
    extra: dict[str, Any] = {}
    decision: DecisionDoc | None = None
    uncertainty: UncertaintyDoc | None = None
