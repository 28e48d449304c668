"""Contract suite over file formats: every reader and every writer gets the same checks.

A new format gets them by adding a row to :data:`READERS` (a sample file it reads) or to
:data:`WRITERS` (a function Scenario → text and its suffix); see docs/how-to/add-a-file-format.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from detente.canonical import scenario_sha256
from detente.errors import InputError
from detente.io import dump_json, dump_yaml, load
from detente.scenario import Scenario
from helpers import DATA, REPO

READERS: dict[str, Path] = {
    "native YAML": REPO / "examples" / "dam-talks.yaml",
    "classic table CSV": REPO / "examples" / "classic-table.csv",
    "KTAB CSV": REPO / "examples" / "dam-talks-ktab.csv",
    "KTAB XML": DATA / "ktab" / "dummyData_3Dim.xml",
    "bundled YAML": REPO / "src" / "detente" / "data" / "scenarios" / "korea-2019-12.yaml",
}
"""A sample file per reader (the format comes from the file, as for ``detente convert``)."""

WRITERS: dict[str, tuple[str, Callable[[Scenario], str]]] = {
    "native YAML": (".yaml", dump_yaml),
    "native JSON": (".json", dump_json),
}
"""Writers: the suffix they write and the function that writes."""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_reader_round_trips_through_every_writer(
    tmp_path: Path, reader: str, writer: str
) -> None:
    sample = READERS[reader]
    before = _digest(sample)
    scenario = load(sample)
    assert _digest(sample) == before  # reading never changes the file
    suffix, write = WRITERS[writer]
    text = write(scenario)
    assert write(scenario) == text  # the same scenario always gives the same text
    out = tmp_path / f"copy{suffix}"
    out.write_text(text, encoding="utf-8")
    back = load(out)
    assert back == scenario and scenario_sha256(back) == scenario_sha256(scenario)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_names_the_file_on_bad_input(tmp_path: Path, reader: str) -> None:
    suffix = READERS[reader].suffix
    for text in ("", "\x00\x01binary", READERS[reader].read_text(encoding="utf-8")[:40]):
        bad = tmp_path / f"bad{suffix}"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as info:
            load(bad)
        assert info.value.problems and all(str(bad) in str(p) for p in info.value.problems)
