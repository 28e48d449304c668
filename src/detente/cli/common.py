"""Helpers shared by the command modules: error exit, machine output, safe file writing.

Machine output (every ``--json`` document, every file a command prints such as ``game show``'s
``.efg`` text) goes through :func:`emit`, straight to ``sys.stdout``: never through a rich
``Console``, which wraps long lines (inside JSON strings too) when stdout is not a terminal.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console

from detente.cli.progress import progress_bar
from detente.errors import DetenteError, InputError

__all__ = [
    "Out",
    "check_new_file",
    "check_seed",
    "emit",
    "fail",
    "fmt_value",
    "progress_bar",
    "seed_text",
    "write_new_file",
]


def fail(exc: DetenteError | str) -> NoReturn:
    """Print a user error as one line per problem on stderr and exit with code 2."""
    lines = [str(p) for p in exc.problems] if isinstance(exc, InputError) else [str(exc)]
    for line in lines:
        sys.stderr.write(f"error: {line}\n")
    raise SystemExit(2)


def emit(text: str | Iterable[str]) -> None:
    """Write machine output to stdout unchanged, ending in one newline; chunks are streamed.

    A reader that closes the pipe early (``detente ... --json | head``) ends the command quietly.
    """
    chunks = [text] if isinstance(text, str) else text
    last = ""
    try:
        for chunk in chunks:
            if chunk:
                sys.stdout.write(chunk)
                last = chunk
        if not last.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_left()


class Out(Console):
    """The rich console for tables and lines on stdout.

    A reader that closes the pipe early (``detente game list | head -3``) ends the command quietly
    with exit code 0, as :func:`emit` does (rich's own default exits 1 without a word).
    """

    def on_broken_pipe(self) -> None:
        """Stop writing and exit 0: the reader has all it wanted."""
        self.quiet = True
        _reader_left()


def _reader_left() -> NoReturn:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
    raise SystemExit(0) from None


def fmt_value(value: Any, spec: str = ".2f") -> str:
    """A number for a table cell, ``–`` when there is none (``fmt_value(0.5, ".0%")`` → ``50%``)."""
    return "–" if value is None else format(value, spec)


def seed_text(seed: int | None) -> str:
    """``seed 42``, or ``no seed (nothing drawn)`` for a run that drew no random numbers."""
    return "no seed (nothing drawn)" if seed is None else f"seed {seed}"


def check_seed(seed: int | None) -> int | None:
    """``seed`` unchanged if it is None or a non-negative integer; otherwise a one-line error."""
    if seed is not None and seed < 0:
        raise DetenteError(f"--seed {seed}: a seed must be a non-negative integer")
    return seed


def check_new_file(path: Path, *, overwrite: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Exit with a one-line error unless :func:`write_new_file` may write ``path``."""
    if path.is_dir():
        fail(f"{path}: is a folder; give a file name")
    if path.exists() and any(_same(path, p) for p in inputs):
        fail(f"{path}: is an input of this command; choose another output file")
    if path.exists() and not overwrite:
        fail(f"{path}: already exists; choose another name or pass --force")
    if not path.parent.exists():
        fail(f"{path}: folder {path.parent} does not exist")


def write_new_file(
    path: Path, text: str, *, overwrite: bool = False, inputs: tuple[Path, ...] = ()
) -> None:
    """Write ``text`` to ``path`` atomically; refuse to replace an existing file unless asked.

    Never replaces a folder, nor one of ``inputs`` (the files the command reads), even with
    ``overwrite``.
    """
    check_new_file(path, overwrite=overwrite, inputs=inputs)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.resolve() == b.resolve()
    except OSError:
        return False
