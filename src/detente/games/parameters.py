"""Each catalog game's parameter table, kept on the fields of its Params dataclass.

A field is declared with :func:`param`: its default, what it means, the range it may take and the
source of the default (a bibliography key, or "illustrative" / "analyst judgement").
:func:`parameter_table` reads the table back for ``detente game show`` and the docs, and
:func:`check_ranges` refuses a value outside its range, naming the parameter.

Example
-------
>>> from detente.games.catalog.deterrence import DeterrenceParams
>>> row = parameter_table(DeterrenceParams)[0]
>>> (row.name, row.default, row.low, row.high)
('p_hard', 0.5, 0.0, 1.0)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ParamRow", "check_ranges", "describe_parameters", "param", "parameter_table"]

_KEY = "detente.games"


@dataclass(frozen=True, slots=True)
class ParamRow:
    """One parameter of a game: name, default, meaning, allowed range and source."""

    name: str
    default: Any
    meaning: str
    low: float
    high: float
    source: str

    def range_text(self) -> str:
        """``[0, 1]``, ``>= 1``, ``> 0`` style text; "any real number" when unbounded."""
        lo, hi = math.isfinite(self.low), math.isfinite(self.high)
        if lo and hi:
            return f"[{self.low:g}, {self.high:g}]"
        if lo:
            return f">= {self.low:g}"
        if hi:
            return f"<= {self.high:g}"
        return "any real number"


def param(
    default: float,
    meaning: str,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    source: str = "illustrative",
) -> Any:
    """A dataclass field carrying its row of the parameter table."""
    doc = {"meaning": meaning, "low": low, "high": high, "source": source}
    return dataclasses.field(default=default, metadata={_KEY: doc})


def parameter_table(params_cls: type) -> list[ParamRow]:
    """The rows of a Params dataclass, in field order."""
    rows = []
    for f in dataclasses.fields(params_cls):
        doc = f.metadata.get(_KEY, {})
        rows.append(
            ParamRow(
                f.name,
                f.default,
                doc.get("meaning", ""),
                doc.get("low", -math.inf),
                doc.get("high", math.inf),
                doc.get("source", ""),
            )
        )
    return rows


def check_ranges(params: Any) -> None:
    """Raise ValueError naming the first parameter outside its range."""
    for row in parameter_table(type(params)):
        value = getattr(params, row.name)
        if not row.low <= value <= row.high:
            raise ValueError(f"{row.name}={value:g} is outside its range {row.range_text()}")


def describe_parameters(
    params_cls: type,
    values: Mapping[str, Any],
    roles: Mapping[str, str] | None = None,
    rationales: Mapping[str, str] | None = None,
) -> str:
    """Plain text: each parameter's value, meaning, range, default and source; then the roles.

    A value with a rationale (from a scenario) names it as the value's source.
    """
    lines = []
    for row in parameter_table(params_cls):
        value = values.get(row.name, row.default)
        why = (rationales or {}).get(row.name)
        source = f"why this value: {why.rstrip('.')}" if why else f"source: {row.source}"
        lines.append(
            f"{row.name} = {value:g}: {row.meaning} Range {row.range_text()}; default "
            f"{row.default:g}; {source}."
        )
    lines += [f"role {role} is played by {actor}." for role, actor in (roles or {}).items()]
    return "\n".join(lines)
