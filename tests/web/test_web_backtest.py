"""How often the models were right, on the workbench: a backtest saved from the command line shows
its scores on its results page (the page once showed only its provenance, no number at all)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.web import create_app
from deu_files import write_deu
from helpers import cli
from webtools import TOKEN


def test_a_saved_backtest_shows_its_scores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "store.sqlite"
    args = ["backtest", str(write_deu(tmp_path)), "--models", "mean,median", "--seed", "5"]
    code, out, err = cli(capsys, *args, "--json", "--save", "--store", str(store))
    assert code == 0, err
    scores = json.loads(out[out.index("{") :])["models"]
    with TestClient(create_app(store, csrf_token=TOKEN)) as client:
        page = client.get("/runs/1").text
    assert "Run #1: backtest</h1>" in page  # not 'backtest backtest'
    table = re.search(r'data-testid="backtest">(.*?)</table>', page, re.S)
    assert table, page
    for name, m in scores.items():
        row = re.search(rf"<tr><td>{name}</td>(.*?)</tr>", table.group(1), re.S)
        assert row, (name, table.group(1))
        cells = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
        assert cells[:3] == [str(m["n"]), f"{m['mae']:.1f}", f"{m['median_ae']:.1f}"]
