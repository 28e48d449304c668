"""Public names of a package imported on first use (PEP 562), for quick start-up.

A package's ``__init__`` maps each public name to the module that defines it and installs the
two functions :func:`lazy_names` returns as its module ``__getattr__`` and ``__dir__``::

    __getattr__, __dir__ = lazy_names(__name__, {"run": "detente.api", ...})

``import detente`` then costs nothing beyond the package itself, and ``detente --version``,
``--help``, ``models`` and ``scenarios`` import only what they use.  A name is imported once and
kept in the package's namespace.  No public name may also be a submodule's name: importing the
submodule would set the package attribute to the module, so what ``package.NAME`` is would
depend on what was imported first (``tests/test_names.py`` checks every package).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose names live in ``homes``."""

    def get_attribute(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        setattr(sys.modules[package], name, value)
        return value

    def names() -> list[str]:
        return sorted({*vars(sys.modules[package]), *homes})

    return get_attribute, names
