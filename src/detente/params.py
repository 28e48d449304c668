"""Model parameters as Python values: a mapping checked against a frozen Params dataclass.

Every model has a frozen ``Params`` dataclass whose fields carry defaults with their sources.
:func:`build_params` builds one from a mapping of Python values (``{"rounds": 8}``,
``{"Q": 0.5, "T": None}``), checking each value against the field's type: a whole float such as
``8.0`` is accepted for an integer field, a value of the wrong kind is a :class:`ParamError`.  A
Params class may define ``PRESETS: dict[str, dict[str, object]]``; the key ``preset`` then starts
from that preset and the other keys override it.

Text has one grammar, for the command line and for labels such as ``bdm:preset=canonical``:
``key=value`` items (:func:`parse_assignments`; keys and values stripped, the first ``=``
separates them), each value read by the type of the field it sets (:func:`typed_values`):
``true/false/yes/no/on/off/1/0`` for a flag, ``none``/``null``/empty for an optional value, a
number for a number, a listed word for a choice.  Python callers never go through text.  Errors
are structured (parameter name, value, allowed values) so that the command line can name its own
flags (:mod:`detente.cli.params`).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from detente.errors import SettingError

__all__ = [
    "ParamError",
    "build_params",
    "check_value",
    "field_types",
    "params_as_dict",
    "params_from_strings",
    "parse_assignments",
    "parse_pairs",
    "recorded_params",
    "split_items",
    "typed_values",
]

P = TypeVar("P")


class ParamError(SettingError):
    """A parameter name or value that is not accepted, with its parts kept apart.

    A :class:`~detente.errors.SettingError` (the same parts: ``reason``, ``value``, ``allowed``)
    whose setting is a model's or a strategy's parameter, ``name`` (None when the problem is not
    one parameter's).  Parameters are set as ``key=value`` items (``--param`` on the command line),
    so it spells itself as ``parameter name=value: reason (allowed: …)``, never by a flag of its
    own; the command line and the workbench put their label in front (:meth:`labelled`).
    """

    def __init__(
        self,
        reason: str,
        *,
        name: str | None = None,
        value: Any = None,
        allowed: tuple[str, ...] = (),
    ) -> None:
        super().__init__(reason, setting=name, value=value, allowed=allowed)

    @property
    def name(self) -> str | None:
        """The parameter (the setting's name)."""
        return self.setting

    def __str__(self) -> str:
        if self.name is None:
            return self.detail()
        return f"parameter {self.name}={_show(self.value)}: {self.detail()}"

    def labelled(self, label: str | Callable[[str], str] | None = None) -> str:
        """One line after the caller's label: ``--param Q=0.5: median takes no parameters``.

        A settings' speller (what :meth:`SettingError.labelled` takes) or None gives ``str()``:
        a parameter has no flag or field of its own.
        """
        if not isinstance(label, str):
            return str(self)
        if self.name is None:
            shown = f" {self.value!r}" if isinstance(self.value, str) else ""
            return f"{label}{shown}: {self.detail()}"
        return f"{label} {self.name}={_show(self.value)}: {self.detail()}"

    def _parts(self) -> dict[str, Any]:  # pickling (SettingError.__reduce__) rebuilds by name
        return {"name": self.name, "value": self.value, "allowed": self.allowed}


def _show(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


def field_types(cls: type) -> dict[str, Any]:
    """Field name → type hint of a Params dataclass, in field order."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _is_union(kind: Any) -> bool:
    return typing.get_origin(kind) in (typing.Union, types.UnionType)


def _is_bool(value: Any) -> bool:
    """A bool, numpy's too (numpy is not imported here: the command line starts without it)."""
    np = sys.modules.get("numpy")  # not imported yet: no value can be a numpy bool
    return isinstance(value, bool) or (np is not None and isinstance(value, np.bool_))


def _is_number(value: Any) -> bool:
    """A finite real number (numpy's too, which register as :class:`numbers.Real`), not a bool."""
    if _is_bool(value) or not isinstance(value, numbers.Real):
        return False
    return math.isfinite(value)


def check_value(name: str, value: Any, kind: Any) -> Any:
    """``value`` as a value of type ``kind`` (int from a whole float); ParamError if it is not."""
    origin = typing.get_origin(kind)
    if origin is Literal:
        choices = typing.get_args(kind)
        if isinstance(value, str) and value in choices:
            return value
        allowed = tuple(str(c) for c in choices)
        raise ParamError("is not an allowed value", name=name, value=value, allowed=allowed)
    if _is_union(kind):
        if value is None and type(None) in typing.get_args(kind):
            return None
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return check_value(name, value, options[0])
    if origin is tuple and isinstance(value, (list, tuple)):
        return tuple(value)
    if kind is bool and _is_bool(value):
        return bool(value)
    if kind in (int, float) and _is_number(value):
        if kind is float:
            return float(value)
        if float(value).is_integer():
            return int(value)
    reasons = {bool: "must be true or false", int: "must be a whole number"}
    if kind in (bool, int, float):
        reason = reasons.get(kind, "must be a finite number")
        if isinstance(value, str):  # Python values here; text is read at the command line
            reason += f", not the text {value!r}"
        raise ParamError(reason, name=name, value=value)
    if kind is str and not isinstance(value, str):
        raise ParamError("must be text", name=name, value=value)
    return value


def build_params(cls: type[P], values: Mapping[str, Any] | None = None, *, owner: str = "") -> P:
    """Build Params ``cls`` from Python values, starting from ``values["preset"]`` if given.

    ``owner`` (e.g. the model name) only words the errors.  Raises :class:`ParamError` for an
    unknown name or preset, a value of the wrong type, or a value the class itself rejects.
    """
    kinds = field_types(cls)
    given = dict(values or {})
    chosen: dict[str, Any] = {}
    presets: Mapping[str, Mapping[str, Any]] = getattr(cls, "PRESETS", {})
    if "preset" in given and "preset" not in kinds:
        preset = given.pop("preset")
        if preset not in presets:
            raise ParamError("no such preset", name="preset", value=preset, allowed=tuple(presets))
        chosen.update(presets[preset])
    for key, value in given.items():
        if key not in kinds:
            if not kinds:
                raise ParamError(f"{owner or 'this'} takes no parameters", name=key, value=value)
            reason = f"{owner} has no such parameter" if owner else "no such parameter"
            raise ParamError(reason, name=key, value=value, allowed=tuple(kinds))
        chosen[key] = check_value(key, value, kinds[key])
    try:
        return cls(**chosen)
    except (TypeError, ValueError) as exc:
        raise ParamError(f"{owner + ': ' if owner else ''}{exc}") from None


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=x"]`` → ``{"a": "1", "b": "x"}``; a malformed item raises ParamError.

    Keys and values are stripped; the first ``=`` separates them.  A key given twice is an
    error, not the last value silently winning (``rounds=8 rounds=9`` is a slip, not a choice).
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not key:
            raise ParamError("expected key=value", value=item)
        if key in out:
            raise ParamError(f"{key} is given twice ({key}={out[key]} too)", name=key, value=value)
        out[key] = value
    return out


def split_items(text: str) -> list[str]:
    """``"a=1, b=2"`` → ``["a=1", "b=2"]`` (empty items dropped)."""
    return [item for item in (part.strip() for part in text.split(",")) if item]


def parse_pairs(items: Sequence[str], form: str = "key=value") -> dict[str, str]:
    """``["USA=boulware"]`` → ``{"USA": "boulware"}``, every value given.

    As :func:`parse_assignments`; ``form`` words the error (e.g. ``PARTY=NAME``).
    """
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ParamError(f"expected {form}", value=item)
    return parse_assignments(items)


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


def params_from_strings(cls: type[P], raw: Mapping[str, str], *, owner: str = "") -> P:
    """Params ``cls`` from text values (:func:`typed_values`, then :func:`build_params`)."""
    return build_params(cls, typed_values(cls, raw), owner=owner)


def params_as_dict(params: Any) -> dict[str, Any]:
    """A Params dataclass as a plain dict (for provenance and JSON)."""
    return dataclasses.asdict(params)


def recorded_params(params: Any, scenario: Any) -> dict[str, Any]:
    """The parameters a run on ``scenario`` records, as plain data.

    :func:`params_as_dict` after the Params' own ``resolve(scenario)`` where it has one (SMP's
    ``"auto"`` settings, taken from the file or KTAB's defaults), so that a sweep, a sensitivity
    analysis or a lever search records what a run of the same model does.
    """
    resolve = getattr(params, "resolve", None)
    return params_as_dict(resolve(scenario) if callable(resolve) else params)
