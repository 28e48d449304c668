from __future__ import annotations

import pytest

from detente.games import sweep

pytest.importorskip("matplotlib")


def test_section_has_inline_svg_and_table() -> None:
    from detente.reports.games import section

    s = sweep("deterrence", "p_hard", [0.2, 0.5, 0.8], lam=5.0)
    out = section(s)
    assert out.startswith('<section class="games">') and "<svg" in out
    assert out.count("<tr>") == 4 and "Status quo QRE" in out
    assert "http" not in out.split("<svg", 1)[0]
