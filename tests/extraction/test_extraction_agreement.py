"""The second annotation (B) of the news set and the inter-annotator agreement measure.

B is a second, independent hand annotation of the 30 news texts (tests/reference/news/
annotations-b.jsonl); ``detente.extraction.agreement`` pairs its events with annotation A's.  Its
header counts and offsets are checked against the texts with annotation A's, in
test_extraction_news.py (skipped when ../shared/event-data/news-dev is absent); here the agreement
function is checked on small made-up annotations and the figures quoted in
docs/explanation/extraction.md are reproduced from the two annotation files.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from detente.extraction.agreement import Agreement, align, compare, disagreements
from detente.extraction.newsset import Gold, load_gold

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "news"
A, B = REFERENCE / "annotations.jsonl", REFERENCE / "annotations-b.jsonl"


def test_b_is_a_blind_second_annotation_with_the_same_split():
    header = json.loads(B.read_text(encoding="utf-8").splitlines()[0])
    assert header["kind"] == "header" and "blind" in header["annotator"]
    test, dev = load_gold(B, "test"), load_gold(B, "dev")
    assert (len(test), len(dev)) == (15, 15)
    assert sum(len(g.events) for g in test) == 104


def _event(trigger, source, target, kind, alt=()):
    return {
        "sentence": [0, 40] if trigger[0] < 40 else [40, 100],
        "trigger": list(trigger),
        "trigger_text": "x",
        "source": source,
        "target": target,
        "type": kind,
        "alt": list(alt),
        "date": None,
    }


def _gold(events, claims=()):
    return Gold("02-made-up", tuple(events), tuple(claims), ())


def test_agreement_of_an_annotation_with_itself_is_one():
    a = [_gold([_event((1, 5), ["USA"], ["PRK"], "ACCUSE"), _event((9, 12), ["UNO"], None, "AID")])]
    ag = compare(a, a)
    assert ag.strict == ag.untyped == (2, 2, 2)
    assert Agreement.f1(ag.strict) == 1.0 and ag.b_vs_a.strict[2] == 1.0
    assert set(ag.kinds_a.values()) == {0}


def test_agreement_counts_type_target_and_event_or_not_disagreements():
    claim = {"span": [40, 60], "trigger": [45, 50], "trigger_text": "x", "reason": "negated"}
    a = _gold(
        [
            _event((1, 5), ["USA"], ["PRK"], "ACCUSE"),
            _event((10, 14), ["UNO"], [], "SUPPORT"),
            _event((20, 24), ["CHN"], ["USA"], "COERCE", alt=["SANCTION"]),
        ],
        [claim],
    )
    b = _gold(
        [
            _event((1, 5), ["USA"], ["PRK"], "THREATEN"),  # type differs
            _event((10, 14), ["UNO"], ["ISR", "PSE"], "SUPPORT"),  # [] against a named target
            _event((20, 24), ["CHN"], None, "SANCTION"),  # null target, alternative type: agree
            _event((46, 49), ["RUS"], ["UKR"], "REJECT"),  # inside A's claim
        ]
    )
    ag = compare([a], [b])
    assert ag.strict == (1, 3, 4) and ag.untyped == (2, 3, 4)
    assert Agreement.f1(ag.strict) == pytest.approx(2 / 7)
    assert ag.kinds_a == {"type": 1, "target": 1, "source": 0, "other": 0, "event or not": 0}
    assert ag.kinds_b["event or not"] == 1
    assert ag.types == {("ACCUSE", "THREATEN"): 1}
    assert (ag.claims_of_a.claims, ag.claims_of_a.non_events, ag.claims_of_a.also_claims) == (
        1,
        0,
        0,
    )
    only_a, only_b = disagreements(a, b)
    assert [k for _, k in only_a] == ["type", "target"] and len(only_b) == 3


def test_alignment_needs_the_same_sentence_and_is_one_to_one():
    e = _event((1, 5), ["USA"], ["PRK"], "ACCUSE")
    far = {**e, "sentence": [200, 300], "trigger": [210, 214]}
    assert align((e,), (far,), typed=True) == []
    assert len(align((e, e), (e,), typed=True)) == 1


def test_agreement_figures_quoted_in_the_docs():
    held_out = compare(load_gold(A, "test"), load_gold(B, "test"))
    assert held_out.strict == (77, 96, 104) and held_out.untyped == (77, 96, 104)
    assert round(Agreement.f1(held_out.strict), 3) == 0.770
    assert round(held_out.b_vs_a.strict[2], 3) == 0.778
    assert round(held_out.a_vs_b.strict[2], 3) == 0.680
    assert held_out.claims_of_a.non_events == 22 and held_out.claims_of_b.non_events == 20
    both = compare(load_gold(A, "all"), load_gold(B, "all"))
    assert both.strict == (163, 209, 228)
    assert both.kinds_a["event or not"] == 26 and both.kinds_b["event or not"] == 46


GOLD, LOG = REFERENCE / "annotations-gold.jsonl", REFERENCE / "adjudication.tsv"
DOC = Path(__file__).resolve().parents[2] / "docs" / "explanation" / "extraction.md"


def _log():
    head, *rows = LOG.read_text(encoding="utf-8").splitlines()
    return head.split("\t"), [dict(zip(head.split("\t"), r.split("\t"), strict=True)) for r in rows]


def test_gold_header_names_the_adjudication_and_its_clarifications():
    header = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])
    assert "adjudicated from A and B" in header["annotator"] and "blind" in header["annotator"]
    assert header["date"] == "2026-11-30" and header["log"].endswith("adjudication.tsv")
    anchor = header["clarifications"].split("#")[1]
    assert "## Clarifications after double annotation" in DOC.read_text(encoding="utf-8")
    assert anchor == "clarifications-after-double-annotation"
    kinds = {json.loads(x)["kind"]: json.loads(x).keys() for x in A.read_text("utf-8").splitlines()}
    for line in GOLD.read_text(encoding="utf-8").splitlines()[1:]:
        rec = json.loads(line)
        assert rec.keys() == kinds[rec["kind"]], rec


def test_every_disagreement_has_one_logged_decision():
    """Each event only one annotator coded is named in exactly one line of the log."""
    head, rows = _log()
    assert head == ["doc", "sentence", "what", "A", "B", "chosen", "rule", "reason"]
    assert {r["chosen"] for r in rows} <= {"A", "B", "third"}
    assert all(r["rule"] in {f"C{i}" for i in range(1, 15)} and r["reason"] for r in rows)
    named = [
        (r["doc"], int(item.rsplit("@", 1)[1]), side)
        for r in rows
        if r["what"] == "event"
        for side in ("A", "B")
        for item in r[side].split("; ")
        if item != "-"
    ]
    expected = []
    for ga, gb in zip(load_gold(A, "all"), load_gold(B, "all"), strict=True):
        only_a, only_b = disagreements(ga, gb)
        expected += [(ga.doc, e["trigger"][0], "A") for e, _ in only_a]
        expected += [(gb.doc, e["trigger"][0], "B") for e, _ in only_b]
    assert sorted(named) == sorted(expected) and len(expected) == 111


def test_adjudication_counts_quoted_in_the_docs():
    _, rows = _log()
    events = Counter(r["chosen"] for r in rows if r["what"] == "event")
    fields = Counter(r["chosen"] for r in rows if r["what"] == "fields")
    assert events == {"B": 75, "A": 11, "third": 1}
    assert fields == {"B": 36, "A": 1, "third": 2}
    test, dev = load_gold(GOLD, "test"), load_gold(GOLD, "dev")
    assert [sum(len(g.events) for g in part) for part in (test, dev)] == [98, 123]
    assert [sum(len(g.claims) for g in part) for part in (test, dev)] == [32, 47]


@pytest.mark.parametrize(
    ("half", "who", "strict", "f1", "scored"),
    [
        ("test", A, (77, 98, 96), 0.794, 0.691),
        ("test", B, (98, 98, 104), 0.970, 0.960),
        ("dev", A, (88, 123, 113), 0.746, 0.686),
        ("dev", B, (121, 123, 124), 0.980, 0.963),
    ],
)
def test_annotators_against_the_gold_quoted_in_the_docs(half, who, strict, f1, scored):
    ag = compare(load_gold(GOLD, half), load_gold(who, half))
    assert ag.strict == strict
    assert round(Agreement.f1(ag.strict), 3) == f1
    assert round(ag.b_vs_a.strict[2], 3) == scored


def _item(text):
    """'TYPE/ALT SRC,SRC->TGT 'trigger'@start' of the log: (type, sources, start)."""
    kinds, codes = text.split(" ", 2)[:2]
    return kinds.split("/")[0], set(codes.split("->")[0].split(",")), int(text.rsplit("@", 1)[1])


def test_the_gold_follows_every_logged_event_decision():
    """The chosen side's events are in the gold (same sentence, type, source); the other's not."""
    gold = {g.doc: g.events for g in load_gold(GOLD, "all")}
    _, rows = _log()
    for r in (r for r in rows if r["what"] == "event" and r["chosen"] in "AB"):
        lost = "B" if r["chosen"] == "A" else "A"
        kept = [_item(x) for x in r[r["chosen"]].split("; ") if x != "-"]
        starts = {e["trigger"][0] for e in gold[r["doc"]]}
        for kind, sources, start in kept:
            assert any(
                e["sentence"][0] <= start < e["sentence"][1]
                and e["type"] == kind
                and set(e["source"]) == sources
                for e in gold[r["doc"]]
            ), r
        for _, _, start in (_item(x) for x in r[lost].split("; ") if x != "-"):
            assert start not in starts or start in {s for _, _, s in kept}, r
