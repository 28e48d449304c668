"""Every result a notebook user gets prints as one short line (issue 15, "A notebook face").

Printing a Scenario once gave 26,000 characters; the game objects, the outlook and the backtest
still printed every node, parameter and array until this test.  Each public result type here
prints as ``Name(...)`` on one line of at most :data:`LONGEST` characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import detente
from detente import games
from detente.backtest import backtest

LONGEST = 200


def _one_line(obj: object, name: str) -> str:
    text = repr(obj)
    assert "\n" not in text and len(text) <= LONGEST, text
    assert text.startswith(f"{name}("), text
    return text


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


def test_games_print_in_one_line(korea: detente.Scenario) -> None:
    loaded = games.load_game("deadline_provocation", scenario=korea)
    assert _one_line(loaded.game, "Game").startswith(
        "Game('Deadline provocation (Korea, Dec 2019)': players PRK, USA;"
    )
    assert _one_line(loaded, "LoadedGame") == (
        "LoadedGame('deadline_provocation' on 'korea-2019-12': PRK as NK, USA as US; 16 parameters)"
    )
    pbe = _one_line(games.solve(loaded, "pbe"), "GameSolution")
    assert pbe.startswith("GameSolution('deadline_provocation', pbe: 1 equilibrium; outcomes: ")
    sweep = games.sweep("deterrence", "p_hard", games.grid(0.1, 0.9, 3))
    assert _one_line(sweep, "Sweep") == (
        "Sweep('deterrence': p_hard over 3 values, 0.1 to 0.9; method auto, lambda 5)"
    )


def test_a_game_without_equilibria_says_so(tmp_path: Path) -> None:
    pennies = tmp_path / "pennies.efg"
    pennies.write_text(
        'EFG 2 R "pennies" { "Row" "Col" }\n""\n'
        'p "" 1 1 "" { "H" "T" } 0\n'
        'p "" 2 1 "" { "h" "t" } 0\nt "" 1 "" { 1, -1 }\nt "" 2 "" { -1, 1 }\n'
        'p "" 2 1 "" { "h" "t" } 0\nt "" 3 "" { -1, 1 }\nt "" 4 "" { 1, -1 }\n'
    )
    solution = games.solve(games.load_game(pennies), "pure-nash")
    assert _one_line(solution, "GameSolution") == "GameSolution('pennies', pure-nash: 0 equilibria)"


def test_the_outlook_prints_its_headline(korea: detente.Scenario) -> None:
    text = _one_line(detente.outlook(korea, draws=8, seed=1), "Outlook")
    assert text.startswith("Outlook('korea-2019-12' by 2019-12-31: p_deal ")
    assert text.endswith(", 8 draws, seed 1)")


def test_the_backtest_prints_its_size(tmp_path: Path) -> None:
    from deu_files import write_deu

    result = backtest(write_deu(tmp_path / "deu"), ["mean", "median"], seed=1)
    text = _one_line(result, "Backtest")
    assert f"on {len(result.issues)} issues" in text and text.endswith("seed 1)")


def test_a_sweep_prints_like_the_other_results(korea: detente.Scenario) -> None:
    text = _one_line(detente.sweep(korea, "mean", draws=20, seed=1), "SweepResult")
    assert text.startswith("SweepResult('mean' on 'korea-2019-12': 20 draws, seed 1, median ")
    assert _one_line(detente.run(korea, "mean"), "Result").startswith("Result('mean' on ")
