import datetime as dt

import pytest

from detente.extraction.date_expressions import resolve

PUB = dt.date(2019, 12, 9)  # a Monday


@pytest.mark.parametrize(
    ("text", "value", "granularity", "kind"),
    [
        ("this Saturday", "2019-12-07", "day", "exact"),
        ("Saturday", "2019-12-07", "day", "exact"),
        ("last Monday", "2019-12-02", "day", "exact"),
        ("November 28", "2019-11-28", "day", "exact"),
        ("28 November", "2019-11-28", "day", "exact"),
        ("December 20", "2018-12-20", "day", "exact"),
        ("year-end", "2019-12-31", "day", "deadline"),
        ("the end of the year", "2019-12-31", "day", "deadline"),
        ("end of 2020", "2020-12-31", "day", "deadline"),
        ("next year", "2020-01-01", "year", "exact"),
        ("last month", "2019-11-01", "month", "exact"),
        ("2017", "2017-01-01", "year", "exact"),
        ("yesterday", "2019-12-08", "day", "exact"),
        ("recent", "", "", "approximate"),
        ("weeks", "", "", "approximate"),
        ("for now", "", "", "approximate"),
    ],
)
def test_rules_resolve_against_the_publication_date(text, value, granularity, kind):
    ref = resolve(text, PUB)
    assert (ref.value, ref.granularity, ref.type) == (value, granularity, kind)


def test_future_tense_takes_the_coming_weekday_and_date():
    assert resolve("Saturday", PUB, future=True).value == "2019-12-14"
    assert resolve("next Saturday", PUB).value == "2019-12-14"
    assert resolve("January 5", PUB, future=True).value == "2020-01-05"


def test_ranges_keep_both_ends():
    ref = resolve("from 2016 to 2020", PUB)
    assert (ref.type, ref.value, ref.end) == ("range", "2016-01-01", "2020-12-31")


def test_full_dates_go_through_dateparser():
    pytest.importorskip("dateparser")
    assert resolve("28 November 2019", PUB).value == "2019-11-28"
    assert resolve("Dec. 7, 2019", PUB).value == "2019-12-07"
    assert resolve("no date here at all", PUB).type == "unresolved"
