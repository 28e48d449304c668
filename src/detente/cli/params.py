"""Parameters on the command line: the flags around the one ``key=value`` grammar.

Every command reads parameters the same way (:func:`detente.params.parse_assignments` and
:func:`detente.params.typed_values`): ``key=value`` items, repeatable ``--param`` or
comma-separated in one option such as ``--negotiate USA=boulware,PRK=linear``.  Errors come back
structured (:class:`detente.params.ParamError`); this module puts the flag in front, e.g.
``--param Q=0.5: median takes no parameters``.  Likewise a
:class:`detente.errors.SettingError` names a library setting (``split``, ``lam``) and
:func:`setting_error_line` spells it as the flag that sets it (``--split``, ``--lambda``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from detente.errors import DetenteError, SettingError
from detente.params import (
    ParamError,
    build_params,
    parse_assignments,
    parse_pairs,
    split_items,
    typed_values,
)

if TYPE_CHECKING:
    from detente.negotiation import Strategy

__all__ = [
    "FLAGS",
    "flag",
    "param_error_line",
    "param_errors",
    "params_from_text",
    "parse_assignments",
    "parse_models",
    "parse_pairs",
    "parse_range",
    "parse_strategy",
    "setting_error_line",
    "split_items",
    "typed_values",
]

P = TypeVar("P")

FLAGS = {"lam": "--lambda", "pub_date": "--date", "overwrite": "--force"}
"""Library settings whose flag is not ``--`` + the setting's name (underscores as dashes)."""


def flag(setting: str) -> str:
    """The command-line flag that sets library setting ``setting`` (``lam`` → ``--lambda``)."""
    return FLAGS.get(setting, "--" + setting.replace("_", "-"))


def setting_error_line(exc: SettingError) -> str:
    """One line naming flags: ``--split 'later': must be one of dev, test, all``."""
    return exc.labelled(flag)


def param_error_line(exc: ParamError, flag: str = "--param") -> str:
    """One line naming the flag: ``--param Q=0.5: median takes no parameters``."""
    return exc.labelled(flag)


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


def parse_range(spec: str) -> tuple[str, list[float]]:
    """``"name=lo:hi:n"`` → ``(name, n evenly spaced values)`` (:func:`detente.games.grid`).

    A malformed item is a :class:`ParamError` naming the parameter; :func:`param_errors` puts the
    flag in front.
    """
    from detente.games.sweeps import MAX_POINTS, grid

    name, sep, text = (part.strip() for part in spec.partition("="))
    reason = f"expected name=lo:hi:n (finite lo, hi; n from 1 to {MAX_POINTS})"
    if not sep or not name:
        raise ParamError(reason, value=spec)
    parts = text.split(":")
    try:
        if len(parts) != 3:
            raise ValueError
        return name, grid(float(parts[0]), float(parts[1]), int(parts[2]))
    except ValueError:  # a ParamError from grid() too
        raise ParamError(reason, name=name, value=text) from None


def parse_strategy(spec: str) -> Strategy:
    """``NAME`` or ``NAME:key=value,...`` (``boulware:e=0.1``) → the strategy.

    The values are read by the types of the strategy's options; errors are a
    :class:`ParamError` naming the option (:func:`param_errors` adds the flag).
    """
    from detente.negotiation.strategies import STRATEGIES, make_strategy

    name, _, args = (part.strip() for part in spec.partition(":"))
    if name not in STRATEGIES:
        raise ParamError("no such strategy", value=name, allowed=tuple(STRATEGIES))
    try:
        values = typed_values(STRATEGIES[name], parse_assignments(split_items(args)))
    except ParamError as exc:
        reason = f"strategy {name}: {exc.reason}"
        raise ParamError(reason, name=exc.name, value=exc.value, allowed=exc.allowed) from None
    return make_strategy(name, values)


def parse_models(spec: str | None) -> list[tuple[str, dict[str, object]]] | None:
    """``"mean,bdm:preset=canonical"`` → ``[("mean", {}), ("bdm", {"preset": "canonical"})]``.

    Models are separated by commas, a model's ``key=value`` items by colons; values are read by
    the types of the model's parameters (:func:`typed_values`).  None stays None (every model);
    unknown names are left for the library to refuse (``models``).  A malformed item raises a
    one-line error naming ``--models``.
    """
    if spec is None:
        return None
    from detente.models import MODELS

    out: list[tuple[str, dict[str, object]]] = []
    for item in split_items(spec):
        name, *assignments = (part.strip() for part in item.split(":"))
        with param_errors(f"--models {item}:"):
            raw = parse_assignments(assignments)
            out.append((name, typed_values(MODELS[name].params, raw) if name in MODELS else {}))
    return out
