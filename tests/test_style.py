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
