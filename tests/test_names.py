"""No public name of a package is also one of its submodules' names (issue 15, "Names").

``detente.outlook`` was both the function and a subpackage; with names imported on first use
(:mod:`detente.lazy`) whichever was imported first won, and the tutorial failed after the outlook
tests.  The subpackage is now :mod:`detente.deal_outlook`; this keeps every package clear of the
clash, and checks that importing every submodule first leaves the public names what they are.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import types

import pytest

import detente

LAZY = ("detente", "detente.games")
"""Packages whose public names are imported on first use."""


def _packages() -> list[str]:
    found = ["detente"]
    for info in pkgutil.walk_packages(detente.__path__, "detente."):
        if info.ispkg and not info.name.startswith("detente.web"):  # the web app: fastapi
            found.append(info.name)
    return found


@pytest.mark.parametrize("name", _packages())
def test_no_public_name_is_a_submodule(name: str) -> None:
    package = importlib.import_module(name)
    submodules = {m.name for m in pkgutil.iter_modules(package.__path__)}
    clash = sorted(set(getattr(package, "__all__", ())) & submodules)
    assert not clash, f"{name}: {clash} are both public names and submodules"


PROBE = """
import importlib, pkgutil, sys, types
package = importlib.import_module(sys.argv[1])
for m in pkgutil.iter_modules(package.__path__):
    importlib.import_module(f"{package.__name__}.{m.name}")
print(sorted(n for n in package.__all__ if isinstance(getattr(package, n), types.ModuleType)))
"""


@pytest.mark.parametrize("name", LAZY)
def test_submodules_imported_first_leave_public_names_alone(name: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, name], check=True, capture_output=True, text=True
    )
    assert run.stdout.strip() == "[]"


def test_lazy_names_are_the_same_objects_as_their_homes() -> None:
    import detente.deal_outlook.run
    import detente.replication

    assert detente.outlook is detente.deal_outlook.run.outlook
    assert detente.replicate is detente.replication.replicate
    assert isinstance(detente.api, types.ModuleType) and detente.run is detente.api.run
    assert set(detente.__all__) <= set(dir(detente))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = detente.nope  # type: ignore[attr-defined]
