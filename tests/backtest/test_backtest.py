"""``detente backtest``: the reference figures, the JSON contract, bad input, reproducibility."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from detente.backtest import backtest
from detente.backtest.scores import compare, metrics
from detente.io.deu import read_deu
from detente.io.deu_scenario import scoring_problem
from deu_files import DEU, NO_DEU, write_deu
from helpers import cli

needs_deu = pytest.mark.skipif(not DEU.is_dir(), reason=NO_DEU)


@needs_deu
def test_reference_figures() -> None:
    """../shared/backtest/README.md: equal capability, all 351 scored issues, ±0.01."""
    bt = backtest(DEU, ["mean", "median"], split="all", capability="equal", seed=0)
    d = bt.to_dict()
    assert d["n_issues"] == 351 and len(d["unscored"]) == 13
    assert d["models"]["mean"]["mae"] == pytest.approx(23.64, abs=0.01)
    assert d["models"]["median"]["mae"] == pytest.approx(28.31, abs=0.01)
    always_50 = metrics(np.full(351, 50.0), bt.outcomes())
    assert always_50["mae"] == pytest.approx(27.96, abs=0.01)
    assert d["by_split"]["dev"]["n_issues"] == 171 and d["by_split"]["test"]["n_issues"] == 180


@needs_deu
def test_split_dev_only() -> None:
    d = backtest(DEU, ["mean"], split="dev", seed=0).to_dict()
    assert d["n_issues"] == 171 and set(d["by_period"]) == {"1996-2000"}
    assert {u["isnr"] for u in d["unscored"]} == {
        i.isnr for i in read_deu(DEU) if i.period == "1996-2000" and scoring_problem(i)
    }


def test_json_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_deu(tmp_path)
    code, out, err = cli(
        capsys, "backtest", str(folder), "--models", "mean,median,nash", "--seed", "5", "--json"
    )
    assert code == 0, err
    d = json.loads(out)
    assert {"dataset", "split", "capability", "n_issues", "models", "by_period", "issues"} <= set(d)
    assert d["dataset"] == "deu3" and d["split"] == "all" and d["capability"] == "equal"
    assert d["n_issues"] == 4 and d["unscored"] == [
        {"isnr": "x2i2", "period": "2003-2008", "reason": "no outcome coded"}
    ]
    keys = {
        "mae",
        "median_ae",
        "rmse",
        "within_5",
        "within_10",
        "vs_mean",
        "coverage_50",
        "coverage_80",
    }
    assert all(keys <= set(m) for m in d["models"].values())
    assert d["models"]["mean"]["vs_mean"] == {"diff": 0.0, "ci95": [0.0, 0.0], "n": 4}
    assert d["models"]["nash"]["n"] == 2  # two issues have no reference point: listed
    assert [m["isnr"] for m in d["missing"]] == ["x1i2", "x3i1"]
    row = d["issues"][0]
    assert row["isnr"] == "x1i1" and row["period"] == "1996-2000" and row["outcome"] == 60
    # re-score from the per-issue forecasts
    errors = [abs(r["forecasts"]["mean"] - r["outcome"]) for r in d["issues"]]
    assert np.mean(errors) == pytest.approx(d["models"]["mean"]["mae"])
    assert d["seed"] == 5 and len(d["scenario"]["sha256"]) == 64 and d["model"] == "backtest"
    assert "provenance" not in d  # flat, as every other result: it was nested


def test_weighted_mean_by_hand(tmp_path: Path) -> None:
    bt = backtest(write_deu(tmp_path), ["mean"], seed=0)
    # x1i1: positions 100, 100, 50, 0, 0 with saliences 50, 80, 40, 90, 20
    expected = (100 * 50 + 100 * 80 + 50 * 40) / (50 + 80 + 40 + 90 + 20)
    assert bt.forecasts[0, 0] == pytest.approx(expected)


def test_paired_bootstrap() -> None:
    y = np.zeros(50)
    a, b = np.full(50, 10.0), np.full(50, 12.0)
    d = compare(b, a, y, seed=1)
    assert d["diff"] == pytest.approx(2.0) and d["ci95"] == pytest.approx([2.0, 2.0])
    noisy = a + np.random.default_rng(0).normal(0, 5, 50)
    one, two = compare(noisy, a, y, seed=1), compare(noisy, a, y, seed=1)
    assert one == two and one["ci95"][0] < one["diff"] < one["ci95"][1]


def test_serial_equals_parallel(tmp_path: Path) -> None:
    folder = write_deu(tmp_path)
    one = backtest(folder, ["mean", "smp"], seed=9)
    two = backtest(folder, ["mean", "smp"], seed=9, jobs=2)
    np.testing.assert_array_equal(one.forecasts, two.forecasts)
    alone = backtest(folder, ["smp"], seed=9, split="test")  # same per-issue seeds on a subset
    assert alone.forecasts[1].tolist() == one.forecasts[1][2:].tolist()


def test_csv_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder, out = write_deu(tmp_path / "d"), tmp_path / "bt.csv"
    assert cli(capsys, "backtest", str(folder), "--models", "median", "--out", str(out))[0] == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("isnr,period,split,outcome,reference_point,model,forecast")
    assert len(lines) == 1 + 2 * 4  # mean is always run beside the models asked for
    code, _, err = cli(capsys, "backtest", str(folder), "--out", str(out))
    assert code == 2 and "already exists" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "later"], "--split 'later': must be one of dev, test, all"),
        (["--capability", "gdp"], "--capability 'gdp': must be one of equal, council"),
        (["--models", "mean,oracle"], "--models 'oracle': no such model"),
        (["--models", "bdm:rounds=x"], "--models bdm:rounds=x"),
        (["--out", "x.txt"], "unsupported output format"),
    ],
)
def test_bad_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    code, _, err = cli(capsys, "backtest", str(write_deu(tmp_path)), *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_bad_data_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "backtest", str(tmp_path))
    assert code == 2 and "no DEU files here" in err and len(err.strip().splitlines()) == 1


def test_html_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder, out = write_deu(tmp_path / "d"), tmp_path / "bt.html"
    code, _, err = cli(
        capsys,
        "backtest",
        str(folder),
        "--models",
        "median,nash",
        "--seed",
        "1",
        "--draws",
        "20",
        "--out",
        str(out),
    )
    assert code == 0, err
    page = out.read_text()
    assert "<script" not in page and 'src="http' not in page and page.count("<svg") >= 3
    for heading in (
        "Scores",
        "Error distributions",
        "Calibration",
        "By period",
        "worst-missed",
        "Left out",
    ):
        assert heading in page
    assert "x2i2: no outcome coded" in page and "com 100/50" in page  # inputs of a missed issue
    assert "real outcomes inside" in page and "position" in page  # coverage chart, noise stated


def test_parquet_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    folder, out = write_deu(tmp_path / "d"), tmp_path / "bt.parquet"
    assert cli(capsys, "backtest", str(folder), "--models", "mean", "--out", str(out))[0] == 0
    table = pq.read_table(out).to_pylist()
    assert len(table) == 4 and table[0]["isnr"] == "x1i1" and table[0]["split"] == "dev"
    code, _, err = cli(capsys, "backtest", str(folder), "--out", str(out))
    assert code == 2 and "already exists" in err


def test_select_a_split(tmp_path: Path) -> None:
    bt = backtest(write_deu(tmp_path), ["mean", "median"], seed=0)
    dev, test = bt.select("dev"), bt.select("test")
    assert [i.isnr for i in dev.issues] == ["x1i1", "x1i2"] and dev.unscored == ()
    assert [u[0] for u in test.unscored] == ["x2i2"] and test.forecasts.shape == (2, 2)
    direct = backtest(write_deu(tmp_path / "again"), ["mean", "median"], seed=0, split="test")
    np.testing.assert_array_equal(direct.forecasts, test.forecasts)


def test_stacked_ensemble_is_fit_on_dev_only(tmp_path: Path) -> None:
    from detente.backtest.stack import fit_weights, stacked
    from detente.errors import DetenteError

    f = np.array([[0.0, 100.0, 50.0], [10.0, 90.0, 40.0]])
    w = fit_weights(f, np.array([0.0, 100.0, 50.0]))
    assert w == pytest.approx([1.0, 0.0]) and w.sum() == pytest.approx(1.0)
    bt = backtest(write_deu(tmp_path), ["mean", "median", "nash"], seed=0)
    weights, forecast = stacked(bt.select("dev"), bt.select("test"), ["median", "nash"])
    assert weights.sum() == pytest.approx(1.0) and forecast.shape == (2,)
    with pytest.raises(DetenteError, match="dev split only"):
        stacked(bt, bt, ["median"])


def test_interval_forecasts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from detente.backtest.intervals import DEFAULT_NOISE

    folder = write_deu(tmp_path)
    bt = backtest(folder, ["mean", "median"], seed=4, draws=40)
    iv = bt.intervals
    assert iv is not None and iv.shape == (2, 4, 4)
    assert np.all(iv[..., 2] <= iv[..., 0]) and np.all(iv[..., 0] <= iv[..., 1])
    assert np.all(iv[..., 1] <= iv[..., 3])
    d = bt.to_dict()
    assert d["noise"] == dict(DEFAULT_NOISE) and len(d["issues"][0]["intervals"]["mean"]) == 4
    cov = d["models"]["median"]["coverage_80"]
    inside = [(r[2] <= i.outcome <= r[3]) for r, i in zip(iv[1], bt.issues, strict=True)]
    assert cov == pytest.approx(np.mean(inside))
    again = backtest(folder, ["median"], seed=4, draws=40, noise=DEFAULT_NOISE)
    np.testing.assert_array_equal(again.intervals[1], iv[1])  # type: ignore[index]
    code, _, err = cli(capsys, "backtest", str(folder), "--draws", "-3")
    assert code == 2 and "--draws -3" in err


@pytest.mark.slow
def test_dask_scheduler_equals_serial(tmp_path: Path) -> None:
    folder = write_deu(tmp_path)
    one = backtest(folder, ["mean", "smp"], seed=9)
    on_dask = backtest(folder, ["mean", "smp"], seed=9, scheduler="local:1")
    np.testing.assert_array_equal(one.forecasts, on_dask.forecasts)


def test_unreachable_scheduler(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "backtest", str(write_deu(tmp_path)), "--scheduler", "local:x")
    assert code == 2 and "local:N" in err and len(err.strip().splitlines()) == 1
