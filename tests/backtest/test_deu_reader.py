"""The DEU reader: both layouts, scenarios, capabilities, and every kind of bad input."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.io import dump_yaml, load
from detente.io.deu import read_deu, repair_date
from detente.io.deu_scenario import council_weights, scoring_problem, to_scenario
from deu_files import DEU, ISSUES, NO_DEU, write_deu


def test_reads_tidy_csvs(tmp_path: Path) -> None:
    issues = read_deu(write_deu(tmp_path))
    assert [i.isnr for i in issues] == [row[0] for row in ISSUES]
    first = issues[0]
    assert first.actors == ("com", "ep", "fr", "de", "uk")  # DEU's actor order
    assert first.reference_point == 0 and first.outcome == 60 and first.period == "1996-2000"
    assert issues[2].saliences[issues[2].actors.index("de")] is None and issues[3].outcome is None


def test_scoring_problems_are_named(tmp_path: Path) -> None:
    issues = read_deu(write_deu(tmp_path))
    assert [scoring_problem(i) for i in issues] == [
        None,
        None,
        None,
        "no outcome coded",
        None,
    ]
    short = dataclasses.replace(issues[1], saliences=(50.0, None, 50.0))
    assert "only 2 actor(s)" in str(scoring_problem(short))


def test_scenario_from_issue(tmp_path: Path) -> None:
    issue = read_deu(write_deu(tmp_path))[2]
    s = to_scenario(issue)
    assert s.actor_ids == ("com", "ep", "pl")  # de has no salience: left out, and said so
    assert "left out: de" in s.notes and s.issues[0].status_quo == 100
    assert s.decision is not None and s.extra["deu"]["council_rule"] == "Unan"
    rule = s.decision.for_issue("x2i1")
    assert rule.rule == "unanimity" and rule.veto == ("pl",)  # CNS: the Parliament has no veto
    assert rule.agenda_setter == "com"
    assert to_scenario(read_deu(write_deu(tmp_path))[1]).decision is None  # no reference point
    assert all(a.capability == 1.0 for a in s.actors)


def test_council_capabilities(tmp_path: Path) -> None:
    issues = read_deu(write_deu(tmp_path))
    caps = {a.id: a.capability for a in to_scenario(issues[0], "council").actors}
    assert council_weights(issues[0])[0] == "amsterdam"
    assert caps == {"com": 10, "ep": 10, "fr": 10, "de": 10, "uk": 10}  # COD: EP as largest
    caps = {a.id: a.capability for a in to_scenario(issues[2], "council").actors}
    assert caps == {"com": 29, "ep": 3, "pl": 27}  # Nice; CNS: EP as the smallest state
    assert to_scenario(issues[4], "council").extra["deu"]["treaty"] == "nice"
    qmv = to_scenario(issues[0], "council").decision
    assert qmv is not None and qmv.for_issue("x1i1").veto == ("ep",)
    assert qmv.for_issue("x1i1").threshold == pytest.approx(62 / 87)
    assert dict(qmv.for_issue("x1i1").weights or {}) == {"fr": 10, "de": 10, "uk": 10}


def test_convert_round_trip(tmp_path: Path) -> None:
    s = to_scenario(read_deu(write_deu(tmp_path))[0], "council")
    path = tmp_path / "x1i1.yaml"
    path.write_text(dump_yaml(s))
    back = load(path)
    assert back.positions().tolist() == s.positions().tolist()
    assert back.capabilities().tolist() == s.capabilities().tolist()
    assert back.extra["deu"]["outcome"] == 60 and back.decision == s.decision


def test_repair_date() -> None:
    assert str(repair_date("30-05-01")) == "2001-05-30"
    assert str(repair_date("1930-05-01")) == "2001-05-30"  # the spreadsheet's misreading
    assert str(repair_date("02-02-2016")) == "2016-02-02"
    assert repair_date("999") is None


def test_reordered_columns_and_rows_read_the_same(tmp_path: Path) -> None:
    folder = write_deu(tmp_path / "a")
    other = tmp_path / "b"
    other.mkdir()
    for name in ("deu3_issues.csv", "deu3_actor_positions.csv"):
        lines = (folder / name).read_text().splitlines()
        cells = [line.split(",") for line in lines]
        cells = [row[::-1] for row in cells]  # columns reversed
        body = cells[1:][::-1]  # rows reversed
        (other / name).write_text("\n".join(",".join(r) for r in [cells[0], *body]) + "\n")
    a = {i.isnr: dataclasses.replace(i, file="", line=0) for i in read_deu(folder)}
    b = {i.isnr: dataclasses.replace(i, file="", line=0) for i in read_deu(other)}
    assert a == b


def _error(path: Path) -> str:
    with pytest.raises(InputError) as err:
        read_deu(path)
    assert len(err.value.problems) == 1
    return str(err.value)


def test_folder_without_deu_files(tmp_path: Path) -> None:
    assert "no DEU files here" in _error(tmp_path)
    assert "no such file or folder" in _error(tmp_path / "missing")


def test_truncated_csv(tmp_path: Path) -> None:
    folder = write_deu(tmp_path)
    text = (folder / "deu3_issues.csv").read_text()
    (folder / "deu3_issues.csv").write_text(text[: len(text) - 20])
    msg = _error(folder)
    assert "deu3_issues.csv: line 6" in msg and "truncated" in msg


def test_missing_positions_file(tmp_path: Path) -> None:
    folder = write_deu(tmp_path)
    (folder / "deu3_actor_positions.csv").unlink()
    assert "deu3_actor_positions.csv is missing" in _error(folder)


def test_issue_with_no_actors(tmp_path: Path) -> None:
    bare = (*ISSUES[0][:-1], [])
    msg = _error(write_deu(tmp_path, [*ISSUES, ("y9i1", *bare[1:])]))
    assert "deu3_issues.csv: line 7 (y9i1): issue has no actor with a position" in msg


@pytest.mark.parametrize("field", ["out", "rp", "position", "salience"])
def test_numbers_outside_0_100(tmp_path: Path, field: str) -> None:
    issue = list(ISSUES[0])
    if field == "out":
        issue[7] = "140"
    elif field == "rp":
        issue[6] = "-5"
    else:
        actor = ("com", 150, 50) if field == "position" else ("com", 50, 101)
        issue[8] = [actor, *ISSUES[0][8][1:]]
    msg = _error(write_deu(tmp_path, [tuple(issue)]))
    assert f"({field})" in msg and "outside the DEU scale 0–100" in msg and "line 2" in msg


def test_unknown_actor_and_orphan_positions(tmp_path: Path) -> None:
    issue = (*ISSUES[0][:-1], [("xx", 1, 1), *ISSUES[0][-1]])
    assert "unknown DEU actor code 'xx'" in _error(write_deu(tmp_path / "a", [issue]))
    folder = write_deu(tmp_path / "b")
    with (folder / "deu3_actor_positions.csv").open("a") as fh:
        fh.write("zzz,com,50,50\n")
    assert "positions for issue 'zzz'" in _error(folder)


@pytest.mark.skipif(not DEU.is_dir(), reason=NO_DEU)
def test_tsv_and_csv_layouts_agree(tmp_path: Path) -> None:
    csv_issues = read_deu(DEU)
    shutil.copy(DEU / "deu3_as_redistributed.tsv", tmp_path / "deu3.tsv")
    tsv_issues = read_deu(tmp_path)  # a folder with only the TSV: detected
    assert len(csv_issues) == len(tsv_issues) == 364

    def plain(i: object) -> object:
        return dataclasses.replace(i, file="", line=0)  # type: ignore[type-var]

    assert [plain(i) for i in csv_issues] == [plain(i) for i in tsv_issues]
    assert sum(scoring_problem(i) is None for i in csv_issues) == 351


def test_convert_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from helpers import cli

    folder, out = write_deu(tmp_path / "d"), tmp_path / "x3i1.yaml"
    code, _, err = cli(
        capsys, "convert", str(folder), str(out), "--issue", "x3i1", "--capability", "council"
    )
    assert code == 0, err
    s = load(out)
    assert s.id == "x3i1" and s.actors[2].name == "Croatia" and s.actors[2].capability == 7
    code, _, err = cli(capsys, "convert", str(folder), str(tmp_path / "y.yaml"), "--issue", "nope")
    assert code == 2 and "no DEU issue 'nope'" in err


def test_tsv_layout(tmp_path: Path) -> None:
    from deu_files import write_tsv

    tsv = read_deu(write_tsv(tmp_path / "deu.tsv"))
    tidy = read_deu(write_deu(tmp_path / "tidy"))

    def same(i: object) -> object:
        return dataclasses.replace(i, file="", line=0, decided=None)  # type: ignore[type-var]

    assert [same(i) for i in tsv] == [same(i) for i in tidy]
    assert tsv[0].line == 3  # the GDP line is skipped, not read as an issue


def test_truncated_tsv(tmp_path: Path) -> None:
    from deu_files import write_tsv

    path = write_tsv(tmp_path / "deu.tsv")
    text = path.read_text()
    path.write_text(text[: len(text) - 30])
    msg = _error(path)
    assert "deu.tsv: line 7" in msg and "truncated" in msg
    path.write_text(text.replace("\t60\n", "\t160\n"))
    assert "deu.tsv: line 3 (out): 160 is outside the DEU scale 0–100" in _error(path)
