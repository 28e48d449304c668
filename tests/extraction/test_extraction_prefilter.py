"""The pre-filter that decides which sentences are parsed, and the safety-net parse budget."""

import datetime as dt

import pytest

from detente.extraction.nlp import nlp_available
from detente.extraction.prefilter import sentences
from helpers import extraction_records

PUB = dt.date(2019, 12, 9)
needs_nlp = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")


def _split(text):
    return [text[a:b] for a, b in sentences(text)]


def test_sentences_do_not_split_after_abbreviations_or_initials():
    text = "Mr. Kim met U.S. officials on Dec. 3. Then J. Smith left.\n\nA new paragraph!"
    assert _split(text) == [
        "Mr. Kim met U.S. officials on Dec. 3.",
        "Then J. Smith left.",
        "A new paragraph!",
    ]


def test_sentences_split_after_numbers_and_quotes():
    assert _split('Seoul met Tokyo on day 5. He said "never." Later, talks resumed.') == [
        "Seoul met Tokyo on day 5.",
        'He said "never."',
        "Later, talks resumed.",
    ]


@pytest.fixture(scope="module")
def nlp_and_table():
    from detente.extraction.actors import load_aliases
    from detente.extraction.nlp import load_pipeline

    table = load_aliases()
    return load_pipeline(table), table


@needs_nlp
def test_irregular_and_inflected_triggers_are_recognised(nlp_and_table):
    from detente.extraction.prefilter import WordTest

    test = WordTest(nlp_and_table[0])
    assert test.kinds("Seoul met Tokyo.") == (True, False)  # met -> meet (exception table)
    assert test.kinds("Iran is threatening Iraq.") == (True, False)
    assert test.kinds("The weather was mild and sunny.") == (False, False)
    assert test.kinds("They urged restraint.") == (True, True)  # demand verbs need no actor


@needs_nlp
def test_plan_drops_sentences_without_actor_or_trigger(nlp_and_table):
    from detente.extraction.prefilter import plan

    nlp, table = nlp_and_table
    text = (
        "The weather was mild. Markets rose by 2 percent. North Korea accused Seoul on Monday. "
        "Seoul is a large city.\n\nThe deadline is the end of the year."
    )
    units, warnings = plan(text, table, nlp, 10_000)
    assert [u.text for u in units] == [
        "North Korea accused Seoul on Monday.",
        "The deadline is the end of the year.",
    ]
    assert all(text[u.offset : u.offset + len(u.text)] == u.text for u in units)
    assert warnings == []


@needs_nlp
def test_budget_is_a_safety_net_with_a_warning():
    from detente.extraction import extract

    text = " ".join(f"North Korea accused Seoul on day {i}." for i in range(200))
    full = extract(text, PUB)
    cut = extract(text, PUB, max_chars=1_000)
    assert full.warnings == ()
    assert any("parse budget" in w and "skipped" in w for w in cut.warnings)


@needs_nlp
def test_prefilter_finds_the_same_records_on_the_oped(oped_path):
    from detente.extraction import extract, read_article

    text, _ = read_article(oped_path)
    fast = extract(text, PUB)
    full = extract(text, PUB, prefilter=False)
    assert extraction_records(fast) == extraction_records(full)
    assert [a.id for a in fast.actors] == [a.id for a in full.actors]


@needs_nlp
def test_two_spacy_processes_give_the_sameextraction_records():
    from detente.extraction import extract

    text = "\n\n".join(
        f"North Korea accused Seoul on Monday of test {i}. The weather was mild. "
        f"Washington urged Pyongyang to return to talks before December {i % 28 + 1}."
        for i in range(40)
    )
    assert extraction_records(extract(text, PUB, n_process=2)) == extraction_records(
        extract(text, PUB)
    )
