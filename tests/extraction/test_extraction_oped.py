"""End-to-end expectations on the motivating op-ed (read from ../shared/mission, never copied).

Expectations are our own reading of the article (publication date 2019-12-09): the rocket-launcher
test of 28 November, the Sohae test of Saturday 7 December, the year-end deadline, the demands on
sanctions relief, denuclearization sequencing and US forces, the US red line; and none of the
article's hypotheticals (launching an ICBM, ramping up forces, criticism by a challenger …) as an
event.
"""

import datetime as dt

import pytest

from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
PUB = dt.date(2019, 12, 9)


@pytest.fixture(scope="module")
def oped(oped_path):
    from detente.extraction import extract, read_article

    text, warnings = read_article(oped_path)
    assert warnings == []
    return extract(text, PUB)


def _events(x, plover, source):
    return [e for e in x.events if e.plover == plover and source in e.source]


def test_weapons_tests_are_dated(oped):
    dates = {e.date.value for e in _events(oped, "MOBILIZE", "PRK")}
    assert {"2019-11-28", "2019-12-07"} <= dates
    assert "2019-12-14" not in {e.date.value for e in oped.events}  # "this Saturday" is past


def test_threats_and_accusations_against_the_us(oped):
    assert any("USA" in e.target for e in _events(oped, "THREATEN", "PRK"))
    assert any("USA" in e.target for e in _events(oped, "ACCUSE", "PRK"))
    assert any("PRK" in e.target for e in _events(oped, "REJECT", "USA"))


def test_year_end_deadline(oped):
    assert [(d.date.value, d.set_by) for d in oped.deadlines] == [("2019-12-31", "PRK")]


def test_demands_with_conditions(oped):
    got = {(p.holder, p.issue): p for p in oped.positions}
    assert ("PRK", "sanctions relief") in got
    assert "denuclearization" in got["PRK", "sanctions relief"].condition
    assert ("USA", "denuclearization") in got
    assert "sanctions" in got["USA", "denuclearization"].condition
    assert ("PRK", "military presence") in got


def test_red_line_is_held_by_the_us(oped):
    assert [r.holder for r in oped.red_lines] == ["USA"]
    assert "ICBM" in oped.red_lines[0].description


def test_hypotheticals_are_claims_not_events(oped):
    hypothetical = {"launching", "conducting", "ramp", "criticize", "force", "ease", "striking"}
    assert not {e.trigger for e in oped.events} & hypothetical
    assert hypothetical - {"launching"} <= {c.trigger for c in oped.claims}
    claim_spans = {(c.char_span, c.trigger) for c in oped.claims}
    assert not {(e.char_span, e.trigger) for e in oped.events} & claim_spans
    assert all(e.date.date is None or e.date.date <= PUB for e in oped.events)


def test_actors_are_normalised(oped):
    ids = [a.id for a in oped.actors]
    assert ids[:2] == ["PRK", "USA"]
    assert "CHN" in ids
    prk = next(a for a in oped.actors if a.id == "PRK")
    assert {"Pyongyang", "Kim", "North Korean"} <= set(prk.aliases)
    usa = next(a for a in oped.actors if a.id == "USA")
    assert {"Washington", "Trump"} <= set(usa.aliases)
    assert all(oped.text[s:e] in prk.aliases for s, e in prk.mentions)


def test_events_carry_spans_into_the_cleaned_text(oped):
    for e in oped.events:
        assert oped.text[e.char_span[0] : e.char_span[1]] == e.text
        assert oped.text[e.trigger_span[0] : e.trigger_span[1]] == e.trigger
        assert 0 < e.confidence <= 0.95


def _fill(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if value is None and key in ("capability", "position", "salience"):
                node[key] = 40.0
            else:
                _fill(value)
    elif isinstance(node, list):
        for item in node:
            _fill(item)


def test_draft_scenario_loads_once_the_analyst_slots_are_filled(oped, tmp_path):
    import yaml

    from detente.errors import InputError
    from detente.extraction import draft_yaml
    from detente.io import load

    path = tmp_path / "draft.yaml"
    path.write_text(draft_yaml(oped))
    with pytest.raises(InputError, match="capability"):
        load(path)
    data = yaml.safe_load(path.read_text())
    _fill(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    scenario = load(path)
    assert scenario.actor_ids[:2] == ("PRK", "USA")
    assert {"sanctions-relief", "denuclearization"} <= set(scenario.issue_ids)
    assert [str(d.date) for d in scenario.deadlines] == ["2019-12-31"]
    assert {str(e.date) for e in scenario.events} >= {"2019-11-28", "2019-12-07"}
    assert scenario.red_lines[0].holder == "USA"
