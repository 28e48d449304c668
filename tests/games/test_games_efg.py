from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.errors import InputError
from detente.games import (
    CATALOG,
    build,
    chance,
    decide,
    format_efg,
    leaf,
    load_game,
    parse_efg,
    read_efg,
)
from detente.games.tree import is_perfect_information, node_key

# A signalling game: rational chance probabilities, decimal payoffs, an outcome on an interior
# node (payoffs add along the path) and later mentions of information sets and outcomes in the
# abbreviated forms (no action list, no payoffs).  pygambit 16.7 writes every mention in full and
# rejects line 14 (an outcome label without payoffs); data/signal-gambit.efg is this game as
# pygambit 16.7.0 writes it.
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
    assert again == game  # exact: fractions only where they equal the float, else repr


def test_rational_form_keeps_floats_that_are_not_small_fractions() -> None:
    x = -0.7598797460796939  # a Korea payoff: exp() of a parameter, no small fraction equals it
    g = build("t", ["A"], decide("A", "h", {"x": leaf("X", x), "y": leaf("Y", 0.75)}))
    text = format_efg(g, rational=True)
    assert "{ -0.7598797460796939 }" in text and "{ 3/4 }" in text
    assert parse_efg(text).outcomes[0].payoffs == (x,)


@pytest.mark.parametrize("rational", [True, False])
def test_round_trip_file(tmp_path: Path, rational: bool) -> None:
    g = parse_efg(GAMBIT_TEXT)
    path = tmp_path / "g.efg"
    path.write_text(format_efg(g, rational=rational))
    again = read_efg(path)
    if rational:
        assert again == g
    else:  # 2/3 is written 0.6666666666666667 so that the decimals sum to exactly 1
        assert again.infosets[0].probs == pytest.approx(g.infosets[0].probs, abs=2e-16)
        assert replace(again, infosets=()) == replace(g, infosets=())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.001, 1.0), min_size=1, max_size=6), st.booleans())
def test_written_chance_probabilities_sum_to_exactly_one(w: list[float], rational: bool) -> None:
    """Gambit rejects a file whose chance probabilities do not sum to exactly 1."""
    total = math.fsum(w)
    probs = [x / total for x in w]
    probs[-1] = 1.0 - math.fsum(probs[:-1])
    if abs(math.fsum(probs) - 1.0) > 1e-12 or min(probs) < 0:
        return
    moves = [(f"a{i}", p, leaf(f"o{i}", float(i))) for i, p in enumerate(probs)]
    text = format_efg(build("t", ["A"], chance("c", moves)), rational=rational)
    row = text.splitlines()[3]
    numbers = [Fraction(x) for x in row.split("{")[1].split("}")[0].split()[1::2]]
    assert sum(numbers) == 1
    again = parse_efg(text).infosets[0].probs
    assert again == pytest.approx(probs, abs=1e-15)


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
        (GAMBIT_TEXT.replace("{ 1, 0 }", "{ 1e9999999999, 0 }"), "line 10", "expected a payoff"),
        (GAMBIT_TEXT.replace("{ 1, 0 }", "{ 1e400, 0 }"), "line 10", "expected a payoff"),
        (GAMBIT_TEXT.replace("{ 1, 0 }", "{ nan, 0 }"), "line 10", "expected a payoff"),
        (GAMBIT_TEXT.replace("1/3", "1/0"), "line 4", "expected a probability"),
        (
            GAMBIT_TEXT.replace(
                "} 0\n", '} 0\nc "" 1 "nature" { "Strong" 1/2 "Weak" 1/2 } 0\n', 1
            ).replace('t "" 2 "SY"', 't "" 9 "z" { 0, 0 }\nt "" 2 "SY"', 1),
            "line 5",
            "changes its probabilities",
        ),
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


DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(("form", "tol"), [("rational", 2e-16), ("decimal", 2e-16)])
def test_reads_the_files_pygambit_writes(form: str, tol: float) -> None:
    """data/deterrence-gambit-*.efg: written by pygambit 16.7.0 ``Game.to_efg`` from our game.

    pygambit renames repeated outcome labels (``War_1``, ``War_2``) and, in the decimal form,
    keeps our 0.6666666666666667 so that the chance probabilities sum to exactly 1.
    """
    ours = load_game("deterrence", {"p_hard": 1 / 3}).game
    theirs = read_efg(DATA / f"deterrence-gambit-{form}.efg")
    assert [o.payoffs for o in theirs.outcomes] == [o.payoffs for o in ours.outcomes]
    assert [o.label.rsplit("_", 1)[0] for o in theirs.outcomes] == [o.label for o in ours.outcomes]
    assert theirs.infosets[0].probs == pytest.approx(ours.infosets[0].probs, abs=tol, rel=0)
    assert replace(theirs, outcomes=(), infosets=()) == replace(ours, outcomes=(), infosets=())


def test_reads_pygambits_signal_game() -> None:
    assert read_efg(DATA / "signal-gambit.efg") == parse_efg(GAMBIT_TEXT)


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_movers_are_named_in_built_and_read_games(name: str) -> None:
    from detente.games.tree import Mover

    game = load_game(name).game
    for g in (game, parse_efg(format_efg(game))):
        for node in g.nodes:
            if not node.children:
                assert node.player is Mover.TERMINAL and node.infoset == -1
            else:
                assert node.player is Mover.CHANCE or 1 <= node.player <= g.n_players
        chance_sets = [h for h in g.infosets if h.probs]
        assert all(h.player is Mover.CHANCE for h in chance_sets)
        assert g.terminals() == tuple(i for i, n in enumerate(g.nodes) if not n.children)
