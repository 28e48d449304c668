"""Seeds: every interface that runs a stochastic model without a seed uses the same one."""

from __future__ import annotations

import json

import pytest

from detente import api
from detente.models import MODELS
from helpers import REPO, cli

STOCHASTIC_KTAB = REPO / "tests/reference/ktab/inputs/variants/d3__StateTransitions-Stochastic.xml"


def test_ktab_file_seed_is_used_by_every_interface(capsys: pytest.CaptureFixture[str]) -> None:
    """`detente run FILE.xml -m smp` without --seed took a fresh seed each time (the docs and the
    model itself take the file's <prngSeed>), so two identical commands gave two forecasts."""
    scenario = api.load_scenario(STOCHASTIC_KTAB)
    file_seed = int(scenario.extra["ktab"]["prng_seed"]) % 2**63
    direct = MODELS["smp"].run(scenario, api.model_params("smp", None))
    assert direct.provenance.seed == file_seed
    assert api.run(scenario, "smp") == direct
    outs = [cli(capsys, "run", str(STOCHASTIC_KTAB), "-m", "smp", "--json") for _ in range(2)]
    assert [code for code, _, _ in outs] == [0, 0]
    a, b = (json.loads(out) for _, out, _ in outs)
    assert a["seed"] == b["seed"] == file_seed
    assert a["forecast"] == b["forecast"] == list(direct.forecast)
    _, out, _ = cli(capsys, "run", str(STOCHASTIC_KTAB), "-m", "smp", "--seed", "3", "--json")
    assert json.loads(out)["seed"] == 3  # a given seed still wins over the file's
