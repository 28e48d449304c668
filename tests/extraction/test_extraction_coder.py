"""Sentence-level behaviour on hand-written sentences (no third-party text)."""

import datetime as dt

import pytest

from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
PUB = dt.date(2019, 12, 9)


@pytest.fixture(scope="module")
def run():
    from detente.extraction import extract

    return lambda text: extract(text, PUB)


@pytest.mark.parametrize(
    ("sentence", "plover", "source", "target"),
    [
        ("North Korea threatened to cut off talks with the United States.", "THREATEN", "PRK", ()),
        ("Iran refused to release the British sailors.", "REJECT", "IRN", ()),
        ("China said it would send food aid to Pakistan.", "AGREE", "CHN", ("PAK",)),
        ("Russian police arrested two Ukrainian activists on Thursday.", "COERCE", "RUS", ("UKR",)),
        ("Seoul accused Pyongyang of violating the military agreement.", "ACCUSE", "KOR", ("PRK",)),
        (
            "The White House declared that Beijing must drop its tariffs.",
            "REQUEST",
            "USA",
            ("CHN",),
        ),
        ("Japan and South Korea held talks in Tokyo on Friday.", "CONSULT", "JPN", ()),
    ],
)
def test_main_event_type_source_target(run, sentence, plover, source, target):
    x = run(sentence)
    assert x.events, f"no event in {sentence!r}; claims: {x.claims}"
    e = x.events[0]
    assert e.plover == plover
    assert e.source[0] == source
    assert set(target) <= set(e.target)


def test_dates_follow_tense(run):
    x = run("Russian police arrested two Ukrainian activists on Thursday.")
    assert x.events[0].date.value == "2019-12-05"
    assert x.events[0].char_span[0] == 0


def test_hypotheticals_conditionals_and_negations_are_claims(run):
    x = run(
        "If Japan imposes new sanctions, Russia could expel Japanese diplomats. "
        "Washington did not attack Iranian ships. "
        "The United States must be willing to negotiate with Iran."
    )
    assert x.events == ()
    kinds = {c.kind for c in x.claims}
    assert {"hypothetical", "negated"} <= kinds
    assert any(c.kind == "opinion" for c in x.claims)


def test_surnames_resolve_to_the_last_full_name(run):
    x = run("Kim Jong Un met Donald Trump in Hanoi. Later Kim criticized Trump.")
    accuse = [e for e in x.events if e.plover == "ACCUSE"]
    assert accuse and accuse[0].source == ("PRK",) and accuse[0].target == ("USA",)
    assert all("VNM" not in e.source for e in x.events)  # a summit city is a place, not a party


def test_deadline_and_red_line_are_found(run):
    x = run(
        "Pyongyang set a year-end deadline for the talks. "
        "Washington said that a nuclear test is a red line."
    )
    assert [(d.date.value, d.set_by) for d in x.deadlines] == [("2019-12-31", "PRK")]
    assert [r.holder for r in x.red_lines] == ["USA"]


def test_demand_with_condition(run):
    x = run("Iran insisted on the lifting of sanctions before any talks with Washington.")
    p = x.positions[0]
    assert (p.holder, p.kind, p.issue) == ("IRN", "demand", "sanctions relief")
    assert "talks" in p.condition


def test_same_input_gives_the_same_output(run):
    text = "North Korea test-fired two missiles on Saturday, Seoul said."
    assert run(text).to_dict() == run(text).to_dict()
