"""The report's drivers fragment: a ranking chart and a levers table per issue."""

from __future__ import annotations

import re

import pytest

from detente.reports.drivers import LEVERS, drivers_fragment
from helpers import make_scenario

pytest.importorskip("SALib")
pytest.importorskip("matplotlib")


def test_fragment_has_a_chart_and_a_levers_table_per_issue() -> None:
    s = make_scenario([[10, 80], [50, 40], [90, 20]], [[60, 50], [80, 70], [40, 90]], [30, 50, 20])
    text = drivers_fragment(s, ["mean"], seed=4)
    assert text.count("<svg") == 2 and text.count("data-testid='levers-table'") == 2
    assert "Morris screening of all 15 inputs of the mean model" in text
    # the mean model's levers are exact: each row names a move and says how it was found
    rows = re.findall(r"<tr><td class='num'>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>", text)
    assert rows and len(rows) <= 2 * LEVERS
    assert all(how == "closed form" and " position on " in what for what, how in rows)


def test_no_model_with_a_kernel_gives_nothing() -> None:
    s = make_scenario([[10], [90]], [[50], [50]], [1, 1])
    assert drivers_fragment(s, [], seed=1) == ""
