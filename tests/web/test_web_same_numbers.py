"""The workbench shows and stores the numbers the CLI and the Python API give for the same question.

Each test asks one question (a negotiation, an outlook) through the web API, then compares what the
results page shows and what the store keeps with the public API's own result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente import api, sweep
from detente.negotiation import NegotiationParams, default_parties
from detente.negotiation import run as negotiate
from helpers import cli
from webtools import HEADERS, open_bundled, wait_job


def _job(client: TestClient, sha: str, **body: object) -> dict[str, object]:
    r = client.post("/api/jobs", json={"scenario": sha, **body}, headers=HEADERS)
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["id"])
    assert job["state"] == "done", job
    return job


def test_negotiation_page_shows_each_partys_utility_and_reservation(client: TestClient) -> None:
    """The results page printed '–' for both (it indexed the per-party mappings by position)."""
    sha = open_bundled(client)
    job = _job(client, sha, kind="negotiation", seed=5)
    scenario = api.load_scenario("korea-2019-12")
    who = list(default_parties(scenario))
    want = negotiate(scenario, who, ["linear"] * len(who), NegotiationParams(), rng=5).to_dict()
    page = client.get(f"/runs/{job['run_id']}").text
    table = page.split('data-testid="negotiation"', 1)[1].split("</table>", 1)[0]
    for party in who:
        row = re.search(rf"<td>{re.escape(party)}</td>(.*?)</tr>", table, re.S)
        assert row is not None, table
        cells = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
        assert cells == [f"{want['utilities'][party]:.3f}", f"{want['reservation'][party]:.3f}"]


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("outlook", ["outlook", "korea-2019-12", "--draws", "12", "--seed", "3"]),
        ("negotiation", ["negotiate", "korea-2019-12", "--seed", "3"]),
        ("sweep", ["sweep", "korea-2019-12", "-m", "mean", "--draws", "12", "--seed", "3"]),
    ],
)
def test_a_run_saved_by_the_cli_is_stored_and_shown_as_the_workbenchs(
    kind: str,
    args: list[str],
    client: TestClient,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same question asked on the command line and in the workbench is stored alike: the CLI
    kept no summary for an outlook or a negotiation, and its outlook showed no headline."""
    store = str(tmp_path / "store.sqlite")  # the client's store (tests/web/conftest.py)
    code, _, err = cli(capsys, *args, "--save", "--store", store)
    assert code == 0, err
    sha = open_bundled(client)
    body = {"kind": kind, "model": "mean", "draws": 12, "seed": 3}
    web = client.get(f"/api/runs/{_job(client, sha, **body)['run_id']}").json()
    mine = client.get("/api/runs/1").json()
    assert mine["summary"] == web["summary"] and web["summary"]
    assert mine["result"] == web["result"]
    assert (mine["model"], mine["params"], mine["seed"]) == (web["model"], web["params"], 3)
    if kind == "outlook":
        page = client.get("/runs/1").text
        assert mine["result"]["headline"] in page.replace("&#39;", "'")


def test_results_pages_name_what_each_number_is(client: TestClient) -> None:
    """A sweep's page headed its median 'forecast' (a model run's forecast is another number:
    54.83 against 55.74 on Korea with 30 draws); an outlook's page listed p_deal … as issues
    with a 'forecast'; and an outlook or a negotiation recorded 'model=median', which they do
    not use."""
    sha = open_bundled(client)
    sweep = _job(client, sha, kind="sweep", model="mean", draws=12, seed=3)
    table = client.get(f"/runs/{sweep['run_id']}").text.split('data-testid="forecast"', 1)[1]
    assert "<th>median of the draws</th>" in table.split("</thead>", 1)[0]
    for kind in ("outlook", "negotiation"):
        job = _job(client, sha, kind=kind, draws=12, seed=3)
        rec = client.get(f"/api/runs/{job['run_id']}").json()
        assert "model=" not in rec["command"], rec["command"]
        page = client.get(f"/runs/{job['run_id']}").text
        if kind == "outlook":
            assert 'data-testid="forecast"' not in page
        else:
            head = page.split('data-testid="forecast"', 1)[1].split("</thead>", 1)[0]
            assert "<th>agreed position</th>" in head


def test_compare_page_shows_seeds_and_whole_numbers_exactly(client: TestClient) -> None:
    """The comparison printed every number with '%.2f': seed 5 as '5.00' and a fresh 63-bit seed
    through a float, 6976227015037502958 as '6976227015037502464.00', a seed that reproduces
    nothing ('detente runs diff' prints both exactly)."""
    sha = open_bundled(client)
    big = 6976227015037502958
    a = _job(client, sha, kind="sweep", model="mean", draws=4, seed=big)["run_id"]
    b = _job(client, sha, kind="sweep", model="mean", draws=4, seed=5)["run_id"]
    page = client.get(f"/compare?a={a}&b={b}").text
    settings = page.split('data-testid="settings-diff"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', settings)
    assert str(big) in cells and "5" in cells, cells
    forecasts = page.split('data-testid="forecast-diff"', 1)[1].split("</table>", 1)[0]
    assert re.search(r'<td class="num">\d+\.\d\d</td>', forecasts)  # forecasts keep 2 decimals


def test_a_sweeps_band_is_the_command_lines(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """The workbench showed an 80% band (10th–90th percentile) for a sweep where 'detente sweep'
    shows the 5th–95th: both show the 90% band now, and the page says which band it is."""
    sha = open_bundled(client)
    job = _job(client, sha, kind="sweep", model="mean", draws=12, seed=3)
    page = client.get(f"/runs/{job['run_id']}").text
    table = page.split('data-testid="forecast"', 1)[1].split("</table>", 1)[0]
    assert "<th>90% band (5th–95th percentile)</th>" in table and "80%" not in page
    code, out, _ = cli(
        capsys, "sweep", "korea-2019-12", "-m", "mean", "--draws", "12", "--seed", "3"
    )
    assert code == 0 and "p5–p95: the 90% band" in " ".join(out.split())
    summary = sweep("korea-2019-12", "mean", draws=12, seed=3).summary()
    for issue in summary["issues"]:
        row = re.search(rf"<td>{issue['id']}</td>.*?</tr>", table, re.S)
        assert row is not None
        assert f"{issue['p5']:.1f} – {issue['p95']:.1f}" in row.group(0)
        assert f"{issue['p5']:.1f}" in out and f"{issue['p95']:.1f}" in out
