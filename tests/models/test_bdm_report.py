"""The BDM report section renders the median chart and the offer tables."""

from __future__ import annotations

import pytest

from detente.api import load_scenario, run

pytest.importorskip("matplotlib")

from detente.reports.bdm import MAX_OFFER_ROWS, section


@pytest.mark.parametrize("name", ["ec-emissions-1994", "korea-2019-12"])
def test_section_has_chart_and_offer_tables(name: str) -> None:
    scenario = load_scenario(name)
    result = run(scenario, "bdm", {"preset": "scholz-code"}, seed=0)
    text = section(result, scenario)
    assert text.startswith("<section") and text.endswith("</section>")
    assert text.count("<svg") == 1
    assert "Accepted offers" in text
    moved = [m for r in result.rounds[1:] for m in r.extra["accepted"]]
    assert text.count("<tr>") >= len(moved)
    for m in moved[:3]:
        assert f"<td>{m['from']}</td><td>{m['actor']}</td>" in text


def test_long_offer_lists_are_cut() -> None:
    scenario = load_scenario("ec-emissions-1994")
    result = run(scenario, "bdm", {"preset": "scholz-code"}, seed=0)
    longest = max(len(r.extra["offers"]) for r in result.rounds[1:])
    text = section(result, scenario)
    assert ("more offers" in text) == (longest > MAX_OFFER_ROWS)


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        (None, "<code>scholz-code</code>: reproduces the published table"),
        ({"preset": "canonical"}, "<code>canonical</code>: the equations as printed"),
        ({"capitulation": True}, "none: a mix of"),
    ],
)
def test_section_names_the_preset_and_what_it_does(params: dict | None, shown: str) -> None:
    scenario = load_scenario("ec-emissions-1994")
    text = section(run(scenario, "bdm", params), scenario)
    assert "<b>Preset:</b>" in text and shown in text
