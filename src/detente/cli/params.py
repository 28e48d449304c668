"""The command line's one ``key=value`` grammar, and text → Python values by a Params class.

Every command reads parameters the same way: ``key=value`` items (repeatable ``--param``, or
comma-separated in one option such as ``--negotiate USA=boulware,PRK=linear``); the key and the
value are stripped of surrounding spaces and the first ``=`` separates them.  Values are then read
by the type of the Params field they set (:func:`typed_values`): ``true/false/yes/no/on/off/1/0``
for a flag, ``none``/``null``/empty for an optional value, a number for a number, a listed word
for a choice.  The library sees only Python values (:func:`detente.params.build_params`).
"""

from __future__ import annotations

import contextlib
import math
import typing
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, TypeVar

from detente.errors import DetenteError
from detente.params import ParamError, build_params, field_types

__all__ = [
    "param_error_line",
    "param_errors",
    "params_from_text",
    "parse_assignments",
    "split_items",
    "typed_values",
]

P = TypeVar("P")

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def split_items(text: str) -> list[str]:
    """``"a=1, b=2"`` → ``["a=1", "b=2"]`` (empty items dropped)."""
    return [item for item in (part.strip() for part in text.split(",")) if item]


def parse_assignments(items: Sequence[str], flag: str = "--param") -> dict[str, str]:
    """``["a=1", "b=x"]`` → ``{"a": "1", "b": "x"}``; a malformed item is a one-line error."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise DetenteError(f"{flag} {item!r}: expected key=value")
        out[key.strip()] = value.strip()
    return out


def _text_value(name: str, text: str, kind: Any) -> Any:
    """``text`` read as a value of type ``kind`` (a choice stays text: the library checks it)."""
    origin = typing.get_origin(kind)
    if origin is Literal:
        return text
    if origin is not None and type(None) in typing.get_args(kind):
        if text.lower() in ("none", "null", ""):
            return None
        return _text_value(
            name, text, next(a for a in typing.get_args(kind) if a is not type(None))
        )
    if kind is bool:
        if text.lower() in _TRUE + _FALSE:
            return text.lower() in _TRUE
        raise ParamError("must be true or false", name=name, value=text)
    if kind in (int, float):
        try:
            value = float(text) if kind is float else int(text)
        except ValueError:
            kind_word = "a whole number" if kind is int else "a finite number"
            raise ParamError(f"must be {kind_word}", name=name, value=text) from None
        if not math.isfinite(value):
            raise ParamError("must be a finite number", name=name, value=text)
        return value
    return text


def typed_values(cls: type, raw: Mapping[str, str]) -> dict[str, Any]:
    """Text values → Python values by the field types of ``cls`` (other keys stay text)."""
    kinds = field_types(cls)
    return {k: _text_value(k, v, kinds[k]) if k in kinds else v for k, v in raw.items()}


def param_error_line(exc: ParamError, flag: str = "--param") -> str:
    """One line naming the flag: ``--param Q=0.5: median takes no parameters``."""
    if exc.name is None:
        return f"{flag}: {exc.detail()}"
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
        return build_params(cls, typed_values(cls, parse_assignments(items, flag)), owner=owner)
