import datetime as dt

import pytest

from detente.extraction.types import Claim, DateRef, DeadlineRecord, EventRecord, Extraction

pytest.importorskip("matplotlib")


def _extraction(dated: bool) -> Extraction:
    date = (
        DateRef("Thursday", "2019-12-05", "day", "exact")
        if dated
        else DateRef("", "", "", "unresolved")
    )
    event = EventRecord(
        id="E01",
        plover="MOBILIZE",
        mode="weapons",
        cameo="150",
        source=("PRK",),
        target=(),
        trigger="fired <b>",
        text="text",
        char_span=(0, 4),
        trigger_span=(0, 4),
        sentence=0,
        date=date,
        modality="asserted",
        confidence=0.8,
        evidence="lexicon:fire(V)",
    )
    claim = Claim(
        id="C01",
        kind="hypothetical",
        plover="ASSAULT",
        source=("USA",),
        target=(),
        trigger="strike",
        text="text",
        char_span=(5, 9),
        sentence=1,
        date=DateRef("next year", "2020-01-01", "year", "exact"),
        reason="modal verb",
    )
    deadline = DeadlineRecord(
        "D01",
        DateRef("year-end", "2019-12-31", "day", "deadline"),
        "PRK",
        "year-end deadline",
        (0, 4),
    )
    return Extraction(
        pub_date=dt.date(2019, 12, 9),
        text="text text",
        actors=(),
        events=(event,),
        claims=(claim,),
        positions=(),
        deadlines=(deadline,) if dated else (),
        red_lines=(),
    )


def test_section_has_a_timeline_and_escaped_tables():
    from detente.reports.events import section

    html = section(_extraction(True))
    assert html.count("<svg") == 1
    assert "fired &lt;b&gt;" in html and "<b>" not in html
    assert "2019-12-05" in html and "2020" in html and "hypothetical" in html


def test_undated_events_are_listed_but_the_claim_is_still_plotted():
    from detente.reports.events import section, timeline_svg

    x = _extraction(False)
    assert timeline_svg(x).startswith("<svg")
    assert "unresolved" in section(x)
    empty = Extraction(
        pub_date=dt.date(2019, 12, 9),
        text="",
        actors=(),
        events=(),
        claims=(),
        positions=(),
        deadlines=(),
        red_lines=(),
    )
    assert timeline_svg(empty) == ""
