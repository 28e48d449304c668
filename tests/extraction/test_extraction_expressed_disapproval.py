"""A feeling of disapproval expressed at an act is a criticism of it (candidate K6, CAMEO 110),
like expressed concern.  Our own sentences.
"""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2022, 3, 7)


def _events(text, issuer=None):
    return coded(text, DAY, issuer)


def test_regret_or_disappointment_at_an_act_is_an_accusation():
    got = _events("Japan expressed disappointment over the Chinese ruling on the islands.")
    assert ("ACCUSE", ("JPN",), ("CHN",)) in got
    text = (
        "Statement by the State of Qatar. The State of Qatar expresses its deep regret and "
        "surprise at the decision of the Kingdom of Saudi Arabia to close its borders."
    )
    assert ("ACCUSE", ("QAT",), ("SAU",)) in _events(text, issuer="QAT")


def test_regret_for_a_loss_or_surprise_at_nothing_is_no_accusation():
    got = _events("The Turkish president expressed regret for the loss of life in the Syrian town.")
    assert not any(k == "ACCUSE" for k, *_ in got)
    got = _events(
        "The Iranian foreign minister expressed surprise and said he would travel to Oman."
    )
    assert not any(k == "ACCUSE" for k, *_ in got)
