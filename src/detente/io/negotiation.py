"""The scenario's ``negotiation:`` section: schema, cross-field checks and conversion.

The section holds the settings of the negotiation simulator (:mod:`detente.negotiation`)::

    negotiation:
      parties: [USA, PRK]                   # default parties of `detente negotiate`
      parties_rationale: why these two
      deadline: 100                         # rounds (optional; default 100)
      deadline_rationale: ...
      reservation:                          # best alternative to agreement, per actor
        PRK: {value: 0.45, rationale: ...}  #   a utility in [0, 1], or
        USA: {outcome: {sequencing: 90}}    #   an outcome (other issues at the status quo)
      discount:                             # per-round discount factor in (0, 1], per actor
        USA: {value: 0.99, rationale: ...}

A bare number stands for ``{value: number}``.  Unknown fields, unknown actors and unknown issues
are errors located by line and field, like the rest of the scenario file; settings left in the
unchecked ``extra.negotiation`` (their former home) are refused with a pointer to this section.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from detente.errors import Problem
from detente.io.located import Located
from detente.scenario import NegotiationSetup, PartyValue

__all__ = ["NegotiationDoc", "negotiation_problems", "negotiation_setup"]

MAX_DEADLINE = 10_000
"""Longest deadline in rounds (as :data:`detente.negotiation.params.MAX_DEADLINE`)."""


def _number_as_value(value: Any) -> Any:
    """``0.9`` → ``{"value": 0.9}`` (the short form); anything else but a mapping is refused."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    if not isinstance(value, dict):
        raise ValueError(
            f"must be a number or a mapping (value or outcome, rationale), got {value!r}"
        )
    return value


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class _PartyValueDoc(_Doc):
    value: Annotated[float, Field(allow_inf_nan=False)] | None = None
    outcome: dict[str, Annotated[float, Field(allow_inf_nan=False)]] = {}
    rationale: str = ""


class ReservationDoc(_PartyValueDoc):
    @model_validator(mode="after")
    def _one_of(self) -> ReservationDoc:
        if (self.value is None) == (not self.outcome):
            raise ValueError("give either value (a utility in [0, 1]) or outcome, not both")
        if self.value is not None and not 0.0 <= self.value <= 1.0:
            raise ValueError(f"a reservation value is a utility in [0, 1], got {self.value:g}")
        return self


class DiscountDoc(_PartyValueDoc):
    @model_validator(mode="after")
    def _in_range(self) -> DiscountDoc:
        if self.outcome:
            raise ValueError("a discount factor is a number (value), not an outcome")
        if self.value is None or not 0.0 < self.value <= 1.0:
            raise ValueError(f"a discount factor must be in (0, 1], got {self.value}")
        return self


Short = BeforeValidator(_number_as_value)


class NegotiationDoc(_Doc):
    """The ``negotiation:`` section (see the module docstring)."""

    parties: list[str] = []
    parties_rationale: str = ""
    deadline: Annotated[int, Field(ge=1, le=MAX_DEADLINE)] | None = None
    deadline_rationale: str = ""
    reservation: dict[str, Annotated[ReservationDoc, Short]] = {}
    discount: dict[str, Annotated[DiscountDoc, Short]] = {}


def negotiation_setup(doc: NegotiationDoc | None) -> NegotiationSetup | None:
    """The frozen core form of a validated section."""
    if doc is None:
        return None

    def values(entries: Mapping[str, _PartyValueDoc]) -> tuple[PartyValue, ...]:
        return tuple(
            PartyValue(actor, e.value, dict(e.outcome), e.rationale) for actor, e in entries.items()
        )

    return NegotiationSetup(
        parties=tuple(p.strip() for p in doc.parties),
        parties_rationale=doc.parties_rationale,
        reservation=values(doc.reservation),
        discount=values(doc.discount),
        deadline=doc.deadline,
        deadline_rationale=doc.deadline_rationale,
    )


def _ids(doc: dict[str, Any], key: str) -> list[str]:
    """The ids of the ``key`` list (actors), as written."""
    items = doc.get(key)
    items = items if isinstance(items, list) else []
    return [str(x["id"]).strip() for x in items if isinstance(x, dict) and "id" in x]


def _actor_problems(doc: Located, section: dict[str, Any], actors: list[str]) -> list[Problem]:
    out = []
    known = ", ".join(actors)
    parties = section.get("parties")
    if isinstance(parties, list):
        names = [str(p).strip() for p in parties]
        for k, p in enumerate(names):
            if p not in actors:
                out.append(
                    doc.problem(
                        ("negotiation", "parties", k), f"unknown actor {p!r} (actors: {known})"
                    )
                )
        if len(names) < 2 or len(set(names)) != len(names):
            out.append(doc.problem(("negotiation", "parties"), "name two or more distinct actors"))
    for kind in ("reservation", "discount"):
        entries = section.get(kind)
        for actor in entries if isinstance(entries, dict) else {}:
            if actor not in actors:
                out.append(
                    doc.problem(
                        ("negotiation", kind, actor), f"unknown actor {actor!r} (actors: {known})"
                    )
                )
    return out


def _outcome_problems(
    doc: Located, section: dict[str, Any], scales: dict[str, tuple[float, float]]
) -> list[Problem]:
    out = []
    entries = section.get("reservation")
    for actor, entry in (entries if isinstance(entries, dict) else {}).items():
        outcome = entry.get("outcome") if isinstance(entry, dict) else None
        for issue, x in (outcome if isinstance(outcome, dict) else {}).items():
            path = ("negotiation", "reservation", actor, "outcome", issue)
            if issue not in scales:
                known = ", ".join(scales)
                out.append(doc.problem(path, f"unknown issue {issue!r} (issues: {known})"))
            elif isinstance(x, (int, float)) and not scales[issue][0] <= x <= scales[issue][1]:
                lo, hi = scales[issue]
                msg = f"{x:g} is outside the issue's scale [{lo:g}, {hi:g}]"
                out.append(doc.problem(path, msg))
    return out


def negotiation_problems(doc: Located, scales: dict[str, tuple[float, float]]) -> list[Problem]:
    """Unknown actors or issues in the ``negotiation:`` section; a stale ``extra.negotiation``."""
    data = doc.data
    out = []
    extra = data.get("extra")
    if isinstance(extra, dict) and "negotiation" in extra:
        out.append(
            doc.problem(
                ("extra", "negotiation"),
                "negotiation settings are no longer read from extra: move them to a top-level "
                "'negotiation:' section",
            )
        )
    section = data.get("negotiation")
    if isinstance(section, dict):
        out += _actor_problems(doc, section, _ids(data, "actors"))
        out += _outcome_problems(doc, section, scales)
    return out
