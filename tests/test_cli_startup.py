"""Quick commands stay quick: ``--version`` loads neither typer nor the commands nor matplotlib.

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
heavy = [m for m in ("matplotlib", "typer", "rich", "detente.cli.app") if m in sys.modules]
print("HEAVY", heavy)
"""


def test_version_imports_nothing_heavy() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
    ).stdout
    assert out.splitlines() == [f"detente {detente.__version__}", "HEAVY []"]


def test_outlook_stays_the_function() -> None:
    import detente.outlook.run

    assert callable(detente.outlook) and detente.run is detente.api.run
