"""Readers and writers: native YAML/JSON round trips, the classic table, KTAB CSV and XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from detente.canonical import scenario_sha256
from detente.errors import InputError
from detente.io import dump_json, dump_yaml, load
from detente.scenario import Scenario
from generators import scenarios
from helpers import DATA, EC_TABLE

KTAB = DATA / "ktab"


def _roundtrip(s: Scenario, tmp: Path, suffix: str) -> Scenario:
    path = tmp / f"s{suffix}"
    path.write_text(dump_yaml(s) if suffix == ".yaml" else dump_json(s), encoding="utf-8")
    return load(path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scenarios())
def test_yaml_and_json_round_trip_unchanged(tmp_path: Path, s: Scenario) -> None:
    for suffix in (".yaml", ".json"):
        back = _roundtrip(s, tmp_path, suffix)
        assert back == s
        assert scenario_sha256(back) == scenario_sha256(s)
    assert dump_yaml(_roundtrip(s, tmp_path, ".yaml")) == dump_yaml(s)


def test_classic_table(tmp_path: Path) -> None:
    rows = "\n".join(f"{n},{c},{p},{s}" for n, c, p, s in EC_TABLE)
    path = tmp_path / "ec.csv"
    path.write_text("Actor,Capability,Position,Salience\n" + rows + "\n")
    s = load(path)
    assert s.actor_ids[0] == "Netherlands" and len(s.actors) == 10
    assert (s.issues[0].low, s.issues[0].high) == (0.0, 100.0)  # 4–10 lie inside 0–100
    assert s.positions()[1, 0] == 7 and s.saliences()[8, 0] == 100 and s.capabilities()[0] == 0.08


def test_classic_table_scale_from_positions(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1,150,50\nB,1,300,50\n")
    s = load(path)
    assert (s.issues[0].low, s.issues[0].high) == (150.0, 300.0)


def test_classic_table_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1,50,50\nB,x,50,500\nC,1,2\n")
    with pytest.raises(InputError) as info:
        load(path)
    assert [p.where for p in info.value.problems] == ["line 4"]
    path.write_text("Actor,Capability,Position,Salience\nA,1,50,50\nB,x,50,500\n")
    with pytest.raises(InputError) as info:
        load(path)
    text = "\n".join(map(str, info.value.problems))
    assert "line 3 (actors[1].capability): must be a number, got 'x'" in text
    assert "line 3 (actors[1].positions.issue.salience): must be ≤ 100" in text


def test_ktab_csv() -> None:
    s = load(KTAB / "dummyData_3Dim.csv")
    assert s.issue_ids == ("Pstn1", "Pstn2", "Pstn3") and len(s.actors) == 7
    assert s.actors[0].id == "SActor-00" and s.actors[0].capability == 102.543
    assert s.positions()[0].tolist() == [75.79, 6.37, 70.45]
    assert s.saliences()[0].tolist() == [49.53, 5.91, 28.15]
    soe = load(KTAB / "SOE-Policy.csv")
    assert (
        len(soe.actors) == 26
        and soe.actors[0].name == "XJ"
        and soe.actors[0].description == "Xi Jinping"
    )


def test_ktab_xml_matches_csv_and_keeps_model_parameters() -> None:
    xml, csv = load(KTAB / "dummyData_3Dim.xml"), load(KTAB / "dummyData_3Dim.csv")
    assert xml.positions().tolist() == csv.positions().tolist()
    assert xml.capabilities().tolist() == csv.capabilities().tolist()
    assert xml.extra["ktab"]["fixups"]  # missing <IdealAdjustment>: documented identity fix-up
    base = load(KTAB / "d3__baseline.xml")
    assert base.extra["ktab"]["model_parameters"]["VotingRule"] == "Prop"
    assert base.extra["ktab"]["ideal_adjustment"] and not base.extra["ktab"]["fixups"]


def test_ktab_xml_empty_coordinate_is_named() -> None:
    with pytest.raises(InputError) as info:
        load(KTAB / "smpExample.xml")
    (problem,) = info.value.problems
    assert (
        problem.where == "line 32 (actor Alice <dCoord> #1)"
        and "must be a number, got ''" in problem.message
    )


def test_ktab_csv_counts_checked(tmp_path: Path) -> None:
    text = (KTAB / "dummyData_3Dim.csv").read_text().replace(",7,3,", ",8,3,", 1)
    (tmp_path / "k.csv").write_text(text)
    with pytest.raises(InputError, match="declares 8 actors but 7 rows follow"):
        load(tmp_path / "k.csv")


def test_bundled_scenarios_load() -> None:
    from detente.api import bundled_scenarios

    found = bundled_scenarios()
    assert {"ec-emissions-1994", "ktab-soe-policy", "korea-2019-12"} <= set(found)
    for path in found.values():
        s = load(path)
        assert s.sources, f"{path.name} cites no source"
