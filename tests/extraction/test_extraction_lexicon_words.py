"""Session 5's systematic lexicon (the coverage rule in lexicon.yaml), on sentences of our own.

One or two new words per type, the object senses of object_senses.py, and ambiguous words that
must not fire.  The sentences are written for these tests, not taken from any evaluation text.
"""

import datetime as dt

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2021, 3, 5)


def _events(text):
    return set(coded(text, DAY))


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        (
            "Japan gave assurances to the Philippines on the security of the convoy.",
            ("AGREE", "JPN", "PHL"),
        ),
        (
            "The foreign ministers of Kenya and Uganda convened in Nairobi on Tuesday.",
            ("CONSULT", "KEN", "UGA"),
        ),
        (
            "Chile lauded Argentina for its handling of the border dispute.",
            ("SUPPORT", "CHL", "ARG"),
        ),
        ("The Netherlands ratified the treaty with Belgium on Friday.", ("SUPPORT", "NLD", "BEL")),
        ("Norway teamed up with Sweden to patrol the Baltic.", ("COOPERATE", "NOR", "SWE")),
        ("The European Union funded Ukrainian border guards last year.", ("AID", "EUR", "UKR")),
        ("Colombia repatriated 200 Venezuelan migrants on Friday.", ("RETREAT", "COL", "VEN")),
        ("China summoned the Japanese ambassador over the visit.", ("ACCUSE", "CHN", "JPN")),
        ("France castigated Russia for the cyberattack.", ("ACCUSE", "FRA", "RUS")),
        (
            "Turkey held Syria responsible for the attack on its soldiers in Idlib.",
            ("ACCUSE", "TUR", "SYR"),
        ),
        ("Peru implored Chile to reopen the border.", ("REQUEST", "PER", "CHL")),
        ("North Korea repudiated the agreement with South Korea.", ("REJECT", "PRK", "KOR")),
        ("Syria objected to the French proposal.", ("REJECT", "SYR", "FRA")),
        ("Moscow tried to intimidate Kyiv with troop movements.", ("THREATEN", "RUS", "UKR")),
        ("Armenian protesters barricaded the road to Azerbaijan.", ("PROTEST", "ARM", "AZE")),
        ("Egypt besieged the Libyan town for a week.", ("COERCE", "EGY", "LBY")),
        (
            "Syrian rebels took three Turkish soldiers hostage near the border on Monday.",
            ("COERCE", "SYR", "TUR"),
        ),
        (
            "Ethiopian troops gunned down Eritrean soldiers at the border, the ministry said.",
            ("ASSAULT", "ETH", "ERI"),
        ),
    ],
)
def test_new_words_of_each_type(sentence, event):
    kind, source, target = event
    assert (kind, (source,), (target,)) in _events(sentence)


@pytest.mark.parametrize(
    ("sentence", "kind", "source"),
    [
        ("Iran backed down after the American warning.", "CONCEDE", "IRN"),
        ("Russia conscripted 300,000 men in September.", "MOBILIZE", "RUS"),
        ("Australia withheld aid from Myanmar after the coup.", "SANCTION", "AUS"),
        ("North Korea dismantled its nuclear test site in May, officials said.", "RETREAT", "PRK"),
    ],
)
def test_new_words_without_a_target(sentence, kind, source):
    assert any(k == kind and s == (source,) for k, s, _ in _events(sentence))


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The United States lifted sanctions on Iran on Monday.", ("RETREAT", "USA", "IRN")),
        ("Israel lifted its blockade of Gaza.", ("RETREAT", "ISR", "PSE")),
        (
            "Japan lifted its ban on beef imports from the United States on Monday.",
            ("CONCEDE", "JPN", "USA"),
        ),
        ("Iran suspended talks with the United States in May.", ("SANCTION", "IRN", "USA")),
        ("Japan downgraded relations with South Korea.", ("SANCTION", "JPN", "KOR")),
        ("Britain froze the assets of Russia's central bank.", ("COERCE", "GBR", "RUS")),
        ("Armenia broke the truce with Azerbaijan on Sunday.", ("ASSAULT", "ARM", "AZE")),
        ("Russia violated the ceasefire in Ukraine.", ("ASSAULT", "RUS", "UKR")),
    ],
)
def test_the_object_decides_the_sense(sentence, event):
    kind, source, target = event
    assert (kind, (source,), (target,)) in _events(sentence)


def test_blocking_a_resolution_is_a_veto_and_destroying_ones_own_arsenal_is_disarming():
    blocked = _events("Russia blocked a Security Council resolution on Syria.")
    assert any(k == "REJECT" and s == ("RUS",) for k, s, _ in blocked)
    assert not any(k == "PROTEST" for k, _, _ in blocked)
    own = _events("Syria destroyed its chemical weapons stockpile under the inspectors' eyes.")
    assert ("RETREAT", ("SYR",), ()) in own
    theirs = _events(
        "Israeli jets destroyed Hamas rocket launchers in Gaza on Monday, the army said."
    )
    assert not any(k == "RETREAT" for k, _, _ in theirs)


@pytest.mark.parametrize(
    "sentence",
    [
        "Iraq froze its oil output at the level of last month, the Iraqi minister said.",
        "North Korea detonated a nuclear device at its test site in September.",
        "Ukraine summoned the courage to resist the invasion by Russia.",
        "Germany funded a study on climate change in India last year.",
        "Turkey committed war crimes in Syria, the report said.",
        "Russia's annexation of Crimea would be illegal, Kerry said.",
    ],
)
def test_ambiguous_words_do_not_fire(sentence):
    found = _events(sentence)
    assert not {k for k, _, _ in found} & {
        "ASSAULT",
        "ACCUSE",
        "AID",
        "AGREE",
        "COERCE",
        "SANCTION",
    }


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Israel and Hamas struck a deal on the release of hostages.", ("AGREE", "ISR", "PSE")),
        ("Britain cut a deal with France on fishing rights.", ("AGREE", "GBR", "FRA")),
        ("Britain closed its embassy in Tehran in 2011.", ("SANCTION", "GBR", "IRN")),
        ("Japan protested to China over the incursion.", ("ACCUSE", "JPN", "CHN")),
        ("China lodged a formal protest with Japan on Friday.", ("ACCUSE", "CHN", "JPN")),
        (
            "Kenya invited the Ethiopian prime minister to Nairobi for talks.",
            ("AGREE", "KEN", "ETH"),
        ),
        ("Japan reached out to China after the incident.", ("CONSULT", "JPN", "CHN")),
        ("The European Union regrets the decision of Serbia.", ("ACCUSE", "EUR", "SRB")),
        ("Guyana remains committed to a settlement with Venezuela.", ("AGREE", "GUY", "VEN")),
        ("Ukraine will not cede territory to Russia, Zelensky said.", ("REJECT", "UKR", "RUS")),
    ],
)
def test_senses_of_the_second_round(sentence, event):
    kind, source, target = event
    assert (kind, (source,), (target,)) in _events(sentence)


def test_warplanes_flown_are_a_show_of_force_and_a_street_protest_is_no_complaint():
    flown = _events("The United States flew two B-52 bombers over the Korean peninsula on Monday.")
    assert ("MOBILIZE", ("USA",), ()) in flown
    street = _events("Georgia's opposition protested against the new law in Tbilisi on Sunday.")
    assert ("PROTEST", ("GEO",), ()) in street
    assert not any(kind == "ACCUSE" for kind, _, _ in street)
    assert not _events("The new law invited criticism from Germany and France.") & {
        ("AGREE", ("DEU",), ()),
        ("AGREE", ("FRA",), ()),
    }


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Russia and Ukraine swapped prisoners on Saturday.", ("COOPERATE", "RUS", "UKR")),
        ("Kenya reaffirmed its commitment to the ceasefire with Somalia.", ("AGREE", "KEN", "SOM")),
        ("India downed a Pakistani drone near the border.", ("ASSAULT", "IND", "PAK")),
        (
            "Chinese coast guard ships harassed Philippine fishermen near the shoal.",
            ("COERCE", "CHN", "PHL"),
        ),
    ],
)
def test_senses_of_the_third_round(sentence, event):
    kind, source, target = event
    assert (kind, (source,), (target,)) in _events(sentence)


def test_leaving_a_deal_emergencies_and_votes():
    left = _events("Trump pulled the United States out of the Iran nuclear deal in May 2018.")
    assert any(k == "REJECT" and s == ("USA",) for k, s, _ in left)
    troops = _events("Israel pulled its troops out of Gaza in 2005.")
    assert any(k == "RETREAT" and s == ("ISR",) for k, s, _ in troops)
    assert ("COERCE", ("ETH",), ()) in _events("Ethiopia declared a state of emergency on Tuesday.")
    voted = _events("Russia voted against the resolution on Syria on Friday.")
    assert any(k == "REJECT" and s == ("RUS",) for k, s, _ in voted)
