"""The workbench's pages: scenarios, the editor, jobs with live progress, results, history, compare.

Each page is a Jinja template filled from the store; scripts on the pages call the JSON API
(:mod:`detente.web.api`) to validate, save and start jobs.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from detente.api import bundled_path, bundled_scenarios
from detente.errors import InputError
from detente.io import MAX_BYTES, dump_json, load
from detente.models import MODELS
from detente.store import RunRecord, diff_runs
from detente.web import views
from detente.web.app import form_token, page
from detente.web.deps import run_or_404, scenario_or_404, scenario_record_or_404, store_of
from detente.web.tasks import KINDS

__all__ = ["router", "run_context"]

router = APIRouter(include_in_schema=False)
UPLOAD_SUFFIXES = {".yaml", ".yml", ".json", ".csv", ".xml"}


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """Bundled and stored scenarios, and the upload form."""
    stored = store_of(request).scenarios()
    return page(request, "index.html.j2", {"bundled": list(bundled_scenarios()), "stored": stored})


@router.get("/scenarios/bundled/{name}")
def open_bundled(name: str, request: Request) -> RedirectResponse:
    """Put a bundled scenario in the store and open it."""
    if name not in bundled_scenarios():
        raise HTTPException(404, f"no bundled scenario {name!r}")
    sha = store_of(request).save_scenario(load(bundled_path(name)), label="bundled")
    return RedirectResponse(f"/scenarios/{sha}", status_code=303)


@router.post("/scenarios/upload", dependencies=[Depends(form_token)])
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> RedirectResponse:
    """Read an uploaded scenario file (any supported format), validate it, store it."""
    suffix = Path(file.filename or "").suffix.lower()
    shown = Path(file.filename or "upload").name  # messages name the user's file, not ours
    if suffix not in UPLOAD_SUFFIXES:
        raise HTTPException(
            400,
            f"{shown}: unsupported file type {suffix or '(none)'}; "
            f"use one of {', '.join(sorted(UPLOAD_SUFFIXES))}",
        )
    data = await file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise HTTPException(413, f"{shown}: file over the {MAX_BYTES // 1_000_000} MB limit")
    stem = re.sub(r"[^\w-]", "_", Path(shown).stem)[:80] or "upload"  # a table's id is its stem
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{stem}{suffix}"  # a safe name, only inside our own folder
        path.write_bytes(data)
        try:
            scenario = load(path)
        except InputError as exc:
            raise InputError([replace(p, file=shown) for p in exc.problems]) from None
    sha = store_of(request).save_scenario(scenario, label=f"uploaded {file.filename}"[:200])
    return RedirectResponse(f"/scenarios/{sha}", status_code=303)


@router.get("/scenarios/{sha}", response_class=HTMLResponse)
def scenario_page(sha: str, request: Request) -> HTMLResponse:
    """A scenario: its table, the run forms, and its history of runs."""
    s, record = scenario_or_404(request, sha), scenario_record_or_404(request, sha)
    full = store_of(request).scenarios(s.id)
    context = {
        "s": s,
        "record": record,
        "versions": full,
        "models": MODELS,
        "kinds": list(KINDS),
        "runs": store_of(request).runs(scenario=s.id, limit=100),
    }
    return page(request, "scenario.html.j2", context)


@router.get("/scenarios/{sha}/edit", response_class=HTMLResponse)
def editor(sha: str, request: Request) -> HTMLResponse:
    """The editor: actors × issues with positions, saliences, capabilities (validated live)."""
    s, record = scenario_or_404(request, sha), scenario_record_or_404(request, sha)
    doc = json.loads(dump_json(s))  # plain JSON types (dates as text), as the API takes them
    return page(request, "editor.html.j2", {"s": s, "record": record, "doc": doc})


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request) -> HTMLResponse:
    """A running job with its live progress bar."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} on this server")
    return page(request, "job.html.j2", {"job": job})


@router.get("/runs", response_class=HTMLResponse)
def history(request: Request, scenario: str | None = None) -> HTMLResponse:
    """Every stored run (or one scenario's), newest first, to open or compare."""
    runs = store_of(request).runs(scenario=scenario, limit=500)
    return page(request, "runs.html.j2", {"runs": runs, "scenario": scenario})


def run_context(request: Request, rec: RunRecord) -> dict[str, Any]:
    """What the results page (and its standalone copy) shows."""
    db = store_of(request)
    return {
        "rec": rec,
        "charts": views.charts(db, rec),
        "rows": views.forecast_rows(rec),
        "band": views.band_label(long=True),
        "scenario_sha": rec.scenario_sha256,
        "others": [r for r in db.runs(scenario=rec.scenario_id, limit=50) if r.id != rec.id]
        if rec.scenario_id
        else [],
        "standalone": False,
    }


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(run_id: int, request: Request) -> HTMLResponse:
    """A run's results: forecasts, charts, provenance and downloads."""
    return page(request, "run.html.j2", run_context(request, run_or_404(request, run_id)))


@router.get("/compare", response_class=HTMLResponse)
def compare(a: int, b: int, request: Request) -> HTMLResponse:
    """Two runs side by side: what changed in the inputs, what moved in the forecasts."""
    ra, rb = run_or_404(request, a), run_or_404(request, b)
    sa = scenario_or_404(request, ra.scenario_sha256) if ra.scenario_sha256 else None
    sb = scenario_or_404(request, rb.scenario_sha256) if rb.scenario_sha256 else None
    d = diff_runs(ra, rb, sa, sb)
    db = store_of(request)
    context = {
        "a": ra,
        "b": rb,
        "d": d,
        "charts_a": views.charts(db, ra),
        "charts_b": views.charts(db, rb),
    }
    return page(request, "compare.html.j2", context)
