"""Test helpers importable from any test module: ``from helpers import make_scenario``."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from detente.scenario import Actor, Issue, Scenario, Stance

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"

EC_TABLE = [  # [BDM1994] p. 78 as reproduced in [Scholz2011] Table 1
    ("Netherlands", 0.08, 4, 80),
    ("Belgium", 0.08, 7, 40),
    ("Luxembourg", 0.03, 4, 20),
    ("Germany", 0.16, 4, 80),
    ("France", 0.16, 10, 60),
    ("Italy", 0.16, 10, 60),
    ("UK", 0.16, 10, 90),
    ("Ireland", 0.05, 7, 10),
    ("Denmark", 0.05, 4, 100),
    ("Greece", 0.08, 7, 70),
]


def make_scenario(
    positions: Sequence[Sequence[float]],
    saliences: Sequence[Sequence[float]],
    capabilities: Sequence[float],
    *,
    bounds: Sequence[tuple[float, float]] | None = None,
    status_quo: Sequence[float | None] | None = None,
    ids: Sequence[str] | None = None,
) -> Scenario:
    """A scenario from plain arrays (actors × issues)."""
    n_issues = len(positions[0])
    bounds = bounds or [(0.0, 100.0)] * n_issues
    sq = status_quo or [None] * n_issues
    issues = tuple(
        Issue(id=f"i{k}", label=f"issue {k}", low=lo, high=hi, status_quo=sq[k])
        for k, (lo, hi) in enumerate(bounds)
    )
    ids = ids or [f"a{i}" for i in range(len(positions))]
    actors = tuple(
        Actor(
            id=ids[i],
            name=ids[i],
            capability=float(capabilities[i]),
            stances=tuple(
                Stance(issue=f"i{k}", position=float(p), salience=float(s))
                for k, (p, s) in enumerate(zip(pos, sal, strict=True))
            ),
        )
        for i, (pos, sal) in enumerate(zip(positions, saliences, strict=True))
    )
    return Scenario(id="test", title="test scenario", actors=actors, issues=issues)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``detente ARGS`` in-process: (exit code, stdout, stderr)."""
    from detente.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def extraction_records(x: Any) -> dict[str, list[str]]:
    """What an extraction reports, without record ids and sentence numbers, for comparing runs."""
    out: dict[str, list[str]] = {}
    for kind in ("events", "claims", "positions", "deadlines", "red_lines"):
        rows = [dataclasses.asdict(r) for r in getattr(x, kind)]
        for r in rows:
            r.pop("id", None)
            r.pop("sentence", None)
        out[kind] = sorted(map(repr, rows))
    out["actors"] = [a.id for a in x.actors]
    return out
