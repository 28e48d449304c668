"""Actors across sentences (candidate W1): rules found on detente's own development texts
(tests/reference/news-own, odd numbers), each checked against the guideline, on sentences of our
own (docs/explanation/extraction.md, *Speakers, pronouns and places* and *Accuracy*).
"""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2022, 5, 9)


def _events(text, issuer=None):
    return set(coded(text, DAY, issuer))


def test_kosovo_and_armed_groups_of_crisis_states_have_codes():
    assert ("ACCUSE", ("XKX",), ("SRB",)) in _events(
        "Kosovo's president accused Serbia of meddling."
    )
    houthis = _events("Houthi rebels fired missiles at Saudi Arabia on Sunday.")
    assert ("ASSAULT", ("YEM",), ("SAU",)) in houthis


def test_a_surname_after_an_unknown_given_name_is_somebody_else():
    """ "Yassin" is a Yemeni minister's surname in the table; "Muhyiddin Yassin" is not him."""
    found = _events("Malaysia's leader, Muhyiddin Yassin, criticized Thailand on Monday.")
    assert found and not any("YEM" in src for _, src, _ in found)
    assert ("ACCUSE", ("TUR",), ("GRC",)) in _events(
        "Turkish President Erdogan met the Greek officials in the capital. "
        "After the meeting, Erdogan criticized Greece for its policy in the Aegean Sea."
    )


def test_two_parties_of_one_state_act_on_each_other():
    """The guideline codes a rebel group with its state's code: government and rebels are X → X."""
    signed = _events("Chile's president and the leader of the rebels' political wing met.")
    assert ("CONSULT", ("CHL",), ()) in signed  # the rebels are not named as Chilean: no pair
    farc = _events("Colombia's president and the leader of the FARC met in Havana.")
    assert ("CONSULT", ("COL",), ("COL",)) in farc
    assert ("AGREE", ("YEM",), ("YEM",)) in _events("Yemen's warring parties agreed to a truce.")


def test_state_organs_and_the_parties_refer_back():
    text = (
        "The UN envoy for Yemen said that the government and the Houthis had agreed to a truce. "
        "He urged the parties to respect it."
    )
    found = _events(text)
    assert ("AGREE", ("YEM",), ("YEM",)) in found
    assert ("REQUEST", ("UNO",), ("YEM",)) in found


def test_them_after_a_pair_is_the_pair():
    found = _events(
        "Armenia and Azerbaijan traded accusations for a week. France urged them to show restraint."
    )
    assert ("REQUEST", ("FRA",), ("ARM",)) in found


def test_the_bloc_and_titles_without_names():
    bloc = _events(
        "ASEAN foreign ministers met on Monday. The bloc urged Myanmar to free prisoners."
    )
    assert ("REQUEST", ("ASN",), ("MMR",)) in bloc
    general = _events(
        "Senior General Min Aung Hlaing flew to Jakarta. "
        "The general rejected the plan of Indonesia."
    )
    assert ("REJECT", ("MMR",), ("IDN",)) in general


def test_a_named_object_of_the_issuers_own_state_is_a_target_a_pronoun_is_not():
    found = _events("We call on the Peshmerga to return to their bases.", issuer="IRQ")
    assert ("REQUEST", ("IRQ",), ("IRQ",)) in found
    alert = _events("Serbia put its army on alert and criticized its police.")
    assert not any(src == tgt for _, src, tgt in alert if tgt)
    launch = _events("The Council condemned the missile launch by North Korea on Friday.")
    assert not any(src == tgt for _, src, tgt in launch if tgt)


def test_welcoming_the_agreement_targets_its_parties():
    """Guideline C3: welcoming or supporting an agreement or a truce targets its parties."""
    found = _events("Israel and Hamas agreed to a truce on Monday. Egypt welcomed the truce.")
    assert ("SUPPORT", ("EGY",), ("ISR", "PSE")) in found
    unrelated = _events("Egypt welcomed the truce.")
    assert ("SUPPORT", ("EGY",), ()) in unrelated
