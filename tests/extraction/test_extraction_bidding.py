"""Telling or ordering an actor to act is a demand (candidate K4).  Our own sentences."""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2022, 3, 7)


def _events(text):
    return coded(text, DAY)


def test_telling_an_actor_to_act_is_a_request():
    assert ("REQUEST", ("CHN",), ("JPN",)) in _events(
        "The Chinese foreign minister told Japan to stop its patrols near the islands."
    )
    assert ("REQUEST", ("USA",), ("RUS",)) in _events("Biden told Putin to pull back his troops.")


def test_telling_reporters_or_ordering_ones_own_forces_is_no_request():
    assert not any(
        k == "REQUEST" for k, *_ in _events("The minister told reporters to expect news.")
    )
    got = _events("The Peruvian president ordered the army to leave the border area.")
    assert not any(k == "REQUEST" for k, *_ in got)
