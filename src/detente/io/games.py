"""Checks of a scenario's ``games:`` section that need more than one field.

Each entry of ``games.<game>`` is a parameter (``{value, rationale}``) or, under the key
``roles``, the mapping from the game's players to the scenario's actors::

    games:
      deadline_provocation:
        roles: {NK: PRK, US: USA}
        p_resolute: {value: 0.3, rationale: ...}

The game must be in the catalog and each parameter one of its parameters, with a value in its
range; a role must be a player of the game and an actor must be one of the scenario's actors,
each actor playing at most one role; a parameter needs a ``value``.  Every problem is located by
line, as elsewhere in the file (a misspelt game or parameter was once reported by ``validate``
alone, without its line, and loaded silently everywhere else).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from detente.errors import Problem
from detente.io.located import Located

__all__ = ["game_problems"]


def _players(game: str) -> tuple[str, ...] | None:
    """The players of catalog game ``game`` at its default parameters (None if unknown)."""
    from detente.games.catalog import CATALOG  # data only: the game builders and their Params

    entry = CATALOG.get(game)
    return None if entry is None else entry.build(entry.params()).players


def _actors(data: dict[str, Any]) -> set[str]:
    items = data.get("actors")
    if not isinstance(items, list):
        return set()
    return {str(a["id"]).strip() for a in items if isinstance(a, dict) and "id" in a}


def _role_problems(doc: Located, game: str, roles: dict[str, Any]) -> list[Problem]:
    out = []
    actors, players, seen = _actors(doc.data), _players(game), set()
    for role, actor in roles.items():
        where = ("games", game, "roles", role)
        if players is not None and role not in players:
            out.append(
                doc.problem(where, f"{game} has no role {role!r} (roles: {', '.join(players)})")
            )
        if isinstance(actor, str) and actor.strip() not in actors:
            out.append(
                doc.problem(where, f"unknown actor {actor!r} (actors: {', '.join(sorted(actors))})")
            )
        elif isinstance(actor, str) and actor.strip() in seen:
            out.append(doc.problem(where, f"actor {actor!r} already plays another role"))
        seen.add(str(actor).strip())
    return out


def _entry_problems(doc: Located, game: str, entries: dict[str, Any]) -> list[Problem]:
    """An unknown game or parameter name, else a value the game refuses (its type or range)."""
    from detente.games.catalog import CATALOG

    entry = CATALOG.get(game)
    if entry is None:
        return [
            doc.problem(("games", game), f"unknown game {game!r} (known: {', '.join(CATALOG)})")
        ]
    names = [f.name for f in dataclasses.fields(entry.params)]
    unknown = [k for k in entries if k != "roles" and k not in names]
    if unknown:
        allowed = f"(parameters: {', '.join(names)})"
        return [
            doc.problem(("games", game, k), f"{game} has no parameter {k!r} {allowed}")
            for k in unknown
        ]
    values = {k: v["value"] for k, v in entries.items() if k != "roles" and _number(v)}
    return _value_problems(doc, game, entry, values)


def _number(entry: Any) -> bool:
    value = entry.get("value") if isinstance(entry, dict) else None
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _value_problems(doc: Located, game: str, entry: Any, values: dict[str, Any]) -> list[Problem]:
    from detente.games.parameters import check_ranges
    from detente.params import ParamError, build_params

    try:
        check_ranges(build_params(entry.params, values, owner=game))
    except (ParamError, ValueError) as exc:
        text = exc.detail() if isinstance(exc, ParamError) else str(exc)
        name = exc.name if isinstance(exc, ParamError) else text.split("=", 1)[0]
        return [doc.problem(("games", game, name) if name in values else ("games", game), text)]
    return []


def game_problems(doc: Located) -> list[Problem]:
    """Problems of the ``games:`` section of ``doc`` (see the module docstring)."""
    games = doc.data.get("games") if isinstance(doc.data, dict) else None
    if not isinstance(games, dict):
        return []
    out: list[Problem] = []
    for game, entries in games.items():
        if not isinstance(entries, dict):
            continue
        out += _entry_problems(doc, str(game), entries)
        for key, value in entries.items():
            if key == "roles" and isinstance(value, dict):
                out += _role_problems(doc, str(game), value)
            elif key != "roles" and isinstance(value, dict) and "value" not in value:
                out.append(doc.problem(("games", game, key), "a parameter needs a value"))
    return out
