"""The scenario's canonical form and hash: NumPy scalars, ints in float fields, the cache."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle

import numpy as np
import pytest

import detente
from detente import canonical
from detente.canonical import scenario_sha256, scenario_to_dict


@pytest.fixture
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")  # a fresh object each test: nothing cached


def _uncached(s: detente.Scenario) -> str:
    text = json.dumps(scenario_to_dict(s), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _with_stance(s: detente.Scenario, **values: object) -> detente.Scenario:
    a = s.actors[0]
    st = dataclasses.replace(a.stances[0], **values)  # type: ignore[arg-type]
    actor = dataclasses.replace(a, stances=(st, *a.stances[1:]))
    return dataclasses.replace(s, actors=(actor, *s.actors[1:]))


@pytest.mark.parametrize("kind", [np.float64, np.float32, np.int64, int])
def test_numbers_of_any_kind_hash_as_the_python_float(kind: type, korea: detente.Scenario) -> None:
    st = korea.actors[0].stances[0]
    assert st.salience == int(st.salience) and st.position == int(st.position)
    odd = _with_stance(korea, position=kind(int(st.position)), salience=kind(int(st.salience)))
    a = dataclasses.replace(odd.actors[0], capability=kind(int(odd.actors[0].capability)))
    odd = dataclasses.replace(odd, actors=(a, *odd.actors[1:]))
    assert scenario_sha256(odd) == _uncached(korea)
    doc = scenario_to_dict(odd)["actors"][0]
    assert type(doc["capability"]) is float
    stance = doc["positions"][st.issue]
    assert all(type(stance[k]) is float or "value" in stance[k] for k in ("position", "salience"))
    assert json.dumps(scenario_to_dict(odd), default=str)  # plain data all through


def test_numpy_values_in_extra_are_numbers(korea: detente.Scenario) -> None:
    plain = dataclasses.replace(korea, extra={"note": {"count": 3, "share": 0.5}})
    numpy = dataclasses.replace(
        korea, extra={"note": {"count": np.int64(3), "share": np.float64(0.5)}}
    )
    assert scenario_sha256(numpy) == scenario_sha256(plain)


def test_the_hash_is_kept_on_the_scenario(
    korea: detente.Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = scenario_sha256(korea)
    assert first == _uncached(korea)

    def fail(_: object) -> None:
        raise AssertionError("hashed twice")

    monkeypatch.setattr(canonical, "scenario_to_dict", fail)
    assert scenario_sha256(korea) == first  # not recomputed
    assert scenario_sha256(pickle.loads(pickle.dumps(korea))) == first  # travels to workers
    monkeypatch.undo()
    changed = dataclasses.replace(korea, title="another title")
    assert scenario_sha256(changed) == _uncached(changed) != first  # a changed copy: afresh
    assert changed != korea and dataclasses.replace(changed, title=korea.title) == korea
    assert "sha" not in repr(korea)
