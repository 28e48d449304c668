"""Contract suite: every catalog game × every solver method (as OpenSpiel's random_sim_test).

A new catalog entry gets these checks without any change here:

* every method either solves the game or refuses it with a one-line ``ModelInputError``
  (perfect-information-only or size limits), never another exception;
* probabilities: each information set's actions and the outcomes sum to one;
* equilibrium: no player gains by switching to any pure strategy (Nash methods), and the QRE's
  residual is small;
* the JSON round trip, streamed or whole, gives the same solution;
* solving again from the result's provenance reproduces it;
* the global random state is untouched;
* the golden playthrough (``tests/golden/games/<name>.txt``) matches.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from detente.errors import ModelInputError
from detente.games import CATALOG, GameSolution, load_game, solve
from detente.games.arrays import FloatArray, compile_game, node_reach
from detente.games.solution import Equilibrium
from detente.games.solving import METHODS, solve_again
from detente.games.strategic import strategic_form
from detente.games.tree import Game, action_keys, infoset_key

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "regen_golden.py"
NASH_METHODS = ("spe", "pure-nash", "mixed-nash", "pbe")
CASES = [(g, m) for g in CATALOG for m in METHODS if m != "auto"]


def _sigma(game: Game, eq: Equilibrium) -> FloatArray:
    arr = compile_game(game)
    sigma = np.where(np.isnan(arr.chance_sigma), 0.0, arr.chance_sigma)
    for h, info in enumerate(game.infosets):
        if info.player > 0:
            probs = eq.profile[game.players[info.player - 1]][infoset_key(game, h)]
            sigma[arr.offsets[h] : arr.offsets[h + 1]] = [probs[a] for a in action_keys(info)]
    return sigma


def _best_deviation_gain(game: Game, eq: Equilibrium) -> float:
    """Largest gain of any player from switching to one of its pure strategies."""
    arr = compile_game(game)
    sigma = _sigma(game, eq)
    form = strategic_form(arr, reduced=True)
    base = node_reach(arr, sigma)[arr.terminals] @ arr.payoffs
    gain = 0.0
    for i in range(game.n_players):
        for s in range(len(form.tables[i])):
            dev = sigma.copy()
            for h, a in form.choice(i, s).items():
                dev[arr.offsets[h] : arr.offsets[h + 1]] = 0.0
                dev[arr.offsets[h] + a] = 1.0
            gain = max(
                gain, float(node_reach(arr, dev)[arr.terminals] @ arr.payoffs[:, i] - base[i])
            )
    return gain


@pytest.fixture(scope="module")
def solutions() -> dict[tuple[str, str], GameSolution | str]:
    out: dict[tuple[str, str], GameSolution | str] = {}
    for game, method in CASES:
        try:
            out[game, method] = solve(load_game(game), method, 2.0)
        except ModelInputError as exc:
            out[game, method] = str(exc)
    return out


@pytest.mark.parametrize(("game", "method"), CASES)
def test_contract(game: str, method: str, solutions: dict) -> None:
    sol = solutions[game, method]
    if isinstance(sol, str):  # refused: one line naming the limit
        assert "\n" not in sol and ("perfect information" in sol or "qre" in sol)
        return
    loaded = load_game(game)
    for eq in sol.equilibria:
        assert sum(eq.outcome_probabilities.values()) == pytest.approx(1.0)
        for sets in eq.profile.values():
            for probs in sets.values():
                assert sum(probs.values()) == pytest.approx(1.0)
                assert min(probs.values()) >= 0.0
        if method in NASH_METHODS:
            assert _best_deviation_gain(loaded.game, eq) < 1e-9
    if method == "qre":
        assert sol.details["converged"] and sol.details["residual"] < 1e-8
    assert GameSolution.from_json(sol.to_json()) == sol
    assert json.loads("".join(sol.iter_json())) == json.loads(sol.to_json())
    assert sol.provenance is not None and sol.provenance.model == f"game:{game}"
    assert solve_again(sol.provenance) == sol


def test_the_global_random_state_is_untouched() -> None:
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    for game in CATALOG:
        for method in ("qre", "pbe"):
            try:
                solve(load_game(game), method)
            except ModelInputError:
                continue
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def _regen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regen_golden", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


REGEN = _regen()


@pytest.mark.parametrize("case", REGEN.GAME_CASES, ids=lambda c: c.game)
def test_golden_playthrough(case) -> None:  # type: ignore[no-untyped-def]
    assert set(CATALOG) == {c.game for c in REGEN.GAME_CASES}
    expected = case.path.read_text(encoding="utf-8")
    assert REGEN.render(case) == expected, f"rerun scripts/regen_golden.py and review {case.path}"
