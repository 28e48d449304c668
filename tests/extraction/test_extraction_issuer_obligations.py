"""An issuer's own obligations in a statement are its requests (candidate K3, guideline C4).

"Obligations in such a statement ('X must end the blockade') are REQUESTs from the issuer"
(*First person*); without an actor who must act they stay opinions.  Our own sentences.
"""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2022, 3, 7)
HEAD = "Statement by the Secretary of State. "


def _found(text, issuer=None):
    from detente.extraction import extract

    x = extract(text, DAY, issuer=issuer)
    return set(coded(text, DAY, issuer)), {c.kind for c in x.claims}


def test_an_obligation_in_the_issuers_voice_is_its_request():
    events, _ = _found(HEAD + "Russia must withdraw its forces from Ukraine.", issuer="USA")
    assert ("REQUEST", ("USA",), ("RUS",)) in events
    events, _ = _found(HEAD + "Belarus should release the detained journalists.", issuer="USA")
    assert ("REQUEST", ("USA",), ("BLR",)) in events


def test_what_stays_an_opinion():
    # no actor who must act, a quotation, no issuer
    events, _ = _found(HEAD + "Farmers must be able to reach their fields.", issuer="USA")
    assert not events
    events, _ = _found(HEAD + '"Russia must pay," a senator said.', issuer="USA")
    assert ("REQUEST", ("USA",), ("RUS",)) not in events
    events, claims = _found("Russia must withdraw its forces from Ukraine.")
    assert not events and "opinion" in claims
