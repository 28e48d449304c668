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
        "E01",
        "MOBILIZE",
        "weapons",
        "150",
        ("PRK",),
        (),
        "fired <b>",
        "text",
        (0, 4),
        (0, 4),
        0,
        date,
        "asserted",
        0.8,
        "lexicon:fire(V)",
    )
    claim = Claim(
        "C01",
        "hypothetical",
        "ASSAULT",
        ("USA",),
        (),
        "strike",
        "text",
        (5, 9),
        1,
        DateRef("next year", "2020-01-01", "year", "exact"),
        "modal verb",
    )
    deadline = DeadlineRecord(
        "D01",
        DateRef("year-end", "2019-12-31", "day", "deadline"),
        "PRK",
        "year-end deadline",
        (0, 4),
    )
    return Extraction(
        dt.date(2019, 12, 9),
        "text text",
        (),
        (event,),
        (claim,),
        (),
        (deadline,) if dated else (),
        (),
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
    empty = Extraction(dt.date(2019, 12, 9), "", (), (), (), (), (), ())
    assert timeline_svg(empty) == ""
