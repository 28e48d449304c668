"""The formatter formats all of the package: no ``# fmt: skip`` or ``# fmt: off`` islands."""

from __future__ import annotations

import re

from helpers import REPO

ISLAND = re.compile(r"#\s*fmt:\s*(skip|off)\b")


def test_no_formatter_islands_in_the_package() -> None:
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted((REPO / "src" / "detente").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ISLAND.search(line)
    ]
    assert not found, "format these with ruff format instead: " + ", ".join(found)


def test_wide_result_records_are_built_by_keyword() -> None:
    import dataclasses

    from detente.backtest import Backtest
    from detente.deal_outlook.run import Outlook
    from detente.experiments.lever_result import LeversResult
    from detente.experiments.result import SweepResult
    from detente.games.sweeps import Sweep
    from detente.result import Provenance, Result, Round

    for cls in (Backtest, Outlook, LeversResult, SweepResult, Sweep, Provenance, Result, Round):
        assert all(f.kw_only for f in dataclasses.fields(cls)), cls.__name__
