"""Truce and mandate lengths as deadlines (guideline C14), and calendar months.

Sentences are our own, written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.extraction import extract
from detente.extraction.nlp import nlp_available
from detente.extraction.periods import later

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")

PUB = dt.date(2024, 1, 31)  # a Wednesday, at the end of a month


def _deadlines(text: str, pub: dt.date = PUB) -> list[str]:
    return [d.date.value for d in extract(text, pub).deadlines]


@pytest.mark.parametrize(
    ("start", "n", "unit", "end"),
    [
        (dt.date(2024, 1, 31), 1, "month", dt.date(2024, 2, 29)),  # no 31 February: last day
        (dt.date(2023, 1, 31), 1, "month", dt.date(2023, 2, 28)),
        (dt.date(2024, 10, 26), 3, "month", dt.date(2025, 1, 26)),
        (dt.date(2024, 3, 1), 2, "week", dt.date(2024, 3, 15)),
        (dt.date(2024, 3, 1), 1, "year", dt.date(2025, 3, 1)),
        (dt.date(2024, 3, 1), 72, "hour", dt.date(2024, 3, 4)),
    ],
)
def test_lengths_are_counted_on_the_calendar(start, n, unit, end):
    assert later(start, n, unit) == end


def test_hours_that_make_no_whole_day_give_no_date():
    assert later(dt.date(2024, 3, 1), 12, "hour") is None


@pytest.mark.parametrize("unit", ["day", "week", "month", "year", "hour"])
def test_a_length_beyond_the_calendar_gives_no_date(unit):
    assert later(dt.date(2024, 3, 1), 99_999_999_999 * 24, unit) is None


def test_an_absurd_length_in_a_text_is_no_deadline_and_no_crash():
    text = "Chad and Niger agreed to a\ntruce for 99999999999 days, or within 99999999999 months."
    assert _deadlines(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chad and Sudan agreed to a ten-day ceasefire.", ["2024-02-10"]),
        ("Chad and Sudan Agree to Two-Week Truce", ["2024-02-14"]),
        ("Chad and Sudan agreed to a truce for one month, mediators said.", ["2024-02-29"]),
        (
            "Egypt said the ceasefire between Israel and Hamas will last for three weeks.",
            ["2024-02-21"],
        ),
        ("Qatar said Israel and Hamas agreed to a 48-hour humanitarian pause.", ["2024-02-02"]),
        (
            "The Security Council extended the mandate of its mission in Mali for six months.",
            ["2024-07-31"],
        ),
        (
            "The Security Council asked observers to monitor the truce in Haiti for an initial "
            "period of 45 days.",
            ["2024-03-16"],
        ),
        ("Chad and Sudan agreed to a five-day ceasefire starting on Saturday.", ["2024-02-08"]),
    ],
)
def test_a_stated_truce_or_mandate_length_is_a_deadline(text, expected):
    assert _deadlines(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chad and Sudan held talks for three days in Doha.",
        "The United States imposed sanctions on Iran for a year.",
        "Chad and Sudan agreed to a 12-hour pause in the fighting.",
    ],
)
def test_other_durations_are_no_deadline(text):
    assert _deadlines(text) == []


def test_a_length_is_counted_from_the_day_the_truce_takes_effect():
    text = (
        "Chad and Sudan agreed on Tuesday to a truce for two months. "
        "Mediators said the truce would take effect at noon on Saturday."
    )
    assert _deadlines(text) == ["2024-04-03"]


def test_a_length_without_a_stated_start_is_counted_from_publication():
    assert _deadlines("Chad and Sudan agreed to a truce for two months.") == ["2024-03-31"]


def test_within_months_counts_calendar_months():
    text = "Russia said the foreign forces must leave Libya within three months."
    assert _deadlines(text, dt.date(2020, 10, 26)) == ["2021-01-26"]


def test_a_sentence_about_a_truce_needs_no_actor():
    assert _deadlines("The truce will last until Monday.", dt.date(2024, 2, 1)) == ["2024-02-05"]


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("90", 90),
        ("1,000", 1000),
        ("12,500", 12500),
        ("seven", 7),
        ("An", 1),
        ("1,00", None),
        ("1.5", None),
        ("²", None),
        ("few", None),
    ],
)
def test_a_count_is_digits_with_thousands_separators_or_a_number_word(word, count):
    from detente.extraction.periods import count_of

    assert count_of(word) == count


def test_a_count_with_a_thousands_separator_is_read_by_every_kind_of_deadline():
    """One reading of counts for "within N days", periods that run out and truce lengths."""
    for text in (
        "Russia said the foreign forces must leave Libya within 1,000 days.",
        "The Treasury said the licence allows a 1,000 day wind-down period for existing contracts.",
        "Chad and Sudan agreed to a truce for 1,000 days.",
    ):
        assert _deadlines(text) == ["2026-10-27"], text  # 1,000 days after 31 January 2024
