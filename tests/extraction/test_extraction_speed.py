"""Speed settings of whole-document extraction: batch size and the automatic second process."""

import datetime as dt
import os

import pytest

from detente.extraction import document
from detente.extraction.nlp import nlp_available
from helpers import extraction_records

PUB = dt.date(2019, 12, 9)
needs_nlp = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
TEXT = "\n\n".join(
    f"North Korea accused Seoul on Monday of test {i}. The weather was mild. "
    f"Washington urged Pyongyang to return to talks before December {i % 28 + 1}."
    for i in range(40)
)


def test_second_process_only_for_large_inputs():
    assert document.processes(0) == 1
    assert document.processes(document.PARALLEL_CHARS - 1) == 1
    assert document.processes(document.PARALLEL_CHARS) == min(2, os.cpu_count() or 1)


@needs_nlp
def test_automatic_second_process_gives_the_sameextraction_records(monkeypatch):
    from detente.extraction import extract

    one = extract(TEXT, PUB, n_process=1)
    used = []
    parsed = document._parsed

    def spy(nlp, units, unique, n_process):
        used.append(n_process)
        return parsed(nlp, units, unique, n_process)

    monkeypatch.setattr(document, "PARALLEL_CHARS", 1_000)
    monkeypatch.setattr(document, "_parsed", spy)
    auto = extract(TEXT, PUB)
    assert used == [min(2, os.cpu_count() or 1)]
    assert extraction_records(auto) == extraction_records(one)
    assert auto.document == one.document


@needs_nlp
def test_batch_size_does_not_change_theextraction_records(monkeypatch, oped_path):
    from detente.extraction import extract, read_article

    oped, _ = read_article(oped_path)
    default = [extract(t, PUB, prefilter=False, n_process=1) for t in (TEXT, oped)]
    monkeypatch.setattr(document, "BATCH_CHARS", 1)  # one text per batch
    single = [extract(t, PUB, prefilter=False, n_process=1) for t in (TEXT, oped)]
    assert [extraction_records(x) for x in single] == [extraction_records(x) for x in default]
