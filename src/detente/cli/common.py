"""Helpers shared by the command modules: error exit, JSON output, safe file writing."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

from detente.errors import DetenteError, InputError

__all__ = ["fail", "write_new_file"]


def fail(exc: DetenteError | str) -> NoReturn:
    """Print a user error as one line per problem on stderr and exit with code 2."""
    lines = [str(p) for p in exc.problems] if isinstance(exc, InputError) else [str(exc)]
    for line in lines:
        sys.stderr.write(f"error: {line}\n")
    raise SystemExit(2)


def write_new_file(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; refuse to replace an existing file unless asked."""
    if path.exists() and not overwrite:
        fail(f"{path}: already exists; choose another name or pass --force")
    if not path.parent.exists():
        fail(f"{path}: folder {path.parent} does not exist")
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
