"""Shared fixtures: small scenarios built in code, and the shared/ folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.scenario import Scenario
from helpers import EC_TABLE, SHARED, make_scenario


@pytest.fixture
def ec() -> Scenario:
    """The EC emission-standards case, built from the published table."""
    return make_scenario(
        [[p] for _, _, p, _ in EC_TABLE],
        [[s] for _, _, _, s in EC_TABLE],
        [c for _, c, _, _ in EC_TABLE],
        bounds=[(4.0, 10.0)],
        ids=[n for n, *_ in EC_TABLE],
    )


@pytest.fixture
def shared() -> Path:
    """The shared/ folder beside the repository; skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (third-party data lives there)")
    return SHARED
