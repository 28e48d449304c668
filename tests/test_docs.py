"""Every citation key used in code, the registry or the game catalog is in the bibliography."""

from __future__ import annotations

import re

from detente.games.catalog import CATALOG
from detente.models import MODELS
from helpers import REPO

KEY = re.compile(r"\[([A-Z][A-Za-z-]+\d{4}[a-z]?)\]")


def test_bibliography_has_every_cited_key() -> None:
    bib = (REPO / "docs" / "reference" / "bibliography.md").read_text(encoding="utf-8")
    keys = {k for spec in MODELS.values() for k in spec.citations}
    keys |= {k for entry in CATALOG.values() for k in entry.citations}
    for path in (REPO / "src" / "detente").rglob("*.py"):
        keys |= set(KEY.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in keys if k not in bib)
    assert not missing, f"cited but not in docs/reference/bibliography.md: {missing}"
    assert len(keys) > 20
