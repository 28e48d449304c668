"""Read a scenario file of any supported format, with the checks every format shares.

Checks before parsing: the file exists and is a regular file, is at most :data:`MAX_BYTES`, is not
empty, and is UTF-8 text (a byte-order mark is allowed).  The format comes from the extension;
``.csv`` files are told apart by their first line (the classic table's header, or KTAB's title
line); an unknown extension is sniffed (``<`` → XML, ``{`` → JSON, otherwise YAML).
"""

from __future__ import annotations

from pathlib import Path

from detente.errors import InputError, Problem
from detente.io.context import context_warnings
from detente.io.ktab import parse_ktab_csv, parse_ktab_xml
from detente.io.located import Located
from detente.io.native import build, parse_json, parse_yaml
from detente.io.table import header_problem, is_table, parse_table
from detente.scenario import Scenario

__all__ = ["MAX_BYTES", "load", "load_checked", "parse", "read_text"]

MAX_BYTES = 10 * 1024 * 1024
"""Largest scenario file accepted: 10 MB (issue #2)."""


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or InputError if it is missing, too large, empty or not UTF-8."""
    file = str(path)
    if not path.exists():
        raise InputError([Problem(file, "", "no such file")])
    if not path.is_file():
        raise InputError([Problem(file, "", "not a regular file")])
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            [
                Problem(
                    file, "", f"file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB"
                )
            ]
        )
    try:
        data = path.read_bytes()
    except OSError as exc:  # e.g. no permission to read it
        raise InputError([Problem(file, "", f"cannot read: {exc.strerror or exc}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(file, f"byte {exc.start}", "not UTF-8 text (is this a binary file?)")]
        ) from None
    if not text.strip():
        raise InputError([Problem(file, "", "file is empty")])
    if "\x00" in text:
        raise InputError([Problem(file, "", "file contains NUL bytes: not a text scenario file")])
    return text


def parse(text: str, file: str, suffix: str) -> Located:
    """Parse ``text`` by format into a native-shaped document."""
    suffix = suffix.lower()
    if suffix not in (".yaml", ".yml", ".json", ".csv", ".xml"):
        head = text.lstrip()[:1]
        suffix = {"<": ".xml", "{": ".json"}.get(head, ".yaml")
    if suffix == ".csv":
        first = text.splitlines()[0] if text else ""
        if is_table(first):
            return parse_table(text, file)
        if (problem := header_problem(first, file)) is not None:
            raise InputError([problem])
        return parse_ktab_csv(text, file)
    if suffix == ".xml":
        return parse_ktab_xml(text, file)
    if suffix == ".json":
        return parse_json(text, file)
    return parse_yaml(text, file)


def load(path: str | Path) -> Scenario:
    """Load and validate a scenario file; raise InputError listing every problem found."""
    return load_checked(path)[0]


def load_checked(path: str | Path) -> tuple[Scenario, list[Problem]]:
    """Like :func:`load`, with the warnings: things legitimate but worth a look (each located)."""
    path = Path(path)
    text = read_text(path)
    try:
        doc = parse(text, str(path), path.suffix)
        return build(doc), context_warnings(doc)
    except RecursionError:
        raise InputError([Problem(str(path), "", "nested too deeply to read")]) from None
