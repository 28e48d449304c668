"""The bootstrap interval of a news-set score: resampling texts, seeded, around the point F1."""

from __future__ import annotations

import numpy as np
import pytest

from detente.extraction.news_interval import f1_interval
from detente.extraction.newsset import Gold, Predicted, score


def _text(doc: str, hits: int, misses: int, spurious: int) -> tuple[Gold, Predicted]:
    """A synthetic text: ``hits`` matched events, ``misses`` gold-only, ``spurious`` pred-only."""
    gold, preds = [], []
    for k in range(hits + misses):
        start = 100 * k
        gold.append(
            {
                "sentence": [start, start + 50],
                "trigger": [start + 5, start + 10],
                "trigger_text": "met",
                "source": ["AAA"],
                "target": ["BBB"],
                "type": "CONSULT",
                "alt": [],
                "date": "",
            }
        )
        if k < hits:
            preds.append((start + 5, frozenset({"AAA"}), frozenset({"BBB"}), "CONSULT", ""))
    for k in range(spurious):
        start = 100 * (hits + misses + k)
        preds.append((start + 5, frozenset({"CCC"}), frozenset(), "ASSAULT", ""))
    return Gold(doc, tuple(gold), (), ()), Predicted(doc, tuple(preds), ())


def _set(n: int, seed: int = 1) -> list[tuple[Gold, Predicted]]:
    rng = np.random.default_rng(seed)
    return [_text(f"{k:02d}", *map(int, rng.integers(0, 6, size=3))) for k in range(n)]


def test_point_is_the_scored_f1_and_lies_inside() -> None:
    pairs = _set(15)
    ci = f1_interval(pairs)
    assert ci.f1 == pytest.approx(score(pairs).strict[2])
    assert ci.low <= ci.f1 <= ci.high
    assert 0.0 < ci.high - ci.low < 0.6


def test_same_seed_same_interval_and_seeds_agree_closely() -> None:
    pairs = _set(15)
    assert f1_interval(pairs, seed=3) == f1_interval(pairs, seed=3)
    ends = np.array([(i.low, i.high) for i in (f1_interval(pairs, seed=s) for s in range(5))])
    assert np.ptp(ends, axis=0).max() < 0.02


def test_identical_texts_give_no_spread_and_more_texts_a_narrower_interval() -> None:
    same = [_text(f"{k:02d}", 3, 1, 1) for k in range(10)]
    ci = f1_interval(same)
    assert ci.low == ci.high == pytest.approx(ci.f1)
    few, many = f1_interval(_set(8)), f1_interval(_set(8) * 8)
    assert many.high - many.low < few.high - few.low


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="no texts"):
        f1_interval([])
    with pytest.raises(ValueError, match="level"):
        f1_interval(_set(3), level=1.0)
