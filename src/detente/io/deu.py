"""Read the DEU III data set of EU legislative decisions [DEU3; DEU2].

DEU III codes 364 contested issues of EU legislation (introduced 1996–2018): on each issue the
position (0–100) and salience (0–100) of the Commission (``com``), the Parliament (``ep``) and the
member states (DEU's own two-letter codes, e.g. ``el`` Greece, ``bu`` Bulgaria), the reference
point ``rp`` (the reversion outcome, coded on 261 issues) and the decision outcome ``out`` (coded
on 353).  Two layouts are read, detected from the folder's files:

* the tidy CSVs: ``deu3_issues.csv`` (one row per issue, repaired dates in ``intro_date`` and
  ``finact_date``, the DEU period in ``period``) and ``deu3_actor_positions.csv`` (long form
  ``isnr, actor, position, salience``, salience blank where not coded);
* the table as redistributed (``*.tsv``, tab-separated, quoted, the DEU deposit's wide columns
  ``p<actor>``/``s<actor>``).  Its second line is a row of GDP figures that the redistributor
  added (not DEU data) and is skipped.  Its ``intro``/``finact`` dates went through a spreadsheet
  that turned many ``DD-MM-YY`` strings into ``YYYY-MM-DD`` (``30-05-01`` → ``1930-05-01``); the
  inverse (day = YYYY mod 100, month = MM, year = DD) is applied, and ``999`` means not coded.

Columns are found by name, so re-ordered columns or rows read the same.  Every problem — a missing
column, a truncated row, a number outside 0–100, an issue with no actor — is an
:class:`~detente.errors.InputError` naming the file, the line and the field.

The period of an issue is DEU's, by introduction date: ``1996-2000``, ``2003-2008``,
``2012-2018`` [DEU3].

References
----------
[DEU3] Arregui, J. & Perarnaud, C. (2022). A new dataset on legislative decision-making in the
    European Union: the DEU III dataset. JEPP 29(1). doi:10.1080/13501763.2021.1991983; data
    doi:10.34810/data53 (CC BY 4.0).
[DEU2] Thomson, R. et al. (2012). The DEU II dataset. JEPP 19(4), 604–622.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from detente.errors import InputError, Problem
from detente.io.readers import read_text

__all__ = ["ACTORS", "PERIODS", "DeuIssue", "read_deu"]

ACTORS = (
    "com",
    "ep",
    "at",
    "be",
    "bu",
    "cr",
    "cy",
    "cz",
    "dk",
    "ee",
    "fi",
    "fr",
    "de",
    "el",
    "hu",
    "ie",
    "it",
    "lv",
    "lt",
    "lu",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "si",
    "sk",
    "es",
    "se",
    "uk",
)
"""The 30 DEU actor codes in DEU's column order: Commission, Parliament, then member states."""

PERIODS = ("1996-2000", "2003-2008", "2012-2018")
"""DEU's three waves, by the proposal's introduction year [DEU3]."""

ISSUES_CSV = "deu3_issues.csv"
POSITIONS_CSV = "deu3_actor_positions.csv"
_ISSUE_COLUMNS = ("isnr", "prnr", "prname", "proc", "counvte", "rp", "out")
_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class DeuIssue:
    """One DEU issue as coded, before any modelling choice.

    ``actors``/``positions``/``saliences`` list every actor with a position, in DEU's actor order;
    a salience is None where it is not coded.  ``file`` and ``line`` locate the issue's row.
    """

    isnr: str
    proposal: str
    name: str
    procedure: str
    council_rule: str
    period: str
    introduced: dt.date | None
    decided: dt.date | None
    reference_point: float | None
    outcome: float | None
    actors: tuple[str, ...]
    positions: tuple[float, ...]
    saliences: tuple[float | None, ...]
    file: str = ""
    line: int = 0


def read_deu(path: str | Path) -> tuple[DeuIssue, ...]:
    """Read DEU from a folder (tidy CSVs preferred, else one ``.tsv``) or from the TSV itself."""
    path = Path(path)
    if path.is_file():
        return _read_tsv(path)
    if not path.is_dir():
        raise InputError([Problem(str(path), "", "no such file or folder")])
    if (path / ISSUES_CSV).is_file():
        return _read_csvs(path / ISSUES_CSV, path / POSITIONS_CSV)
    tsv = sorted(path.glob("*.tsv"))
    if tsv:
        return _read_tsv(tsv[0])
    raise InputError(
        [
            Problem(
                str(path),
                "",
                f"no DEU files here: expected {ISSUES_CSV} and {POSITIONS_CSV}, or the "
                "redistributed .tsv (get DEU III from doi:10.34810/data53)",
            )
        ]
    )


class _Rows:
    """The rows of one delimited file as dicts, each with its line number; header checked."""

    def __init__(self, path: Path, delimiter: str, required: Sequence[str]) -> None:
        self.file = str(path)
        text = read_text(path, max_bytes=_MAX_BYTES)
        reader = csv.reader(text.splitlines(), delimiter=delimiter)
        try:
            self.rows = list(reader)
        except csv.Error as exc:
            raise self.error(reader.line_num, "", f"not valid CSV: {exc}") from None
        self.header = [h.strip() for h in self.rows[0]]
        missing = [c for c in required if c not in self.header]
        if missing:
            raise self.error(1, "", f"missing column(s) {', '.join(missing)}")

    def error(self, line: int, field: str, message: str) -> InputError:
        where = f"line {line}" + (f" ({field})" if field else "")
        return InputError([Problem(self.file, where, message)])

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        for n, row in enumerate(self.rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(self.header):
                msg = f"has {len(row)} fields, the header has {len(self.header)} (truncated?)"
                raise self.error(n, "", msg)
            yield n, {h: c.strip() for h, c in zip(self.header, row, strict=True)}

    def number(self, line: int, field: str, text: str, *, score: bool = True) -> float | None:
        """``text`` as a number (None when blank); on the 0–100 scale when ``score``."""
        if text in ("", "NA", "."):
            return None
        try:
            value = float(text)
        except ValueError:
            raise self.error(line, field, f"{text!r} is not a number") from None
        if score and not (math.isfinite(value) and 0.0 <= value <= 100.0):
            raise self.error(line, field, f"{text} is outside the DEU scale 0–100")
        return value


def _period(introduced: dt.date | None, rows: _Rows, line: int) -> str:
    year = introduced.year if introduced else None
    for period in PERIODS:
        lo, hi = (int(y) for y in period.split("-"))
        if year is not None and lo <= year <= hi:
            return period
    raise rows.error(line, "intro", f"introduction date {introduced} is in no DEU period")


def _issue(
    rows: _Rows, line: int, row: dict[str, str], stances: list[tuple[str, float, float | None]]
) -> DeuIssue:
    if not stances:
        raise rows.error(line, row["isnr"], "issue has no actor with a position")
    return DeuIssue(
        isnr=row["isnr"],
        proposal=row["prnr"],
        name=row["prname"],
        procedure=row["proc"],
        council_rule=row["counvte"],
        period="",
        introduced=None,
        decided=None,
        reference_point=rows.number(line, "rp", row["rp"]),
        outcome=rows.number(line, "out", row["out"]),
        actors=tuple(a for a, _, _ in stances),
        positions=tuple(p for _, p, _ in stances),
        saliences=tuple(s for _, _, s in stances),
        file=rows.file,
        line=line,
    )


def _iso(rows: _Rows, line: int, field: str, text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise rows.error(line, field, f"{text!r} is not a date YYYY-MM-DD") from None


def _read_csvs(issues_path: Path, positions_path: Path) -> tuple[DeuIssue, ...]:
    if not positions_path.is_file():
        msg = f"{positions_path.name} is missing beside {issues_path.name}"
        raise InputError([Problem(str(positions_path.parent), "", msg)])
    issues = _Rows(issues_path, ",", (*_ISSUE_COLUMNS, "intro_date", "finact_date", "period"))
    longform = _Rows(positions_path, ",", ("isnr", "actor", "position", "salience"))
    stances: dict[str, list[tuple[str, float, float | None]]] = {}
    for line, row in longform:
        if row["actor"] not in ACTORS:
            raise longform.error(line, "actor", f"unknown DEU actor code {row['actor']!r}")
        position = longform.number(line, "position", row["position"])
        if position is None:
            raise longform.error(line, "position", "blank")
        salience = longform.number(line, "salience", row["salience"])
        stances.setdefault(row["isnr"], []).append((row["actor"], position, salience))
    out = []
    for line, row in issues:
        found = sorted(stances.pop(row["isnr"], []), key=lambda t: ACTORS.index(t[0]))
        issue = _issue(issues, line, row, found)
        introduced = _iso(issues, line, "intro_date", row["intro_date"])
        decided = _iso(issues, line, "finact_date", row["finact_date"])
        period = _period(introduced, issues, line)
        if row["period"] and row["period"] != period:
            msg = f"period {row['period']} does not match the introduction date {introduced}"
            raise issues.error(line, "period", msg)
        out.append(_dated(issue, introduced, decided, period))
    if stances:
        orphan = next(iter(stances))
        msg = f"positions for issue {orphan!r}, which is not in {issues_path.name}"
        raise longform.error(1, "isnr", msg)
    return _unique(tuple(out), issues)


def _dated(
    issue: DeuIssue, introduced: dt.date | None, decided: dt.date | None, period: str
) -> DeuIssue:
    return replace(issue, introduced=introduced, decided=decided, period=period)


def _unique(issues: tuple[DeuIssue, ...], rows: _Rows) -> tuple[DeuIssue, ...]:
    seen: dict[str, int] = {}
    for issue in issues:
        if issue.isnr in seen:
            msg = f"issue {issue.isnr} appears twice (first on line {seen[issue.isnr]})"
            raise rows.error(issue.line, "isnr", msg)
        seen[issue.isnr] = issue.line
    if not issues:
        raise rows.error(1, "", "no issues in the file")
    return issues


def repair_date(text: str) -> dt.date | None:
    """A date of the redistributed table (see the module docstring); None for ``999``/blank.

    Forms: ``DD-MM-YY``, ``DD-MM-YYYY`` or the spreadsheet's ``YYYY-MM-DD`` misreading of
    ``DD-MM-YY``.
    """
    text = text.strip()
    if text in ("", "999", "NA"):
        return None
    a, b, c = (int(v) for v in text.split("-"))
    if a >= 1900:  # spreadsheet form: YYYY = 19DD or 20DD, DD = the two-digit year
        day, month, yy = a % 100, b, c
    else:
        day, month, yy = a, b, c
    year = yy if yy >= 1900 else (1900 + yy if yy >= 90 else 2000 + yy)
    return dt.date(year, month, day)


def _tsv_date(rows: _Rows, line: int, field: str, text: str) -> dt.date | None:
    try:
        return repair_date(text)
    except ValueError:
        raise rows.error(line, field, f"{text!r} is not a DEU date (DD-MM-YY)") from None


def _read_tsv(path: Path) -> tuple[DeuIssue, ...]:
    columns = (*_ISSUE_COLUMNS, "intro", "finact", *(f"{k}{a}" for a in ACTORS for k in "ps"))
    rows = _Rows(path, "\t", columns)
    out = []
    for line, row in rows:
        if not row["isnr"]:  # the redistributor's GDP line
            continue
        stances = []
        for actor in ACTORS:
            position = rows.number(line, f"p{actor}", row[f"p{actor}"])
            if position is not None:
                salience = rows.number(line, f"s{actor}", row[f"s{actor}"])
                stances.append((actor, position, salience))
        introduced = _tsv_date(rows, line, "intro", row["intro"])
        decided = _tsv_date(rows, line, "finact", row["finact"])
        issue = _issue(rows, line, row, stances)
        out.append(_dated(issue, introduced, decided, _period(introduced, rows, line)))
    return _unique(tuple(out), rows)
