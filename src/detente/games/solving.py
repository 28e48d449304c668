"""Entry points: load a game (catalog name or ``.efg`` path) and solve it by a named method.

Parameter values of a catalog game come, in increasing priority, from the game's Params
defaults, the scenario's ``games:`` section (:meth:`detente.scenario.Scenario.game`) and
explicit ``key=value`` overrides.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.canonical import scenario_sha256
from detente.errors import DetenteError, ModelInputError, SettingError
from detente.games.catalog import CATALOG
from detente.games.efg import read_efg
from detente.games.equilibria import solve_pbe, solve_pure_nash
from detente.games.mixed import solve_mixed_nash
from detente.games.parameters import check_ranges, describe_parameters
from detente.games.precision import DEFAULT_LAMBDA
from detente.games.qre import solve_qre
from detente.games.solution import GameSolution
from detente.games.spe import solve_spe
from detente.games.tree import Game, imperfect_recall, infoset_key, is_perfect_information
from detente.params import ParamError, build_params, typed_values
from detente.result import Provenance, provenance
from detente.scenario import Scenario

__all__ = [
    "METHODS",
    "LoadedGame",
    "explained",
    "game_values",
    "load_game",
    "recall_warnings",
    "solve",
    "solve_again",
]

METHODS = ("auto", "spe", "pure-nash", "mixed-nash", "pbe", "qre")
ALIASES = {"nash": "pure-nash", "mixed": "mixed-nash"}
"""Earlier or short names of methods ("nash" was the pure Nash method)."""
NO_PURE = (
    "no equilibrium in pure strategies; for mixed ones use {method=mixed-nash} (two players) "
    "or the QRE limit ({method=qre} with a large {lam})"
)
"""The note when a pure method finds nothing, with setting references (:func:`spell_settings`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadedGame:
    """A game with its name, the parameter values that built it and who plays which role.

    ``roles`` maps the catalog game's players (e.g. ``"US"``) to the scenario's actor ids (e.g.
    ``"USA"``), which then name the players of ``game``; ``rationales`` are the scenario's reasons
    for the values it sets.
    """

    name: str
    game: Game
    params: Mapping[str, Any]
    roles: Mapping[str, str] = field(default_factory=dict)
    rationales: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    scenario: Scenario | None = None

    def __repr__(self) -> str:
        on = f" on {self.scenario.id!r}" if self.scenario is not None else ""
        roles = [f"{actor} as {role}" for role, actor in self.roles.items()]
        players = ", ".join(roles) if roles else "players " + ", ".join(self.game.players)
        return f"LoadedGame({self.name!r}{on}: {players}; {len(self.params)} parameters)"


def game_values(name: str, raw: Mapping[str, str]) -> dict[str, Any]:
    """``key=value`` text as a catalog game's typed values (for :func:`load_game`).

    An .efg file has no parameter types: its values stay text, and :func:`load_game` refuses them.
    """
    return typed_values(CATALOG[name].params, raw) if name in CATALOG else dict(raw)


def load_game(
    source: str | Path,
    overrides: Mapping[str, Any] | None = None,
    scenario: Scenario | None = None,
) -> LoadedGame:
    """Build a catalog game (by name) or read an ``.efg`` file (by path)."""
    overrides = dict(overrides or {})
    name = str(source)
    if name not in CATALOG:
        path = Path(source)
        if path.suffix.lower() == ".efg" and not path.is_file():
            raise DetenteError(f"{path}: no such .efg file")
        if path.suffix.lower() != ".efg":
            known = ", ".join(CATALOG)
            raise DetenteError(f"no game {name!r}: give a catalog name ({known}) or an .efg file")
        if overrides:
            raise ParamError(f"{path}: an .efg game takes no parameters")
        if scenario is not None:  # it was silently ignored
            raise DetenteError(
                f"{path}: an .efg game takes no scenario (its players and payoffs are in the file)"
            )
        return LoadedGame(name=path.stem, game=read_efg(path), params={}, source=str(path))
    entry = CATALOG[name]
    setup = scenario.game(name) if scenario is not None else None
    values = {**(setup.as_dict() if setup is not None else {}), **overrides}
    params: Any = build_params(entry.params, values, owner=name)
    try:
        check_ranges(params)
        game = entry.build(params)
    except ValueError as exc:
        raise ParamError(f"{name}: {exc}") from None
    roles = dict(setup.roles) if setup is not None else {}
    if roles:
        game = dataclasses.replace(game, players=tuple(roles.get(p, p) for p in game.players))
    why = {p.name: p.rationale for p in setup.parameters if p.rationale} if setup else {}
    return LoadedGame(
        name=name,
        game=game,
        params=dataclasses.asdict(params),
        roles=roles,
        rationales=why,
        source=name,
        scenario=scenario,
    )


def solve(loaded: LoadedGame, method: str = "auto", lam: float = DEFAULT_LAMBDA) -> GameSolution:
    """Solve by ``method`` (see :data:`METHODS`; auto: spe if perfect information, else pbe).

    The result records the game's parameters (and lambda for QRE).  When a pure method finds no
    equilibrium, ``details["note"]`` says so and where to look instead, with references to the
    settings it names (:meth:`GameSolution.note` spells them).
    """
    if method not in METHODS and method not in ALIASES:
        raise ModelInputError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
    if not 0.0 <= lam < math.inf:
        reason = "the QRE precision must be a finite number >= 0"
        raise SettingError(reason, setting="lam", value=lam)
    game, params = loaded.game, dict(loaded.params)
    method = ALIASES.get(method, method)
    if method == "auto":
        method = "spe" if is_perfect_information(game) else "pbe"
    if method == "qre":
        result = solve_qre(game, lam)
        params["lambda"] = lam
    else:
        solver = {"spe": solve_spe, "pure-nash": solve_pure_nash, "mixed-nash": solve_mixed_nash}
        result = solver.get(method, solve_pbe)(game)
    details = dict(result.details)
    if not result.equilibria and method in ("pure-nash", "pbe"):
        details.setdefault("note", NO_PURE)
    warnings = recall_warnings(game) + _unused_scenario(loaded)
    if warnings:
        details["warnings"] = warnings
    prov = provenance(
        f"game:{loaded.source or loaded.name}", {**params, "method": method}, loaded.scenario
    )
    return dataclasses.replace(
        result, game=loaded.name, params=params, details=details, provenance=prov
    )


def solve_again(prov: Provenance, scenario: Scenario | None = None) -> GameSolution:
    """Solve again from a solution's provenance (``scenario``: the one it names, for roles).

    Raises
    ------
    DetenteError
        If ``scenario`` is not the scenario the provenance names (by content hash), or is missing
        when it names one (without it the roles, and so the solution, would differ).
    """
    if scenario is None and prov.scenario_sha256:
        raise DetenteError(
            f"this solution was computed on scenario {prov.scenario_id!r}: pass that scenario "
            "to solve again (it names the players and sets the parameters)"
        )
    if scenario is not None and scenario_sha256(scenario) != prov.scenario_sha256:
        raise DetenteError(f"{scenario.id}: not the scenario of this solution (hash differs)")
    source = prov.model.removeprefix("game:")
    params = {k: v for k, v in prov.params.items() if k not in ("method", "lambda")}
    loaded = load_game(source, params if source in CATALOG else None, scenario)
    return solve(loaded, str(prov.params["method"]), float(prov.params.get("lambda", 1.0)))


def explained(loaded: LoadedGame) -> Game:
    """The game with its description followed by its parameter table and roles (catalog games)."""
    if loaded.name not in CATALOG:
        return loaded.game
    table = describe_parameters(
        CATALOG[loaded.name].params, loaded.params, loaded.roles, loaded.rationales
    )
    text = "\n\n".join(t for t in (loaded.game.description, "Parameters:\n" + table) if t)
    return dataclasses.replace(loaded.game, description=text)


def recall_warnings(game: Game) -> list[str]:
    """A warning when ``game`` lacks perfect recall (the solvers assume it), else nothing."""
    bad = imperfect_recall(game)
    if not bad:
        return []
    names = ", ".join(infoset_key(game, h) for h in bad)
    return [
        f"{game.title}: imperfect recall at information sets {names}; the solvers assume "
        "perfect recall, so behaviour-strategy results (qre, pbe) may miss equilibria"
    ]


def _unused_scenario(loaded: LoadedGame) -> list[str]:
    """A warning when the scenario given has nothing for this game (it changes nothing)."""
    sc = loaded.scenario
    if sc is None or sc.game(loaded.name) is not None:
        return []
    return [
        f"scenario {sc.id!r} has no games: entry for {loaded.name}: the game's default values "
        "are used and its players keep their own names"
    ]
