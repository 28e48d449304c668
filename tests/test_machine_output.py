"""Machine output survives a pipe: every ``--json`` parses and file output is byte-exact.

Each command runs in a subprocess with stdout a pipe (not a terminal) and ``COLUMNS=20``, so
any text that went through a wrapping rich console would be broken at 20 columns.  Issue 15
item 10: ``game solve … --json | python -m json.tool`` failed on lines longer than 80 columns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from detente.extraction.nlp import nlp_available
from detente.games import format_efg, load_game, parse_efg
from detente.games.solving import explained

ARTICLE = (
    "North Korea test-fired two short-range missiles on Thursday, Seoul said. "
    "Pyongyang has set a year-end deadline for Washington, according to a statement "
    "carried by the state news agency KCNA on Tuesday evening local time."
)

JSON_COMMANDS = {
    "run": ["run", "korea-2019-12", "--model", "bdm", "--json"],
    "negotiate": ["negotiate", "korea-2019-12", "--parties", "USA,PRK", "--seed", "1", "--json"],
    "tournament": ["negotiate", "korea-2019-12", "--parties", "USA,PRK", "--tournament", "--json"],
    "game-solve-spe": ["game", "solve", "iig", "--json"],
    "game-solve-pbe": ["game", "solve", "deterrence", "--method", "pbe", "--json"],
    "game-solve-qre": ["game", "solve", "deadline_provocation", "--method", "qre", "--json"],
    "game-sweep": ["game", "sweep", "deterrence", "-p", "p_hard=0.1:0.9:3", "--json"],
    "game-solve-nash-streamed": ["game", "solve", "deterrence", "--method", "nash", "--json"],
    "sweep": ["sweep", "korea-2019-12", "--model", "median", "--draws", "40", "--json"],
    "sensitivity": ["sensitivity", "korea-2019-12", "--model", "mean", "--method", "oat", "--json"],
    "levers": ["levers", "korea-2019-12", "--issue", "sequencing", "--target", "50", "--json"],
    "outlook": ["outlook", "korea-2019-12", "--draws", "40", "--seed", "1", "--json"],
}
"""Every command with ``--json`` on bundled inputs; the backtest and runs commands below."""


def _detente(*argv: str, cwd: Path | None = None) -> str:
    env = {**os.environ, "COLUMNS": "20", "TERM": "dumb"}
    proc = subprocess.run(
        [sys.executable, "-c", "from detente.cli import main; main()", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("argv", JSON_COMMANDS.values(), ids=JSON_COMMANDS.keys())
def test_json_through_a_pipe_parses(argv: list[str]) -> None:
    text = _detente(*argv)
    assert max(len(line) for line in text.splitlines()) > 20  # would have been wrapped
    doc = json.loads(text)
    missing = {"model", "params", "seed", "version", "scenario"} - set(doc)
    assert not missing, f"no provenance keys {sorted(missing)}"  # one provenance for every result


@pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
def test_ingest_json_through_a_pipe_parses(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    json.loads(_detente("ingest", str(article), "--date", "2019-12-09", "--json"))


def test_game_show_writes_the_efg_unchanged() -> None:
    text = _detente("game", "show", "deadline_provocation")
    assert text == format_efg(explained(load_game("deadline_provocation")))
    assert parse_efg(text).nodes == load_game("deadline_provocation").game.nodes


def test_backtest_and_the_run_store_json_through_a_pipe(tmp_path: Path) -> None:
    from deu_files import write_deu

    deu = write_deu(tmp_path / "deu")
    json.loads(_detente("backtest", str(deu), "--models", "mean,median", "--seed", "1", "--json"))
    store = str(tmp_path / "runs.sqlite")
    for model in ("mean", "median"):
        _detente("run", "korea-2019-12", "--model", model, "--save", "--store", store)
    runs = json.loads(_detente("runs", "list", "--store", store, "--json"))
    assert len(runs) == 2
    a, b = (str(r["id"]) for r in runs)
    json.loads(_detente("runs", "show", a, "--store", store, "--json"))
    json.loads(_detente("runs", "diff", a, b, "--store", store, "--json"))


@pytest.mark.parametrize(
    "argv", [["game", "list"], ["models"], ["game", "show", "iig"]], ids=["table", "rich", "emit"]
)
def test_a_reader_closing_the_pipe_early_ends_the_command_quietly(argv: list[str]) -> None:
    """``detente game list | head -1``: exit 0 and no message (rich's default was a silent 1).

    The read end is closed before the command has started, so its first write fails every time.
    """
    proc = subprocess.Popen(
        [sys.executable, "-c", "from detente.cli import main; main()", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b""
