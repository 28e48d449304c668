"""The on-disk cache of derived tables (``detente.cache``): never stale, never an error."""

from __future__ import annotations

import json

import pytest

from detente.cache import cached_json, source_hash


class Builder:
    """Counts its calls; returns a tuple, which JSON reads back as a list."""

    def __init__(self, value: object = ("a", 1)) -> None:
        self.calls = 0
        self.value = value

    def __call__(self) -> object:
        self.calls += 1
        return {"x": self.value}


def test_a_value_is_built_once_then_read(tmp_path):
    build = Builder()
    first = cached_json("t", {"v": 1}, build, tmp_path)
    second = cached_json("t", {"v": 1}, build, tmp_path)
    assert build.calls == 1
    assert first == second == {"x": ["a", 1]}  # as read back from JSON, built or not
    assert [p.suffix for p in tmp_path.iterdir()] == [".json"]  # no temporary file left


def test_another_key_is_another_entry(tmp_path):
    build = Builder()
    cached_json("t", {"v": 1}, build, tmp_path)
    cached_json("t", {"v": 2}, build, tmp_path)
    cached_json("t", {"v": 1, "w": None}, build, tmp_path)
    assert build.calls == 3
    assert len(list(tmp_path.iterdir())) == 3


def test_a_damaged_file_is_built_again_and_replaced(tmp_path):
    cached_json("t", {"v": 1}, Builder(), tmp_path)
    (path,) = tmp_path.iterdir()
    for damage in ("{not json", json.dumps({"key": {"v": 9}, "data": 0}), "[]", ""):
        path.write_text(damage, encoding="utf-8")
        build = Builder("fresh")
        assert cached_json("t", {"v": 1}, build, tmp_path) == {"x": "fresh"}
        assert build.calls == 1
        assert json.loads(path.read_text(encoding="utf-8"))["data"] == {"x": "fresh"}


def test_a_directory_that_cannot_be_written_means_building_every_time(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")  # the cache 'directory' is a file: mkdir fails
    build = Builder()
    for _ in range(2):
        assert cached_json("t", {"v": 1}, build, blocked / "cache") == {"x": ["a", 1]}
    assert build.calls == 2


def test_a_failing_build_writes_nothing(tmp_path):
    def broken() -> object:
        raise ImportError("no such package")

    with pytest.raises(ImportError):
        cached_json("t", {"v": 1}, broken, tmp_path)
    assert not list(tmp_path.iterdir())


def test_the_source_hash_follows_the_bytes(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n", encoding="utf-8")
    b.write_text("x = 1\n", encoding="utf-8")
    assert source_hash(a) == source_hash(b)
    b.write_text("x = 2\n", encoding="utf-8")
    assert source_hash(a) != source_hash(b)


def _slow_build() -> object:
    import time

    time.sleep(0.2)  # every process builds while the others do
    return {"x": list(range(50_000))}


def _cached_in(folder: str) -> object:
    from pathlib import Path

    return cached_json("t", {"v": 1}, _slow_build, Path(folder))


def test_processes_building_at_once_all_get_the_value_and_leave_one_whole_file(tmp_path):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("fork")) as pool:
        values = list(pool.map(_cached_in, [str(tmp_path)] * 4))
    assert values == [{"x": list(range(50_000))}] * 4
    (path,) = tmp_path.iterdir()  # no temporary file left
    assert json.loads(path.read_text(encoding="utf-8"))["data"] == values[0]
