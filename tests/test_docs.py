"""Every citation key used in code, the registry or the game catalog is in the bibliography."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

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


SPEC = re.compile(r"specs/[\w-]+\.md|\.\./shared/|\bshared/specs\b|\bthe spec\b|\bspec §")


def test_docs_stand_alone() -> None:
    """No user-facing text sends the reader to spec files that ship only in the shared folder."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    pages += sorted((REPO / "src" / "detente").rglob("*.py"))
    pages += sorted((REPO / "src" / "detente").rglob("*.yaml"))
    cited = [
        f"{path.relative_to(REPO)}:{n}: {line.strip()}"
        for path in pages
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SPEC.search(line)
    ]
    assert not cited, "\n".join(cited)


def _xfail_reasons(path: Path) -> list[str]:
    """The constant ``reason=`` texts of the ``xfail`` marks in one test file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        kw.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("xfail")
        for kw in node.keywords
        if kw.arg == "reason" and isinstance(kw.value, ast.Constant)
    ]


def test_xfail_reasons_stand_alone() -> None:
    """A known deviation says why in its own words (it is printed in every test run)."""
    found = [
        f"{path.relative_to(REPO)}: {reason}"
        for path in sorted((REPO / "tests").rglob("test_*.py"))
        for reason in _xfail_reasons(path)
        if SPEC.search(reason)
    ]
    assert not found, "\n".join(found)
    assert _xfail_reasons(REPO / "tests" / "models" / "test_smp_ktab.py")  # the parse finds them


HEADING = re.compile(r"^(#{1,6}) (.+)$")


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(line number, level, title) of each Markdown heading outside fenced code."""
    out, fenced = [], False
    for n, line in enumerate(text.splitlines(), start=1):
        fenced ^= line.startswith("```")
        match = None if fenced else HEADING.match(line)
        if match:
            out.append((n, len(match.group(1)), match.group(2).strip()))
    return out


def test_no_page_has_a_twice_numbered_or_empty_section() -> None:
    """A merge left '2.10 Validation rules at a glance' empty above '2.10 Uncertainty'."""
    found = []
    for path in [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        heads = _headings(text)
        lines = text.splitlines()
        numbers = [
            t.split()[0] for _, _, t in heads if re.fullmatch(r"\d+(\.\d+)*\w?", t.split()[0])
        ]
        found += [
            f"{path.name}: section {x} twice" for x in sorted(set(numbers)) if numbers.count(x) > 1
        ]
        for (n, level, title), (m, next_level, _) in itertools.pairwise(heads):
            body = "".join(lines[n : m - 1]).strip()
            if not body and next_level <= level:
                found.append(f"{path.name}:{n}: '{title}' is empty")
    assert not found, "\n".join(found)


def test_every_page_with_python_examples_is_doctested() -> None:
    """docs/explanation's examples (negotiation, BDM, decision rules) never ran in the suite."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    run = [REPO / p for p in config["tool"]["pytest"]["ini_options"]["testpaths"]]
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    with_examples = [p for p in pages if ">>> " in p.read_text(encoding="utf-8")]
    assert with_examples
    missed = [
        str(p.relative_to(REPO)) for p in with_examples if not any(d in p.parents for d in run)
    ]
    assert not missed, f"add their folders to testpaths in pyproject.toml: {missed}"
