"""Charts for the scenario report, as inline SVG: the figures of :mod:`detente.plot`."""

from __future__ import annotations

from collections.abc import Sequence

from detente import plot
from detente.reports.svg import figure_svg
from detente.result import Result
from detente.scenario import Scenario

__all__ = ["issue_chart", "rounds_chart"]


def issue_chart(scenario: Scenario, k: int, results: Sequence[Result]) -> str:
    """Actors' positions on issue ``k`` (dot area ∝ capability × salience) and the forecasts."""
    return figure_svg(plot.positions(scenario, k, results))


def rounds_chart(result: Result) -> str:
    """Median and mean per round for every issue of a model with rounds."""
    return figure_svg(plot.rounds(result))
