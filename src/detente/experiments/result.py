"""The result of a Monte Carlo sweep: forecasts per draw, their summary, frames and JSON.

A :class:`SweepResult` holds, for every draw, its seed, the actor left out (−1 for none) and the
forecast per issue (plus whether the model found an agreement, for models that can fail).  It does
not hold the drawn inputs: they are a pure function of each draw's seed and the input space, so
:meth:`SweepResult.to_frame` draws them again, block by block, when asked.

Summary per issue (over the draws without a left-out actor): mean, standard deviation, the 5th,
10th, 25th, 50th (median), 75th, 90th and 95th percentiles (linear interpolation, numpy's default),
a 20-bin histogram over the issue's scale, the share of draws without agreement, and the forecast
at the scenario's own values (``point``).  With ``drop_actors`` the summary adds, per left-out
actor and issue, the median forecast without that actor and its shift from the full median.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from detente.experiments.draws import InputSpace, draw_inputs
from detente.result import Provenance, dumps_json
from detente.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BAND", "PERCENTILES", "SweepResult"]

PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
BAND = (5, 95)
"""The band a sweep's summary is shown with, on the command line and in the workbench: the 90 %
band (5th–95th percentile), the outlook's 90 % interval."""
BINS = 20
_FRAME_BLOCK = 65_536

_Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class SweepResult:
    """A sweep: provenance, settings and one forecast per draw and issue."""

    provenance: Provenance
    scenario: Scenario
    space: InputSpace
    seeds: NDArray[np.uint64]
    dropped: NDArray[np.int64]
    forecast: _Array
    agreement: NDArray[np.bool_] | None
    point: tuple[float, ...]
    settings: Mapping[str, Any]

    @property
    def issues(self) -> tuple[str, ...]:
        """Issue ids in order."""
        return self.scenario.issue_ids

    @property
    def actors(self) -> tuple[str, ...]:
        """Actor ids in order."""
        return self.scenario.actor_ids

    def __repr__(self) -> str:
        med = ", ".join(
            f"{k}={v:.1f}" for k, v in zip(self.issues, np.median(self.base(), axis=0), strict=True)
        )
        p = self.provenance
        head = f"{p.model!r} on {self.scenario.id!r}: {len(self.seeds)} draws, seed {p.seed}"
        return f"SweepResult({head}, median {med})"

    def _repr_html_(self) -> str:
        from detente.frames import sweep_html

        return sweep_html(self.summary())

    def base(self) -> _Array:
        """Forecasts (draws × issues) of the draws with every actor present."""
        out: _Array = self.forecast[self.dropped < 0]
        return out

    def summary(self) -> dict[str, Any]:
        """The summary per issue (and per left-out actor) as plain JSON-able data."""
        keep = self.dropped < 0
        issues = [self._issue_summary(k, keep) for k in range(len(self.issues))]
        out: dict[str, Any] = {
            **self.provenance.to_dict(),
            **dict(self.settings),
            "draws": int(keep.sum()),
            "issues": issues,
        }
        if (self.dropped >= 0).any():
            out["dropped"] = self._drop_summary(keep)
        return out

    def _issue_summary(self, k: int, keep: NDArray[np.bool_]) -> dict[str, Any]:
        f = self.forecast[keep, k]
        issue = self.scenario.issues[k]
        pct = np.percentile(f, PERCENTILES) if len(f) else np.full(len(PERCENTILES), np.nan)
        counts, edges = np.histogram(f, bins=BINS, range=(issue.low, issue.high))
        return {
            "id": issue.id,
            "scale": [issue.low, issue.high],
            "point": self.point[k],
            "mean": float(f.mean()) if len(f) else None,
            "std": float(f.std()) if len(f) else None,
            **{f"p{p}": float(v) for p, v in zip(PERCENTILES, pct, strict=True)},
            "median": float(pct[3]),
            "histogram": {"edges": edges.tolist(), "counts": counts.tolist()},
            "no_agreement": self._no_agreement(keep),
        }

    def _no_agreement(self, rows: NDArray[np.bool_]) -> float | None:
        if self.agreement is None or not rows.any():
            return None
        return float(1.0 - self.agreement[rows].mean())

    def _drop_summary(self, keep: NDArray[np.bool_]) -> dict[str, Any]:
        full = np.median(self.forecast[keep], axis=0)
        out: dict[str, Any] = {}
        for a, actor in enumerate(self.actors):
            rows = self.dropped == a
            if not rows.any():
                continue
            med = np.median(self.forecast[rows], axis=0)
            out[actor] = {
                "median": dict(zip(self.issues, med.tolist(), strict=True)),
                "shift": dict(zip(self.issues, (med - full).tolist(), strict=True)),
                "no_agreement": self._no_agreement(rows),
            }
        return out

    def to_dict(self) -> dict[str, Any]:
        """The summary (the JSON form of a sweep; per-draw rows go to Parquet/CSV)."""
        return self.summary()

    def to_json(self, indent: int | None = None) -> str:
        """JSON text of :meth:`summary`."""
        return dumps_json(self.summary(), indent)

    def blocks(self, size: int = _FRAME_BLOCK) -> Iterator[pd.DataFrame]:
        """Wide per-draw frames (one row per draw), ``size`` draws at a time."""
        from detente.experiments.frames import wide_frame

        for start in range(0, len(self.seeds), size):
            rows = slice(start, start + size)
            inputs = draw_inputs(self.scenario, self.space, self.seeds[rows])
            agreement = None if self.agreement is None else self.agreement[rows]
            yield wide_frame(
                self,
                start,
                self.seeds[rows],
                self.dropped[rows],
                self.forecast[rows],
                agreement,
                inputs,
            )

    def to_frame(self, wide: bool = False) -> pd.DataFrame:
        """Per-draw rows as a pandas DataFrame.

        Long (default): one row per draw × issue with draw, seed, dropped, issue, forecast,
        agreement and the actors' drawn position, salience and capability on that issue
        (``ACTOR.position`` …).  ``wide=True``: one row per draw, the file layout of
        ``detente sweep --out`` (``forecast.ISSUE`` and every input ``ACTOR.field[.ISSUE]``).
        """
        import pandas as pd

        from detente.experiments.frames import long_frame

        frames = list(self.blocks())
        wide_df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return wide_df if wide else long_frame(wide_df, self.actors, self.issues)
