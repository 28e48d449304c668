"""Hostile inputs across the CLI: each gives one ``error:`` line, exit code 2, and no traceback.

Regression tests for the defects found by the adversarial pass (billion-laughs YAML, entity
declarations in XML, giant CSV cells, deep nesting, outputs over inputs or folders, negative
seeds, bad QRE precisions, oversized sweeps and deadlines, future publication dates...).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from detente.errors import DetenteError, InputError
from detente.io import load
from helpers import DATA, cli

GOOD = """\
id: t
title: T
issues:
  - {id: a, scale: {min: 0, max: 100}, status_quo: 50}
actors:
  - id: X
    capability: 10
    positions: {a: {position: 20, salience: 50}}
  - id: Y
    capability: 20
    positions: {a: {position: 80, salience: 70}}
"""


def one_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the CLI, expect exit 2 and exactly one ``error:`` line; return that line."""
    code, _, err = cli(capsys, *args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def bad(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> str:
    """Load a bad file: one problem naming the file; the file is left unchanged."""
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(InputError) as info:
        load(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    (line,) = [str(p) for p in info.value.problems]
    assert line.startswith(str(path)) and "\n" not in line
    return line


# ---- scenario files -----------------------------------------------------------------------


def _laughs(depth: int = 10) -> str:
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    prev = "a"
    for name in "bcdefghijklmnop"[: depth - 1]:
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text


def test_billion_laughs_yaml_fails_fast(tmp_path: Path) -> None:
    start = time.perf_counter()
    line = bad(tmp_path, GOOD + "extra:\n  " + _laughs().replace("\n", "\n  "))
    assert "aliases" in line and "too many values" in line
    assert time.perf_counter() - start < 10


def test_ordinary_aliases_still_load(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        GOOD.replace("salience: 50", "salience: &s 50").replace("salience: 70", "salience: *s")
    )
    assert load(path).saliences().tolist() == [[50.0], [50.0]]


def test_integer_too_long_for_python(tmp_path: Path) -> None:
    line = bad(tmp_path, GOOD.replace("capability: 10", "capability: " + "9" * 5000))
    assert "not valid YAML" in line


def test_deeply_nested_json(tmp_path: Path) -> None:
    line = bad(tmp_path, '{"extra": ' + "[" * 100_000 + "]" * 100_000 + "}", "s.json")
    assert "nested too deeply" in line


def test_boolean_is_not_a_capability(tmp_path: Path) -> None:
    line = bad(tmp_path, GOOD.replace("capability: 10", "capability: true"))
    assert "(actors[0].capability): must be a number, got True" in line


def test_scale_too_wide_for_floats(tmp_path: Path) -> None:
    line = bad(tmp_path, GOOD.replace("min: 0, max: 100", "min: -1e308, max: 1e308"))
    assert "(issues[0].scale)" in line and "too wide" in line


def test_csv_cell_over_the_field_limit(tmp_path: Path) -> None:
    text = "Actor,Capability,Position,Salience\n" + "A" * 200_000 + ",1,2,3\n"
    assert "line 2: not valid CSV" in bad(tmp_path, text, "t.csv")


def test_ktab_csv_cell_over_the_field_limit(tmp_path: Path) -> None:
    text = "N,d,1,1\nActor,Description,Power,P1,S1\nA," + "d" * 200_000 + ",1,2,3\n"
    assert "not valid CSV" in bad(tmp_path, text, "k.csv")


_XML = (
    "<Scenario><name>{name}</name><Dimensions><dName>d</dName></Dimensions><Actors><Actor>"
    "<name>A</name><capability>1</capability><Position><dCoord>1</dCoord></Position>"
    "<Salience><dSal>1</dSal></Salience></Actor></Actors>{ia}</Scenario>\n"
)


def test_xml_entity_expansion_is_refused(tmp_path: Path) -> None:
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefg", "bcdefgh", strict=True)
    )
    text = f"<?xml version='1.0'?>\n<!DOCTYPE Scenario [{ents}]>\n" + _XML.format(name="&h;", ia="")
    start = time.perf_counter()
    line = bad(tmp_path, text, "k.xml")
    assert "line 2: entity declarations are not allowed" in line
    assert time.perf_counter() - start < 5


def test_xml_external_entity_is_refused(tmp_path: Path) -> None:
    text = '<!DOCTYPE Scenario [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + _XML.format(
        name="&x;", ia=""
    )
    assert "entity declarations are not allowed" in bad(tmp_path, text, "k.xml")


def test_ktab_ideal_adjustment_names_unknown_actor(tmp_path: Path) -> None:
    ia = (
        "<IdealAdjustment><iaPair><adjustingIdeal>Q</adjustingIdeal>"
        "<referencePos>A</referencePos><adjust>0.5</adjust></iaPair></IdealAdjustment>"
    )
    line = bad(tmp_path, _XML.format(name="n", ia=ia), "k.xml")
    assert "<adjustingIdeal> names 'Q'" in line


# ---- outputs never replace inputs or folders ----------------------------------------------


def test_run_out_is_the_input_even_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "s.yaml"
    src.write_text(GOOD)
    line = one_error(capsys, "run", str(src), "--out", str(src), "--force")
    assert "is an input of this command" in line and src.read_text() == GOOD


def test_report_out_is_the_input_even_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "s.yaml"
    src.write_text(GOOD)
    line = one_error(capsys, "report", str(src), "-m", "median", "--out", str(src), "--force")
    assert "is an input of this command" in line and src.read_text() == GOOD


def test_out_is_a_folder_even_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, folder = tmp_path / "s.yaml", tmp_path / "x.json"
    src.write_text(GOOD)
    folder.mkdir()
    (folder / "keep").write_text("keep")
    line = one_error(capsys, "run", str(src), "--out", str(folder), "--force")
    assert "is a folder" in line and (folder / "keep").read_text() == "keep"
    line = one_error(capsys, "convert", str(src), str(folder), "--force")
    assert "is a folder" in line


def test_ingest_out_is_the_input(tmp_path: Path) -> None:
    from detente.cli.common import write_new_file

    src = tmp_path / "a.yaml"
    src.write_text("article")
    with pytest.raises(SystemExit) as info:
        write_new_file(src, "draft", overwrite=True, inputs=(src,))
    assert info.value.code == 2 and src.read_text() == "article"


# ---- seeds, parameters, ranges ------------------------------------------------------------


@pytest.mark.parametrize("command", [["run", "-m", "smp"], ["negotiate"]])
def test_negative_seed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    src = tmp_path / "s.yaml"
    src.write_text(GOOD)
    line = one_error(capsys, command[0], str(src), *command[1:], "--seed", "-1")
    assert "--seed -1: a seed must be a non-negative integer" in line


@pytest.mark.parametrize("lam", ["nan", "-1", "inf"])
def test_qre_lambda_must_be_finite_and_non_negative(
    capsys: pytest.CaptureFixture[str], lam: str
) -> None:
    line = one_error(
        capsys, "game", "solve", "deadline_provocation", "--method", "qre", "--lambda", lam
    )
    assert "--lambda" in line and "finite number >= 0" in line


@pytest.mark.parametrize("spec", ["horizon=1:2:100000000", "horizon=1:inf:3"])
def test_sweep_range_is_bounded_and_finite(capsys: pytest.CaptureFixture[str], spec: str) -> None:
    line = one_error(capsys, "game", "sweep", "deadline_provocation", "-p", spec)
    assert "expected name=lo:hi:n" in line


def test_efg_nested_too_deeply(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "deep.efg"
    body = 'p "" 1 1 "" { "L" } 0\n' * 5000 + 't "" 1 "o" { 1, 2 }\n'
    path.write_text('EFG 2 R "g" { "A" "B" }\n""\n' + body)
    assert "nested too deeply" in one_error(capsys, "game", "solve", str(path))


def test_efg_over_the_size_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "big.efg"
    path.write_text('EFG 2 R "g" { "A" "B" }\n""\n' + " " * (10 * 1024 * 1024 + 10))
    assert "the limit is 10 MB" in one_error(capsys, "game", "solve", str(path))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--parties", ""], "two or more distinct parties"),
        (["--deadline", "1000000000"], "deadline must be at most"),
        (["-p", "levels=-1"], "levels must be 0"),
        (["--tournament", "--parties", "X,X"], "two distinct parties"),
    ],
)
def test_negotiate_bad_setup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    src = tmp_path / "s.yaml"
    src.write_text(GOOD)
    assert message in one_error(capsys, "negotiate", str(src), *args)


# ---- ingest -------------------------------------------------------------------------------


def test_ingest_date_in_the_future() -> None:
    from detente.extraction.run import parse_date

    with pytest.raises(DetenteError, match="cannot be in the future"):
        parse_date("2999-01-01")
    assert parse_date("2019-12-09").isoformat() == "2019-12-09"


def test_ingest_empty_alias_file(tmp_path: Path) -> None:
    from detente.extraction.actors import load_aliases

    path = tmp_path / "aliases.yaml"
    path.write_text("  \n")
    with pytest.raises(InputError, match="file is empty"):
        load_aliases(path)


def test_bundled_ktab_files_still_load() -> None:
    for name in ("dummyData_3Dim.xml", "smpExample.xml", "d3__baseline.xml"):
        try:
            load(DATA / "ktab" / name)
        except InputError as exc:  # smpExample has an empty <dCoord>, a documented error
            assert "dCoord" in str(exc) or "entity" not in str(exc)


@pytest.mark.parametrize(
    ("games", "message"),
    [
        (
            "deadline_provocation: {p_resolute: {value: 7}}",
            "p_resolute=7 is outside its range [0, 1]",
        ),
        (
            "deadline_provocation: {bogus: {value: 1}}",
            "deadline_provocation has no parameter 'bogus'",
        ),
        ("deadline_provacation: {p_resolute: {value: 0.3}}", "unknown game"),
    ],
)
def test_validate_checks_the_games_section(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, games: str, message: str
) -> None:
    src = tmp_path / "s.yaml"
    src.write_text(GOOD + "games:\n  " + games + "\n")
    line = one_error(capsys, "validate", str(src))
    assert line.startswith(f"error: {src}: line ") and "(games.deadline_prov" in line
    assert message in line
    assert one_error(capsys, "run", str(src), "--model", "mean") == line  # not validate alone


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "x", "--seed", "abc"], "Invalid value for '--seed'"),
        (["run", "x", "--bogus"], "No such option: --bogus"),
        (["run"], "Missing argument"),
        (["nosuchcommand"], "No such command"),
        (["game", "solve", "iig", "--lambda", "abc"], "Invalid value for '--lambda'"),
    ],
)
def test_option_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert message in one_error(capsys, *args)


def test_help_and_no_arguments_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "run", "--help")
    assert code == 0 and "Usage" in out
    code, out, err = cli(capsys)
    assert code == 2 and "Usage" in out + err


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root, so the permission error is simulated."""
    path = tmp_path / "s.yaml"
    path.write_text(GOOD)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError, match="cannot read: Permission denied"):
        load(path)


def test_interrupt_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    import detente.cli.app as cli_app

    def abort(*_args: object, **_kwargs: object) -> None:
        raise typer.Abort()

    monkeypatch.setattr(cli_app, "app", abort)
    code, _, err = cli(capsys, "models")
    assert code == 130 and err.strip() == "detente: interrupted"
