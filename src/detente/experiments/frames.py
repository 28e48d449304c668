"""Per-draw rows as pandas frames, and writers that stream them to Parquet or CSV.

The wide layout (one row per draw) is the file format of ``detente sweep --out``::

    draw, seed, dropped, forecast.ISSUE…, agreement?, ACTOR.position.ISSUE…,
    ACTOR.salience.ISSUE…, ACTOR.capability…

``seed`` is the draw's own seed (``detente run --draw-seed`` re-runs it), ``dropped`` the actor
left out ("" for none).  The long layout (:func:`long_frame`) has one row per draw × issue.

:class:`RowWriter` appends blocks of rows as they arrive: Parquet through ``pyarrow``'s
``ParquetWriter`` (one row group per block), CSV by appending text, so a sweep of a million draws
never holds its rows in memory at once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from detente.batch import DrawInputs
from detente.result import dumps_json

if TYPE_CHECKING:
    import pandas as pd

    from detente.experiments.result import SweepResult

__all__ = ["FORMATS", "RowWriter", "long_frame", "wide_frame"]

FORMATS = (".parquet", ".csv")


def wide_frame(
    result: SweepResult,
    start: int,
    seeds: NDArray[np.uint64],
    dropped: NDArray[np.int64],
    forecast: NDArray[np.float64],
    agreement: NDArray[np.bool_] | None,
    inputs: DrawInputs,
) -> pd.DataFrame:
    """One row per draw (the file layout in the module docstring)."""
    import pandas as pd

    d = len(seeds)
    actors = np.array(("", *result.actors), dtype=object)
    cols: dict[str, Any] = {
        "draw": np.arange(start, start + d, dtype=np.int64),
        "seed": seeds.astype(np.uint64),
        "dropped": actors[dropped + 1],
    }
    for k, issue in enumerate(result.issues):
        cols[f"forecast.{issue}"] = forecast[:, k]
    if agreement is not None:
        cols["agreement"] = agreement
    values = np.hstack(
        [inputs.positions.reshape(d, -1), inputs.saliences.reshape(d, -1), inputs.capabilities]
    )
    cols.update(zip(result.space.names, values.T, strict=True))
    return pd.DataFrame(cols)


def long_frame(
    wide: pd.DataFrame, actors: tuple[str, ...], issues: tuple[str, ...]
) -> pd.DataFrame:
    """One row per draw × issue, with the actors' inputs on that issue."""
    import pandas as pd

    head = ["draw", "seed", "dropped"] + (["agreement"] if "agreement" in wide else [])
    parts = []
    for issue in issues:
        part = wide[head].copy()
        part.insert(3, "issue", issue)
        part.insert(4, "forecast", wide[f"forecast.{issue}"].to_numpy())
        for a in actors:
            part[f"{a}.position"] = wide[f"{a}.position.{issue}"].to_numpy()
            part[f"{a}.salience"] = wide[f"{a}.salience.{issue}"].to_numpy()
            part[f"{a}.capability"] = wide[f"{a}.capability"].to_numpy()
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    return frame.sort_values(
        ["draw", "issue"], kind="stable", key=_issue_order(issues)
    ).reset_index(drop=True)


def _issue_order(issues: tuple[str, ...]) -> Any:
    rank = {k: n for n, k in enumerate(issues)}

    def key(col: pd.Series) -> pd.Series:
        return col.map(rank) if col.name == "issue" else col

    return key


class RowWriter:
    """Append wide frames to a ``.parquet`` or ``.csv`` file, block by block.

    Rows go to a hidden file beside ``path`` that replaces ``path`` only when :meth:`close`
    finishes it, so an interrupted sweep leaves whatever ``path`` held untouched.  ``about`` (the
    sweep's provenance and settings) is kept in a Parquet file's metadata under ``detente``, as
    JSON; a CSV file has no place for it.
    """

    def __init__(self, path: Path, about: Mapping[str, Any] | None = None) -> None:
        if path.suffix.lower() not in FORMATS:
            raise ValueError(f"{path}: rows are written as {' or '.join(FORMATS)}")
        self.path = path
        self._about = {b"detente": dumps_json(about).encode()} if about else {}
        self._tmp = path.with_name(f".{path.name}.part")
        self._parquet: Any = None
        self._started = False

    def write(self, frame: pd.DataFrame) -> None:
        """Append ``frame``'s rows."""
        if self.path.suffix.lower() == ".csv":
            frame.to_csv(
                self._tmp, mode="a" if self._started else "w", header=not self._started, index=False
            )
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), **self._about})
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._tmp, table.schema)
            self._parquet.write_table(table)
        self._started = True

    def close(self, keep: bool = True) -> None:
        """Finish the file and move it into place (``keep=False``: throw it away)."""
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if keep and self._tmp.exists():
            os.replace(self._tmp, self.path)
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(keep=kind is None)
