"""docs/index.md links every tutorial, how-to, reference and explanation page."""

from __future__ import annotations

import re

from helpers import REPO


def test_index_links_every_page() -> None:
    docs = REPO / "docs"
    linked = set(re.findall(r"\]\(([\w/.-]+\.md)\)", (docs / "index.md").read_text()))
    pages = {p.relative_to(docs).as_posix() for p in docs.glob("*/*.md")}
    assert pages - linked == set()
    assert linked - pages == set()
