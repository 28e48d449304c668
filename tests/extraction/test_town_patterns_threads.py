"""Two threads sharing one pipeline: a document never reaches the ruler before its towns.

``TownPatterns`` marks a token as looked up, then adds its patterns to the ruler.  Without a
lock, a second thread whose document has the same token saw it marked and went on to the ruler
while the first was still adding the patterns, so its town was not found (a result that
depended on timing).  Fakes stand in for spaCy: the test is about the component's own state.
"""

from __future__ import annotations

import contextlib
import threading
from types import SimpleNamespace
from typing import Any

from detente.extraction.town_patterns import TownPatterns


class SlowRuler:
    """A ruler whose ``add_patterns`` waits until the test lets it finish."""

    def __init__(self) -> None:
        self.added: list[str] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.nlp = SimpleNamespace(select_pipes=lambda **_: contextlib.nullcontext())

    def add_patterns(self, patterns: list[dict[str, str]]) -> None:
        self.entered.set()
        self.release.wait(5)
        self.added += [p["pattern"] for p in patterns]


def _doc(*words: str) -> list[Any]:
    return [SimpleNamespace(text=w) for w in words]


def test_a_second_thread_waits_for_the_patterns_its_document_needs() -> None:
    ruler = SlowRuler()
    component = TownPatterns()
    component.set_patterns(ruler, [{"label": "LOC", "pattern": "Paris", "id": "FRA"}])
    seen: list[list[str]] = []

    first = threading.Thread(target=component, args=(_doc("Paris"),))
    first.start()
    assert ruler.entered.wait(5)

    def second() -> None:
        component(_doc("in", "Paris"))
        seen.append(list(ruler.added))  # what the ruler holds when this document reaches it

    other = threading.Thread(target=second)
    other.start()
    other.join(0.3)
    ruler.release.set()
    first.join(5)
    other.join(5)
    assert seen == [["Paris"]]
