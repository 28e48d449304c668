"""The bundled actor table's people: systematic, well-formed, and resolved in sentences."""

import datetime as dt
import re
import unicodedata
from importlib import resources

import pytest
import yaml

from detente.extraction.actors import load_aliases
from detente.extraction.nlp import nlp_available
from detente.extraction.prefilter import word_alternation

needs_nlp = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
PUB = dt.date(2019, 12, 9)


@pytest.fixture(scope="module")
def raw():
    text = resources.files("detente.extraction").joinpath("data/actors.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_every_person_is_a_full_name(raw):
    short = [(c, p) for c, e in raw.items() for p in e.get("people") or [] if len(p.split()) < 2]
    assert short == []


def test_no_person_is_listed_twice(raw):
    seen: dict[str, str] = {}
    twice = []
    for code, e in raw.items():
        people = e.get("people") or []
        assert len(people) == len(set(people)), code
        for p in people:
            if p in seen:
                twice.append((p, seen[p], code))
            seen[p] = code
    assert twice == []  # a person who changed roles is listed once (see the file's header)


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


NAMES_ONLY = _codes(
    """AND ATG BFA BHR BHS BLZ BOL BRB BRN BTN BWA CAF CMR COM CPV CYP DJI DMA DOM FSM GAB GNB GNQ
    GRD GTM GUY HND IRL ISL JAM KIR KNA LAO LCA LIE LSO LUX MCO MDA MDG MDV MHL MLI MLT MUS MWI
    MYS NAM NRU OMN PLW PNG PRY SGP SLB SLV SMR SSD STP SUR SVK SWZ SYC TGO TJK TKM TON TUV URY
    VAT VCT VUT WSM"""
)
"""States added by the state coverage rule (session 5): names, demonyms, capitals, no people yet."""

NOT_UN_STATES = _codes(
    """ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF
    GUM HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM SXM
    TCA TKL UMI VGB VIR WLF"""
)
"""ISO 3166 entries that are territories, not UN member or observer states."""


def test_every_state_has_leaders_of_the_period(raw):
    # The coverage rule: heads of state and government 2000-2024 for every state in the table
    # but the names-only entries added by the state coverage rule.
    bare = {
        c for c, e in raw.items() if e.get("type") == "state" and len(e.get("people") or []) < 2
    }
    assert bare == NAMES_ONLY
    for code, leader in [
        ("TUR", "Recep Tayyip Erdogan"),
        ("UKR", "Volodymyr Zelensky"),
        ("GBR", "Theresa May"),
        ("ETH", "Abiy Ahmed"),
        ("ERI", "Isaias Afwerki"),
        ("NATO", "Jens Stoltenberg"),
        ("EUR", "Josep Borrell"),
        ("UNO", "Ban Ki-moon"),
    ]:
        assert leader in raw[code]["people"], (code, leader)


def _ascii(name):
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def test_accented_names_have_their_wire_spelling(raw):
    people = {p for e in raw.values() for p in e.get("people") or []}
    accented = [p for p in people if not p.isascii()]
    assert len(accented) > 50
    missing = [p for p in accented if _ascii(p).isascii() and _ascii(p) not in people]
    assert missing == []


def test_shared_and_common_name_parts_do_not_resolve_alone():
    parts = load_aliases().name_parts()
    assert parts["Erdogan"] == "TUR" and parts["Zelensky"] == "UKR" and parts["Trump"] == "USA"
    assert parts["Tsai"] == "TWN" and parts["Moon"] == "KOR"  # family name first
    for word in ("John", "Donald", "Fischer", "Kim", "May", "King", "Montenegro", "Rice"):
        assert word not in parts, word  # given names, shared, a month, a title, a state, a word


def test_trie_alternation_matches_like_a_flat_one():
    words = {"Kim", "Kim Jong Un", "Kim Jong-un", "Abu Dhabi", "Abu", "U.S.", "US", "USA", "a+b"}
    trie = re.compile(rf"(?<!\w)(?:{word_alternation(words)})(?!\w)")
    flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    flat_rx = re.compile(rf"(?<!\w)(?:{flat})(?!\w)")
    text = "Kim Jong Un and Kim Jong-und met in Abu Dhabi; Abu, U.S. and USA, USAF, a+b, Kimchi."
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat_rx.finditer(text)]
    assert re.fullmatch(word_alternation(set()), "") is None


@pytest.fixture(scope="module")
def run():
    from detente.extraction import extract

    return lambda text: extract(text, PUB)


@needs_nlp
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Erdogan said Turkey would send troops to protect its border with Syria.", "TUR"),
        ("Zelensky urged Germany to supply more air defence systems.", "UKR"),
        ("Prime Minister Narendra Modi criticized Pakistan on Tuesday.", "IND"),
        ("Stoltenberg warned Russia against any attack on the alliance.", "NATO"),
    ],
)
def test_leaders_give_their_statements_a_source(run, text, source):
    x = run(text)
    assert x.events, f"no event in {text!r}; claims: {x.claims}"
    assert x.events[0].source[0] == source


@needs_nlp
def test_a_known_surname_inside_an_unknown_name_is_no_actor(run):
    # "Rashid" is the surname of an Iraqi president; here it is somebody else's middle name.
    x = run("Haroon Rashid Aswad accused the Zambian government of torture on Monday.")
    assert all("IRQ" not in e.source for e in x.events)
    x = run("Rashid accused the Zambian government of torture on Monday.")
    assert x.events and x.events[0].source[0] == "IRQ"


def test_every_un_state_has_a_curated_entry(raw):
    """The state coverage rule: every UN member and observer state has demonyms and a capital."""
    pycountry = pytest.importorskip("pycountry")
    missing = {c.alpha_3 for c in pycountry.countries} - NOT_UN_STATES - set(raw)
    assert missing == set()
    assert all(len(raw[c]["aliases"]) >= 2 for c in NAMES_ONLY)


@needs_nlp
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Malian troops clashed with fighters sent by Burkina Faso.", "MLI", None),
        ("Bamako accused Niamey of harbouring insurgents.", "MLI", "NER"),
        ("South Sudan accused Sudan of bombing its oil fields.", "SSD", "SDN"),
        ("The Omani foreign minister met his Bahraini counterpart in Muscat.", "OMN", "BHR"),
        ("Northern Irish leaders criticized Dublin on Tuesday.", "GBR", "IRL"),
    ],
)
def test_demonyms_and_capitals_of_added_states_resolve(run, text, source, target):
    x = run(text)
    assert x.events, f"no event in {text!r}"
    assert x.events[0].source[0] == source
    if target is not None:
        assert target in x.events[0].target
