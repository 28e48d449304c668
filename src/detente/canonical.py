"""The canonical plain-data form of a scenario, and its content hash.

``scenario_to_dict`` gives the native document (the same shape as the YAML and JSON files, see
``docs/reference/scenario-format.md``).  Optional fields at their defaults are left out, so a file
that omits them and one that spells them out hash alike.  ``scenario_sha256`` hashes that
document's canonical JSON, so a scenario converted between formats keeps its hash as long as its
content survives the conversion.  NumPy scalars (``np.float64``, ``np.int64``, …) that a scenario
built in Python may carry become the Python numbers they stand for, so they hash like them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

import numpy as np

from detente.scenario import Actor, Issue, NegotiationSetup, Scenario

__all__ = ["scenario_sha256", "scenario_to_dict"]


_NAMES: dict[type, tuple[tuple[str, bool], ...]] = {}
_REAL = ("float", "float | None")
"""Field annotations whose numbers are floats (an int there is hashed as the float it equals)."""


def _names(cls: type) -> tuple[tuple[str, bool], ...]:
    """Field names of a dataclass and whether each is a plain ``float``, once per class."""
    if cls not in _NAMES:
        _NAMES[cls] = tuple((f.name, f.type in _REAL) for f in fields(cls))
    return _NAMES[cls]


def _python(value: Any, real: bool = False) -> Any:
    """A NumPy scalar as the Python number it holds; anything else unchanged.

    With ``real``, an integer becomes the float it stands for (``75`` and ``75.0`` are one
    salience).
    """
    value = value.item() if isinstance(value, np.generic) else value
    return float(value) if real and type(value) is int else value


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass as a dict without fields that are None or empty."""
    out: dict[str, Any] = {}
    for name, real in _names(type(obj)):
        value = _python(getattr(obj, name), real)
        if value is None or (isinstance(value, (str, tuple, Mapping)) and not value):
            continue
        if hasattr(type(value), "__dataclass_fields__"):
            value = _plain(value)
        elif isinstance(value, tuple):
            dc = hasattr(type(value[0]), "__dataclass_fields__")
            value = [_plain(v) for v in value] if dc else [_python(v) for v in value]
        out[name] = value
    return out


def _json_default(value: Any) -> Any:
    """JSON for what ``json`` does not know: NumPy scalars as numbers, the rest as text."""
    return value.item() if isinstance(value, np.generic) else str(value)


def _issue(issue: Issue) -> dict[str, Any]:
    d = _plain(issue)
    d.pop("low", None)
    d.pop("high", None)
    d["scale"] = {"min": issue.low, "max": issue.high}
    return d


def _fold_range(d: dict[str, Any], name: str) -> None:
    """``{name: v, name_range: {low, high, dist}}`` → ``{name: {value: v, low, high, dist}}``."""
    r = d.pop(f"{name}_range", None)
    if r is not None:
        d[name] = {"value": d[name], **r}


def _actor(actor: Actor) -> dict[str, Any]:
    d = _plain(actor)
    d.pop("stances", None)
    _fold_range(d, "capability")
    d["positions"] = {}
    for s in actor.stances:
        stance = _plain(s)
        stance.pop("issue")
        _fold_range(stance, "position")
        _fold_range(stance, "salience")
        d["positions"][s.issue] = stance
    return d


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the native document (dates stay ``datetime.date``)."""
    d: dict[str, Any] = {"id": scenario.id, "title": scenario.title}
    for key in ("as_of", "description", "notes"):
        value = getattr(scenario, key)
        if value:
            d[key] = value
    if scenario.sources:
        d["sources"] = [_plain(s) for s in scenario.sources]
    d["issues"] = [_issue(i) for i in scenario.issues]
    d["actors"] = [_actor(a) for a in scenario.actors]
    for key in ("deadlines", "red_lines", "events"):
        items = getattr(scenario, key)
        if items:
            d[key] = [_plain(x) for x in items]
    if scenario.games:
        d["games"] = {g.game: {p.name: _plain(p) for p in g.parameters} for g in scenario.games}
        for params in d["games"].values():
            for p in params.values():
                p.pop("name")
        for g in scenario.games:
            if g.roles:
                d["games"][g.game]["roles"] = dict(g.roles)
    if scenario.negotiation is not None:
        d["negotiation"] = _negotiation(scenario.negotiation)
    if scenario.extra:
        d["extra"] = dict(scenario.extra)
    if scenario.decision is not None:
        d["decision"] = scenario.decision.to_dict()
    if scenario.uncertainty is not None:
        d["uncertainty"] = _plain(scenario.uncertainty)
    return d


def _negotiation(setup: NegotiationSetup) -> dict[str, Any]:
    """The ``negotiation:`` section as written in a file (per-actor entries keyed by actor)."""
    d = _plain(setup)
    for kind in ("reservation", "discount"):
        entries = d.pop(kind, [])
        if entries:
            d[kind] = {e.pop("actor"): e for e in entries}
    return d


def scenario_sha256(scenario: Scenario) -> str:
    """SHA-256 of the canonical JSON of :func:`scenario_to_dict`.

    Computed once per scenario object and kept on it: a scenario is frozen, and the same one is
    hashed by every result computed on it (a backtest runs each of its scenarios with every
    model).  A changed copy (``dataclasses.replace``) is hashed afresh.
    """
    sha = scenario._sha256
    if sha is None:
        text = json.dumps(
            scenario_to_dict(scenario), sort_keys=True, separators=(",", ":"), default=_json_default
        )
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        object.__setattr__(scenario, "_sha256", sha)
    return sha
