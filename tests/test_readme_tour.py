"""The README's tour runs top to bottom as written, in a fresh folder holding only ``examples/``.

Each ``detente …`` line of the tour's shell block is run in-process (no network, no subprocess),
and the Python block is executed.  The ``report`` line must be the command ``make run`` runs.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from helpers import REPO, cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def _block(heading: str, lang: str) -> str:
    section = README[README.index(heading) :]
    match = re.search(rf"```{lang}\n(.*?)```", section, re.S)
    assert match, f"no {lang} block after {heading!r}"
    return match.group(1)


def tour_commands() -> list[list[str]]:
    """The tour's ``detente`` commands, continuation lines joined and comments dropped."""
    text = _block("## A short tour", "sh").replace("\\\n", " ")
    return [
        shlex.split(line, comments=True)[1:]
        for line in text.splitlines()
        if line.startswith("detente ")
    ]


def make_run_command() -> list[str]:
    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1]
    recipe = recipe.split("\n\n", 1)[0].replace("\\\n", " ")
    words = shlex.split(recipe.split("/detente", 1)[1])
    return words


def test_the_report_line_is_what_make_run_runs() -> None:
    (report,) = [c for c in tour_commands() if c[0] == "report"]
    assert report == make_run_command()


def test_the_tour_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DETENTE_STORE", str(tmp_path / "store.sqlite"))  # not the user's store
    monkeypatch.delenv("DETENTE_SAVE_RUNS", raising=False)
    commands = tour_commands()
    assert len(commands) >= 15
    assert ["serve"] in commands  # a server runs until stopped: tests/web drive it instead
    for args in (c for c in commands if c != ["serve"]):
        code, _, err = cli(capsys, *args)
        assert code == 0, f"detente {shlex.join(args)} failed:\n{err}"
        assert "Traceback" not in err
    assert (tmp_path / "dam.yaml").is_file() and (tmp_path / "draft.yaml").is_file()
    assert len(list((tmp_path / "reports").glob("korea-2019-12-*.html"))) == 1


def test_the_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(_block("From Python", "python"), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "8 None"


def test_examples_are_described() -> None:
    listed = (REPO / "examples" / "README.md").read_text(encoding="utf-8")
    for path in (REPO / "examples").iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in listed, f"examples/README.md does not describe {path.name}"
