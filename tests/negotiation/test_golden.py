"""Golden traces: a canonical negotiation per registered strategy (STYLE rule 16).

The checked-in texts under ``tests/golden/negotiation/`` must match a fresh run.  After an
intended behaviour change, regenerate them with ``.venv/bin/python scripts/regen_golden.py`` and
review the diff.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from detente.negotiation import STRATEGIES

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "regen_golden.py"
_spec = importlib.util.spec_from_file_location("regen_golden", SCRIPT)
assert _spec is not None and _spec.loader is not None
REGEN = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = REGEN  # dataclasses look their module up while it executes
_spec.loader.exec_module(REGEN)


def test_every_strategy_has_a_golden_trace() -> None:
    assert {c.strategy for c in REGEN.NEGOTIATION_CASES} >= set(STRATEGIES)


@pytest.mark.parametrize("case", REGEN.NEGOTIATION_CASES, ids=lambda c: c.path.stem)
def test_golden_trace(case) -> None:
    expected = case.path.read_text(encoding="utf-8")
    assert case.render() == expected, f"rerun scripts/regen_golden.py and review {case.path}"
