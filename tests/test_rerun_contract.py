"""Re-running from a sweep's record reproduces it (issue 15, "One provenance, one JSON path").

Models (``tests/test_contract.py``), negotiations (``tests/negotiation/test_result.py``) and game
solutions (``tests/games/test_games_contract.py``) are re-run from their provenance elsewhere;
these are the two sweeps, re-run from what their JSON records and nothing else.
"""

from __future__ import annotations

import json

import numpy as np

import detente
from detente import games
from detente.result import dumps_json


def test_a_monte_carlo_sweep_reruns_from_its_json() -> None:
    korea = detente.load_scenario("korea-2019-12")
    noise = {"position": 5.0, "salience": 10.0, "capability": 20.0}
    first = detente.sweep(korea, "bdm", draws=12, seed=4, params={"rounds": 3}, noise=noise)
    rec = json.loads(dumps_json(first.summary()))
    again = detente.sweep(
        korea,
        rec["model"],
        draws=rec["draws"],
        seed=rec["seed"],
        params=rec["params"],
        noise=rec["noise"],
        drop_actors=rec["drop_actors"],
    )
    assert rec["scenario"]["sha256"] == again.provenance.scenario_sha256
    assert np.array_equal(again.forecast, first.forecast) and again.summary() == first.summary()


def test_a_game_sweep_reruns_from_its_provenance() -> None:
    korea = detente.load_scenario("korea-2019-12")
    values = games.grid(1.0, 12.0, 3)
    first = games.sweep("deadline_provocation", "months_to_election", values, scenario=korea)
    assert first.provenance is not None
    rec = json.loads(json.dumps(first.provenance.to_dict()))
    params = dict(rec["params"])
    param, values, method, lam = (params.pop(k) for k in ("param", "values", "method", "lambda"))
    game = rec["model"].removeprefix("game-sweep:")
    again = games.sweep(game, param, values, method=method, lam=lam, base=params, scenario=korea)
    assert again == first
