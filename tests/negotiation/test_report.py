from __future__ import annotations

import pytest

from detente.negotiation import NegotiationParams, run

pytest.importorskip("matplotlib")


def test_section_draws_the_trace_as_inline_svg(korea_like) -> None:
    from detente.reports.negotiation import section

    for params in (NegotiationParams(), NegotiationParams(protocol="mediated", deadline=20)):
        r = run(korea_like, ["USA", "PRK"], ["linear", "boulware"], params, rng=0)
        text = section(r)
        assert text.startswith('<section class="negotiation">') and "<svg" in text
        assert "Kalai" in text and r.provenance.scenario_sha256[:12] in text


def test_section_without_agreement(korea_like) -> None:
    from detente.reports.negotiation import section

    r = run(
        korea_like, ["USA", "PRK"], ["hardliner", "hardliner"], NegotiationParams(deadline=4), rng=0
    )
    assert "No agreement" in section(r)
