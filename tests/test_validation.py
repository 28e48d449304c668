"""Every bad-input case of issue #2: one problem line each, with file, location and reason."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.io import load

GOOD = """\
id: t
title: Test
issues:
  - id: x
    label: X
    scale: {min: 0, max: 100}
    status_quo: 50
  - id: y
actors:
  - id: A
    capability: 10
    positions:
      x: {position: 10, salience: 50}
      y: {position: 20, salience: 60}
  - id: B
    capability: 5
    positions:
      x: {position: 90, salience: 40}
      y: {position: 80, salience: 30}
"""


def problems(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> list[str]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(InputError) as info:
        load(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # never modified
    lines = [str(p) for p in info.value.problems]
    assert lines and all(line.startswith(str(path)) and "\n" not in line for line in lines)
    return lines


def test_good_file_loads(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(GOOD)
    s = load(tmp_path / "s.yaml")
    assert s.actor_ids == ("A", "B") and s.issue_ids == ("x", "y")
    assert s.issues[1].low == 0 and s.issues[1].high == 100


def test_missing_field(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, GOOD.replace("    capability: 5\n", ""))
    assert "line 15 (actors[1].capability)" in line and "required field is missing" in line


def test_unknown_field(tmp_path: Path) -> None:
    (line,) = problems(
        tmp_path, GOOD.replace("    capability: 5\n", "    capability: 5\n    power: 3\n")
    )
    assert "actors[1].power" in line and "unknown field" in line


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("abc", "must be a number, got 'abc'"),
        (".nan", "must be a finite number"),
        (".inf", "must be a finite number"),
    ],
)
def test_non_numeric_nan_inf(tmp_path: Path, value: str, reason: str) -> None:
    (line,) = problems(tmp_path, GOOD.replace("capability: 10", f"capability: {value}"))
    assert "line 11 (actors[0].capability)" in line and reason in line


@pytest.mark.parametrize("value", ["0", "-3"])
def test_capability_must_be_positive(tmp_path: Path, value: str) -> None:
    (line,) = problems(tmp_path, GOOD.replace("capability: 10", f"capability: {value}"))
    assert "actors[0].capability" in line and "must be > 0" in line


def test_position_outside_scale(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, GOOD.replace("position: 90", "position: 190"))
    assert (
        "line 18 (actors[1].positions.x.position)" in line
        and "outside the issue's scale [0, 100]" in line
    )


@pytest.mark.parametrize("value", ["101", "-1"])
def test_salience_outside_0_100(tmp_path: Path, value: str) -> None:
    (line,) = problems(tmp_path, GOOD.replace("salience: 60", f"salience: {value}"))
    assert "actors[0].positions.y.salience" in line


def test_duplicate_actor_and_issue_ids(tmp_path: Path) -> None:
    lines = problems(tmp_path, GOOD.replace("id: B", "id: A").replace("  - id: y", "  - id: x"))
    text = "\n".join(lines)
    assert "duplicate actor id 'A'" in text and "duplicate issue id 'x'" in text


def test_missing_and_unknown_issue_in_positions(tmp_path: Path) -> None:
    lines = problems(
        tmp_path,
        GOOD.replace(
            "      y: {position: 80, salience: 30}", "      z: {position: 80, salience: 30}"
        ),
    )
    text = "\n".join(lines)
    assert "actor B has no position on issue 'y'" in text
    assert "unknown issue 'z' (issues: x, y)" in text


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    bad = GOOD.replace("capability: 10", "capability: -1").replace("salience: 60", "salience: 160")
    bad = bad.replace("position: 90", "position: 900")
    assert len(problems(tmp_path, bad)) == 3


def test_empty_file(tmp_path: Path) -> None:
    assert problems(tmp_path, "")[0].endswith("file is empty")
    assert problems(tmp_path, "  \n\n")[0].endswith("file is empty")


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("s.yaml", "id: [unclosed\n", "not valid YAML"),
        ("s.yaml", "just some words\n", "expected a scenario mapping"),
        ("s.json", '{"id": 1,,}', "not valid JSON"),
        ("s.xml", "<Scenario><name>x</Scenario>", "not valid XML"),
        ("s.csv", "hello\n", "expected KTAB's title line"),
    ],
)
def test_not_yaml_csv_xml(tmp_path: Path, name: str, text: str, reason: str) -> None:
    assert reason in problems(tmp_path, text, name)[0]


def test_binary_content(tmp_path: Path) -> None:
    assert "not UTF-8 text" in problems(tmp_path, bytes(range(256)) * 4)[0]


def test_file_over_10_mb(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, GOOD + "#" * (10 * 1024 * 1024))
    assert "the limit is 10 MB" in line


def test_duplicate_json_key(tmp_path: Path) -> None:
    lines = problems(tmp_path, '{"id": "a", "title": "t", "id": "b"}', "s.json")
    assert "duplicate key 'id'" in lines[0]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    (line,) = problems(
        tmp_path,
        GOOD.replace(
            "      y: {position: 20, salience: 60}", "      x: {position: 20, salience: 60}"
        ),
    )
    assert "duplicate key 'x'" in line


def test_status_quo_and_scale(tmp_path: Path) -> None:
    lines = problems(
        tmp_path,
        GOOD.replace("status_quo: 50", "status_quo: 150").replace(
            "{min: 0, max: 100}", "{min: 0, max: 100}"
        ),
    )
    assert "status quo 150 is outside the scale" in lines[0]
    lines = problems(tmp_path, GOOD.replace("{min: 0, max: 100}", "{min: 100, max: 0}"))
    assert any("scale max (0) must exceed min (100)" in line for line in lines)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "nope.yaml")
