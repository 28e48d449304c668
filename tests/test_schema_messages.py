"""A value of the wrong shape is told in plain words, with the keys to write, not pydantic's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import REPO, cli


@pytest.mark.parametrize(
    ("key", "value", "where", "message"),
    [
        (
            "games",
            {"deadline_provocation": {"p_resolute": 0.3}},
            "games.deadline_provocation.p_resolute",
            "must be a mapping {value: …, rationale: …}, got 0.3",
        ),
        ("games", ["deadline_provocation"], "games", "must be a mapping, got list"),
        ("uncertainty", 10, "uncertainty", "must be a mapping {position: …, salience: …, "),
        ("sources", "none", "sources", "must be a list, got 'none'"),
    ],
)
def test_wrong_shape(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    key: str,
    value: Any,
    where: str,
    message: str,
) -> None:
    doc = yaml.safe_load((REPO / "examples" / "dam-talks.yaml").read_text())
    doc[key] = value
    f = tmp_path / "s.yaml"
    f.write_text(yaml.safe_dump(doc, sort_keys=False))
    code, out, err = cli(capsys, "validate", str(f))
    assert code == 2 and out == "" and "Input should be" not in err
    assert f"({where}): {message}" in err
