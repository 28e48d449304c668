"""Results of a model run: rounds, forecast and provenance, with a JSON form.

The JSON form is the command-line contract (``detente run --json``)::

    {"model", "params", "seed", "version",
     "scenario": {"id", "title", "sha256"},
     "issues": [...], "actors": [...],
     "rounds": [{"round": 0, "positions": {actor: [per issue]}, "median": [...], "mean": [...],
                 ...model-specific keys...}, ...],
     "forecast": [per issue],
     ...model-specific top-level keys...}

Round 0 is the input state.  Positions are on the scenario's own scale.  Model-specific data (the
offers of BDM, the win probabilities of SMP, the stop rule that fired) live in ``Round.extra`` and
``Result.extra`` and are merged into the JSON object at their level.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from detente import __version__
from detente.canonical import scenario_sha256
from detente.scenario import Scenario
from detente.spatial import weighted_mean, weighted_median

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Provenance",
    "Result",
    "Round",
    "dumps_json",
    "jsonable",
    "make_round",
    "provenance",
    "static_result",
]

_ROUND_KEYS = ("round", "positions", "median", "mean")
_PROVENANCE_KEYS = ("model", "params", "seed", "version", "scenario")
_RESULT_KEYS = (*_PROVENANCE_KEYS, "issues", "actors", "rounds", "forecast")


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where a result came from: model, parameters, scenario identity, seed and version."""

    model: str
    params: Mapping[str, Any]
    scenario_id: str
    scenario_title: str
    scenario_sha256: str
    seed: int | None = None
    version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        """The provenance keys of every JSON result: model, params, seed, version, scenario."""
        return {
            "model": self.model,
            "params": dict(self.params),
            "seed": self.seed,
            "version": self.version,
            "scenario": {
                "id": self.scenario_id,
                "title": self.scenario_title,
                "sha256": self.scenario_sha256,
            },
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Provenance:
        """Inverse of :meth:`to_dict` (other keys of ``d`` are ignored)."""
        sc = d["scenario"]
        return cls(
            model=d["model"],
            params=dict(d["params"]),
            scenario_id=sc["id"],
            scenario_title=sc["title"],
            scenario_sha256=sc["sha256"],
            seed=d["seed"],
            version=d["version"],
        )


def provenance(
    model: str, params: Mapping[str, Any], scenario: Scenario | None, seed: int | None = None
) -> Provenance:
    """Provenance of a run of ``model`` with ``params`` on ``scenario``.

    ``scenario`` is None for work on no scenario (e.g. a game read from a file): its id, title
    and hash are then empty.  ``seed`` is None when nothing was drawn.
    """
    if scenario is None:
        return Provenance(
            model=model,
            params=dict(params),
            scenario_id="",
            scenario_title="",
            scenario_sha256="",
            seed=seed,
        )
    return Provenance(
        model=model,
        params=dict(params),
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        scenario_sha256=scenario_sha256(scenario),
        seed=seed,
    )


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Round:
    """The state after one round: positions (actors × issues), median and mean per issue."""

    index: int
    positions: tuple[tuple[float, ...], ...]
    median: tuple[float, ...]
    mean: tuple[float, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        keys = f", extra: {', '.join(self.extra)}" if self.extra else ""
        return (
            f"Round({self.index}: {len(self.positions)} actors, median {_short(self.median)}, "
            f"mean {_short(self.mean)}{keys})"
        )

    def position_array(self) -> NDArray[np.float64]:
        """Positions as an array of shape ``(n_actors, n_issues)``."""
        return np.array(self.positions, dtype=float)


def _short(values: tuple[float, ...], most: int = 4) -> str:
    shown = ", ".join(f"{v:.4g}" for v in values[:most])
    return f"({shown}{', …' if len(values) > most else ''})"


def _floats(a: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in np.asarray(a, dtype=float).ravel())


def make_round(
    index: int,
    scenario: Scenario,
    positions: NDArray[np.float64],
    saliences: NDArray[np.float64] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Round:
    """A round whose median and mean are weighted by capability × salience.

    ``saliences`` defaults to the scenario's own (pass the current ones when a model changes them).
    """
    x = np.asarray(positions, dtype=float).reshape(len(scenario.actors), len(scenario.issues))
    s = scenario.saliences() if saliences is None else saliences
    w = scenario.capabilities()[:, None] * s
    return Round(
        index=index,
        positions=tuple(_floats(row) for row in x),
        median=_floats(weighted_median(x, w)),
        mean=_floats(weighted_mean(x, w)),
        extra=dict(extra or {}),
    )


def static_result(
    model: str,
    params: Mapping[str, Any],
    scenario: Scenario,
    forecast: Sequence[float],
    extra: Mapping[str, Any] | None = None,
) -> Result:
    """The result of a model without rounds: round 0 (the input) and its forecast per issue."""
    return Result(
        provenance=provenance(model, params, scenario),
        issues=scenario.issue_ids,
        actors=scenario.actor_ids,
        rounds=(make_round(0, scenario, scenario.positions()),),
        forecast=tuple(float(v) for v in forecast),
        extra=dict(extra or {}),
    )


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Result:
    """A model run: provenance, the ids in order, the rounds and the forecast per issue.

    In a notebook, :meth:`to_frame` gives the trace as a DataFrame and ``detente.plot`` draws it.
    """

    provenance: Provenance
    issues: tuple[str, ...]
    actors: tuple[str, ...]
    rounds: tuple[Round, ...]
    forecast: tuple[float, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def model(self) -> str:
        """The registered name of the model that produced this result."""
        return self.provenance.model

    def __repr__(self) -> str:
        p = self.provenance
        forecast = ", ".join(
            f"{i}={v:.4g}" for i, v in zip(self.issues, self.forecast, strict=True)
        )
        return (
            f"Result({p.model!r} on {p.scenario_id!r}: {len(self.actors)} actors, "
            f"{len(self.rounds) - 1} rounds, seed {p.seed}, forecast {forecast})"
        )

    def _repr_html_(self) -> str:
        from detente.frames import result_html

        return result_html(self)

    def to_frame(self, what: str = "positions") -> pd.DataFrame:
        """The trace as a tidy pandas DataFrame.

        ``what``: ``positions`` (round, actor, issue, position), ``rounds`` (round, issue,
        median, mean) or a key of the rounds' ``extra`` (BDM ``offers``, ``accepted``, ``risk``;
        SMP ``bargains``, ``win_probability``, ...); see :mod:`detente.frames`.
        """
        from detente.frames import result_frame

        return result_frame(self, what)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract as plain data (see the module docstring)."""
        rounds = []
        for r in self.rounds:
            d: dict[str, Any] = {
                "round": r.index,
                "positions": {a: list(x) for a, x in zip(self.actors, r.positions, strict=True)},
                "median": list(r.median),
                "mean": list(r.mean),
            }
            d.update(r.extra)
            rounds.append(d)
        out: dict[str, Any] = {
            **self.provenance.to_dict(),
            "issues": list(self.issues),
            "actors": list(self.actors),
            "rounds": rounds,
            "forecast": list(self.forecast),
        }
        out.update(self.extra)
        return out

    def to_json(self, indent: int | None = None) -> str:
        """The JSON contract as text (NaN is written as null).

        Compact by default: only then does the standard library use its C encoder, which matters
        for results with many actors and offers.
        """
        return dumps_json(self.to_dict(), indent)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Result:
        """Inverse of :meth:`to_dict`."""
        actors = tuple(d["actors"])
        rounds = tuple(
            Round(
                index=int(r["round"]),
                positions=tuple(tuple(float(v) for v in r["positions"][a]) for a in actors),
                median=tuple(float(v) for v in r["median"]),
                mean=tuple(float(v) for v in r["mean"]),
                extra={k: v for k, v in r.items() if k not in _ROUND_KEYS},
            )
            for r in d["rounds"]
        )
        prov = Provenance.from_dict(d)
        extra = {k: v for k, v in d.items() if k not in _RESULT_KEYS}
        return cls(
            provenance=prov,
            issues=tuple(d["issues"]),
            actors=actors,
            rounds=rounds,
            forecast=tuple(d["forecast"]),
            extra=extra,
        )

    @classmethod
    def from_json(cls, text: str) -> Result:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))


def _default(obj: Any) -> Any:
    """JSON form of what the encoder does not know: numpy values, other mappings."""
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def dumps_json(data: Any, indent: int | None = None) -> str:
    """JSON text of ``data`` with non-finite floats as null (fast path first, then a full walk)."""
    try:
        return json.dumps(data, indent=indent, allow_nan=False, default=_default)
    except ValueError:  # NaN or infinity somewhere: convert them to null
        return json.dumps(_jsonable(data), indent=indent, allow_nan=False, default=_default)


def _jsonable(obj: Any) -> Any:
    """Plain JSON data: numpy scalars and arrays converted, non-finite floats as None."""
    if isinstance(obj, Mapping):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, np.ndarray)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.floating, float)):
        f = float(obj)
        return f if np.isfinite(f) else None
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    return obj


def jsonable(obj: Any) -> Any:
    """Public alias of the JSON conversion, for other result types (games, negotiation)."""
    return _jsonable(obj)
