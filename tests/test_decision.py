"""The decision section: validation with located errors, resolution of overrides, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.api import load_scenario
from detente.decision import Decision, DecisionRule
from detente.errors import InputError
from detente.io import load
from detente.io.native import build, dump_json, dump_yaml, parse_json, parse_yaml
from helpers import cli

BASE = """\
id: t
title: Test
issues:
  - id: x
    status_quo: 50
  - id: y
    status_quo: 20
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
      y: {position: 80, salience: 0}
  - id: C
    capability: 5
    positions:
      x: {position: 70, salience: 40}
      y: {position: 30, salience: 10}
"""

GOOD = (
    BASE
    + """\
decision:
  rule: qmv
  veto: [A]
  weights: {A: 3, B: 2, C: 2}
  threshold: 0.7
  count_threshold: 0.5
  agenda_setter: C
  rationale: why
  issues:
    y:
      rule: unanimity
      veto: [A, C]
      rationale: only A and C care
"""
)


def problems(tmp_path: Path, decision: str, base: str = BASE) -> list[str]:
    path = tmp_path / "s.yaml"
    path.write_text(base + decision, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    lines = [str(p) for p in info.value.problems]
    assert all(line.startswith(str(path)) and "\n" not in line for line in lines)
    return lines


def test_good_section_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(GOOD)
    d = load(tmp_path / "s.yaml").decision
    assert d is not None
    x, y = d.for_issue("x"), d.for_issue("y")
    assert (x.rule, x.veto, x.threshold, x.agenda_setter) == ("qmv", ("A",), 0.7, "C")
    assert x.weights == {"A": 3, "B": 2, "C": 2}
    # the override replaces rule and veto, inherits the setter, and drops the qmv thresholds
    assert (y.rule, y.veto, y.threshold, y.agenda_setter) == ("unanimity", ("A", "C"), None, "C")
    assert y.rationale == "only A and C care"


@pytest.mark.parametrize("dump,parse", [(dump_yaml, parse_yaml), (dump_json, parse_json)])
def test_round_trip(tmp_path: Path, dump, parse) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "s.yaml").write_text(GOOD)
    s = load(tmp_path / "s.yaml")
    assert build(parse(dump(s), "back")) == s


def test_korea_has_a_decision_section_with_rationales() -> None:
    s = load_scenario("korea-2019-12")
    assert s.decision is not None
    for k in s.issue_ids:
        rule = s.decision.for_issue(k)
        assert rule.rule == "unanimity" and {"USA", "PRK"} <= set(rule.veto or ())
        assert len(rule.rationale) > 80
    assert {"USA-CONGRESS", "CHN", "RUS"} <= set(s.decision.for_issue("sequencing").veto or ())


@pytest.mark.parametrize(
    "section,where,message",
    [
        ("decision: {rule: unanimity, veto: [A, Z]}", "decision.veto[1]", "unknown actor 'Z'"),
        ("decision: {rule: unanimity}", "(decision.veto)", "needs at least one veto player"),
        ("decision: {rule: unanimity, veto: []}", "(decision.veto)", "at least one veto"),
        ("decision: {rule: qmv, threshold: 0}", "decision.threshold", "must be > 0, got 0"),
        ("decision: {rule: qmv, threshold: 1.5}", "decision.threshold", "must be ≤ 1, got 1.5"),
        ("decision: {rule: qmv, threshold: 1.0}", None, None),
        ("decision: {rule: qmv}", "(decision.threshold)", "needs a threshold"),
        ("decision: {rule: majority, threshold: 0.6}", "decision.threshold", "only to rule qmv"),
        ("decision: {rule: qmv, threshold: .5, weights: {A: 1, Q: 2}}", "weights.Q", "'Q'"),
        ("decision: {rule: qmv, threshold: .5, weights: {A: 0}}", "weights.A", "must be > 0"),
        ("decision: {rule: majority, agenda_setter: Z}", "agenda_setter", "unknown actor 'Z'"),
        ("decision: {rule: single, veto: [A, C]}", "(decision.veto)", "exactly one"),
        ("decision: {rule: sometimes}", "decision.rule", "'sometimes'"),
        (
            "decision: {rule: unanimity, veto: [B]}",
            "decision.veto[0]",
            "B has no position on issue y",
        ),
        ("decision: {veto: [A]}", "decision.rule", "required field is missing"),
    ],
)
def test_bad_sections(tmp_path: Path, section: str, where: str | None, message: str) -> None:
    if where is None:
        (tmp_path / "s.yaml").write_text(BASE + section)
        assert load(tmp_path / "s.yaml").decision is not None
        return
    (line,) = problems(tmp_path, section + "\n")
    assert "line 24" in line and where in line and message in line


def test_override_problems_are_located_in_the_override(tmp_path: Path) -> None:
    section = """\
decision:
  rule: unanimity
  veto: [A]
  issues:
    y: {veto: [A, Z]}
    w: {veto: [A]}
    x: {rule: qmv}
"""
    lines = problems(tmp_path, section)
    assert len(lines) == 3
    assert "decision.issues.y.veto[1]" in lines[0] and "unknown actor 'Z'" in lines[0]
    assert "decision.issues.w" in lines[1] and "unknown issue 'w'" in lines[1]
    assert "(decision.issues.x)" in lines[2] and "needs a threshold" in lines[2]


def test_decision_needs_a_status_quo_everywhere(tmp_path: Path) -> None:
    base = BASE.replace("    status_quo: 20\n", "")
    (line,) = problems(tmp_path, "decision: {rule: unanimity, veto: [A]}\n", base)
    assert "(issues[1].status_quo)" in line and "needs one on every issue" in line


def test_cli_validate_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(BASE + "decision: {rule: qmv, threshold: 1.5}\n")
    code, _out, err = cli(capsys, "validate", str(path))
    assert code == 2 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "decision.threshold" in err and str(path) in err


def test_core_invariants_without_the_loader() -> None:
    with pytest.raises(ValueError, match="in \\(0, 1\\]"):
        DecisionRule(rule="qmv", threshold=0.0)
    with pytest.raises(ValueError, match="needs a rule"):
        Decision(DecisionRule())
    s = load_scenario("korea-2019-12")
    bad = Decision(DecisionRule(rule="unanimity", veto=("NOBODY",)))
    with pytest.raises(ValueError, match="unknown actor 'NOBODY'"):
        type(s)(id=s.id, title=s.title, actors=s.actors, issues=s.issues, decision=bad)
