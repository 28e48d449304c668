"""A CSV meant as the classic table but with a wrong header is told so, not read as KTAB's."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, cli


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("Actor,Capability,Position", "missing Salience"),
        ("actor,capability,salience", "missing Position"),
        ("Actor,Capabilty,Position,Salience", "missing Capability"),
        ("Actor,Position,Capability,Salience", "got Actor,Position,Capability,Salience"),
    ],
)
def test_wrong_classic_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, header: str, problem: str
) -> None:
    f = tmp_path / "table.csv"
    f.write_text(f"{header}\nA,1,20,50\nB,2,30,60\n")
    code, out, err = cli(capsys, "validate", str(f))
    assert code == 2 and out == ""
    expected = "the classic table's header is Actor,Capability,Position,Salience; "
    assert err == f"error: {f}: line 1: {expected}{problem}\n"


def test_ktab_files_still_read_as_ktab(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli(capsys, "validate", str(REPO / "examples" / "dam-talks-ktab.csv"))[0] == 0
    f = tmp_path / "k.csv"
    f.write_text("Actor,Capability-talks\n")  # one classic name is not enough to mean the table
    code, _, err = cli(capsys, "validate", str(f))
    assert code == 2 and "KTAB's title line" in err
