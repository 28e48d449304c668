"""The workbench shows and stores the numbers the CLI and the Python API give for the same question.

Each test asks one question (a negotiation, an outlook) through the web API, then compares what the
results page shows and what the store keeps with the public API's own result.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from detente import api
from detente.negotiation import NegotiationParams, default_parties
from detente.negotiation import run as negotiate
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
