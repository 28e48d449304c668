"""Fixtures for the extraction tests: the shared data folders and the op-ed, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def gsr_path() -> Path:
    """The PLOVER gold-standard records (CC BY-SA 4.0, read in place, never copied)."""
    path = SHARED / "event-data" / "plover" / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the PLOVER GSR lives in ../shared/event-data)")
    return path


@pytest.fixture(scope="session")
def oped_path() -> Path:
    """The motivating op-ed (third-party text: read from shared/, never copied)."""
    folder = SHARED / "mission"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        pytest.skip(f"{folder} has no op-ed text (it is third-party and not in the repo)")
    return files[0]


@pytest.fixture(scope="session")
def news_dir() -> Path:
    """The 30 public news texts of the news evaluation set (read in place, never copied)."""
    folder = SHARED / "event-data" / "news-dev"
    if not (folder / "01-syria-cw-senate-weighs-strike.txt").is_file():
        pytest.skip(f"{folder} is absent (the news texts live in ../shared/event-data)")
    return folder
