"""The other side of a statement: whom the issuer's acts are aimed at when they name no one.

An official statement is one side's answer to the other ("Statement by the Government of Guyana
on the referendum held in Venezuela").  Its first-person acts often name only a thing that
belongs to the other side or concerns it: "We reject the referendum and its results", "we will
not cede one square inch of our territory", "we ask our neighbours to return to reason".  The
guideline codes the target as the owner of the thing acted on (*Targets*; C3), and in such a
statement that owner is the side the statement answers.

:func:`aim_at_counterpart` gives such acts that target: an event of the issuer, of a directed
verbal type (REJECT, REQUEST, ACCUSE, THREATEN), with no target, in a sentence that names
no other actor, targets the *counterpart*, the actor other than the issuer that the text names
most often (the first named of equals), the same choice as the target of a demand
(:meth:`~detente.extraction.collect.Collector.finish`).  Texts without an issuer (wire stories,
meeting coverage) are left as they are.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from detente.extraction.types import Extraction

__all__ = ["DIRECTED", "aim_at_counterpart", "counterpart"]

DIRECTED = frozenset(("REJECT", "REQUEST", "ACCUSE", "THREATEN"))
"""Verbal types that are aimed at someone.  SUPPORT is left out ("we thank our partners"), and so
is AGREE: a stated readiness ("we stand ready to support the process") is often aimed at no
one, and with AGREE the news development fold B fell (0.817 → 0.800)."""


def counterpart(spans: Sequence[tuple[str, str, int, int]], issuer: str) -> str:
    """The actor other than ``issuer`` named most often in ``spans`` (``""`` if none)."""
    counts = Counter(code for code, *_ in sorted(spans, key=lambda m: m[2]) if code != issuer)
    return counts.most_common(1)[0][0] if counts else ""


def aim_at_counterpart(
    x: Extraction, issuer: str, spans: Sequence[tuple[str, str, int, int]]
) -> Extraction:
    """``x`` with the issuer's untargeted directed acts aimed at the counterpart (see above)."""
    other = counterpart(spans, issuer) if issuer else ""
    if not other:
        return x
    events = []
    for e in x.events:
        start, end = e.char_span
        named = any(start <= s < end and code != issuer for code, _, s, _ in spans)
        aimed = e.source == (issuer,) and not e.target and e.plover in DIRECTED and not named
        events.append(dataclasses.replace(e, target=(other,)) if aimed else e)
    return dataclasses.replace(x, events=tuple(events))
