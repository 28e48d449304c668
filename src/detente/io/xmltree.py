"""A minimal XML element tree that keeps line numbers (the stdlib tree does not).

Built on the standard library's expat parser.  Entity declarations (``<!ENTITY>`` in a DOCTYPE)
are refused outright: KTAB files never use them, and refusing them rules out entity-expansion
("billion laughs") and external-entity attacks whatever the expat version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from detente.errors import InputError, Problem

__all__ = ["Element", "parse_xml"]


@dataclass(slots=True)
class Element:
    """An element: tag, stripped text, children and its line."""

    tag: str
    line: int
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def find(self, tag: str) -> Element | None:
        """The first child with ``tag``."""
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Element]:
        """Every child with ``tag``."""
        return [c for c in self.children if c.tag == tag]


def parse_xml(text: str, file: str) -> Element:
    """Parse XML text into Elements; a syntax error raises InputError with its line."""
    parser = expat.ParserCreate()
    stack: list[Element] = [Element("#document", 0)]

    def start(tag: str, _attrs: dict[str, str]) -> None:
        el = Element(tag, parser.CurrentLineNumber)
        stack[-1].children.append(el)
        stack.append(el)

    def end(_tag: str) -> None:
        el = stack.pop()
        el.text = el.text.strip()

    def chars(data: str) -> None:
        stack[-1].text += data

    def entity(name: str, *_args: object) -> None:
        msg = f"entity declarations are not allowed (<!ENTITY {name}>)"
        raise InputError([Problem(file, f"line {parser.CurrentLineNumber}", msg)])

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = entity
    parser.buffer_text = True
    try:
        parser.Parse(text.lstrip("\ufeff"), True)
    except expat.ExpatError as exc:
        msg = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise InputError([Problem(file, f"line {exc.lineno}", f"not valid XML: {msg}")]) from None
    root = stack[0].children
    if not root:
        raise InputError([Problem(file, "", "the XML document has no root element")])
    return root[0]
