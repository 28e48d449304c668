"""Small synthetic DEU folders for the backtest tests (the real data stay in ../shared)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from helpers import SHARED

DEU = SHARED / "backtest" / "deu3"
NO_DEU = "DEU III data not found in ../shared/backtest/deu3 (CI has it; doi:10.34810/data53)"

ISSUE_HEADER = (
    "isnr",
    "prnr",
    "prname",
    "type",
    "proc",
    "counvte",
    "intro_date",
    "finact_date",
    "period",
    "rp",
    "out",
)

# isnr, proc, rule, introduced, decided, period, rp, out, [(actor, position, salience)]
ISSUES = [
    (
        "x1i1",
        "COD",
        "QMV",
        "1999-01-10",
        "2000-03-01",
        "1996-2000",
        "0",
        "60",
        [("com", 100, 50), ("ep", 100, 80), ("de", 0, 90), ("fr", 50, 40), ("uk", 0, 20)],
    ),
    (
        "x1i2",
        "COD",
        "QMV",
        "1999-01-10",
        "2000-03-01",
        "1996-2000",
        "",
        "20",
        [("com", 0, 50), ("de", 40, 50), ("fr", 100, 50)],
    ),
    (
        "x2i1",
        "CNS",
        "Unan",
        "2005-02-01",
        "2006-06-01",
        "2003-2008",
        "100",
        "70",
        [("com", 50, 60), ("ep", 0, 10), ("pl", 100, 80), ("de", 80, "")],
    ),
    (
        "x2i2",
        "CNS",
        "Unan",
        "2005-02-01",
        "2006-06-01",
        "2003-2008",
        "50",
        "",
        [("com", 50, 60), ("pl", 100, 80), ("de", 80, 50)],
    ),
    (
        "x3i1",
        "COD",
        "QMV",
        "2014-05-05",
        "2016-01-01",
        "2012-2018",
        "",
        "30",
        [("com", 20, 30), ("ep", 40, 30), ("cr", 10, 70), ("it", 90, 50)],
    ),
]


def write_deu(folder: Path, issues: Sequence[tuple] = ISSUES) -> Path:  # type: ignore[type-arg]
    """Write ``issues`` as the tidy CSV pair into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "deu3_issues.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(ISSUE_HEADER)
        for isnr, proc, rule, intro, fin, period, rp, out, _ in issues:
            w.writerow([isnr, isnr[:2], "test", "Dir", proc, rule, intro, fin, period, rp, out])
    with (folder / "deu3_actor_positions.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(("isnr", "actor", "position", "salience"))
        for issue in issues:
            for actor, pos, sal in issue[-1]:
                w.writerow([issue[0], actor, pos, sal])
    return folder


def write_tsv(path: Path, issues: Sequence[tuple] = ISSUES) -> Path:  # type: ignore[type-arg]
    """Write ``issues`` in the redistributed wide layout (with its GDP line); return the path."""
    from detente.io.deu import ACTORS

    head = ["isnr", "prnr", "prname", "proc", "counvte", "intro", "finact"]
    head += [f"p{a}" for a in ACTORS] + [f"s{a}" for a in ACTORS] + ["rp", "out"]
    with path.open("w", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(head)
        w.writerow(["", "", "", "", "", "", ""] + ["1.5"] * 60 + ["", ""])
        for isnr, proc, rule, intro, _fin, _, rp, out, stances in issues:
            pos = {a: (p, s) for a, p, s in stances}
            y, m, d = intro.split("-")
            row = [isnr, isnr[:2], "test", proc, rule, f"{d}-{m}-{y[2:]}", "999"]
            row += [str(pos[a][0]) if a in pos else "" for a in ACTORS]
            row += [str(pos[a][1]) if a in pos else "0" for a in ACTORS]
            w.writerow([*row, rp, out])
    return path
