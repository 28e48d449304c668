"""The workbench given an analyst's mistakes: each gets one clear message naming what is wrong.

A wrong file type names the file; a file with several problems shows each on its own line; a
strategy for someone who is not a party, or a misspelt strategy, is refused with the field named
(as ``detente negotiate`` refuses them); the editor's problems name the field, not a line of a
text the user never sees; a sensitivity job reports its progress as its model runs are done.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from detente.api import bundled_path
from webtools import HEADERS, TOKEN, open_bundled, wait_job


def _upload(client: TestClient, name: str, data: bytes) -> str:
    files = {"file": (name, data, "application/octet-stream")}
    r = client.post("/scenarios/upload", files=files, data={"csrf_token": TOKEN})
    assert r.status_code == 400, r.text
    found = re.search(r'data-testid="error-message">(.*?)</(p|ul)>', r.text, re.S)
    assert found, r.text
    return found.group(1)


def test_a_wrong_file_type_is_named(client: TestClient) -> None:
    shown = _upload(client, "standoff.png", b"\x89PNG\r\n")
    assert shown.startswith("standoff.png: unsupported file type .png"), shown


def test_each_problem_of_an_upload_is_a_line_of_its_own(client: TestClient) -> None:
    text = bundled_path("korea-2019-12").read_text(encoding="utf-8")
    typo = text.replace("    salience: 95", "    salence: 95")  # PRK, on two issues
    shown = _upload(client, "korea.yaml", typo.encode())
    items = re.findall(r"<li>(.*?)</li>", shown)
    assert len(items) == 4, shown  # two missing saliences, two unknown fields
    assert all(item.startswith("korea.yaml: line ") for item in items), items


def _job(client: TestClient, **body: object) -> dict[str, object]:
    sha = open_bundled(client)
    r = client.post("/api/jobs", json={"scenario": sha, **body}, headers=HEADERS)
    assert r.status_code == 202, r.text
    return wait_job(client, r.json()["id"])


def test_a_strategy_for_no_party_is_refused(client: TestClient) -> None:
    job = _job(client, kind="negotiation", strategies="USA=boulware, XXX=linear")
    assert job["state"] == "failed" and job["run_id"] is None
    assert job["message"] == "strategies: XXX is not among the parties (USA, PRK)"


def test_a_misspelt_strategy_is_named(client: TestClient) -> None:
    job = _job(client, kind="negotiation", strategies="USA=bouldware")
    assert job["state"] == "failed"
    assert str(job["message"]).startswith("strategies 'bouldware': no such strategy (allowed:")


def test_editor_problems_name_the_field_not_a_line(client: TestClient) -> None:
    sha = open_bundled(client)
    doc = client.get(f"/api/scenarios/{sha}").json()
    doc["actors"][2]["positions"]["sequencing"]["salience"] = 150
    v = client.post("/api/scenarios/validate", json={"doc": doc}, headers=HEADERS).json()
    texts = [p["text"] for p in v["problems"]]
    assert texts == ["editor: actors[2].positions.sequencing.salience: must be ≤ 100, got 150"]
    r = client.post("/api/scenarios", json={"doc": doc}, headers=HEADERS)
    assert r.status_code == 400 and r.json()["error"] == texts[0]


def test_a_sensitivity_job_reports_progress(client: TestClient) -> None:
    job = _job(client, kind="sensitivity", model="median", method="oat", issue="sequencing")
    assert job["state"] == "done"
    assert int(str(job["total"])) > 1  # model runs, not one step from 0 to 1


def test_a_sensitivity_page_says_what_its_columns_mean(client: TestClient) -> None:
    job = _job(client, kind="sensitivity", model="median", method="oat", issue="sequencing")
    page = client.get(f"/runs/{job['run_id']}").text
    found = re.search(r'data-testid="sensitivity-meaning">(.*?)</p>', page, re.S)
    assert found and "swing: |at_high − at_low|, in the issue&#39;s points" in found.group(1)


def test_levers_that_move_nothing_are_named_once_not_listed(client: TestClient) -> None:
    """The page listed 'closest: KOR position on denuclearization from 85 to 85' as a lever."""
    job = _job(client, kind="levers", model="mean", issue="denuclearization", target=99)
    page = client.get(f"/runs/{job['run_id']}").text
    rows = re.search(r'data-testid="levers">(.*?)</table>', page, re.S)
    assert rows and re.search(r"from (\d+) to \1 gives", rows.group(1)) is None, rows
    still = re.search(r'data-testid="levers-still">(.*?)</p>', page, re.S)
    assert still and "IAEA position" in still.group(1), page


def test_a_game_job_uses_the_parameters_given(client: TestClient) -> None:
    """A month before the vote, not the scenario's eleven: the form's parameters were ignored."""
    job = _job(client, kind="game", params={"months_to_election": "1"})
    assert job["state"] == "done", job
    run = client.get(f"/api/runs/{job['run_id']}").json()
    assert run["result"]["params"]["months_to_election"] == 1.0
    assert "months_to_election=1" in run["command"]
    bad = _job(client, kind="game", params={"months": "1"})
    assert bad["state"] == "failed" and "months" in str(bad["message"])
    assert "no such parameter" in str(bad["message"])
