"""Model parameters from the command line: ``key=value`` strings to a frozen Params dataclass.

Every model has a frozen ``Params`` dataclass whose fields carry defaults with their sources.  A
Params class may define ``PRESETS: dict[str, dict[str, object]]``; ``preset=NAME`` then starts from
that preset and the other keys override it.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from detente.errors import DetenteError

__all__ = ["ParamError", "params_as_dict", "params_from_strings", "parse_assignments"]

P = TypeVar("P")


class ParamError(DetenteError, ValueError):
    """A parameter name or value the model does not accept."""


def parse_assignments(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["a=1", "b=x"]`` → ``{"a": "1", "b": "x"}``; a malformed item raises ParamError."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParamError(f"--param {item!r}: expected key=value")
        out[key.strip()] = value.strip()
    return out


def _convert(name: str, text: str, kind: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin is Literal:
        choices = typing.get_args(kind)
        for c in choices:
            if str(c) == text:
                return c
        raise ParamError(f"parameter {name}: {text!r} is not one of {', '.join(map(str, choices))}")
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if text.lower() in ("none", "null", ""):
            return None
        return _convert(name, text, args[0])
    try:
        if kind is bool:
            if text.lower() in ("1", "true", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if kind is int:
            return int(text)
        if kind is float:
            value = float(text)
            if not math.isfinite(value):
                raise ValueError(text)
            return value
    except ValueError:
        raise ParamError(f"parameter {name}: {text!r} is not a valid {kind.__name__}") from None
    return text


def params_from_strings(cls: type[P], raw: Mapping[str, str]) -> P:
    """Build ``cls`` from string values, starting from ``preset`` if given."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    raw = dict(raw)
    presets: Mapping[str, Mapping[str, Any]] = getattr(cls, "PRESETS", {})
    if "preset" in raw and "preset" not in names:
        preset = raw.pop("preset")
        if preset not in presets:
            known = ", ".join(presets) or "none"
            raise ParamError(f"unknown preset {preset!r} (known: {known})")
        values.update(presets[preset])
    for key, text in raw.items():
        if key not in names:
            raise ParamError(f"unknown parameter {key!r} (known: {', '.join(names)})")
        values[key] = _convert(key, text, hints[key])
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise ParamError(str(exc)) from None


def params_as_dict(params: Any) -> dict[str, Any]:
    """A Params dataclass as a plain dict (for provenance and JSON)."""
    return dataclasses.asdict(params)
