"""Absent-mindedness is refused at the line where the play re-enters; imperfect recall warns."""

from __future__ import annotations

import pytest

from detente.cli import main
from detente.errors import InputError
from detente.games import build, decide, leaf, parse_efg, solve
from detente.games.solving import LoadedGame, recall_warnings
from detente.games.tree import imperfect_recall

ABSENT_MINDED = """EFG 2 R "driver" { "me" }
""

p "" 1 1 "exit?" { "exit" "continue" } 0
t "" 1 "home" { 0 }
p "" 1 1 0
t "" 2 "motel" { 4 }
t "" 3 "end" { 1 }
"""


def test_absent_minded_error_names_the_line_of_the_second_visit() -> None:
    with pytest.raises(InputError) as info:
        parse_efg(ABSENT_MINDED, "driver.efg")
    msg = str(info.value)
    assert msg.startswith("driver.efg: line 6: information set 1 of player 1")
    assert "lines 4 and 6" in msg and "absent-minded" in msg


def forgetful() -> LoadedGame:
    """Player A moves, then cannot recall its own move at its second decision."""
    second = {"x": leaf("X", 1), "y": leaf("Y", 0)}
    root = decide(
        "A", "first", {"l": decide("A", "second", second), "r": decide("A", "second", second)}
    )
    return LoadedGame(name="forgetful", game=build("forgetful", ["A"], root), params={})


def test_imperfect_recall_is_listed_and_warned() -> None:
    loaded = forgetful()
    assert imperfect_recall(loaded.game) == [1]
    assert "imperfect recall at information sets second" in recall_warnings(loaded.game)[0]
    assert solve(loaded, "qre").details["warnings"] == recall_warnings(loaded.game)


def test_perfect_recall_has_no_warning() -> None:
    from detente.games import load_game

    assert "warnings" not in solve(load_game("deterrence"), "pbe").details


def test_cli_prints_the_warning_on_stderr(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from detente.games import write_efg

    path = tmp_path / "forgetful.efg"
    write_efg(forgetful().game, path)
    with pytest.raises(SystemExit) as info:
        main(["game", "solve", str(path), "--method", "qre"])
    assert info.value.code == 0
    assert "warning: forgetful: imperfect recall" in capsys.readouterr().err
