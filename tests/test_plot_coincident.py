"""The report's position chart when two models forecast the same value: the later line was drawn
exactly over the earlier one (Korea: bdm and median at 75 and 95), so a model listed in the legend
had no line to be seen; so were winset and nash, 0.3 points apart."""

from __future__ import annotations

import matplotlib.pyplot as plt

import detente
from detente import plot


def test_a_forecast_equal_to_another_is_dashed_and_named() -> None:
    s = detente.load_scenario("korea-2019-12")
    results = [detente.run(s, m) for m in ("bdm", "mean", "median", "nash", "winset")]
    assert results[0].forecast[0] == results[2].forecast[0] == 75.0  # sequencing
    fig = plot.positions(s, "sequencing", results)
    lines = {ln.get_label(): ln for ln in fig.axes[0].get_lines()}
    assert lines["bdm"].get_linestyle() == "-" and lines["mean"].get_linestyle() == "-"
    assert lines["median (= bdm)"].get_linestyle() == "--"
    assert lines["winset (≈ nash)"].get_linestyle() == "--"  # 52.1 and 52.4 on a 0-100 scale
    plt.close(fig)
