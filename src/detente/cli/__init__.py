"""The ``detente`` command line: a thin adapter over the public API.

:func:`main` is the console script.  ``detente --version`` is answered before anything else is
imported; every other command loads the application (:mod:`detente.cli.app`) and runs it.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from detente import __version__

        sys.stdout.write(f"detente {__version__}\n")
        raise SystemExit(0)
    from detente.cli.app import main as run_app

    run_app(argv)
