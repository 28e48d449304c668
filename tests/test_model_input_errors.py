"""A scenario that lacks what a model needs: one line naming the file, the field and the problem.

'detente run dam-talks.yaml -m procedural' said only "error: model procedural needs a decision
section" (which file? which field?), as did the sweep, the outlook and the workbench.  Now the
command line prints ``FILE: FIELD: problem`` (exit 2, no traceback); the workbench's job message
names the scenario and the field the same way (tests/web/test_web_pages.py).
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from detente.errors import ModelInputError
from helpers import REPO, cli

EXAMPLES = REPO / "examples"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """Copies of the examples under a name of their own: the message must name this file."""
    out = {}
    for name in ("dam-talks.yaml", "classic-table.csv"):
        out[name] = str(shutil.copy(EXAMPLES / name, tmp_path / f"my-{name}"))
    return out


CASES = [
    (["run", "dam-talks.yaml", "-m", "procedural"], "decision", "needs a decision section"),
    (["sweep", "dam-talks.yaml", "-m", "procedural", "--draws", "4"], "decision", "decision"),
    (["run", "classic-table.csv", "-m", "nash"], "issues[0].status_quo", "needs a status quo"),
    (
        ["sensitivity", "classic-table.csv", "-m", "winset", "--method", "oat"],
        "issues[0].status_quo",
        "needs a status quo",
    ),
    (["outlook", "classic-table.csv", "--draws", "4"], "issues[0].status_quo", "status quo"),
    (["negotiate", "classic-table.csv"], "negotiation.parties", "--parties A,B"),
]


@pytest.mark.parametrize(("args", "field", "problem"), CASES, ids=lambda c: str(c))
def test_the_cli_names_the_file_and_the_field(
    args: list[str],
    field: str,
    problem: str,
    files: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [files.get(a, a) for a in args]
    code, _, err = cli(capsys, *argv)
    path = files[args[1]]
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith(f"error: {path}: {field}: ") and problem in err


def test_a_bundled_scenario_is_named_as_given(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "run", "korea-2019-12", "-m", "procedural")
    assert code == 2 and err == (
        "error: korea-2019-12: decision.agenda_setter: issue sequencing: "
        "model procedural needs an agenda setter\n"
    )


def test_the_library_error_names_the_field_and_keeps_it_across_processes() -> None:
    import detente

    with pytest.raises(ModelInputError) as info:
        detente.run("korea-2019-12", "procedural")
    exc = info.value
    assert exc.field == "decision.agenda_setter" and str(exc).startswith("decision.agenda_setter: ")
    again = pickle.loads(pickle.dumps(exc))
    assert (again.field, str(again)) == (exc.field, str(exc))
    assert exc.located("k.yaml") == f"k.yaml: {exc}"
