"""A scenario's games: section names who plays which role (issue 15 item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.api import load_scenario, scenario_path
from detente.cli import main
from detente.errors import InputError
from detente.games import load_game, solve
from detente.io import dump_yaml, load

ROLES = "    roles: {NK: PRK, US: USA}\n"


def _korea(tmp_path: Path, roles: str) -> Path:
    text = scenario_path("korea-2019-12").read_text()
    assert ROLES in text
    path = tmp_path / "korea.yaml"
    path.write_text(text.replace(ROLES, roles))
    return path


def _line(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_the_actors_name_the_players() -> None:
    loaded = load_game("deadline_provocation", None, load_scenario("korea-2019-12"))
    assert loaded.roles == {"NK": "PRK", "US": "USA"}
    assert loaded.game.players == ("PRK", "USA")
    eq = solve(loaded, "qre", 2.0).equilibria[0]
    assert set(eq.payoffs) == set(eq.profile) == {"PRK", "USA"}


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ("    roles: {NK: DPRK, US: USA}\n", "unknown actor 'DPRK'"),
        (
            "    roles: {North: PRK, US: USA}\n",
            "deadline_provocation has no role 'North' (roles: NK, US)",
        ),
        ("    roles: {NK: USA, US: USA}\n", "actor 'USA' already plays another role"),
    ],
)
def test_bad_roles_are_located(tmp_path: Path, roles: str, message: str) -> None:
    path = _korea(tmp_path, roles)
    with pytest.raises(InputError) as info:
        load(path)
    line = _line(path, "roles:")
    assert any(
        f"line {line} (games.deadline_provocation.roles." in str(p) and message in str(p)
        for p in info.value.problems
    ), info.value.problems


def test_a_parameter_without_value_is_an_error(tmp_path: Path) -> None:
    path = _korea(tmp_path, ROLES + "    spare: {rationale: forgot the value}\n")
    with pytest.raises(InputError, match=r"games\.deadline_provocation\.spare.*needs a value"):
        load(path)


def test_validate_exits_2_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _korea(tmp_path, "    roles: {NK: DPRK, US: USA}\n")
    with pytest.raises(SystemExit) as info:
        main(["validate", str(path)])
    err = capsys.readouterr().err
    assert info.value.code == 2 and f"line {_line(path, 'roles:')}" in err and "DPRK" in err


def test_roles_survive_a_round_trip(tmp_path: Path) -> None:
    s = load_scenario("korea-2019-12")
    out = tmp_path / "copy.yaml"
    out.write_text(dump_yaml(s))
    assert load(out).game("deadline_provocation").roles == (("NK", "PRK"), ("US", "USA"))


def test_solving_again_needs_the_scenario_that_named_the_players() -> None:
    """Without it the players were NK and US, the provenance empty: a silently different result."""
    from detente.errors import DetenteError
    from detente.games.solving import solve_again

    korea = load_scenario("korea-2019-12")
    solution = solve(load_game("deadline_provocation", None, korea), "pbe")
    assert solve_again(solution.provenance, korea) == solution
    with pytest.raises(DetenteError, match="computed on scenario 'korea-2019-12': pass that"):
        solve_again(solution.provenance)


def test_a_scenario_that_has_nothing_for_the_game_is_not_silently_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was dropped without a word: the defaults ran and the result named the scenario."""
    from detente.errors import DetenteError
    from helpers import REPO, cli

    dam = REPO / "examples" / "dam-talks.yaml"
    solution = solve(load_game("deadline_provocation", None, load(dam)), "pbe")
    assert solution.details["warnings"] == [
        "scenario 'dam-talks-example' has no games: entry for deadline_provocation: the game's "
        "default values are used and its players keep their own names"
    ]
    assert "warnings" not in solve(load_game("deadline_provocation", None, None), "pbe").details
    efg = tmp_path / "one.efg"
    efg.write_text(
        'EFG 2 R "one" { "A" }\n""\np "" 1 1 "" { "L" "R" } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 0 }\n'
    )
    assert solve(load_game(efg), "spe").equilibria
    with pytest.raises(DetenteError, match=r"an \.efg game takes no scenario"):
        load_game(efg, None, load(dam))
    code, _, err = cli(capsys, "game", "solve", "deadline_provocation", "--scenario", str(dam))
    assert code == 0 and err.startswith("warning: scenario 'dam-talks-example' has no games:")
