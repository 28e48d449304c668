from __future__ import annotations

import pytest

from detente.scenario import Actor, Issue, Scenario, Stance

ISSUES = ("sequencing", "denuclearization", "us_posture")


def make_scenario(
    positions: dict[str, tuple[float, ...]],
    saliences: dict[str, tuple[float, ...]],
    status_quo: tuple[float | None, ...] = (50.0, 50.0, 50.0),
    extra: dict[str, object] | None = None,
    issues: tuple[str, ...] = ISSUES,
) -> Scenario:
    return Scenario(
        id="fixture",
        title="fixture",
        issues=tuple(
            Issue(i, i, 0.0, 100.0, status_quo=q) for i, q in zip(issues, status_quo, strict=True)
        ),
        actors=tuple(
            Actor(
                a,
                a,
                1.0,
                tuple(Stance(i, x, s) for i, x, s in zip(issues, pos, saliences[a], strict=True)),
            )
            for a, pos in positions.items()
        ),
        extra=extra or {},
    )


@pytest.fixture
def korea_like() -> Scenario:
    """Three issues, two parties with opposed positions and different saliences."""
    return make_scenario(
        {"USA": (90.0, 95.0, 70.0), "PRK": (10.0, 5.0, 10.0)},
        {"USA": (60.0, 90.0, 30.0), "PRK": (80.0, 30.0, 70.0)},
        status_quo=(80.0, 20.0, 80.0),
    )
