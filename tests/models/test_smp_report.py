"""The SMP report section: its charts' captions say only what the charts draw."""

from __future__ import annotations

from pathlib import Path

from detente import plot
from detente.io import load
from detente.models.smp import SMPParams, run
from detente.reports.smp import section

INPUTS = Path(__file__).resolve().parents[1] / "reference" / "ktab" / "inputs"


def test_dotted_ideals_are_in_the_caption_only_where_drawn(tmp_path: Path) -> None:
    """The caption promised dotted ideal lines on every chart, but they are drawn only where an
    ideal lags its position (with KTAB's <IdealAdjustment>); the axis said 'round' where the text
    says 'turn'."""
    plain = load(INPUTS / "dummyData_3Dim.csv")
    result = run(plain, SMPParams())
    html = section(result, plain)
    assert not any(plot.lagging_ideals(result, k) for k in range(len(plain.issues)))
    assert "dotted" not in html
    fig = plot.trajectories(result, plain, 0, step="turn")
    assert fig.axes[0].get_xlabel() == "turn"
    text = (INPUTS / "smpExample.xml").read_text(encoding="utf-8-sig")
    restored = tmp_path / "smpExample-restored.xml"  # its one empty dCoord filled in
    restored.write_text(text.replace("<dCoord></dCoord>", "<dCoord>52.8</dCoord>", 1))
    adjusted = load(restored)
    result = run(adjusted, rng=7)
    lagging = plot.lagging_ideals(result, 0)
    assert lagging
    assert f"dotted: the ideals of {', '.join(lagging)}" in section(result, adjusted)
