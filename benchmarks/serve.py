"""Load test of the workbench on loopback: concurrent users browsing and starting small runs.

Starts `detente serve` on 127.0.0.1 (a free port, a fresh store), then N simulated users (httpx's
async client, one connection pool each) for S seconds.  Each user, pausing 1–3 s between actions
as a person reading the page would (locust's ``between(1, 3)``), opens the scenario list, a
scenario page, the run history or a results page, or (one action in eleven) starts a median run
and follows it to the end.  Prints p50/p95 latency of pages and of API calls, the error count, and
checks the store afterwards (SQLite integrity check; every finished job's run is in it).

Goal (issue: workbench): p95 < 300 ms for pages, zero errors.  Traffic goes only to 127.0.0.1,
bounded in count and time.

    .venv/bin/python benchmarks/serve.py --users 50 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

GOAL_P95_MS = 300.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(store: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "detente", "serve", "--port", str(port), "--store", str(store)]
    cmd += ["--max-jobs", "64"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


class Tally:
    """Latencies (ms) by kind, and errors."""

    def __init__(self) -> None:
        self.pages: list[float] = []
        self.by_page: dict[str, list[float]] = {}
        self.api: list[float] = []
        self.errors: list[str] = []
        self.jobs_done: list[int] = []


async def _get(client: httpx.AsyncClient, url: str, tally: Tally, *, page: bool) -> httpx.Response:
    t0 = time.perf_counter()
    try:
        r = await client.get(url)
    except httpx.HTTPError as exc:
        tally.errors.append(f"GET {url}: {type(exc).__name__}")
        return httpx.Response(599)
    ms = (time.perf_counter() - t0) * 1000
    (tally.pages if page else tally.api).append(ms)
    if page:
        tally.by_page.setdefault(url.split("/")[1] or "/", []).append(ms)
    if r.status_code >= 400:
        tally.errors.append(f"GET {url}: {r.status_code}")
    return r


ACTIONS = ("index", "scenario", "history", "run", "job")
WEIGHTS = np.array([2, 3, 2, 3, 1], dtype=float) / 11
THINK_S = (1.0, 3.0)
"""Pause between a user's actions, uniform in seconds (as locust's ``between(1, 3)``)."""


async def _user(base: str, sha: str, token: str, until: float, seed: int, tally: Tally) -> None:
    rng = np.random.default_rng(seed)
    headers = {"X-CSRF-Token": token}
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await asyncio.sleep(float(rng.uniform(0, THINK_S[1])))  # users arrive spread out
        while time.monotonic() < until:
            action = ACTIONS[int(rng.choice(len(ACTIONS), p=WEIGHTS))]
            if action == "index":
                await _get(client, "/", tally, page=True)
            elif action == "scenario":
                await _get(client, f"/scenarios/{sha}", tally, page=True)
            elif action == "history":
                await _get(client, "/runs", tally, page=True)
            elif action == "run":
                runs = await _get(client, "/api/runs", tally, page=False)
                listed = runs.json() if runs.status_code == 200 else []
                if listed:
                    pick = listed[int(rng.integers(len(listed)))]["id"]
                    await _get(client, f"/runs/{pick}", tally, page=True)
            else:
                await _job(client, sha, headers, tally)
            await asyncio.sleep(float(rng.uniform(*THINK_S)))


async def _job(client: httpx.AsyncClient, sha: str, headers: dict[str, str], tally: Tally) -> None:
    t0 = time.perf_counter()
    body = {"scenario": sha, "kind": "run", "model": "median"}
    try:
        r = await client.post("/api/jobs", json=body, headers=headers)
    except httpx.HTTPError as exc:
        tally.errors.append(f"POST /api/jobs: {type(exc).__name__}")
        return
    tally.api.append((time.perf_counter() - t0) * 1000)
    if r.status_code != 202:
        tally.errors.append(f"POST /api/jobs: {r.status_code} {r.text[:80]}")
        return
    job_id = r.json()["id"]
    for _ in range(200):
        got = await _get(client, f"/api/jobs/{job_id}", tally, page=False)
        if got.status_code != 200:
            return
        job = got.json()
        if job["state"] == "done":
            tally.jobs_done.append(int(job["run_id"]))
            return
        if job["state"] == "failed":
            tally.errors.append(f"job failed: {job['message']}")
            return
        await asyncio.sleep(0.1)
    tally.errors.append(f"job {job_id} did not finish")


def _token(base: str) -> tuple[str, str]:
    with httpx.Client(base_url=base, timeout=30) as c:
        r = c.get("/scenarios/bundled/korea-2019-12", follow_redirects=False)
        sha = r.headers["location"].rsplit("/", 1)[-1]
        html = c.get("/").text
    start = html.index('name="csrf-token" content="') + len('name="csrf-token" content="')
    return sha, html[start : html.index('"', start)]


def _pct(xs: list[float], q: float) -> float:
    return float(np.percentile(xs, q)) if xs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="detente-load-"))
    store, port = folder / "store.sqlite", _free_port()
    proc = _start(store, port)
    base = f"http://127.0.0.1:{port}"
    try:
        sha, token = _token(base)
        tally = Tally()
        until = time.monotonic() + args.seconds

        async def crowd() -> None:
            users = [_user(base, sha, token, until, i, tally) for i in range(args.users)]
            await asyncio.gather(*users)

        t0 = time.perf_counter()
        asyncio.run(crowd())
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    with sqlite3.connect(store) as con:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        stored = {r[0] for r in con.execute("SELECT id FROM runs")}
    missing = [r for r in tally.jobs_done if r not in stored]
    requests = len(tally.pages) + len(tally.api)
    cores = os.cpu_count()
    print(f"load test: {args.users} users for {args.seconds:.0f} s on 127.0.0.1 ({cores} cores)")
    print(f"  requests          {requests:>8,}  ({requests / wall:.0f}/s)")
    p50, p95 = _pct(tally.pages, 50), _pct(tally.pages, 95)
    print(f"  pages  p50 / p95  {p50:>7.1f} / {p95:.1f} ms   goal p95 < {GOAL_P95_MS:.0f} ms")
    for name, xs in sorted(tally.by_page.items()):
        print(f"    /{name.strip('/'):<10} p50 / p95  {_pct(xs, 50):>7.1f} / {_pct(xs, 95):.1f} ms")
    print(f"  api    p50 / p95  {_pct(tally.api, 50):>7.1f} / {_pct(tally.api, 95):.1f} ms")
    print(f"  runs started and finished  {len(tally.jobs_done):,}")
    print(f"  errors            {len(tally.errors):>8}   goal 0")
    for e in tally.errors[:5]:
        print(f"    {e}")
    print(f"  store afterwards  integrity {integrity}; runs {len(stored):,}")
    print(f"  finished jobs missing from the store  {len(missing)}")


if __name__ == "__main__":
    main()
