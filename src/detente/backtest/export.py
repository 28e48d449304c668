"""Per-issue backtest tables: one row per issue and model, as CSV text or a Parquet file.

Columns: ``isnr, period, split, outcome, reference_point, model, forecast, abs_error`` and, with
interval forecasts, ``lo50, hi50, lo80, hi80``.  Anyone can re-score a backtest from these rows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.errors import SettingError

if TYPE_CHECKING:
    from detente.backtest import Backtest

__all__ = ["rows", "to_csv", "write_parquet"]

_SPLIT = {"1996-2000": "dev", "2003-2008": "test", "2012-2018": "test"}


def rows(bt: Backtest) -> list[dict[str, Any]]:
    """One row per (issue, model), NaN as None."""
    out = []
    for j, label in enumerate(bt.labels):
        for k, issue in enumerate(bt.issues):
            f = float(bt.forecasts[j, k])
            row: dict[str, Any] = {
                "isnr": issue.isnr,
                "period": issue.period,
                "split": _SPLIT[issue.period],
                "outcome": issue.outcome,
                "reference_point": issue.reference_point,
                "model": label,
                "forecast": None if np.isnan(f) else f,
                "abs_error": None if np.isnan(f) else abs(f - float(issue.outcome or 0.0)),
            }
            if bt.intervals is not None:
                names = ("lo50", "hi50", "lo80", "hi80")
                row |= {n: float(v) for n, v in zip(names, bt.intervals[j, k], strict=True)}
            out.append(row)
    return out


def to_csv(bt: Backtest) -> str:
    """The per-issue rows as CSV text (blank where a model gave no forecast)."""
    data = rows(bt)
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=list(data[0]) if data else ["isnr"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(data)
    return buf.getvalue()


def write_parquet(bt: Backtest, path: Path, *, overwrite: bool = False) -> None:
    """Write the per-issue rows as a Parquet file, atomically; an existing file only if asked."""
    import os
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.exists() and not overwrite:
        reason = f"{path}: already exists; choose another name or pass {{overwrite=True}}"
        raise SettingError(reason)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(pa.Table.from_pylist(rows(bt)), tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
