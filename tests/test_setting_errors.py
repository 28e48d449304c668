"""The command line's words stay in cli/: library errors name settings, the CLI names flags.

Every error below is raised by library code; its text must name the setting as the Python API
spells it (``split``, ``lam``, ``method='qre'``), never a command-line flag, and keep its parts
(setting, value, allowed values) apart for the command line and the workbench.  A source scan
checks that no ``raise`` in the library spells a flag.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from detente.errors import DetenteError, SettingError, spell_settings

SRC = Path(__file__).resolve().parents[1] / "src" / "detente"
FLAG = re.compile(r"(?<![\w-])--[a-z]")
COMMAND = re.compile(
    r"detente (?:run|runs|sweep|report|ingest|game|backtest|negotiate|levers|sensitivity|outlook"
    r"|serve|validate|scenarios|models)\b(?!:)"
)
"""A ``detente`` subcommand named in text (not the product's name before a colon)."""


def _backtest_check() -> None:
    from detente.backtest import _check

    _check("later", "equal")


def _capability() -> None:
    from detente.backtest import _check

    _check("all", "gdp")


def _draws() -> None:
    from detente.backtest import _draws as draws

    draws(-1, None)


def _unknown_model() -> None:
    from detente.backtest.runner import make_candidates

    make_candidates(["mean", "oracle"])


def _twice() -> None:
    from detente.backtest.runner import make_candidates

    make_candidates(["mean", "mean"])


def _model_param() -> None:
    from detente.backtest.runner import make_candidates

    make_candidates([("bdm", {"preset": "nope"})])


def _scheduler_address() -> None:
    from detente.experiments.execute import _knock

    _knock("nonsense")


def _scheduler_workers() -> None:
    from detente.experiments.execute import _workers

    _workers("local:0")


def _date() -> None:
    from detente.extraction.run import parse_date

    parse_date("9/12/2019")


def _future() -> None:
    from detente.extraction.run import parse_date

    parse_date((dt.date.today() + dt.timedelta(days=30)).isoformat())


def _deu_capability() -> None:
    from detente.io.deu_scenario import load_issue

    load_issue("nowhere", "d00032i1", "gdp")


def _lam() -> None:
    from detente.games import load_game, solve

    solve(load_game("deterrence"), "qre", lam=-1.0)


def _supports() -> None:
    from detente.games.mixed import mixed_nash

    mixed_nash(np.zeros((20, 20)), np.zeros((20, 20)))


def _profiles() -> None:
    from detente.games import load_game, solve_pbe

    solve_pbe(load_game("provoke_respond", {"stages": 5}).game)


def _perfect_information() -> None:
    from detente.games import load_game, solve_spe

    solve_spe(load_game("deterrence").game)


CASES: dict[str, tuple[Callable[[], None], str | None]] = {
    "split": (_backtest_check, "split"),
    "capability": (_capability, "capability"),
    "draws": (_draws, "draws"),
    "unknown model": (_unknown_model, "models"),
    "model twice": (_twice, "models"),
    "model parameter": (_model_param, "models"),
    "scheduler address": (_scheduler_address, "scheduler"),
    "scheduler workers": (_scheduler_workers, "scheduler"),
    "date": (_date, "pub_date"),
    "future date": (_future, "pub_date"),
    "deu capability": (_deu_capability, "capability"),
    "lambda": (_lam, "lam"),
    "too many supports": (_supports, None),
    "too many profiles": (_profiles, None),
    "imperfect information": (_perfect_information, None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_library_errors_name_settings_not_flags(case: str) -> None:
    raiser, setting = CASES[case]
    with pytest.raises(SettingError) as info:
        raiser()
    err = info.value
    assert not FLAG.search(str(err)), str(err)
    assert err.setting == setting
    assert "\n" not in str(err)
    if setting is not None:
        assert str(err).startswith(f"{setting} {err.value!r}: ")


def test_the_command_line_spells_settings_as_flags() -> None:
    from detente.cli.params import flag, setting_error_line

    err = SettingError("must be one of dev, test, all", setting="split", value="later")
    assert setting_error_line(err) == "--split 'later': must be one of dev, test, all"
    assert flag("lam") == "--lambda" and flag("pub_date") == "--date"
    hint = SettingError("too big; use {method=qre} with a large {lam}")
    assert str(hint) == "too big; use method='qre' with a large lam"
    assert setting_error_line(hint) == "too big; use --method qre with a large --lambda"
    assert spell_settings("a dict {'a': 1} stays") == "a dict {'a': 1} stays"


def test_setting_errors_keep_their_parts_across_processes() -> None:
    from detente.experiments.execute import SchedulerError

    err = SchedulerError("expected local:N", setting="scheduler", value="local:0")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is SchedulerError and again.setting == "scheduler"
    assert str(again) == str(err)


def test_the_cli_names_the_flags(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from detente.cli.app import main

    def line(*argv: str) -> str:
        with pytest.raises(SystemExit) as info:
            main(list(argv))
        err = capsys.readouterr().err.strip()
        assert info.value.code == 2 and len(err.splitlines()) == 1, err
        return err

    assert "--lambda -1.0: the QRE precision" in line(
        "game", "solve", "deterrence", "--method", "qre", "--lambda", "-1"
    )
    article = tmp_path / "a.txt"
    article.write_text("The United States met North Korea.\n")
    err = line("ingest", str(article), "--date", "9/12/2019")
    assert "--date '9/12/2019': expected a date" in err
    assert "use --method pbe" in line("game", "solve", "deterrence", "--method", "spe")


def _flag_texts(tree: ast.AST) -> list[str]:
    """String constants inside ``raise`` statements that spell a command-line flag."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    found += [sub.value] if FLAG.search(sub.value) else []
    return found


def test_no_library_raise_spells_a_flag() -> None:
    bad = {}
    for path in SRC.rglob("*.py"):
        if "cli" in path.relative_to(SRC).parts:
            continue
        texts = _flag_texts(ast.parse(path.read_text(encoding="utf-8")))
        if texts:
            bad[str(path.relative_to(SRC))] = texts
    assert not bad, bad
    from detente.games.solving import NO_PURE

    assert not FLAG.search(spell_settings(NO_PURE))
    assert issubclass(SettingError, DetenteError)


def test_the_workbench_names_its_fields_not_flags() -> None:
    from detente.web.jobs import user_message

    err = SettingError("use {method=qre} with a large {lam}", setting="method", value="spe")
    assert user_message(err) == "method 'spe': use method qre with a large lambda"
    assert user_message(DetenteError("plain")) == "plain"


def _docstring_ids(tree: ast.AST) -> set[int]:
    """ids of the docstring constants of ``tree`` (modules, classes, functions, attributes)."""
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        first = body[0] if body else None
        documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, documented) and isinstance(first, ast.Expr):
            ids.add(id(first.value))
        for before, after in itertools.pairwise(body):
            if isinstance(before, (ast.Assign, ast.AnnAssign)) and isinstance(after, ast.Expr):
                ids.add(id(after.value))
    return ids


def _command_line_words(path: Path) -> list[str]:
    """Text a user sees (not docstrings) that spells a flag or a ``detente`` subcommand."""
    if path.suffix != ".py":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [x for x in lines if FLAG.search(x) or COMMAND.search(x)]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstring_ids(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        if FLAG.search(node.value) or COMMAND.search(node.value)
    ]


def test_no_library_text_spells_the_command_line() -> None:
    """Reports, the store, the workbench and the drafts speak of settings, not of flags.

    Run titles, report hints ("re-run with ...") and error hints outside ``cli/`` used to name
    ``--draws``, ``detente run --draw-seed`` or ``detente runs list``; a front end adds those.
    Docstrings may name commands (they document the command line's contract).
    """
    bad = {}
    for path in sorted(SRC.rglob("*")):
        if "cli" in path.relative_to(SRC).parts or path.suffix not in (".py", ".j2", ".js"):
            continue
        if found := _command_line_words(path):
            bad[str(path.relative_to(SRC))] = found
    assert not bad, bad
    assert _command_line_words(Path(__file__).resolve().parents[1] / "src/detente/cli/runs.py")


def test_solution_notes_are_spelled_by_the_front_end() -> None:
    from detente.cli.params import flag
    from detente.games.solution import GameSolution
    from detente.games.solving import NO_PURE

    sol = GameSolution("g", "pbe", {}, (), {"note": NO_PURE})
    assert "use method='mixed-nash'" in (sol.note() or "")
    assert "use --method mixed-nash" in (sol.note(flag) or "")
    assert sol.to_dict()["details"]["note"] == sol.note()
    assert GameSolution("g", "pbe", {}, ()).note() is None


def test_sweep_size_errors_name_the_setting() -> None:
    from detente.experiments.sweeps import SweepSizeError, _check_count

    with pytest.raises(SweepSizeError) as err:
        _check_count(0)
    assert (
        err.value.setting == "draws"
        and str(err.value) == "draws 0: must be a positive whole number"
    )
    assert isinstance(err.value, SettingError)
