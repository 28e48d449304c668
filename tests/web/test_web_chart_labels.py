"""The workbench's sweep chart labels actors who share a position once ('CHN/RUS'), as the report
does: it wrote each name at the same spot, so 'CHN' and 'RUS' (and JPN, IAEA, USA-CONGRESS at 100)
were printed over one another, unreadable."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.axes import Axes

from detente import load_scenario, sweep
from detente.web.views import _histogram


def test_actors_at_one_position_share_a_label(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_scenario("korea-2019-12")
    stats = sweep(s, "median", draws=20, seed=1).summary()["issues"][2]  # us_posture
    labels: list[str] = []
    real = Axes.annotate

    def record(self: Axes, text: str, *args: Any, **kwargs: Any) -> Any:
        labels.append(text)
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(Axes, "annotate", record)
    assert _histogram(s, 2, stats).startswith("<svg")
    assert "CHN/RUS" in labels and "USA-CONGRESS/JPN/IAEA" in labels
    assert len(labels) == len(set(labels)) == 5  # 8 actors at 5 positions
