"""A store that cannot be used is a one-line error before any work, not after it."""

from __future__ import annotations

from pathlib import Path

import pytest

import detente.api
import detente.experiments
from helpers import cli


def _no_work(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the work started before the store was checked")


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["run", "korea-2019-12", "--model", "mean"], (detente.api, "run")),
        (
            ["sweep", "korea-2019-12", "--model", "mean", "--draws", "5"],
            (detente.experiments, "sweep"),
        ),
    ],
)
def test_bad_store_is_refused_before_the_work(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    target: tuple[object, str],
) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database\n")
    monkeypatch.setattr(*target, _no_work)
    code, out, err = cli(capsys, *args, "--save", "--store", str(bad))
    assert code == 2 and out == ""
    assert err == f"error: {bad}: not a usable detente store (file is not a database)\n"
    assert bad.read_text() == "not a database\n"  # nothing the user had is changed


def test_store_folder_that_cannot_be_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    store = tmp_path / "file" / "runs.sqlite"  # its folder would be inside a file
    code, out, err = cli(capsys, "runs", "list", "--store", str(store))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {store}: cannot create the store's folder {store.parent} (")


def test_runs_show_a_saved_outlook_and_a_game(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = str(tmp_path / "runs.sqlite")
    args = ["korea-2019-12", "--draws", "10", "--seed", "1", "--save", "--store", store]
    assert cli(capsys, "outlook", *args)[0] == 0
    assert cli(capsys, "game", "solve", "iig", "--save", "--store", store)[0] == 0
    code, out, _ = cli(capsys, "runs", "show", "1", "--store", store)
    assert code == 0 and "  p_deal: 0." in out  # the headline, not only the settings
    code, out, _ = cli(capsys, "runs", "show", "2", "--store", store)
    assert code == 0 and "  scenario: –\n" in out and "None" not in out
