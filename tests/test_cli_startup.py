"""Quick commands stay quick: each imports only what it uses (issue 15, "A quick command line").

Timings are printed by ``benchmarks/cli_startup.py`` (never asserted in a test); this checks the
cause of slowness instead: which modules a command imports, in a fresh process.
``--version`` loads neither typer nor the commands; ``--help``, ``models`` and ``scenarios`` load
the commands but none of the heavy libraries (scipy, pandas, matplotlib, SALib, SQLAlchemy) nor
the parts of detente built on them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import detente

PROBE = """
import json, sys
from detente.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""

HEAVY = (
    "scipy",
    "pandas",
    "matplotlib",
    "SALib",
    "sqlalchemy",
    "pyarrow",
    "sklearn",
    "detente.experiments",
    "detente.negotiation",
    "detente.games.qre",
    "detente.deal_outlook",
    "detente.backtest",
    "detente.reports",
    "detente.store",
    "detente.extraction",
)
"""Never imported by a quick command: heavy libraries and the parts of detente that use them."""


def _modules(*args: str) -> set[str]:
    """The modules ``detente ARGS`` has imported when it ends (it runs in a fresh process)."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args], check=True, capture_output=True, text=True
    )
    return set(json.loads(run.stderr.splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(m == n or m.startswith(f"{n}.") for m in modules))


def test_version_imports_nothing_heavy() -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, "--version"], check=True, capture_output=True, text=True
    )
    assert run.stdout == f"detente {detente.__version__}\n"
    loaded = set(json.loads(run.stderr))
    assert _loaded(loaded, ("numpy", "typer", "rich", "detente.cli.app", *HEAVY)) == []


@pytest.mark.parametrize("args", [["--help"], ["models"], ["scenarios"], ["game", "--help"]])
def test_quick_commands_import_nothing_heavy(args: list[str]) -> None:
    modules = _modules(*args)
    assert "detente.cli.app" in modules  # the probe did run the command
    assert _loaded(modules, HEAVY) == []


def test_help_and_scenarios_skip_the_readers() -> None:
    library = ("numpy", "detente.io", "detente.api", "detente.models")
    for args in (["--help"], ["scenarios"]):
        assert _loaded(_modules(*args), library) == []


def test_outlook_stays_the_function() -> None:
    import detente.deal_outlook.run

    assert callable(detente.outlook) and detente.run is detente.api.run
