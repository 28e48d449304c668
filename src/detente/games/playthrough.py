"""A readable playthrough of a catalog game: its tree in brief and what each solver finds.

The golden files ``tests/golden/games/<name>.txt`` are this text at the game's default
parameters (``scripts/regen_golden.py`` writes them; the diff shows every behaviour change, as
OpenSpiel's playthroughs do).  Every method that applies is run: ``spe`` (perfect information),
``pure-nash``, ``pbe`` (imperfect information), ``mixed-nash`` (two players, small enough) and
``qre`` at lambda = 1 and 10.  Probabilities are printed to six decimals.
"""

from __future__ import annotations

from detente.errors import ModelInputError
from detente.games.solution import Equilibrium
from detente.games.solving import load_game, solve
from detente.games.tree import is_perfect_information

__all__ = ["playthrough_text"]

QRE_LAMBDAS = (1.0, 10.0)


def _probs(d: dict[str, float] | object) -> str:
    assert isinstance(d, dict)
    return ", ".join(f"{k} {v if abs(v) >= 5e-7 else 0.0:.6f}" for k, v in d.items())


def _equilibrium(k: int, eq: Equilibrium) -> list[str]:
    lines = [f"#{k} outcomes: {_probs(dict(eq.outcome_probabilities))}"]
    lines.append(f"   payoffs: {_probs(dict(eq.payoffs))}")
    for player, sets in eq.profile.items():
        for h, acts in sets.items():
            lines.append(f"   {player} @ {h}: {_probs(dict(acts))}")
    return lines


def playthrough_text(name: str) -> str:
    """The playthrough of catalog game ``name`` at its default parameters."""
    loaded = load_game(name)
    game = loaded.game
    lines = [
        f"# game {name}: {game.title}",
        f"players: {', '.join(game.players)}",
        "parameters: " + ", ".join(f"{k}={v}" for k, v in loaded.params.items()),
        f"nodes {len(game.nodes)}, information sets {len(game.infosets)}, "
        f"terminal nodes {len(game.terminals())}",
    ]
    methods = ["spe"] if is_perfect_information(game) else ["pbe"]
    methods += ["pure-nash", "mixed-nash"]
    for method in methods:
        try:
            sol = solve(loaded, method)
        except ModelInputError as exc:
            lines.append(f"## {method}: refused: {exc}")
            continue
        lines.append(f"## {method}: {len(sol.equilibria)} equilibria")
        for k, eq in enumerate(sol.equilibria, start=1):
            lines += _equilibrium(k, eq)
    for lam in QRE_LAMBDAS:
        sol = solve(loaded, "qre", lam)
        converged = sol.details["converged"]
        lines.append(f"## qre lambda={lam:g}: {sol.details['algorithm']}, converged {converged}")
        lines += _equilibrium(1, sol.equilibria[0])
    return "\n".join(lines) + "\n"
