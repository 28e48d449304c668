"""The hand-annotated news set: annotations agree with the texts, the split is fixed, and the
held-out score stays above its floor (texts read from ../shared/event-data/news-dev).

The annotations are ours (tests/reference/news/annotations.jsonl, guideline in
docs/explanation/extraction.md); the texts are public news (VOA, US government, UN) and are not
committed.  Texts with an even number are held out: never tuned on, scored once per change.
"""

import json
import re
from pathlib import Path

import pytest

from detente.extraction.newsset import half_of, load_gold
from detente.extraction.nlp import nlp_available

ANNOTATIONS = Path(__file__).resolve().parents[1] / "reference" / "news" / "annotations.jsonl"
GOLD = ANNOTATIONS.with_name("annotations-gold.jsonl")
# annotation A; B, a second, independent annotation for measuring agreement (test_..._agreement);
# and the gold adjudicated from both (decisions in adjudication.tsv)
BOTH = pytest.mark.parametrize(
    "path", [ANNOTATIONS, ANNOTATIONS.with_name("annotations-b.jsonl"), GOLD]
)


def _records(path=ANNOTATIONS):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_split_is_fixed_by_text_number():
    assert half_of("02-syria-cw-us-russia-framework") == "test"
    assert half_of("03-syria-cw-unsc-resolution-2118") == "dev"
    dev, test = load_gold(ANNOTATIONS, "dev"), load_gold(ANNOTATIONS, "test")
    assert (len(dev), len(test)) == (15, 15)
    assert not {g.doc for g in dev} & {g.doc for g in test}
    assert sum(len(g.events) for g in test) == 96


@BOTH
def test_header_counts_match_the_records(path):
    header, *recs = _records(path)
    assert header["kind"] == "header"
    assert header["counts"] == {
        k: sum(r["kind"] == k for r in recs) for k in ("event", "claim", "deadline")
    }


@BOTH
def test_offsets_point_at_the_annotated_words(news_dir, path):
    texts = {}
    for r in _records(path)[1:]:
        text = texts.setdefault(r["doc"], (news_dir / f"{r['doc']}.txt").read_text("utf-8"))
        start, end = r["trigger"]
        assert text[start:end] == r["trigger_text"], r
        lo, hi = r.get("sentence") or r["span"]
        assert lo <= start < end <= hi, r


def test_gold_sentences_do_not_break_at_abbreviations(news_dir):
    """A's splitter ended sentences at "U.S." or "Mr."; the gold spans are whole sentences."""
    texts = {}
    for r in _records(GOLD)[1:]:
        if r["kind"] == "claim":
            continue
        text = texts.setdefault(r["doc"], (news_dir / f"{r['doc']}.txt").read_text("utf-8"))
        lo, hi = r["sentence"]
        assert not re.search(r"(\b[A-Z]|Mr|U\.S|Sept)\.\s+$", text[max(0, lo - 8) : lo]), r
        assert hi == len(text) or text[hi] in " \n", r


needs_nlp = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")


@needs_nlp
def test_held_out_score_stays_above_the_floor(news_dir):
    from detente.extraction.newsset import evaluate

    s, _ = evaluate(news_dir, ANNOTATIONS, "test")
    print(f"held-out strict P/R/F1 {s.strict}, untyped {s.untyped}, leaks {s.claims_leaked}")
    assert s.gold == 96
    assert s.strict[2] >= 0.41  # baseline before issue 14: 0.196; candidate 3: 0.337; S7: 0.423
    assert s.claims_leaked <= 1
