"""`detente sweep` on the command line: outputs, re-running a row, bad input, schedulers."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from detente.experiments import sweep
from detente.experiments.execute import SchedulerError
from helpers import cli


def test_json_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        capsys, "sweep", "korea-2019-12", "-m", "median", "--draws", "200", "--seed", "4", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["draws"] == 200 and data["seed"] == 4 and data["model"] == "median"
    issue = data["issues"][0]
    assert {"p5", "p10", "p25", "median", "p75", "p90", "p95", "mean", "histogram"} <= set(issue)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_rows_file_and_rerun_of_a_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"rows{suffix}"
    code, text, err = cli(
        capsys,
        "sweep",
        "korea-2019-12",
        "-m",
        "bdm",
        "--draws",
        "20",
        "--seed",
        "9",
        "--drop-actors",
        "--out",
        str(out),
    )
    assert code == 0, err
    assert "median shift when an actor is left out" in text
    rows = (
        pd.read_parquet(out)
        if suffix == ".parquet"
        else pd.read_csv(out, keep_default_na=False, float_precision="round_trip")
    )
    assert len(rows) == 20 * 9 and list(rows.columns[:3]) == ["draw", "seed", "dropped"]
    assert "USA.position.sequencing" in rows.columns and "forecast.us_posture" in rows.columns
    row = rows.iloc[45]
    args = ["run", "korea-2019-12", "-m", "bdm", "--draw-seed", str(row.seed), "--json"]
    if row.dropped:
        args += ["--drop-actor", str(row.dropped)]
    code, text, _ = cli(capsys, *args)
    forecast = json.loads(text)["forecast"]
    assert forecast == [
        row["forecast.sequencing"],
        row["forecast.denuclearization"],
        row["forecast.us_posture"],
    ]


def test_html_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    code, _, _ = cli(
        capsys, "sweep", "korea-2019-12", "-m", "mean", "--draws", "50", "--out", str(out)
    )
    assert code == 0
    text = out.read_text()
    assert "80 % band" in text and "<svg" in text and "uncertainty-table" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--draws", "0"], "--draws 0: must be a positive whole number"),
        (["--draws", "-3"], "--draws -3: must be a positive whole number"),
        (["--draws", "1000000000000"], "--draws 1000000000000: would need about"),
        (["--noise", "position=150"], "exceeds the scale"),
        (["--noise", "position=abc"], "--noise position=abc: not a number"),
        (["--noise", "weight=3"], "unknown field"),
        (["--jobs", "0"], "--jobs 0"),
        (["--scheduler", "nonsense"], "expected tcp://HOST:PORT or local:N"),
        (["--scheduler", "local:0"], "expected local:N"),
        (["--out", "x.txt"], "use .parquet or .csv"),
        (["-p", "rounds=x"], "--param rounds=x"),
    ],
)
def test_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = cli(capsys, "sweep", "korea-2019-12", "-m", "bdm", "--draws", "10", *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_out_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scen = tmp_path / "s.csv"
    scen.write_text("Actor,Capability,Position,Salience\nA,1,10,50\nB,2,60,80\n")
    before = scen.read_text()
    code, _, err = cli(capsys, "sweep", str(scen), "-m", "mean", "--out", str(scen), "--force")
    assert code == 2 and "input" in err and scen.read_text() == before
    old = tmp_path / "old.csv"
    old.write_text("keep me")
    code, _, err = cli(capsys, "sweep", str(scen), "-m", "mean", "--out", str(old))
    assert code == 2 and "--force" in err and old.read_text() == "keep me"


def test_unreachable_scheduler_fails_fast() -> None:
    tic = time.monotonic()
    with pytest.raises(SchedulerError, match="no Dask scheduler answered"):
        sweep("ec-emissions-1994", "mean", draws=10, seed=1, scheduler="tcp://127.0.0.1:9")
    assert time.monotonic() - tic < 10
