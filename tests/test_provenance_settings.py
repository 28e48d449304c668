"""Results record every setting that changes their numbers, so they can be read and rerun."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.experiments import LeversResult, levers
from helpers import cli


def test_levers_json_records_the_search_it_ran(capsys: pytest.CaptureFixture[str]) -> None:
    """`levers --actor USA --actor PRK --fields position --pairs` gave one lever and a JSON that
    said nothing of the actors, fields or pairs searched: it read like a search of everything."""
    args = ["levers", "korea-2019-12", "--issue", "sequencing", "--target", "50", "--json"]
    _, out, _ = cli(capsys, *args, "--actor", "USA", "--actor", "PRK", "--fields", "position")
    _, pairs_out, _ = cli(capsys, *args, "--actor", "USA", "--actor", "PRK", "--pairs")
    one, two = json.loads(out), json.loads(pairs_out)
    assert one["search"] == {"actors": ["USA", "PRK"], "fields": ["position"], "pairs": False}
    assert two["search"]["pairs"] is True
    s = one["search"]
    again = levers(
        "korea-2019-12",
        one["model"],
        issue=one["issue"],
        target=one["target"],
        actors=s["actors"],
        fields=s["fields"],
        pairs=s["pairs"],
        seed=one["seed"],
    )
    assert json.loads(again.to_json()) == one
    assert LeversResult.from_dict(one).to_dict() == one
    _, out, _ = cli(capsys, *args)
    assert json.loads(out)["search"]["actors"] is None  # all actors


def test_experiments_record_the_parameters_a_run_records() -> None:
    """A sweep, a sensitivity analysis and a lever search of SMP recorded its nine KTAB settings
    as "auto" where `detente run` records the values used, so `detente runs diff` of a run and a
    sweep of the same model listed nine parameters as changed."""
    import detente
    from detente.experiments import sensitivity, sweep

    run = detente.run("korea-2019-12", "smp").provenance.params
    assert "auto" not in run.values()
    done = [
        sweep("korea-2019-12", "smp", draws=2, seed=1),
        sensitivity("korea-2019-12", "smp", method="oat", issue="sequencing", seed=1),
        levers(
            "korea-2019-12",
            "smp",
            issue="sequencing",
            target=60,
            actors=["IAEA"],
            fields=["position"],
        ),
    ]
    for result in done:
        assert dict(result.provenance.params) == dict(run), type(result).__name__


def test_a_sweeps_parquet_rows_say_how_they_were_made(tmp_path: Path) -> None:
    """`detente sweep --out rows.parquet` wrote per-draw rows with no model, parameters, root
    seed, scenario hash or version: the file alone could not be traced or rerun."""
    import pyarrow.parquet as pq

    from detente.experiments import sweep

    out = tmp_path / "rows.parquet"
    result = sweep("korea-2019-12", "mean", draws=5, seed=8, out=out, drop_actors=True)
    about = json.loads(pq.read_schema(out).metadata[b"detente"])
    summary = result.summary()
    keys = ("model", "params", "seed", "version", "scenario", "noise", "drop_actors", "draws")
    assert {k: about[k] for k in keys} == {k: summary[k] for k in keys}
    assert about["seed"] == 8 and about["scenario"]["sha256"] == result.provenance.scenario_sha256
    assert len(pq.read_table(out)) == 5 * (1 + len(result.scenario.actors))
