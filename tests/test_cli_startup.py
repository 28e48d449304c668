"""Quick commands stay quick: ``--version`` loads nothing heavy; the public names load on use.

Timings are printed by ``benchmarks/cli_startup.py`` (never asserted in a test); this checks the
cause of slowness instead: which modules a command imports.
"""

from __future__ import annotations

import subprocess
import sys

import detente

PROBE = """
import sys
from detente.cli import main
try:
    main(["--version"])
except SystemExit:
    pass
heavy = [m for m in ("scipy", "pandas", "matplotlib", "typer", "pydantic", "detente.api")
         if m in sys.modules]
print("HEAVY", heavy)
"""


def test_version_imports_nothing_heavy() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
    ).stdout
    assert out.splitlines() == [f"detente {detente.__version__}", "HEAVY []"]


def test_public_names_load_on_first_use() -> None:
    assert detente.Scenario is detente.scenario.Scenario
    assert detente.run is detente.api.run and "run" in detente.__all__
    assert callable(detente.replicate) and detente.MODELS["median"].summary
    try:
        _ = detente.no_such_name
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
