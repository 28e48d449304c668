"""Town patterns given to the EntityRuler only when a text could need them (``town_patterns``).

The pipeline must find exactly the entities it found with every pattern loaded at start.
Sentences are our own, written for these tests.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")

TEXTS = [
    "Houthi forces fired drones at an oil terminal in Jeddah on Sunday, officials said.",
    "Russian artillery shelled apartment blocks in Kharkiv and Zaporizhzhia overnight.",
    "Israeli aircraft struck targets near Khan Younis, and rockets were fired from Deir al-Balah.",
    "A convoy left Al-Hasakah for Aleppo. I saw it. An envoy flew from Mosul to Basra.",
    "TURKISH JETS STRIKE NEAR Kobani\n\nAnkara said its jets hit positions near Qamishli.",
    "Reading the statement in Alexandria, the minister accused Ethiopia of stalling.",
]


def _entities(docs):
    return [[(e.start, e.end, e.label_, e.ent_id_) for e in d.ents] for d in docs]


@pytest.fixture(scope="module")
def table():
    from detente.extraction.actors import load_aliases

    return load_aliases()


@pytest.fixture(scope="module")
def eager(table):
    """The pipeline as it was built before: every pattern, towns included, added at start."""
    import spacy

    from detente.extraction import datelines
    from detente.extraction.nlp import MODEL

    nlp = spacy.load(MODEL)
    datelines.register()
    nlp.add_pipe(datelines.COMPONENT, before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(table.patterns())
    return nlp


def _fresh(table):
    from detente.extraction.nlp import load_pipeline

    return load_pipeline.__wrapped__(table)  # not the cached pipeline: no pattern added yet


def test_the_entities_are_those_of_the_pipeline_with_every_pattern(table, eager):
    lazy = _fresh(table)
    expected = _entities(eager.pipe(TEXTS))
    assert _entities(lazy.pipe(TEXTS)) == expected
    assert _entities([lazy(t) for t in reversed(TEXTS)]) == expected[::-1]  # patterns kept
    assert any(e[2] == "LOC" and e[3] == "SAU" for e in expected[0])  # Jeddah: a town


def test_two_processes_find_the_same_entities(table, eager):
    lazy = _fresh(table)  # each worker adds the patterns its own documents need
    texts = TEXTS * 3
    assert _entities(lazy.pipe(texts, n_process=2, batch_size=2)) == _entities(eager.pipe(texts))


def test_a_short_text_adds_few_town_patterns(table):
    lazy = _fresh(table)
    ruler = lazy.get_pipe("entity_ruler")
    before = sum(map(len, ruler.phrase_patterns.values()))
    lazy("Saudi Arabia said drones struck Jeddah.")
    added = sum(map(len, ruler.phrase_patterns.values())) - before
    assert 1 <= added < len(table.towns) // 10  # "Jeddah", and forms starting "S", "Sa", ...


def test_no_town_has_the_tokens_of_another_actors_pattern(table, eager):
    """What makes the order of added patterns irrelevant (see the module's docstring)."""
    actors = defaultdict(set)
    for p in table.patterns():
        actors[tuple(t.text for t in eager.make_doc(p["pattern"]))].add((p["label"], p["id"]))
    towns = {tuple(t.text for t in eager.make_doc(form)) for form in table.towns}
    assert [k for k in towns if len(actors[k]) > 1] == []
