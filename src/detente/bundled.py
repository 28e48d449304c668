"""The scenarios shipped with detente: their names, their files and a quick listing.

Kept apart from :mod:`detente.api` (which imports the readers, numpy and pydantic) so that
``detente scenarios`` lists them without loading the library: :func:`header` reads a bundled
file's title and first source without validating it (every bundled scenario is validated by the
test suite, ``tests/test_io_formats.py``).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from detente.errors import DetenteError

__all__ = ["UnknownNameError", "bundled_path", "bundled_scenarios", "header", "scenario_path"]

_BUNDLED = Path(__file__).parent / "data" / "scenarios"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnknownNameError(DetenteError, KeyError):
    """A model, scenario or game name that is not registered."""

    def __str__(self) -> str:
        return str(self.args[0])


def bundled_scenarios() -> dict[str, Path]:
    """Bundled scenario names (file stem) and their paths."""
    return {p.stem: p for p in sorted(_BUNDLED.glob("*.yaml"))}


def bundled_path(name: str) -> Path:
    """Path of a bundled scenario by name."""
    found = bundled_scenarios()
    if name not in found:
        raise UnknownNameError(f"no bundled scenario {name!r} (known: {', '.join(found)})")
    return found[name]


def scenario_path(source: str | Path) -> Path:
    """The file of ``source``: the path itself, or a bundled scenario's file by name."""
    path = Path(source)
    if not path.exists() and isinstance(source, str) and source in bundled_scenarios():
        path = bundled_path(source)
    return path


def header(path: Path) -> tuple[str, str]:
    """A scenario file's title and its first source's citation ('' when absent), unvalidated."""
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    if not isinstance(doc, dict):
        return "", ""
    sources = doc.get("sources") or [{}]
    first = sources[0] if isinstance(sources[0], dict) else {}
    return str(doc.get("title", "")), str(first.get("citation", ""))
