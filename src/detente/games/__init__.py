"""Finite extensive-form crisis games: representation, solvers and canonical games.

* :mod:`~detente.games.tree` — games with chance moves, information sets and labelled outcomes;
  :mod:`~detente.games.efg` reads and writes Gambit ``.efg`` files.
* Solvers, each returning a frozen :class:`~detente.games.solution.GameSolution`:
  :func:`solve_spe` (backward induction), :func:`solve_pure_nash` (pure Nash equilibria),
  :func:`solve_mixed_nash` (mixed Nash equilibria of two-player games), :func:`solve_pbe`
  (perfect Bayesian with belief sets; mixed ones where no pure one exists) and :func:`solve_qre`
  (agent logit QRE).  "Nash" here always means a Nash *equilibrium*, never the Nash bargaining
  solution of :mod:`detente.models`.
* :data:`~detente.games.catalog.CATALOG` — the canonical crisis games; :func:`load_game`,
  :func:`solve` and :func:`sweep` work on them by name.

pygambit (GPL, optional extra ``[gambit]``) is used only in :mod:`detente.adapters.gambit`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.lazy import lazy_names

if TYPE_CHECKING:  # imported on first use at run time (detente.lazy)
    from detente.games.builder import build, chance, decide, leaf
    from detente.games.catalog import CATALOG
    from detente.games.efg import format_efg, parse_efg, read_efg, write_efg
    from detente.games.equilibria import solve_pbe, solve_pure_nash
    from detente.games.mixed import solve_mixed_nash
    from detente.games.precision import DEFAULT_LAMBDA
    from detente.games.qre import solve_qre
    from detente.games.solution import Equilibrium, GameSolution
    from detente.games.solving import METHODS, LoadedGame, load_game, solve
    from detente.games.spe import solve_spe
    from detente.games.sweeps import Sweep, grid, sweep
    from detente.games.tree import Game

_HOMES = {
    "CATALOG": "detente.games.catalog",
    "DEFAULT_LAMBDA": "detente.games.precision",
    "format_efg": "detente.games.efg",
    "parse_efg": "detente.games.efg",
    "read_efg": "detente.games.efg",
    "write_efg": "detente.games.efg",
    "solve_pbe": "detente.games.equilibria",
    "solve_pure_nash": "detente.games.equilibria",
    "solve_mixed_nash": "detente.games.mixed",
    "solve_qre": "detente.games.qre",
    "Equilibrium": "detente.games.solution",
    "GameSolution": "detente.games.solution",
    "METHODS": "detente.games.solving",
    "LoadedGame": "detente.games.solving",
    "load_game": "detente.games.solving",
    "solve": "detente.games.solving",
    "solve_spe": "detente.games.spe",
    "Sweep": "detente.games.sweeps",
    "grid": "detente.games.sweeps",
    "sweep": "detente.games.sweeps",
    "Game": "detente.games.tree",
    "build": "detente.games.builder",
    "chance": "detente.games.builder",
    "decide": "detente.games.builder",
    "leaf": "detente.games.builder",
}
"""Each public name and the module it is imported from on first use."""

__all__ = [
    "CATALOG",
    "DEFAULT_LAMBDA",
    "METHODS",
    "Equilibrium",
    "Game",
    "GameSolution",
    "LoadedGame",
    "Sweep",
    "build",
    "chance",
    "decide",
    "format_efg",
    "grid",
    "leaf",
    "load_game",
    "parse_efg",
    "read_efg",
    "solve",
    "solve_mixed_nash",
    "solve_pbe",
    "solve_pure_nash",
    "solve_qre",
    "solve_spe",
    "sweep",
    "write_efg",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
