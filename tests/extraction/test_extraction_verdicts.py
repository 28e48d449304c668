"""Verdicts in a speaker's voice: typed speech without a verb of judging (candidate K1, C6).

"X said Y's move was a violation" is a criticism by X of Y (guideline C6); the sentences below
are our own, written for these tests, about states and crises of no evaluation text.
"""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2022, 3, 7)


def _events(text, issuer=None):
    return set(coded(text, DAY, issuer))


def test_a_reported_verdict_is_aimed_at_the_owner_of_what_is_judged():
    got = _events("The Chilean government said the Peruvian move was unjustified and illegal.")
    assert got == {("ACCUSE", ("CHL",), ("PER",))}
    got = _events("Ecuador said the new tariffs imposed by Peru were a serious setback for trade.")
    assert ("ACCUSE", ("ECU",), ("PER",)) in got
    got = _events("Kenya's president told reporters that the Somali incursion was unacceptable.")
    assert ("ACCUSE", ("KEN",), ("SOM",)) in got


def test_calling_something_a_verdict_is_the_callers_act():
    assert ("ACCUSE", ("DEU",), ("RUS",)) in _events(
        "Germany called the Russian annexation of the peninsula illegal."
    )
    assert ("ACCUSE", ("DEU",), ("RUS",)) in _events(
        "Germany described the Russian referendum as a sham."
    )


def test_praise_and_denial_have_their_own_types():
    text = (
        "Sudan and Chad signed a peace agreement on Monday. "
        "Norway said the agreement was a breakthrough."
    )
    assert ("SUPPORT", ("NOR",), ("SDN", "TCD")) in _events(text)
    assert ("REJECT", ("BOL",), ("PER",)) in _events(
        "Bolivia said the accusations made by Peru were baseless."
    )


def test_guilt_is_an_accusation_and_its_content_is_not_coded():
    got = _events("The Indian army said Pakistan was guilty of violating the ceasefire.")
    assert got == {("ACCUSE", ("IND",), ("PAK",))}
    assert ("ACCUSE", ("JPN",), ("CHN",)) in _events(
        "Japan said the Chinese coast guard was behind the incursion."
    )


def test_an_issuers_own_verdict_in_a_statement():
    text = (
        "Statement by the Government of Chile. Peru closed the border crossings on Monday. "
        "They are a clear violation of our sovereignty."
    )
    assert ("ACCUSE", ("CHL",), ("PER",)) in _events(text, issuer="CHL")


def test_what_is_no_verdict():
    # negated, modal, conditional, unspoken, or judging nobody named
    assert not _events("Chile said the Peruvian move was not illegal.")
    assert not _events("Chile said the Peruvian move would be a violation of the treaty.")
    assert not _events("Chile said that if Peru closed the border, it was a violation.")
    assert not _events("The Peruvian move was a clear violation of the treaty.")
    assert not _events(
        "The UN envoy said the humanitarian situation in Yemen was a threat to peace."
    )
    assert not _events("Kenya said the election was a success.")
    # a verb of speech that is a typed act of its own codes that act, not a second verdict
    got = _events("Chile warned that the Peruvian move was a dangerous provocation.")
    assert ("ACCUSE", ("CHL",), ("PER",)) not in got
