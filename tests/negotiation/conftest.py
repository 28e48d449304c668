from __future__ import annotations

import pytest

from detente.scenario import Actor, Issue, NegotiationSetup, PartyValue, Scenario, Stance

ISSUES = ("sequencing", "denuclearization", "us_posture")


def make_scenario(
    positions: dict[str, tuple[float, ...]],
    saliences: dict[str, tuple[float, ...]],
    status_quo: tuple[float | None, ...] = (50.0, 50.0, 50.0),
    negotiation: dict[str, dict[str, object]] | None = None,
    issues: tuple[str, ...] = ISSUES,
) -> Scenario:
    """A scenario; ``negotiation`` is ``{"reservation"|"discount": {actor: number or outcome}}``."""
    return Scenario(
        id="fixture",
        title="fixture",
        issues=tuple(
            Issue(id=i, label=i, low=0.0, high=100.0, status_quo=q)
            for i, q in zip(issues, status_quo, strict=True)
        ),
        actors=tuple(
            Actor(
                id=a,
                name=a,
                capability=1.0,
                stances=tuple(
                    Stance(issue=i, position=x, salience=s)
                    for i, x, s in zip(issues, pos, saliences[a], strict=True)
                ),
            )
            for a, pos in positions.items()
        ),
        negotiation=None if negotiation is None else setup(**negotiation),
    )


def _value(actor: str, x: object) -> PartyValue:
    if isinstance(x, dict):
        return PartyValue(actor, outcome=x)
    assert isinstance(x, (int, float))
    return PartyValue(actor, float(x))


def setup(
    reservation: dict[str, object] | None = None,
    discount: dict[str, object] | None = None,
    parties: tuple[str, ...] = (),
) -> NegotiationSetup:
    """The ``negotiation:`` section of a fixture."""
    return NegotiationSetup(
        parties=parties,
        reservation=tuple(_value(a, x) for a, x in (reservation or {}).items()),
        discount=tuple(_value(a, x) for a, x in (discount or {}).items()),
    )


@pytest.fixture
def korea_like() -> Scenario:
    """Three issues, two parties with opposed positions and different saliences."""
    return make_scenario(
        {"USA": (90.0, 95.0, 70.0), "PRK": (10.0, 5.0, 10.0)},
        {"USA": (60.0, 90.0, 30.0), "PRK": (80.0, 30.0, 70.0)},
        status_quo=(80.0, 20.0, 80.0),
    )
