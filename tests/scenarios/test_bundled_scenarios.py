"""Content of the bundled scenarios and the scenario-format reference example."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest

from detente.api import load_scenario
from detente.io import load
from detente.scenario import Scenario
from helpers import REPO, SHARED

DOCS = REPO / "docs" / "reference"
BUNDLED = ("korea-2019-12", "ec-emissions-1994", "ktab-soe-policy")


@pytest.fixture(scope="module")
def korea() -> Scenario:
    return load_scenario("korea-2019-12")


def test_korea_has_required_issues_and_actors(korea: Scenario) -> None:
    assert korea.as_of == dt.date(2019, 12, 9)
    assert {"sequencing", "denuclearization", "us_posture"} <= set(korea.issue_ids)
    assert {"USA", "PRK", "KOR", "JPN", "CHN", "RUS", "USA-CONGRESS"} <= set(korea.actor_ids)


def test_korea_every_value_has_a_rationale(korea: Scenario) -> None:
    assert "analyst judgement" in korea.notes and "analyst judgement" in korea.description
    for issue in korea.issues:
        assert issue.low_label and issue.high_label, issue.id
        assert issue.status_quo is not None and issue.status_quo_rationale, issue.id
    for actor in korea.actors:
        assert actor.capability_rationale, actor.id
        for stance in actor.stances:
            assert stance.position_rationale and stance.salience_rationale, (actor.id, stance.issue)


def test_korea_context_sections(korea: Scenario) -> None:
    deadlines = {d.id: d for d in korea.deadlines}
    assert deadlines["kim-year-end"].date == dt.date(2019, 12, 31)
    assert deadlines["kim-year-end"].set_by == "PRK"
    assert deadlines["us-election"].date == dt.date(2020, 11, 3)
    assert {(r.id, r.holder) for r in korea.red_lines} >= {
        ("icbm-test", "USA"),
        ("nuclear-test", "USA"),
    }
    events = {(e.date, e.actor, e.type) for e in korea.events}
    assert (dt.date(2019, 11, 28), "PRK", "MOBILIZE") in events
    assert (dt.date(2019, 12, 7), "PRK", "MOBILIZE") in events
    ids = set(korea.actor_ids)
    named = [d.set_by for d in korea.deadlines if d.set_by] + [r.holder for r in korea.red_lines]
    named += [e.actor for e in korea.events] + [e.target for e in korea.events if e.target]
    assert set(named) <= ids


@pytest.mark.parametrize("name", BUNDLED)
def test_cited_sources_are_defined(name: str) -> None:
    scenario = load_scenario(name)
    keys = {s.key for s in scenario.sources}
    cited = {d.source for d in scenario.deadlines} | {r.source for r in scenario.red_lines}
    cited |= {e.source for e in scenario.events}
    assert cited - {""} <= keys
    bibliography = (DOCS / "bibliography.md").read_text(encoding="utf-8")
    assert all(f"| {k} |" in bibliography for k in keys), keys


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_korea_does_not_copy_the_op_ed(korea: Scenario) -> None:
    mission = SHARED / "mission"
    if not mission.is_dir():
        pytest.skip("../shared/mission is not present (the op-ed is third-party text)")
    op_ed = " ".join(_words(" ".join(p.read_text() for p in mission.glob("*.txt"))))
    ours = Path(REPO / "src/detente/data/scenarios/korea-2019-12.yaml").read_text(encoding="utf-8")
    words = _words(ours)
    n = 7  # no run of 7 words in a row taken from the op-ed
    copied = {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    assert not [c for c in copied if f" {c} " in f" {op_ed} "]


def test_ec_case_as_printed() -> None:
    ec = load_scenario("ec-emissions-1994")
    assert ec.capabilities().sum() == pytest.approx(1.01)
    assert ec.bounds().tolist() == [[4.0, 10.0]]
    assert np.isnan(ec.status_quo()).all()
    assert "1.01" in ec.notes


def test_ktab_soe_policy_matches_the_ktab_csv() -> None:
    csv_path = SHARED / "reference" / "ktab" / "SOE-Policy.csv"
    if not csv_path.is_file():
        pytest.skip("../shared/reference/ktab is not present (KTAB sample data)")
    ours, theirs = load_scenario("ktab-soe-policy"), load(csv_path)
    assert ours.actor_ids == theirs.actor_ids and len(ours.actors) == 26
    assert [a.description for a in ours.actors] == [a.description for a in theirs.actors]
    for view in ("positions", "saliences", "capabilities"):
        np.testing.assert_array_equal(getattr(ours, view)(), getattr(theirs, view)())
    assert "MIT" in ours.notes


def test_format_reference_example_is_valid(tmp_path: Path) -> None:
    text = (DOCS / "scenario-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    example = max(blocks, key=len)
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")
    s = load(tmp_path / "example.yaml")
    assert len(s.actors) == 3 and len(s.issues) == 2
    assert s.deadlines and s.red_lines and s.events and s.games and s.sources and s.extra


def test_the_format_reference_lists_every_bundled_scenario() -> None:
    """It once listed three of the four (issue 15 item 11); a new scenario must be added there."""
    from detente.bundled import bundled_scenarios

    text = (DOCS / "scenario-format.md").read_text(encoding="utf-8")
    listed = text[: text.index("## 1.")]
    names = bundled_scenarios()
    assert len(names) >= 4
    assert not [n for n in names if f"`{n}`" not in listed], "add them to scenario-format.md"
