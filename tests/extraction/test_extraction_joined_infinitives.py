"""An infinitive joined to a demanded or agreed one is part of the same content (candidate
K5): the matrix verb decides for both.  Our own sentences.
"""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2022, 3, 7)


def _events(text):
    return coded(text, DAY)


def test_a_joined_infinitive_is_content_of_the_same_demand():
    got = _events(
        "The Secretary-General called on the Myanmar military to release all detainees and to "
        "hand power back to the elected government."
    )
    assert got == [("REQUEST", ("UNO",), ("MMR",))]
    # coordinated main verbs stay two acts
    got = _events("Russia withdrew its troops on Monday and handed over the bases.")
    assert len(got) == 2
