"""The candidates table of docs/explanation/backtest.md, reproduced (slow: every model)."""

from __future__ import annotations

import numpy as np
import pytest

from detente.backtest import backtest
from detente.backtest.scores import compare, metrics
from detente.backtest.stack import stacked
from detente.cli.params import parse_models
from deu_files import DEU, NO_DEU

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not DEU.is_dir(), reason=NO_DEU)]

SEED = 2026
# test split: (MAE, diff vs mean) as printed in the doc's table, seed 2026
TEST = {
    "median": (27.87, 4.39),
    "nash": (47.69, 24.54),
    "bdm:preset=canonical": (35.79, 12.31),
    "bdm:preset=scholz-code": (28.05, 4.57),
    "smp": (24.98, 1.51),
    "procedural": (38.03, 14.88),
    "winset": (40.20, 17.05),
}


def test_candidates_table() -> None:
    bt = backtest(DEU, parse_models(",".join(["mean", *TEST])), split="all", seed=SEED, jobs=2)
    test = bt.select("test").to_dict()["models"]
    assert test["mean"]["mae"] == pytest.approx(23.48, abs=0.005)
    for label, (mae, diff) in TEST.items():
        assert test[label]["mae"] == pytest.approx(mae, abs=0.005), label
        assert test[label]["vs_mean"]["diff"] == pytest.approx(diff, abs=0.005), label
    council = backtest(DEU, ["mean"], split="test", capability="council", seed=SEED)
    assert council.to_dict()["models"]["mean"]["mae"] == pytest.approx(22.39, abs=0.005)
    comps = ["mean", "median", "bdm:preset=canonical", "bdm:preset=scholz-code", "smp"]
    weights, forecast = stacked(bt.select("dev"), bt.select("test"), comps)
    assert weights == pytest.approx([0.65, 0, 0.12, 0, 0.23], abs=0.005)
    y, base = bt.select("test").outcomes(), bt.select("test").forecasts[0]
    assert metrics(forecast, y)["mae"] == pytest.approx(23.65, abs=0.005)
    gap = compare(forecast, base, y, SEED)
    assert gap["ci95"][0] < 0 < gap["ci95"][1]  # the negative result: no detectable gain
    assert not np.isnan(forecast).any()
