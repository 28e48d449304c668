"""The uncertainty schema: ranges on values, the scenario-level block, validation, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.canonical import scenario_sha256
from detente.errors import InputError
from detente.io import dump_json, dump_yaml, load
from detente.uncertainty import Range, Uncertainty

DOC = """\
id: t
title: t
uncertainty: {position: 5, salience: 10, rationale: a guess}
issues:
  - {id: q, scale: {min: 0, max: 10}}
actors:
  - id: A
    capability: {value: 10, low: 5, high: 20, dist: uniform}
    positions:
      q: {position: {value: 3, low: 1, high: 6}, salience: 50}
  - id: B
    capability: 5
    positions:
      q: {position: 8, salience: {value: 50, low: 40, high: 70, dist: normal}}
"""


def _load(tmp_path: Path, text: str, name: str = "t.yaml") -> object:
    path = tmp_path / name
    path.write_text(text)
    return load(path)


def test_ranges_and_block_are_read(tmp_path: Path) -> None:
    s = _load(tmp_path, DOC)
    a, b = s.actors  # type: ignore[attr-defined]
    assert a.capability == 10 and a.capability_range == Range(5, 20, "uniform")
    assert a.stances[0].position == 3 and a.stances[0].position_range == Range(1, 6)
    assert b.stances[0].salience_range == Range(40, 70, "normal")
    assert s.uncertainty == Uncertainty(5, 10, 20, "triangular", "a guess")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("suffix", "dump"), [(".yaml", dump_yaml), (".json", dump_json)])
def test_round_trip_keeps_ranges_and_hash(tmp_path: Path, suffix: str, dump: object) -> None:
    s = _load(tmp_path, DOC)
    again = _load(tmp_path, dump(s), "again" + suffix)  # type: ignore[operator]
    assert again == s
    assert scenario_sha256(again) == scenario_sha256(s)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "low: 1, high: 6",
            "low: 4, high: 6",
            "line 10 (actors[0].positions.q.position): needs low ≤ value",
        ),
        ("low: 1, high: 6", "low: 1, high: 16", "range [1, 16] is outside [0, 10]"),
        (
            "low: 5, high: 20",
            "low: 0, high: 20",
            "line 8 (actors[0].capability): range low must be > 0",
        ),
        (
            "high: 70, dist: normal",
            "high: 170, dist: normal",
            "range [40, 170] is outside [0, 100]",
        ),
        ("dist: normal", "dist: gauss", "salience.dist): Input should be"),
        ("low: 1, high: 6", "low: x, high: 6", "position.low): must be a number, got 'x'"),
        ("{position: 5,", "{position: 500,", "uncertainty.position): must be ≤ 100"),
        ("capability: 5\n", "capability: abc\n", "actors[1].capability): must be a number"),
    ],
)
def test_bad_ranges_are_located(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        _load(tmp_path, DOC.replace(old, new))
    assert message in str(err.value)
    assert "<range>" not in str(err.value) and "<number>" not in str(err.value)


def test_range_invariants_in_the_core() -> None:
    with pytest.raises(ValueError, match="above high"):
        Range(3, 1)
    with pytest.raises(ValueError, match="0–100"):
        Uncertainty(position=101)


def test_bundled_korea_carries_ranges_with_rationales() -> None:
    from detente import load_scenario

    s = load_scenario("korea-2019-12")
    assert s.uncertainty is not None and s.uncertainty.rationale
    ranged = [(a, st) for a in s.actors for st in a.stances if st.position_range is not None]
    assert len(ranged) >= 3
    assert all("Range" in st.position_rationale for _, st in ranged)
    assert any(a.capability_range is not None for a in s.actors)
