"""The Korea tutorial's full-size game sweep prints the numbers its text quotes."""

from __future__ import annotations

import json
import shlex

import pytest

from helpers import REPO, cli


def test_full_size_game_sweep_matches_the_tutorial(capsys: pytest.CaptureFixture[str]) -> None:
    text = (REPO / "docs" / "tutorials" / "korea-2019.md").read_text()
    (line,) = [x for x in text.splitlines() if x.startswith("detente game sweep")]
    args = shlex.split(line.split("#")[0])[1:]
    code, out, _ = cli(capsys, *args, "--json")
    assert code == 0
    qre = {int(r["value"]): r["qre"]["containment"] for r in json.loads(out)["rows"]}
    # the tutorial, section 4: containment 0.76 ten months out, 0.52 a month before the vote
    assert (round(qre[10], 2), round(qre[1], 2)) == (0.76, 0.52)
