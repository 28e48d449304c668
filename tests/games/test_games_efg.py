from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.games import (
    CATALOG,
    Game,
    build,
    chance,
    decide,
    format_efg,
    leaf,
    parse_efg,
    read_efg,
)
from detente.games.tree import is_perfect_information, node_key

# A signalling game as Gambit writes it: rational chance probabilities, decimal payoffs, an
# outcome on an interior node (payoffs add along the path) and later infoset mentions without
# their action lists.
GAMBIT_TEXT = """EFG 2 R "Signal" { "Sender" "Receiver" }
"a test game"

c "" 1 "nature" { "Strong" 1/3 "Weak" 2/3 } 0
p "" 1 1 "strong" { "Up" "Stay" } 0
p "" 2 1 "after Up" { "Yield" "Fight" } 1 "entry fee" { -.5, 0 }
t "" 2 "SY" { 1.50, 0 }
t "" 3 "SF" { 0, -2 }
p "" 2 2 "after Stay" { "Yield" "Fight" } 0
t "" 4 "Y" { 1, 0 }
t "" 5 "F" { 0, -2 }
p "" 1 2 "weak" { "Up" "Stay" } 0
p "" 2 1 1 "entry fee"
t "" 6 "WY" { 1.5, 0 }
t "" 7 "WF" { -3, 1 }
p "" 2 2 0
t "" 4
t "" 8 "WF2" { -1, 1 }
"""


def test_parse_gambit_text_with_interior_outcome() -> None:
    g = parse_efg(GAMBIT_TEXT, "signal.efg")
    assert g.players == ("Sender", "Receiver")
    assert len(g.nodes) == 15
    assert g.infosets[0].probs == pytest.approx((1 / 3, 2 / 3))
    receiver_sets = [h for h in g.infosets if h.player == 2]
    assert [len(h.nodes) for h in receiver_sets] == [2, 2]
    terms = g.terminals()
    # Strong/Up/Yield: interior outcome -0.5 plus terminal 1.5
    assert g.payoff(terms[0]) == pytest.approx((1.0, 0.0))
    assert not is_perfect_information(g)
    assert node_key(g, terms[0]) == "Strong/Up/Yield"


@pytest.mark.parametrize("rational", [True, False])
@pytest.mark.parametrize("name", sorted(CATALOG))
def test_round_trip_catalog(name: str, rational: bool) -> None:
    entry = CATALOG[name]
    game = entry.build(entry.params())
    again = parse_efg(format_efg(game, rational=rational))
    assert _same(again, game, exact=not rational)


def _same(a: Game, b: Game, exact: bool) -> bool:
    if exact:
        return a == b
    pays = [
        o.payoffs == pytest.approx(p.payoffs, abs=1e-6)
        for o, p in zip(a.outcomes, b.outcomes, strict=True)
    ]
    return all(pays) and replace(a, outcomes=()) == replace(b, outcomes=())


def test_round_trip_file(tmp_path: Path) -> None:
    g = parse_efg(GAMBIT_TEXT)
    path = tmp_path / "g.efg"
    path.write_text(format_efg(g, rational=False))
    assert read_efg(path) == g


def test_rational_form_writes_fractions_and_decimal_form_decimals() -> None:
    g = build("t", ["A"], chance("c", [("x", 1 / 3, leaf("X", 0.1)), ("y", 2 / 3, leaf("Y", 2))]))
    assert '"x" 1/3 "y" 2/3' in format_efg(g, rational=True)
    assert "{ 1/10 }" in format_efg(g, rational=True)
    assert '"x" 0.3333333333333333' in format_efg(g, rational=False)
    assert "{ 0.1 }" in format_efg(g, rational=False)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (GAMBIT_TEXT.replace("2/3", "1/2"), "line 4", "sum to 0.833333, not 1"),
        (GAMBIT_TEXT.replace("{ 1, 0 }", "{ 1, 0, 3 }"), "line 10", "3 payoffs for 2 players"),
        (GAMBIT_TEXT.replace("{ -3, 1 }", "{ -3 }"), "line 15", "1 payoffs for 2 players"),
        (GAMBIT_TEXT.replace('p "" 2 2 0', 'q "" 2 2 0'), "line 16", "c, p or t"),
        (GAMBIT_TEXT.replace("EFG 2 R", "NFG 1 R"), "line 1", "not a Gambit .efg file"),
        (GAMBIT_TEXT.replace('t "" 8 "WF2" { -1, 1 }\n', ""), "line 17", "unexpected end"),
        (GAMBIT_TEXT + 't "" 1\n', "line 19", "after the last node"),
        (
            GAMBIT_TEXT.replace('p "" 2 1 "after Up"', 'p "" 3 1 "after Up"'),
            "line 6",
            "player 3 does not exist",
        ),
        (
            GAMBIT_TEXT.replace('"Up" "Stay" } 0\np "" 2 1 1', '"Up" "Stay" } 0\np "" 2 9 1'),
            "line 13",
            "used before its actions",
        ),
    ],
)
def test_bad_input_names_the_line(text: str, line: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_efg(text, "bad.efg")
    problem = info.value.problems[0]
    assert (problem.file, problem.where) == ("bad.efg", line)
    assert fragment in problem.message
    assert "\n" not in str(info.value)


def test_builder_rejects_bad_chance_and_payoffs() -> None:
    with pytest.raises(ValueError, match="sum to"):
        build("t", ["A"], chance("c", [("x", 0.5, leaf("X", 0)), ("y", 0.4, leaf("Y", 0))]))
    with pytest.raises(ValueError, match="payoffs"):
        build("t", ["A", "B"], decide("A", "h", {"x": leaf("X", 1), "y": leaf("Y", 1, 2)}))
