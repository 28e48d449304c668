"""The workbench through HTTP: pages, jobs, history, comparison, downloads, and its defences."""

from __future__ import annotations

import dataclasses
import io
import json

import pandas as pd
from fastapi.testclient import TestClient

from detente import load_scenario
from detente.io import MAX_BYTES
from webtools import HEADERS, open_bundled, wait_job


def _run(client: TestClient, sha: str, **body: object) -> dict[str, object]:
    r = client.post("/api/jobs", json={"scenario": sha, **body}, headers=HEADERS)
    assert r.status_code == 202, r.text
    return wait_job(client, r.json()["id"])


def test_index_lists_bundled_scenarios(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "korea-2019-12" in r.text and "ec-emissions-1994" in r.text


def test_open_run_and_read_results(client: TestClient) -> None:
    sha = open_bundled(client)
    page = client.get(f"/scenarios/{sha}").text
    assert "US–DPRK" in page or "Korea" in page
    job = _run(client, sha, kind="run", model="median")
    assert job["state"] == "done" and job["fraction"] == 1.0
    r = client.get(f"/runs/{job['run_id']}")
    assert r.status_code == 200 and r.text.count("<svg") == 3  # one chart per issue
    assert 'data-testid="forecast-sequencing"' in r.text


def test_scenario_pages_of_an_unknown_or_ambiguous_hash_are_404(client: TestClient) -> None:
    sha = open_bundled(client, "ec-emissions-1994")
    store = client.app.state.store  # type: ignore[attr-defined]
    base = load_scenario("ec-emissions-1994")
    n = 0
    while True:  # another version whose hash starts with the same character (1 in 16 do)
        n += 1
        other = store.save_scenario(dataclasses.replace(base, title=f"{base.title} v{n}"))
        if other[0] == sha[0]:
            break
    unknown = "g" * 12  # not hexadecimal: no hash starts with it
    for path in (f"/scenarios/{unknown}", f"/scenarios/{unknown}/edit"):
        r = client.get(path)
        assert r.status_code == 404 and "no scenario" in r.text, path
    for path in (f"/scenarios/{sha[0]}", f"/scenarios/{sha[0]}/edit"):
        r = client.get(path)
        assert r.status_code == 404 and "ambiguous" in r.text, path
    page = client.get(f"/scenarios/{sha[:12]}")
    assert page.status_code == 200 and sha[:12] in page.text


def test_downloads_in_every_format(client: TestClient) -> None:
    sha = open_bundled(client, "ec-emissions-1994")
    rid = _run(client, sha, kind="run", model="mean")["run_id"]
    j = client.get(f"/api/runs/{rid}/download/json")
    assert j.json()["result"]["model"] == "mean"
    assert "attachment" in j.headers["content-disposition"]
    csv = pd.read_csv(io.StringIO(client.get(f"/api/runs/{rid}/download/csv").text))
    assert list(csv["issue"]) == ["delay"]
    pq = pd.read_parquet(io.BytesIO(client.get(f"/api/runs/{rid}/download/parquet").content))
    assert pq["value"].iloc[0] == csv["value"].iloc[0]
    html = client.get(f"/api/runs/{rid}/download/html").text
    assert "<script" not in html and "<style>" in html and "<svg" in html  # self-contained


def test_compare_two_runs(client: TestClient) -> None:
    sha = open_bundled(client, "ec-emissions-1994")
    a = _run(client, sha, kind="run", model="median")["run_id"]
    b = _run(client, sha, kind="run", model="mean")["run_id"]
    page = client.get(f"/compare?a={a}&b={b}").text
    assert "median" in page and "mean" in page and 'data-testid="forecast-diff"' in page
    d = client.get(f"/api/runs/{a}/diff/{b}").json()
    assert d["forecasts"][0]["before"] == 7.0
    # a change up or down a scale is neither good nor bad: it was coloured green and red
    assert "better or worse" in page and 'data-testid="change-key"' in page
    css = client.get("/static/app.css").text
    assert "td.up { color: var(--good)" not in css and "td.down { color: var(--bad)" not in css


def test_editor_validates_and_saves_a_new_version(client: TestClient) -> None:
    sha = open_bundled(client, "ec-emissions-1994")
    assert client.get(f"/scenarios/{sha}/edit").status_code == 200
    doc = client.get(f"/api/scenarios/{sha}").json()
    doc["actors"][0]["positions"]["delay"]["salience"] = 120
    v = client.post("/api/scenarios/validate", json={"doc": doc}, headers=HEADERS).json()
    assert not v["ok"]
    assert any("salience" in p["where"] and "100" in p["message"] for p in v["problems"])
    r = client.post("/api/scenarios", json={"doc": doc}, headers=HEADERS)
    assert r.status_code == 400 and "salience" in r.json()["error"]
    doc["actors"][0]["positions"]["delay"]["salience"] = 55
    r = client.post("/api/scenarios", json={"doc": doc, "parent": sha}, headers=HEADERS)
    assert r.status_code == 201
    new = r.json()["sha256"]
    assert new != sha and client.get(f"/api/scenarios/{sha}").status_code == 200  # old kept
    assert f"/scenarios/{sha}" in client.get(f"/scenarios/{new}").text  # edited from


def test_state_changes_need_the_csrf_token(client: TestClient) -> None:
    sha = open_bundled(client)
    r = client.post("/api/jobs", json={"scenario": sha})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    r = client.post("/api/jobs", json={"scenario": sha}, headers={"X-CSRF-Token": "guess"})
    assert r.status_code == 403
    files = {"file": ("s.yaml", b"id: x\n", "application/yaml")}
    r = client.post("/scenarios/upload", files=files)
    assert r.status_code == 403 and "<html" in r.text  # a page, not a stack trace


def test_foreign_host_is_refused(client: TestClient) -> None:
    r = client.get("/", headers={"Host": "evil.example.com"})
    assert r.status_code == 400


def test_user_text_is_escaped(client: TestClient) -> None:
    sha = open_bundled(client, "ec-emissions-1994")
    doc = client.get(f"/api/scenarios/{sha}").json()
    doc["title"] = "<script>alert(1)</script>"
    doc["actors"][0]["name"] = "<img src=x onerror=alert(2)>"
    new = client.post("/api/scenarios", json={"doc": doc}, headers=HEADERS).json()["sha256"]
    for url in (f"/scenarios/{new}", f"/scenarios/{new}/edit", "/"):
        text = client.get(url).text
        assert "<script>alert(1)</script>" not in text and "&lt;script&gt;alert(1)" in text
        assert "<img src=x" not in text


def test_upload_good_and_bad_files(client: TestClient) -> None:
    good = b"Actor,Capability,Position,Salience\nA,1,10,50\nB,2,80,60\nC,1,40,90\n"
    r = client.post(
        "/scenarios/upload",
        files={"file": ("table.csv", good, "text/csv")},
        data={"csrf_token": "test-token"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    bad = b"id: x\ntitle: y\nissues: []\n"
    r = client.post(
        "/scenarios/upload",
        files={"file": ("../../etc/passwd.yaml", bad, "application/yaml")},
        data={"csrf_token": "test-token"},
    )
    assert r.status_code == 400 and 'data-testid="error-message"' in r.text
    assert "Traceback" not in r.text and "passwd.yaml: " in r.text  # the file's name, no path
    assert "../" not in r.text and "/tmp" not in r.text
    r = client.post(
        "/scenarios/upload",
        files={"file": ("x.exe", b"MZ", "application/octet-stream")},
        data={"csrf_token": "test-token"},
    )
    assert r.status_code == 400 and "unsupported file type" in r.text


def test_upload_names_the_users_file(client: TestClient) -> None:
    form = {"csrf_token": "test-token"}
    table = b"Actor,Capability,Position,Salience\nA,1,10,50\nB,2,80,60\nC,1,40,90\n"
    files = {"file": ("dam talks.csv", table, "text/csv")}
    assert client.post("/scenarios/upload", files=files, data=form).status_code == 200
    stored = client.get("/api/scenarios").json()["stored"]
    assert [s["scenario_id"] for s in stored] == ["dam_talks"]  # was 'upload', for every table
    files = {"file": ("dam.csv", b"Actor,Capability,Position\nA,1,10\n", "text/csv")}
    r = client.post("/scenarios/upload", files=files, data=form)
    assert r.status_code == 400 and "dam.csv: line 1: the classic table&#39;s header" in r.text
    assert "/tmp" not in r.text


def test_oversized_request_is_refused(client: TestClient) -> None:
    big = b"x" * (MAX_BYTES + 1)
    r = client.post(
        "/scenarios/upload",
        files={"file": ("big.yaml", big, "application/yaml")},
        data={"csrf_token": "test-token"},
    )
    assert r.status_code == 413


def test_job_limits(client: TestClient) -> None:
    sha = open_bundled(client, "ec-emissions-1994")
    r = client.post(
        "/api/jobs", json={"scenario": sha, "kind": "sweep", "draws": 10**12}, headers=HEADERS
    )
    assert r.status_code == 422 and "limit" in r.json()["error"]
    r = client.post("/api/jobs", json={"scenario": sha, "model": "nope"}, headers=HEADERS)
    assert r.status_code == 422 and "unknown model" in r.json()["error"]
    r = client.post("/api/jobs", json={"scenario": sha, "kind": "nope"}, headers=HEADERS)
    assert r.status_code == 422 and "unknown job kind" in r.json()["error"]
    r = client.post("/api/jobs", json={"scenario": sha, "seed": -1}, headers=HEADERS)
    assert r.status_code == 422 and "seed" in r.json()["error"]


def test_failed_job_reports_one_line(client: TestClient) -> None:
    sha = open_bundled(client, "ec-emissions-1994")
    job = _run(client, sha, kind="run", model="median", params={"nonsense": "1"})
    assert job["state"] == "failed" and "\n" not in str(job["message"]) and job["message"]


def test_no_path_traversal_in_downloads(client: TestClient) -> None:
    for url in (
        "/api/runs/1/download/..%2F..%2Fetc%2Fpasswd",
        "/api/runs/1/download/../../etc/passwd",
        "/static/..%2F..%2Fstore.sqlite",
        "/static/../app.py",
    ):
        r = client.get(url)
        assert r.status_code in (404, 422), url
        assert "root:" not in r.text and "import" not in r.text


def test_errors_are_pages_not_tracebacks(client: TestClient) -> None:
    for url in ("/runs/12345", "/scenarios/abcdef0123", "/jobs/nope", "/compare?a=1&b=x"):
        r = client.get(url)
        assert r.status_code in (404, 422) and "Traceback" not in r.text
        assert 'data-testid="error-message"' in r.text


def test_openapi_schema_lists_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/jobs", "/api/runs", "/api/scenarios/validate"} <= set(schema["paths"])
    assert json.dumps(schema)  # plain JSON


def test_sensitivity_and_levers_jobs(client: TestClient) -> None:
    sha = open_bundled(client)
    job = _run(client, sha, kind="sensitivity", model="mean", method="oat", seed=3)
    assert job["state"] == "done", job
    page = client.get(f"/runs/{job['run_id']}").text
    assert 'data-testid="sensitivity"' in page and "PRK." in page
    job = _run(client, sha, kind="levers", model="mean", issue="sequencing", target=50)
    assert job["state"] == "done", job
    page = client.get(f"/runs/{job['run_id']}").text
    assert 'data-testid="levers"' in page and "sequencing from" in page
    job = _run(client, sha, kind="levers", model="mean")
    assert job["state"] == "failed" and "target" in str(job["message"])


def test_negotiation_and_game_jobs(client: TestClient) -> None:
    sha = open_bundled(client)
    job = _run(client, sha, kind="negotiation", strategies="USA=boulware, PRK=linear", seed=1)
    assert job["state"] == "done", job
    page = client.get(f"/runs/{job['run_id']}").text
    assert 'data-testid="negotiation"' in page and "boulware" in page and "PRK" in page
    summary = client.get(f"/api/runs/{job['run_id']}").json()["summary"]
    assert summary is None or all(isinstance(v, int | float) for v in summary.values())
    job = _run(client, sha, kind="game")
    assert job["state"] == "done", job
    page = client.get(f"/runs/{job['run_id']}").text
    assert 'data-testid="game"' in page and "containment" in page
    job = _run(client, sha, kind="negotiation", strategies="USA")
    assert job["state"] == "failed" and "PARTY=NAME" in str(job["message"])


def test_outlook_job(client: TestClient) -> None:
    sha = open_bundled(client)
    job = _run(client, sha, kind="outlook", draws=40, seed=2)
    assert job["state"] == "done", job
    page = client.get(f"/runs/{job['run_id']}").text
    assert "Probability of any agreement by" in page and 'data-testid="outlook"' in page
    assert f"<h1>Run #{job['run_id']}: outlook</h1>" in page  # was "outlook outlook"
    rec = client.get(f"/api/runs/{job['run_id']}").json()
    assert 0 <= rec["summary"]["p_zone"] <= 1


def test_sensitivity_job_without_a_method_runs_the_cli_default(client: TestClient) -> None:
    """A sensitivity job with no method ran the one-at-a-time tornado where the command line
    (and the library) run Sobol: one default now, named in the library."""
    from detente.experiments.sensitivity_analysis import DEFAULT_METHOD

    sha = open_bundled(client)
    job = _run(client, sha, kind="sensitivity", model="mean", issue="sequencing", seed=3)
    assert job["state"] == "done", job
    rec = client.get(f"/api/runs/{job['run_id']}").json()
    assert rec["result"]["method"] == DEFAULT_METHOD == "sobol"
    form = client.get(f"/scenarios/{sha}").text
    assert '<option value="sobol" selected>' in form


def test_the_workbench_names_the_scenario_and_the_field(client: TestClient) -> None:
    """The message was "model procedural needs decision.agenda_setter": no scenario named."""
    sha = open_bundled(client)
    body = {"scenario": sha, "kind": "run", "model": "procedural"}
    r = client.post("/api/jobs", json=body, headers=HEADERS)
    job = wait_job(client, r.json()["id"])
    assert job["state"] == "failed"
    assert job["message"] == (
        "korea-2019-12: decision.agenda_setter: issue sequencing: "
        "model procedural needs an agenda setter"
    )
