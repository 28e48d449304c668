"""``validate`` checks the crisis context: deadlines, red lines, events and their sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import InputError
from detente.io import load, load_checked
from helpers import cli

GOOD = """\
id: t
title: T
as_of: 2020-01-10
sources:
  - {key: S1, citation: a source}
issues:
  - {id: a}
actors:
  - id: X
    aliases: [Ex]
    capability: 10
    positions: {a: {position: 20, salience: 50}}
  - id: Y
    capability: 20
    positions: {a: {position: 80, salience: 70}}
deadlines:
  - {id: d1, date: 2020-01-05, set_by: X, source: S1}
  - {id: d2, date: 2020-03-01, set_by: Ex}
red_lines:
  - {id: r1, holder: Y, description: no test, source: S1}
events:
  - {date: 2020-01-02, actor: X, description: talks, source: S1}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, old: str, new: str) -> list[str]:
    text = GOOD.replace(old, new)
    assert text != GOOD
    with pytest.raises(InputError) as info:
        load(write(tmp_path, text))
    return [str(p) for p in info.value.problems]


def test_a_coherent_context_loads_with_one_warning(tmp_path: Path) -> None:
    scenario, warnings = load_checked(write(tmp_path, GOOD))
    assert len(scenario.deadlines) == 2
    assert [str(w) for w in warnings] == [
        f"{tmp_path / 's.yaml'}: line 17 (deadlines[0].date): deadline 2020-01-05 had already "
        "passed on as_of (2020-01-10)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("2020-03-01", "2020-01-08", "line 18 (deadlines[1].date)", "the final deadline"),
        ("set_by: Ex", "set_by: Zed", "line 18 (deadlines[1].set_by)", "'Zed' is not an actor"),
        ("holder: Y", "holder: USA", "line 20 (red_lines[0].holder)", "'USA' is not an actor"),
        ("talks, source: S1", "talks, source: S9", "line 22 (events[0].source)", "'S9' is not"),
        ("id: d2", "id: d1", "line 18 (deadlines[1].id)", "duplicate deadline id 'd1'"),
    ],
)
def test_each_contradiction_is_an_error_at_its_line(
    tmp_path: Path, old: str, new: str, where: str, message: str
) -> None:
    (line,) = problems(tmp_path, old, new)
    assert f"s.yaml: {where}: " in line and message in line


def test_an_event_after_as_of_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD.replace("date: 2020-01-02", "date: 2020-02-02"))
    code, out, err = cli(capsys, "validate", str(path))
    assert code == 0 and "ok" in out and "2 warnings" in out
    assert f"warning: {path}: line 22 (events[0].date): event dated 2020-02-02, after as_of" in err


def test_an_event_by_or_on_an_unknown_party_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Events may name an outside party, so no error; but a typo ('PKR') passed unseen."""
    text = GOOD.replace("actor: X, description", "actor: Ex, target: Zed, description")
    code, out, err = cli(capsys, "validate", str(write(tmp_path, text)))
    assert code == 0 and "2 warnings" in out
    assert "line 22 (events[0].target): target 'Zed' is not an actor of this scenario" in err
    no_as_of = GOOD.replace("as_of: 2020-01-10\n", "").replace("actor: X,", "actor: PKR,")
    _, warnings = load_checked(write(tmp_path, no_as_of))
    assert [w.where for w in warnings] == ["line 21 (events[0].actor)"]


def test_validate_reports_every_context_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.replace("holder: Y", "holder: USA").replace("source: S1}", "source: S2}")
    code, _, err = cli(capsys, "validate", str(write(tmp_path, text)))
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 4 and all(x.startswith("error: ") for x in lines)


def test_bundled_scenarios_have_no_context_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "validate", "korea-2019-12")
    assert code == 0 and "warning" not in err and "ok" in out
