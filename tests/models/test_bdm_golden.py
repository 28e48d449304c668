"""The checked-in golden traces of the EC case (tests/golden/bdm/) match a fresh run.

Regenerate with ``.venv/bin/python scripts/regen_golden.py`` and review the diff.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "regen_golden.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regen_golden", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


REGEN = load_script()
BDM_CASES = [c for c in REGEN.CASES if c.model == "bdm"]


def test_both_presets_have_a_trace() -> None:
    assert {c.params["preset"] for c in BDM_CASES} == {"canonical", "scholz-code"}


@pytest.mark.parametrize("case", BDM_CASES, ids=lambda c: c.name)
def test_golden_trace(case) -> None:
    expected = case.path.read_text(encoding="utf-8")
    assert REGEN.render(case) == expected, f"rerun scripts/regen_golden.py and review {case.path}"
