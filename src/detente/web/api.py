"""The JSON API under ``/api``: scenarios, validation, jobs, runs, comparisons, downloads.

The pages use these same endpoints from their scripts; the OpenAPI schema is at
``/api/openapi.json`` (browsable at ``/api/docs``).
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from enum import StrEnum
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from detente.api import bundled_scenarios
from detente.errors import InputError
from detente.io.native import build, parse_json
from detente.models import MODELS
from detente.result import dumps_json
from detente.scenario import Scenario
from detente.store import diff_runs
from detente.web.deps import jobs_of, run_or_404, scenario_or_404, store_of
from detente.web.tasks import KINDS, JobSpec, run_task

__all__ = ["router"]


class ErrorBody(BaseModel):
    """Every error of the API: one clear message."""

    error: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "the input is not valid (the message says where and why)"),
        (403, "missing or wrong CSRF token"),
        (404, "no such scenario, run or job"),
        (405, "method not allowed"),
        (413, "request over the 10 MB limit"),
        (422, "a field of the request is out of range"),
        (429, "the server is running as many jobs as it takes"),
    )
}
router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)
MAX_SEED = 2**63 - 1


class Problem(BaseModel):
    """One validation problem, located as `detente validate` does."""

    where: str
    message: str
    text: str


class Validation(BaseModel):
    """The outcome of validating a scenario document."""

    ok: bool
    problems: list[Problem]
    actors: int = 0
    issues: int = 0


class ScenarioDoc(BaseModel):
    """A scenario as the native document, and the version it was edited from."""

    doc: dict[str, Any]
    parent: str | None = Field(None, max_length=64, pattern="^[0-9a-f]*$")
    label: str | None = Field(None, max_length=200)


class Saved(BaseModel):
    """Where a saved scenario can be found."""

    sha256: str
    scenario_id: str


class JobRequest(BaseModel):
    """A job: what to run on which stored scenario."""

    scenario: str = Field(..., min_length=6, max_length=64, pattern="^[0-9a-f]+$")
    kind: str = Field("run", description=f"one of: {', '.join(KINDS)}")
    model: str = Field("median", description="a registered model (GET /api/models)")
    params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    draws: int = Field(200, ge=1, description="draws, for sweeps (the server sets a maximum)")
    seed: int | None = Field(None, ge=0, le=MAX_SEED)
    issue: str | None = Field(None, max_length=200, description="for levers and sensitivity")
    target: float | None = Field(None, allow_inf_nan=False, description="for levers")
    method: str | None = Field(
        None,
        pattern="^(sobol|morris|oat|auto|spe|pure-nash|mixed-nash|pbe|qre)$",
        description="sensitivity method, or a game's solution method",
    )
    strategies: str | None = Field(None, max_length=500, description="negotiation: P=NAME,…")
    game: str | None = Field(None, max_length=100, description="game: a catalog game name")


class Format(StrEnum):
    """Download formats."""

    json = "json"
    csv = "csv"
    parquet = "parquet"
    html = "html"


_LINE = re.compile(r"^line \d+ \((.+)\)$")


def parse_doc(doc: dict[str, Any], name: str = "editor") -> Scenario:
    """Validate a native scenario document exactly as `detente validate` does a file.

    A problem names its field (``actors[2].capability``), not a line: the line would be one of
    a JSON text made here, which the editor's user never sees.
    """
    try:
        return build(parse_json(dumps_json(doc, indent=1), name))
    except InputError as exc:
        problems = [replace(p, where=_LINE.sub(r"\1", p.where)) for p in exc.problems]
        raise InputError(problems) from None


def validate_doc(doc: dict[str, Any]) -> Validation:
    """Every problem of ``doc``, located, or ok with its size."""
    try:
        s = parse_doc(doc)
    except InputError as exc:
        probs = [Problem(where=p.where, message=p.message, text=str(p)) for p in exc.problems]
        return Validation(ok=False, problems=probs)
    return Validation(ok=True, problems=[], actors=len(s.actors), issues=len(s.issues))


@router.get("/models")
def models() -> dict[str, dict[str, Any]]:
    """The registered forecast models."""
    return {
        name: {
            "stochastic": spec.stochastic,
            "random": spec.randomness,
            "summary": spec.summary,
            "citations": spec.citations,
        }
        for name, spec in MODELS.items()
    }


@router.get("/scenarios")
def scenarios(request: Request) -> dict[str, Any]:
    """Bundled scenario names and the stored scenario versions."""
    stored = [
        {
            "sha256": r.sha256,
            "scenario_id": r.scenario_id,
            "title": r.title,
            "created_at": r.created_at,
            "label": r.label,
            "parent": r.parent_sha256,
        }
        for r in store_of(request).scenarios()
    ]
    return {"bundled": list(bundled_scenarios()), "stored": stored}


@router.post("/scenarios/validate")
def validate(body: ScenarioDoc) -> Validation:
    """Validate a scenario document (as the editor does while you type)."""
    return validate_doc(body.doc)


@router.post("/scenarios", status_code=201)
def save_scenario(body: ScenarioDoc, request: Request) -> Saved:
    """Save a scenario document as a new version (refused, with every problem, if invalid)."""
    s = parse_doc(body.doc)
    sha = store_of(request).save_scenario(s, label=body.label, parent=body.parent)
    return Saved(sha256=sha, scenario_id=s.id)


@router.get("/scenarios/{sha}")
def scenario_doc(sha: str, request: Request) -> dict[str, Any]:
    """A stored scenario as the native document."""
    import json

    from detente.io import dump_json

    doc: dict[str, Any] = json.loads(dump_json(scenario_or_404(request, sha)))
    return doc


@router.post("/jobs", status_code=202)
def start_job(body: JobRequest, request: Request) -> dict[str, Any]:
    """Start a job in the background; poll ``GET /api/jobs/{id}`` for its progress."""
    if body.kind not in KINDS:
        raise HTTPException(
            422, f"kind: unknown job kind {body.kind!r} (known: {', '.join(KINDS)})"
        )
    if body.model not in MODELS:
        raise HTTPException(
            422, f"model: unknown model {body.model!r} (known: {', '.join(MODELS)})"
        )
    limit = request.app.state.max_draws
    if body.kind in ("sweep", "outlook") and body.draws > limit:
        raise HTTPException(422, f"draws: {body.draws:,} is over this server's limit of {limit:,}")
    db, scenario = store_of(request), scenario_or_404(request, body.scenario)
    options = {"issue": body.issue, "target": body.target, "method": body.method}
    options |= {"strategies": body.strategies, "game": body.game}
    spec = JobSpec(
        kind=body.kind,
        model=body.model,
        params=body.params,
        draws=body.draws,
        seed=body.seed,
        options={k: v for k, v in options.items() if v is not None},
    )
    from detente.web.views import warm

    job = jobs_of(request).submit(
        body.kind, spec.title, lambda p: warm(db, run_task(db, scenario, spec, p))
    )
    return job.to_dict()


@router.get("/jobs/{job_id}")
def job(job_id: str, request: Request) -> dict[str, Any]:
    """A job's state and progress; ``run_id`` once its run is saved."""
    found = jobs_of(request).get(job_id)
    if found is None:
        raise HTTPException(404, f"no job {job_id!r} on this server")
    return found.to_dict()


@router.get("/runs")
def runs(
    request: Request, scenario: str | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    """Stored runs, newest first (without their full results)."""
    return [r.to_dict() for r in store_of(request).runs(scenario=scenario, kind=kind, limit=500)]


@router.get("/runs/{run_id}")
def get_run(run_id: int, request: Request) -> dict[str, Any]:
    """One stored run with its full result."""
    return run_or_404(request, run_id).to_dict()


@router.get("/runs/{a}/diff/{b}")
def diff(a: int, b: int, request: Request) -> dict[str, Any]:
    """What changed from run ``a`` to run ``b``: settings, inputs, forecasts."""
    ra, rb = run_or_404(request, a), run_or_404(request, b)
    sa = scenario_or_404(request, ra.scenario_sha256) if ra.scenario_sha256 else None
    sb = scenario_or_404(request, rb.scenario_sha256) if rb.scenario_sha256 else None
    return diff_runs(ra, rb, sa, sb).to_dict()


_DOWNLOADS: dict[str, dict[str, Any]] = {
    "application/json": {},
    "text/csv": {},
    "application/vnd.apache.parquet": {},
    "text/html": {},
}


@router.get(
    "/runs/{run_id}/download/{fmt}",
    response_class=Response,
    responses={200: {"content": _DOWNLOADS, "description": "the run as a file"}},
)
def download(run_id: int, fmt: Format, request: Request) -> Response:
    """The run as JSON, CSV (one row per draw or per issue), Parquet, or a standalone HTML page."""
    from detente.web import views

    rec = run_or_404(request, run_id)
    name = f"detente-run-{rec.id}.{fmt.value}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt is Format.json:
        return Response(
            dumps_json(rec.to_dict(), indent=1), media_type="application/json", headers=headers
        )
    if fmt is Format.html:
        html = views.standalone_page(request, rec)
        return Response(html, media_type="text/html", headers=headers)
    frame = views.run_frame(rec)
    if fmt is Format.csv:
        return Response(frame.to_csv(index=False), media_type="text/csv", headers=headers)
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return Response(buf.getvalue(), media_type="application/vnd.apache.parquet", headers=headers)
