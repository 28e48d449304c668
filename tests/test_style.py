"""Style the package keeps: no ``# fmt: skip``/``# fmt: off`` islands; wide records by keyword."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import REPO

ISLAND = re.compile(r"#\s*fmt:\s*(skip|off)\b")


def test_no_formatter_islands_in_the_package() -> None:
    """Neither the package nor its tests, benchmarks, scripts or examples keep one."""
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for part in ("src", "tests", "benchmarks", "scripts", "examples")
        for path in sorted((REPO / part).rglob("*.py"))
        if path != Path(__file__).resolve()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ISLAND.search(line)
    ]
    assert not found, "format these with ruff format instead: " + ", ".join(found)


def test_wide_result_records_are_built_by_keyword() -> None:
    import dataclasses

    from detente.backtest import Backtest
    from detente.deal_outlook.run import Outlook
    from detente.experiments.lever_result import LeversResult
    from detente.experiments.result import SweepResult
    from detente.games.sweeps import Sweep
    from detente.result import Provenance, Result, Round

    for cls in (Backtest, Outlook, LeversResult, SweepResult, Sweep, Provenance, Result, Round):
        assert all(f.kw_only for f in dataclasses.fields(cls)), cls.__name__


WIDE = 7
"""A record with this many fields or more is built by keyword (issue 15)."""


def _dataclass_call(cls: ast.ClassDef) -> ast.expr | None:
    for d in cls.decorator_list:
        f = d.func if isinstance(d, ast.Call) else d
        if (f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)) == "dataclass":
            return d
    return None


def _fields(cls: ast.ClassDef) -> int:
    return sum(
        isinstance(s, ast.AnnAssign) and "ClassVar" not in ast.unparse(s.annotation)
        for s in cls.body
    )


def unnamed_wide_records(source: str) -> list[str]:
    """Dataclasses in ``source`` with ``WIDE`` or more fields whose decorator lacks kw_only=True."""
    found = []
    for cls in ast.walk(ast.parse(source)):
        if not isinstance(cls, ast.ClassDef) or (d := _dataclass_call(cls)) is None:
            continue
        kw = {k.arg: k.value for k in d.keywords} if isinstance(d, ast.Call) else {}
        named = isinstance(kw.get("kw_only"), ast.Constant) and kw["kw_only"].value is True
        if _fields(cls) >= WIDE and not named:
            found.append(f"{cls.name} ({_fields(cls)} fields)")
    return found


def test_the_scan_finds_a_wide_record_built_by_position() -> None:
    fields = "".join(f"    f{k}: int\n" for k in range(WIDE))
    for decorator in ("@dataclass", "@dataclass(frozen=True, slots=True)", "@dc.dataclass()"):
        assert unnamed_wide_records(f"{decorator}\nclass Wide:\n{fields}") == [
            f"Wide ({WIDE} fields)"
        ]
    narrow = "".join(f"    f{k}: int\n" for k in range(WIDE - 1))
    assert not unnamed_wide_records(
        f"@dataclass\nclass Narrow:\n{narrow}    c: ClassVar[int] = 0\n"
    )
    assert not unnamed_wide_records(f"@dataclass(kw_only=True)\nclass Wide:\n{fields}")
    assert unnamed_wide_records(f"@dataclass(kw_only=False)\nclass Wide:\n{fields}")


def test_every_wide_record_in_the_package_is_built_by_keyword() -> None:
    found = [
        f"{path.relative_to(REPO)}: {record}"
        for path in sorted((REPO / "src" / "detente").rglob("*.py"))
        for record in unnamed_wide_records(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"make these kw_only=True (>= {WIDE} fields): " + ", ".join(found)
