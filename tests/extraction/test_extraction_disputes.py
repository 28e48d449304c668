"""Targets from the dispute a text is about (candidate K2): the maker of a rejected demand or
proposal, the parties of a conflict for a third party's mediation, calls and offers.

The sentences are our own, written for these tests, about states and crises of no evaluation
text.
"""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2022, 3, 7)


def _events(text):
    return coded(text, DAY)


def test_a_rejected_demand_is_aimed_at_its_maker():
    text = (
        "Brazil demanded that Argentina withdraw its troops. Chile urged Argentina to respond. "
        "Argentina rejected the demand."
    )
    assert _events(text)[-1] == ("REJECT", ("ARG",), ("BRA",))
    text = "Brazil proposed new talks on the border. Argentina rejected the proposal on Friday."
    assert ("REJECT", ("ARG",), ("BRA",)) in _events(text)


def test_a_rejection_of_nothing_made_before_keeps_no_target():
    assert _events("Argentina rejected the demand.") == [("REJECT", ("ARG",), ())]


def test_mediation_and_calls_about_the_dispute_target_its_parties():
    fight = "Russian forces shelled Ukrainian positions near Kharkiv. "
    got = _events(fight + "Turkey said it was ready to host another round of talks.")
    assert ("AGREE", ("TUR",), ("RUS", "UKR")) in got
    got = _events(
        "India accused Pakistan of shelling villages on Monday. "
        "The UN Secretary-General urged restraint."
    )
    assert ("REQUEST", ("UNO",), ("IND", "PAK")) in got


def test_a_party_of_the_dispute_or_an_act_not_about_it_takes_no_parties():
    accused = "India accused Pakistan of shelling villages on Monday. "
    assert ("REQUEST", ("PAK",), ()) in _events(accused + "Pakistan called for restraint.")
    assert _events("Kenya offered to mediate.") == [("AGREE", ("KEN",), ())]
    got = _events(accused + "Japan announced new aid to Kenya.")
    assert not any(t == ("IND", "PAK") for *_, t in got)
