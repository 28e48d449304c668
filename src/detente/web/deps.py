"""What every route needs from the app: its store and job manager, and records by id or 404."""

from __future__ import annotations

from fastapi import HTTPException, Request

from detente.scenario import Scenario
from detente.store import RunRecord, ScenarioRecord, Store, StoreError
from detente.web.jobs import JobManager

__all__ = [
    "jobs_of",
    "run_or_404",
    "scenario_or_404",
    "scenario_record_or_404",
    "store_of",
]


def store_of(request: Request) -> Store:
    """The app's store."""
    db: Store = request.app.state.store
    return db


def jobs_of(request: Request) -> JobManager:
    """The app's job manager."""
    jobs: JobManager = request.app.state.jobs
    return jobs


def scenario_or_404(request: Request, sha: str) -> Scenario:
    """The stored scenario whose hash starts with ``sha``, or a 404."""
    try:
        return store_of(request).scenario(sha)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from None


def scenario_record_or_404(request: Request, sha: str) -> ScenarioRecord:
    """The record of the stored scenario whose hash starts with ``sha``, or a 404."""
    try:
        return store_of(request).scenario_record(sha)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from None


def run_or_404(request: Request, run_id: int) -> RunRecord:
    """Stored run ``run_id``, or a 404."""
    try:
        return store_of(request).get(run_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from None
