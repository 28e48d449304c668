"""One typed path for parameters: Python values in the API, text only at the command line."""

from __future__ import annotations

from dataclasses import fields

import pytest

import detente
from detente.cli.params import (
    param_error_line,
    params_from_text,
    parse_assignments,
    parse_strategy,
)
from detente.errors import DetenteError
from detente.models.bdm import BDMParams
from detente.models.smp import SMPParams
from detente.negotiation import make_strategy
from detente.params import ParamError, build_params


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


def test_python_values_reach_the_model(korea: detente.Scenario) -> None:
    result = detente.run(korea, "bdm", {"rounds": 3, "preset": "canonical"})
    assert result.provenance.params["rounds"] == 3 and len(result.rounds) <= 4
    assert result.provenance.params["p_rule"] == "dyad"
    # a whole float is an integer (values no longer go through text and back)
    assert detente.run(korea, "bdm", {"rounds": 3.0}).provenance.params["rounds"] == 3
    assert detente.run(korea, "bdm", {"T": None, "Q": 1}).provenance.params["Q"] == 1.0


@pytest.mark.parametrize(
    ("values", "name", "allowed", "reason"),
    [
        ({"rounds": "8"}, "rounds", (), "must be a whole number"),
        ({"rounds": 8.5}, "rounds", (), "must be a whole number"),
        ({"Q": True}, "Q", (), "must be a finite number"),
        ({"capitulation": 1}, "capitulation", (), "must be true or false"),
        ({"p_rule": "x"}, "p_rule", ("dyad", "all_pairs_riskweighted"), "not an allowed value"),
        ({"preset": "nope"}, "preset", ("canonical", "scholz-code"), "no such preset"),
        ({"bogus": 1}, "bogus", tuple(f.name for f in fields(BDMParams)), "bdm has no such"),
    ],
)
def test_errors_are_structured(
    korea: detente.Scenario,
    values: dict[str, object],
    name: str,
    allowed: tuple[str, ...],
    reason: str,
) -> None:
    with pytest.raises(ParamError) as info:
        detente.run(korea, "bdm", values)
    err = info.value
    assert (err.name, err.value, err.allowed) == (name, values[name], allowed)
    assert reason in err.reason and "--param" not in str(err)  # no command-line words


def test_a_model_without_parameters_says_so(korea: detente.Scenario) -> None:
    with pytest.raises(ParamError) as info:
        detente.run(korea, "median", {"Q": 0.5})
    assert str(info.value) == "parameter Q=0.5: median takes no parameters"
    assert param_error_line(info.value) == "--param Q=0.5: median takes no parameters"


def test_the_command_line_grammar_reads_text_by_field_type() -> None:
    p = params_from_text(BDMParams, ["T = none", "reset_risk=off", "rounds=4", "Q=0.5"])
    assert (p.T, p.reset_risk, p.rounds, p.Q) == (None, False, 4, 0.5)
    s = params_from_text(SMPParams, ["voting_rule=Cubic", "max_turns=3"])
    assert (s.voting_rule, s.max_turns) == ("Cubic", 3)
    assert parse_assignments([" a = 1 ", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(ParamError, match=r"^expected key=value$"):
        parse_assignments(["novalue"])
    with pytest.raises(DetenteError, match=r"^--param 'novalue': expected key=value$"):
        params_from_text(BDMParams, ["novalue"])
    with pytest.raises(DetenteError, match=r"^--param rounds=many: must be a whole number$"):
        params_from_text(BDMParams, ["rounds=many"], owner="bdm")


def test_presets_are_values_too() -> None:
    assert build_params(BDMParams, {"preset": "scholz-code"}) == BDMParams()
    assert build_params(BDMParams, {"preset": "canonical", "rounds": 2}).rounds == 2


def test_a_strategy_option_typo_is_one_clear_line() -> None:
    with pytest.raises(ParamError) as info:
        parse_strategy("boulware:ee=0.1")
    text = str(info.value)
    assert "__init__" not in text and "\n" not in text
    assert text.startswith("parameter ee=0.1: strategy boulware has no such parameter (allowed: e")
    with pytest.raises(ParamError) as typed:
        make_strategy("boulware", {"ee": 0.1})  # the library: Python values, the same words
    assert str(typed.value).startswith("parameter ee=0.1: strategy boulware has no such parameter")


def test_a_sweep_range_is_read_at_the_command_line_and_checked_in_the_library() -> None:
    from detente.cli.params import parse_range
    from detente.games import grid

    assert parse_range("horizon = 1:3:3") == ("horizon", [1.0, 2.0, 3.0])
    assert grid(0.0, 1.0, 3) == [0.0, 0.5, 1.0]
    for lo, hi, n, name in ((0.0, 1.0, 0, "n"), (0.0, float("inf"), 3, "hi")):
        with pytest.raises(ParamError) as info:
            grid(lo, hi, n)
        assert info.value.name == name and "--" not in str(info.value)  # no flag in the library
    with pytest.raises(ParamError) as text:
        parse_range("horizon=1:2")
    assert text.value.name == "horizon" and text.value.value == "1:2"
    assert text.value.labelled("--param").startswith("--param horizon=1:2: expected name=lo:hi:n")


def test_party_strategy_pairs_have_one_reader() -> None:
    from detente.params import parse_pairs, split_items

    assert parse_pairs(split_items("USA=boulware, PRK = linear")) == {
        "USA": "boulware",
        "PRK": "linear",
    }
    for bad in ("USA", "USA=", "=linear"):
        with pytest.raises(ParamError) as info:
            parse_pairs([bad], "PARTY=NAME")
        assert info.value.labelled("strategies") == f"strategies {bad!r}: expected PARTY=NAME"


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["run", "korea-2019-12", "--model", "bdm", "-p", "rounds=8", "-p", "rounds=9"],
            "error: --param rounds=9: rounds is given twice (rounds=8 too)",
        ),
        (
            [
                "negotiate",
                "korea-2019-12",
                "--strategy",
                "USA=boulware",
                "--strategy",
                "USA=linear",
            ],
            "error: --strategy USA=linear: USA is given twice (USA=boulware too)",
        ),
        (
            ["negotiate", "korea-2019-12", "--strategy", "USA=boulware:e=0.1,e=2"],
            "error: --strategy e=2: strategy boulware: e is given twice (e=0.1 too)",
        ),
    ],
)
def test_a_key_given_twice_is_refused(
    argv: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last value silently won: a repeated key changed results without a word."""
    from helpers import cli

    code, _, err = cli(capsys, *argv)
    assert code == 2 and err.strip() == line


def test_text_where_a_number_belongs_is_named_as_text(korea: detente.Scenario) -> None:
    """``{"rounds": "8"}`` said 'parameter rounds=8: must be a whole number', a puzzle."""
    with pytest.raises(ParamError) as info:
        detente.run(korea, "bdm", {"rounds": "8"})
    assert str(info.value) == "parameter rounds=8: must be a whole number, not the text '8'"
    with pytest.raises(ParamError, match="must be true or false, not the text 'true'"):
        detente.run(korea, "bdm", {"capitulation": "true"})
    with pytest.raises(ParamError) as number:
        detente.run(korea, "bdm", {"rounds": 8.5})
    assert str(number.value) == "parameter rounds=8.5: must be a whole number"


def test_param_error_is_a_setting_error_with_the_same_parts() -> None:
    """ParamError and SettingError were twins (reason, name/setting, value, allowed, each with
    its own one-line spelling): a ParamError is now the SettingError of a model's parameter. Its
    parts survive pickling (they were lost: the default pickling kept only the reason), and a
    front end that spells settings its own way gets the parameter's own line."""
    import pickle

    from detente.errors import DetenteError, SettingError

    exc = ParamError("is not an allowed value", name="power", value="huge", allowed=("equal",))
    assert isinstance(exc, SettingError) and isinstance(exc, DetenteError)
    assert isinstance(exc, ValueError)
    assert (exc.name, exc.setting, exc.value, exc.allowed) == ("power", "power", "huge", ("equal",))
    line = "parameter power=huge: is not an allowed value (allowed: equal)"
    assert str(exc) == line and exc.labelled(lambda s: f"--{s}") == line
    assert exc.labelled("--param") == "--param power=huge: is not an allowed value (allowed: equal)"
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is ParamError and str(again) == line and again.allowed == ("equal",)
    assert SettingError("x", setting="split", value="later", allowed=("dev",)).detail() == (
        "x (allowed: dev)"
    )
