"""Parameters on the command line: the flags around the one ``key=value`` grammar.

Every command reads parameters the same way (:func:`detente.params.parse_assignments` and
:func:`detente.params.typed_values`): ``key=value`` items, repeatable ``--param`` or
comma-separated in one option such as ``--negotiate USA=boulware,PRK=linear``.  Errors come back
structured (:class:`detente.params.ParamError`); this module puts the flag in front, e.g.
``--param Q=0.5: median takes no parameters``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TypeVar

from detente.errors import DetenteError
from detente.params import ParamError, build_params, parse_assignments, typed_values

__all__ = [
    "param_error_line",
    "param_errors",
    "params_from_text",
    "parse_assignments",
    "split_items",
    "typed_values",
]

P = TypeVar("P")


def split_items(text: str) -> list[str]:
    """``"a=1, b=2"`` → ``["a=1", "b=2"]`` (empty items dropped)."""
    return [item for item in (part.strip() for part in text.split(",")) if item]


def param_error_line(exc: ParamError, flag: str = "--param") -> str:
    """One line naming the flag: ``--param Q=0.5: median takes no parameters``."""
    if exc.name is None:
        shown = f" {exc.value!r}" if isinstance(exc.value, str) else ""
        return f"{flag}{shown}: {exc.detail()}"
    value = exc.value if isinstance(exc.value, str) else repr(exc.value)
    return f"{flag} {exc.name}={value}: {exc.detail()}"


@contextlib.contextmanager
def param_errors(flag: str = "--param") -> Iterator[None]:
    """Turn a :class:`ParamError` raised inside into a one-line error naming ``flag``."""
    try:
        yield
    except ParamError as exc:
        raise DetenteError(param_error_line(exc, flag)) from None


def params_from_text(
    cls: type[P], items: Sequence[str], *, owner: str = "", flag: str = "--param"
) -> P:
    """Params ``cls`` from ``key=value`` items: the whole command-line path in one call."""
    with param_errors(flag):
        return build_params(cls, typed_values(cls, parse_assignments(items)), owner=owner)
