"""What an analyst reads on an 80-column terminal: whole issue names, and the
scenario hash and version beside every answer drawn from a scenario (the outlook printed only its
seed, the game sweep nothing; the sweep cut 'denuclearization' to 'denuclear…')."""

from __future__ import annotations

import json

import pytest

from detente import load_scenario
from detente.canonical import scenario_sha256
from helpers import cli

SHA = scenario_sha256(load_scenario("korea-2019-12"))[:12]


def test_the_outlook_names_the_scenario_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "outlook", "korea-2019-12", "--draws", "5", "--seed", "1")
    assert code == 0, err
    flat = " ".join(out.split())
    assert f"scenario sha256: {SHA}…" in flat and "detente 0.1.0" in flat


def test_the_game_sweep_names_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["game", "sweep", "deadline_provocation", "--param", "months_to_election=1:12:3"]
    code, out, err = cli(capsys, *args, "--scenario", "korea-2019-12", "--lambda", "5")
    assert code == 0, err
    assert f"scenario sha256: {SHA}…" in out and "detente 0.1.0" in out


def test_the_sweep_keeps_issue_ids_whole(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["sweep", "korea-2019-12", "--model", "winset", "--draws", "5", "--seed", "1"]
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    assert "│ denuclearization" in out


def test_the_outlook_takes_the_strategy_pool(capsys: pytest.CaptureFixture[str]) -> None:
    """The tutorial's 'what would change it': tough strategies only, as the Python API allows."""
    import detente

    tough = "boulware,hardliner,stall-and-water-down"
    args = ["outlook", "korea-2019-12", "--draws", "12", "--seed", "3", "--json"]
    code, out, err = cli(capsys, *args, "--strategies", tough)
    assert code == 0, err
    pool = tuple(tough.split(","))
    api = detente.outlook("korea-2019-12", draws=12, seed=3, strategies=pool)
    assert json.loads(out)["p_deal"] == json.loads(api.to_json())["p_deal"]
    assert json.loads(out)["params"]["strategies"] == list(pool)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("boulware,bouldware", "--strategies 'bouldware': no such strategy (allowed: boulware,"),
        (" , ", "--strategies ' , ': give one or more strategy names, comma-separated"),
    ],
)
def test_a_bad_strategy_pool_is_one_line(
    capsys: pytest.CaptureFixture[str], given: str, message: str
) -> None:
    code, out, err = cli(capsys, "outlook", "korea-2019-12", "--strategies", given)
    assert code == 2 and out == "" and err.startswith(f"error: {message}"), err
    assert len(err.strip().splitlines()) == 1


def test_the_api_refuses_a_bad_pool_before_it_works() -> None:
    import detente
    from detente.params import ParamError

    with pytest.raises(ParamError, match="strategies=bouldware: no such strategy"):
        detente.outlook("korea-2019-12", draws=5, seed=1, strategies=("bouldware",))
    with pytest.raises(ParamError, match="one or more strategies"):
        detente.outlook("korea-2019-12", draws=5, seed=1, strategies="boulware")


def test_sensitivity_and_levers_name_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ["sensitivity", "korea-2019-12", "--model", "mean", "--method", "oat"],
        ["levers", "korea-2019-12", "--model", "mean", "--issue", "sequencing", "--target", "60"],
    ):
        code, out, err = cli(capsys, *args)
        assert code == 0, err
        assert f"scenario sha256: {SHA}…, detente 0.1.0" in " ".join(out.split()), out
    oat = ["sensitivity", "korea-2019-12", "--model", "mean", "--method", "oat"]
    out = cli(capsys, *oat)[1]
    assert "│  1 │ USA.position.sequencing" in out  # the rank column was squeezed to nothing


def test_grouped_morris_prints_no_nan_and_no_rounding_noise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """sigma of grouped inputs is not estimated (SALib gives NaN): '–', not 'nan'; an actor
    that moves nothing showed '2.1e-15±2.7e-15' where it is 0."""
    args = ["sensitivity", "korea-2019-12", "--model", "winset", "--method", "morris"]
    more = ["--samples", "4", "--issue", "denuclearization", "--group", "actor", "--seed", "1"]
    code, out, err = cli(capsys, *args, *more)
    assert code == 0, err
    assert "nan" not in out and "e-1" not in out, out
    row = next(x for x in out.splitlines() if "│ KOR " in x)
    assert " 0±0 │" in row and "–" in row, row
