"""Held-out accuracy on the PLOVER gold-standard records (read from ../shared, CC BY-SA 4.0).

PLOVER gold standard records, Copyright 2016 Open Event Data Alliance, CC BY-SA 4.0,
https://github.com/openeventdata/PLOVER.  Split fixed by specs/event-extraction.md §3: ids ending
in an even digit are dev (used for tuning), odd are held out (never tuned on).
"""

import pytest

from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")


def test_split_is_fixed_and_disjoint(gsr_path):
    from detente.extraction.gsr import load_gsr

    dev, test = load_gsr(gsr_path, "dev"), load_gsr(gsr_path, "test")
    assert (len(dev), len(test)) == (156, 166)
    assert not {r.id for r in dev} & {r.id for r in test}
    assert all(int(r.id[-1]) % 2 == 1 for r in test)


def test_held_out_event_type_accuracy_beats_the_floor(gsr_path):
    from detente.extraction.gsr import evaluate, load_gsr

    score = evaluate(load_gsr(gsr_path, "test"))
    print(
        f"held-out acc-16 {score.acc:.3f}, quad {score.quad:.3f}, "
        f"source {score.source:.3f}, target {score.target:.3f}"
    )
    assert score.acc >= 0.65  # issue 7; PETRARCH2 dictionary scores 0.447 on the whole set
    assert score.quad >= 0.75
    assert score.source >= 0.6
    assert score.target >= 0.45
