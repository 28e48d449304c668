"""Helpers for the workbench tests: the CSRF token they use, opening scenarios, waiting for jobs."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

TOKEN = "test-token"
HEADERS = {"X-CSRF-Token": TOKEN}


def open_bundled(client: TestClient, name: str = "korea-2019-12") -> str:
    r = client.get(f"/scenarios/bundled/{name}", follow_redirects=False)
    assert r.status_code == 303
    return str(r.headers["location"]).rsplit("/", 1)[-1]


def wait_job(client: TestClient, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")
