"""What the extractor codes in a sentence of our own, for the rule tests of ``tests/extraction``."""

from __future__ import annotations

import datetime as dt

Coded = tuple[str, tuple[str, ...], tuple[str, ...]]


def coded(text: str, day: dt.date, issuer: str | None = None) -> list[Coded]:
    """(type, source codes, target codes) of each event :func:`extract` finds, in text order."""
    from detente.extraction import extract

    return [(e.plover, e.source, e.target) for e in extract(text, day, issuer=issuer).events]
