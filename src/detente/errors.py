"""Errors a user can fix, each naming where the problem is.

The CLI prints every :class:`Problem` of an :class:`InputError` as one line,
``FILE: WHERE: WHAT``, and exits with code 2; no traceback is shown for these.

A :class:`SettingError` is about a keyword argument of the library (``split``, ``scheduler``,
``method``): it names the setting as the Python API spells it, never a command-line flag.  Its
reason may point to other settings as ``{method=qre}`` or ``{lam}``; :meth:`SettingError.labelled`
lets each front end spell the settings its own way (the command line as ``--method qre``,
:mod:`detente.cli.params`), ``str()`` spells them as Python keywords (``method='qre'``).
:class:`detente.params.ParamError` is the SettingError of a model's or a strategy's parameter
(set as ``key=value``, so it spells itself ``parameter name=value: …``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DetenteError",
    "InputError",
    "ModelInputError",
    "Problem",
    "SettingError",
    "spell_settings",
]


class DetenteError(Exception):
    """Base class of errors that the CLI reports in one line with exit code 2."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a user file: the file, where in it (line or field path) and what is wrong."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.file}: {where}{self.message}"


class InputError(DetenteError):
    """A user file (scenario, game, text) with one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_REFERENCE = re.compile(r"\{([a-z_]+)(?:=([^{}]*))?\}")


def spell_settings(text: str, label: Callable[[str], str] | None = None) -> str:
    """``text`` with its ``{setting}``/``{setting=value}`` references spelled out.

    Without ``label``, as Python keywords (``lam``, ``method='qre'``, ``overwrite=True``); with
    it, as ``label(setting)`` followed by the value (``--lambda``, ``--method qre``; a flag alone
    for ``=True``).
    """

    def spell(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if label is None:
            literal = value in ("True", "False") or value is None
            return name if value is None else f"{name}={value if literal else repr(value)}"
        return label(name) if value in (None, "True") else f"{label(name)} {value}"

    return _REFERENCE.sub(spell, text)


class SettingError(DetenteError, ValueError):
    """A setting's value that is not accepted, or a problem another setting avoids; parts apart.

    ``setting`` is the keyword argument as the library spells it (None when the problem is not one
    setting's), ``value`` the value given, ``allowed`` the accepted values (empty when not a short
    list; ``reason`` words them too) and ``reason`` what is wrong, with references to other
    settings as ``{method=qre}`` (:func:`spell_settings`).  ``str()`` is one line in the library's
    words: ``split 'later': must be one of dev, test, all``.
    """

    def __init__(
        self,
        reason: str,
        *,
        setting: str | None = None,
        value: Any = None,
        allowed: tuple[str, ...] = (),
    ) -> None:
        self.reason = reason
        self.setting = setting
        self.value = value
        self.allowed = tuple(allowed)
        super().__init__(reason)

    def detail(self) -> str:
        """The reason with the allowed values, e.g. ``'x' is not allowed (allowed: a, b)``."""
        if not self.allowed:
            return self.reason
        return f"{self.reason} (allowed: {', '.join(self.allowed)})"

    def labelled(self, label: Callable[[str], str] | None = None) -> str:
        """One line with every setting spelled by ``label`` (None: as Python keywords)."""
        reason = spell_settings(self.reason, label)
        if self.setting is None:
            return reason
        name = self.setting if label is None else label(self.setting)
        return f"{name} {self.value!r}: {reason}"

    def __str__(self) -> str:
        return self.labelled()

    def _parts(self) -> dict[str, Any]:
        """The keyword arguments that rebuild this error (a subclass adds its own)."""
        return {"setting": self.setting, "value": self.value, "allowed": self.allowed}

    def __reduce__(self) -> tuple[Any, ...]:  # keeps the parts across processes (Dask, pools)
        return (_rebuild, (type(self), self.reason, self._parts()))


def _rebuild(cls: type[SettingError], reason: str, keywords: dict[str, Any]) -> SettingError:
    """A pickled error again, from its class, reason and :meth:`SettingError._parts`."""
    return cls(reason, **keywords)


class ModelInputError(SettingError):
    """A valid scenario that lacks something a particular model needs (e.g. a status quo).

    ``field`` is the scenario field that is missing or not usable, as the scenario format names
    it (``decision.agenda_setter``, ``issues[1].status_quo``); None when the problem is not one
    field's (then it is about the arguments, not the scenario).  ``str()`` puts the field first;
    :meth:`located` also names the scenario's file, as a front end knows it:
    ``dam.yaml: decision: model procedural needs a decision section``.
    """

    def __init__(self, reason: str, *, field: str | None = None, **parts: Any) -> None:
        self.field = field
        super().__init__(reason, **parts)

    def labelled(self, label: Callable[[str], str] | None = None) -> str:
        """As :meth:`SettingError.labelled`, after the scenario field when there is one."""
        line = super().labelled(label)
        return line if self.field is None else f"{self.field}: {line}"

    def located(self, source: str) -> str:
        """One line naming the scenario ``source`` (its file), the field and the problem."""
        return str(Problem(source, self.field or "", SettingError.labelled(self)))

    def _parts(self) -> dict[str, Any]:
        return {**super()._parts(), "field": self.field}
