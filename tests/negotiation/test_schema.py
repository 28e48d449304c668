"""Issue 15 item 4: negotiation settings have a validated home in the scenario file.

A typo (``reservations:``), an unknown actor or issue, or a value out of range is an error with
file, line and field, like the rest of the schema; the former home ``extra.negotiation`` is refused
instead of silently ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.api import load_scenario
from detente.errors import InputError
from detente.io import load
from detente.io.native import build, dump_yaml, parse_yaml
from detente.negotiation import default_parties, run
from test_validation import GOOD as GOOD_TWO

BASE = (
    GOOD_TWO
    + """\
  - id: C
    capability: 5
    positions:
      x: {position: 50, salience: 40}
      y: {position: 50, salience: 30}
"""
)

GOOD = (
    BASE
    + """\
negotiation:
  parties: [A, B]
  parties_rationale: A and B sit at the table.
  deadline: 40
  reservation:
    A: {value: 0.3, rationale: a fallback}
    B: {outcome: {x: 70}}
  discount:
    A: 0.95
    B: {value: 0.9, rationale: impatient}
"""
)


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    lines = [str(p) for p in info.value.problems]
    assert all(line.startswith(str(path)) and "\n" not in line for line in lines)
    return lines


def test_good_section_loads_and_is_used(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(GOOD)
    sc = load(tmp_path / "s.yaml")
    assert default_parties(sc) == ("A", "B")
    r = run(sc, None, ["linear", "linear"], rng=0)
    assert r.parties == ("A", "B")
    assert r.reservation[0] == 0.3
    assert r.provenance.params["discount"] == {"A": 0.95, "B": 0.9}
    assert r.provenance.params["deadline"] == 40
    again = build(parse_yaml(dump_yaml(sc), "round-trip"))
    assert again == sc


@pytest.mark.parametrize(
    ("old", "new", "where", "what"),
    [
        (
            "  reservation:\n",
            "  reservations:\n",
            "line 29 (negotiation.reservations)",
            "unknown field",
        ),
        ("parties: [A, B]", "parties: [A, Z]", "negotiation.parties[1]", "unknown actor 'Z'"),
        ("parties: [A, B]", "parties: [A]", "negotiation.parties", "two or more distinct"),
        (
            "    A: {value: 0.3,",
            "    Q: {value: 0.3,",
            "line 30 (negotiation.reservation.Q)",
            "unknown actor 'Q'",
        ),
        (
            "{outcome: {x: 70}}",
            "{outcome: {w: 70}}",
            "negotiation.reservation.B.outcome.w",
            "unknown issue 'w'",
        ),
        (
            "{outcome: {x: 70}}",
            "{outcome: {x: 170}}",
            "negotiation.reservation.B.outcome.x",
            "outside the issue's scale",
        ),
        ("{value: 0.3,", "{value: 1.3,", "negotiation.reservation.A", "utility in [0, 1]"),
        ("    A: 0.95", "    A: 1.5", "line 33 (negotiation.discount.A)", "must be in (0, 1]"),
        ("  deadline: 40", "  deadline: 0", "negotiation.deadline", "≥ 1"),
        ("  deadline: 40", "  deadlin: 40", "negotiation.deadlin", "unknown field"),
    ],
)
def test_bad_settings_are_located(
    tmp_path: Path, old: str, new: str, where: str, what: str
) -> None:
    assert old in GOOD
    lines = problems(tmp_path, GOOD.replace(old, new))
    assert any(where in line and what in line for line in lines), lines


def test_settings_left_in_extra_are_refused(tmp_path: Path) -> None:
    text = BASE + "extra:\n  negotiation:\n    reservation: {A: 0.4}\n"
    (line,) = problems(tmp_path, text)
    assert "extra.negotiation" in line and "top-level 'negotiation:'" in line


def test_without_a_section_three_actors_need_named_parties(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(BASE)
    sc = load(tmp_path / "s.yaml")
    with pytest.raises(ValueError, match=r"^negotiation\.parties: .* names none as the parties"):
        run(sc, None, ["linear", "linear"], rng=0)


def test_korea_negotiates_between_washington_and_pyongyang() -> None:
    korea = load_scenario("korea-2019-12")
    assert korea.negotiation is not None and korea.negotiation.parties == ("USA", "PRK")
    assert "Stockholm" in korea.negotiation.parties_rationale
