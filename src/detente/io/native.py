"""The native scenario document: YAML/JSON text → validated Scenario, and back.

Parsing keeps the line of every field (``yaml.compose``), so each problem reported by the pydantic
schema (:mod:`detente.io.schema`) or the cross-field checks (:mod:`detente.io.checks`) names its
line and field path.  All problems are reported at once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import ValidationError

from detente.canonical import scenario_to_dict
from detente.errors import InputError, Problem
from detente.io.checks import cross_checks
from detente.io.decision import decision_from_doc
from detente.io.located import FieldPath, Located
from detente.io.negotiation import negotiation_setup
from detente.io.schema import GAME_TAGS, UNION_TAGS, ActorDoc, IssueDoc, RangeDoc, ScenarioDoc
from detente.scenario import (
    Actor,
    Deadline,
    Event,
    GameParameter,
    GameSetup,
    Issue,
    RedLine,
    Scenario,
    Source,
    Stance,
)
from detente.uncertainty import Range, Uncertainty

__all__ = ["build", "dump_json", "dump_yaml", "parse_json", "parse_yaml"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_EXPANSION = 10
"""Aliases may repeat nodes, but the built document may have at most this many times as many
values as the file has nodes (plus :data:`_FREE_VALUES`): a "billion laughs" file fails fast."""
_FREE_VALUES = 100_000


class _TooLargeError(Exception):
    """The aliases of a YAML document expand to too many values."""


class _Builder:
    """Turn a composed YAML node tree into plain data, recording each field's line on the way.

    One pass over the nodes replaces PyYAML's constructor (the slow part of a large file); scalars
    are built by the safe constructor's own per-tag functions, so values come out the same.
    """

    def __init__(self) -> None:
        self.lines: dict[FieldPath, int] = {}
        self.dups: list[tuple[FieldPath, str]] = []
        self._ctor = yaml.SafeLoader("")
        self._seen: set[int] = set()
        self._built = 0

    def _count(self, node: yaml.Node) -> None:
        self._seen.add(id(node))
        self._built += 1
        if self._built > _FREE_VALUES and self._built > MAX_EXPANSION * len(self._seen):
            raise _TooLargeError

    def value(self, node: yaml.Node, path: FieldPath) -> Any:
        self._count(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.value(key_node, path)
                kpath = (*path, str(key))
                if key in out:
                    self.dups.append((kpath, str(key)))
                self.lines[kpath] = key_node.start_mark.line + 1
                out[key] = self.value(value_node, kpath)
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.lines[(*path, i)] = item.start_mark.line + 1
                items.append(self.value(item, (*path, i)))
            return items
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        return self._ctor.construct_object(node, deep=True)


def parse_yaml(text: str, file: str) -> Located:
    """Parse YAML (or JSON, a subset) keeping field lines; a syntax error raises InputError."""
    builder = _Builder()
    try:
        root = yaml.compose(text, Loader=_Loader)
        data = None if root is None else builder.value(root, ())
    except _TooLargeError:
        msg = "YAML aliases (&/*) expand to too many values; is this a 'billion laughs' file?"
        raise InputError([Problem(file, "", msg)]) from None
    except ValueError as exc:  # a scalar the safe constructor cannot build (e.g. a huge int)
        raise InputError([Problem(file, "", f"not valid YAML: {exc}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError([Problem(file, where, f"not valid YAML: {problem}")]) from None
    located = Located(data, file, builder.lines)
    if builder.dups:
        raise InputError([located.problem(p, f"duplicate key {k!r}") for p, k in builder.dups])
    return located


def parse_json(text: str, file: str) -> Located:
    """Parse JSON; lines come from the YAML composer where it can read the text."""
    dups: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                dups.append(key)
            out[key] = value
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg}"
        raise InputError([Problem(file, f"line {exc.lineno}", msg)]) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise InputError([Problem(file, "", f"not valid JSON: {exc}")]) from None
    try:
        located = parse_yaml(text, file)
    except InputError as exc:
        if dups and any("duplicate key" in p.message for p in exc.problems):
            raise
        if dups:
            raise InputError([Problem(file, "", f"duplicate key {k!r}") for k in dups]) from None
        return Located(data, file)
    located.data = data
    return located


def _message(err: Any) -> str:
    kind, value = err["type"], err.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return "unknown field"
    if kind in ("float_parsing", "float_type"):
        return f"must be a number, got {shown}"
    if kind == "finite_number":
        return f"must be a finite number, got {shown}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        op = {
            "greater_than": ">",
            "greater_than_equal": "≥",
            "less_than": "<",
            "less_than_equal": "≤",
        }[kind]
        bound = next(iter(err["ctx"].values()))
        return f"must be {op} {bound:g}, got {shown}"
    if kind == "too_short":
        return "must not be empty"
    if kind.startswith("date"):
        return f"must be a date YYYY-MM-DD, got {shown}"
    if kind in ("string_type", "string_too_short"):
        return f"must be non-empty text, got {shown}"
    if kind in ("model_type", "dict_type"):
        keys = _SHAPES.get((err.get("ctx") or {}).get("class_name", ""), "")
        return f"must be a mapping{keys}, got {shown}"
    if kind == "list_type":
        return f"must be a list, got {shown}"
    return f"{err['msg']}, got {shown}"


_SHAPES = {
    "GameParameterDoc": " {value: …, rationale: …}",
    "ScaleDoc": " {min: …, max: …}",
    "UncertaintyDoc": " {position: …, salience: …, capability: …}",
}
"""The keys to write, for the mappings whose shape is not obvious from the field's name."""


def _issue(d: IssueDoc) -> Issue:
    return Issue(
        id=d.id,
        label=d.label or d.id,
        low=d.scale.min,
        high=d.scale.max,
        low_label=d.low_label,
        high_label=d.high_label,
        status_quo=d.status_quo,
        status_quo_rationale=d.status_quo_rationale,
    )


def _split(v: float | RangeDoc) -> tuple[float, Range | None]:
    """A number, or a ``{value, low, high, dist}`` mapping, as (value, range)."""
    if isinstance(v, RangeDoc):
        return v.value, Range(v.low, v.high, v.dist)
    return v, None


def _stance(issue: str, s: Any) -> Stance:
    (x, xr), (sal, sr) = _split(s.position), _split(s.salience)
    return Stance(
        issue=issue,
        position=x,
        salience=sal,
        position_rationale=s.position_rationale,
        salience_rationale=s.salience_rationale,
        position_range=xr,
        salience_range=sr,
    )


def _actor(d: ActorDoc, issue_ids: list[str]) -> Actor:
    stances = tuple(_stance(k, d.positions[k]) for k in issue_ids)
    c, cr = _split(d.capability)
    return Actor(
        id=d.id,
        name=d.name or d.id,
        capability=c,
        stances=stances,
        aliases=tuple(d.aliases),
        description=d.description,
        capability_rationale=d.capability_rationale,
        capability_range=cr,
    )


def _game_setup(game: str, entries: Mapping[str, Any]) -> GameSetup:
    """A game's parameters, and its ``roles:`` entry (role → actor id) if any."""
    params = tuple(
        GameParameter(n, p.value, p.rationale) for n, p in entries.items() if n != "roles"
    )
    roles = entries.get("roles", {})
    return GameSetup(game, params, tuple(roles.items()) if isinstance(roles, dict) else ())


def _scenario(doc: ScenarioDoc) -> Scenario:
    issues = tuple(_issue(i) for i in doc.issues)
    ids = [i.id for i in issues]
    return Scenario(
        id=doc.id,
        title=doc.title,
        actors=tuple(_actor(a, ids) for a in doc.actors),
        issues=issues,
        as_of=doc.as_of,
        description=doc.description,
        notes=doc.notes,
        sources=tuple(Source(s.key, s.citation, s.url) for s in doc.sources),
        deadlines=tuple(Deadline(**d.model_dump()) for d in doc.deadlines),
        red_lines=tuple(RedLine(**r.model_dump()) for r in doc.red_lines),
        events=tuple(Event(**e.model_dump()) for e in doc.events),
        games=tuple(_game_setup(g, entries) for g, entries in doc.games.items()),
        extra=doc.extra,
        decision=decision_from_doc(doc.decision),
        uncertainty=None
        if doc.uncertainty is None
        else Uncertainty(**doc.uncertainty.model_dump()),
        negotiation=negotiation_setup(doc.negotiation),
    )


def build(doc: Located) -> Scenario:
    """Validate a native-shaped document and build the Scenario.

    Raises InputError listing every problem found.
    """
    if not isinstance(doc.data, dict):
        got = "nothing" if doc.data is None else f"a {type(doc.data).__name__}"
        raise InputError(
            [
                Problem(
                    doc.file,
                    "",
                    f"expected a scenario mapping (id, title, issues, actors), got {got}",
                )
            ]
        )
    problems: list[Problem] = []
    parsed: ScenarioDoc | None = None
    try:
        parsed = ScenarioDoc.model_validate(doc.data)
    except ValidationError as exc:
        problems += [
            doc.problem(tuple(p for p in e["loc"] if p not in UNION_TAGS + GAME_TAGS), _message(e))
            for e in exc.errors(include_url=False)
        ]
    problems += cross_checks(doc)
    if problems or parsed is None:
        raise InputError(problems)
    try:
        return _scenario(parsed)
    except ValueError as exc:  # an invariant the checks above did not foresee
        raise InputError([Problem(doc.file, "", str(exc))]) from None


def dump_yaml(scenario: Scenario) -> str:
    """The scenario as native YAML text."""
    return yaml.safe_dump(
        scenario_to_dict(scenario), sort_keys=False, allow_unicode=True, width=100
    )


def dump_json(scenario: Scenario) -> str:
    """The scenario as native JSON text (dates as ISO strings)."""
    return json.dumps(scenario_to_dict(scenario), indent=2, ensure_ascii=False, default=str) + "\n"
