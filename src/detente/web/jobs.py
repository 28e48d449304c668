"""Background jobs of the workbench: a bounded queue, live progress, results saved to the store.

A job is a function ``task(progress) -> Saved`` run on a worker thread; ``progress(done, total)``
updates what ``GET /api/jobs/{id}`` reports.  The manager refuses work beyond its limits (jobs
waiting or running at once, draws per job) with a clear message instead of queueing without end.
Numerical work is NumPy, which releases the GIL in its kernels, so two worker threads keep both
cores of a small machine busy while the server stays responsive.
"""

from __future__ import annotations

import threading
import time
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from detente.errors import DetenteError, SettingError

__all__ = ["FIELDS", "Job", "JobLimitError", "JobManager", "JobState", "Progress", "user_message"]

Progress = Callable[[int, int], None]


class JobState(StrEnum):
    """Where a job is: waiting, running, done (its run is saved) or failed (with a message)."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


FIELDS = {"lam": "lambda"}
"""Library settings whose workbench field has another name (the others share the setting's)."""


def user_message(exc: DetenteError) -> str:
    """The one line a workbench user sees: a setting is named by its form field, never a flag."""
    if isinstance(exc, SettingError):
        return exc.labelled(lambda setting: FIELDS.get(setting, setting))
    return str(exc)


class JobLimitError(DetenteError):
    """A job the server will not take (too many at once, or too large)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """A snapshot of one job."""

    id: str
    kind: str
    title: str
    state: JobState = JobState.QUEUED
    done: int = 0
    total: int = 0
    message: str = ""
    run_id: int | None = None
    started: float = 0.0
    finished: float = 0.0

    @property
    def fraction(self) -> float:
        """Share of the work done, 0–1 (1 once finished)."""
        if self.state in (JobState.DONE, JobState.FAILED):
            return 1.0
        return self.done / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form served by the API."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "state": self.state.value,
            "done": self.done,
            "total": self.total,
            "fraction": round(self.fraction, 4),
            "message": self.message,
            "run_id": self.run_id,
            "seconds": round((self.finished or time.time()) - self.started, 2)
            if self.started
            else 0.0,
        }


class JobManager:
    """Runs jobs on ``workers`` threads; at most ``max_jobs`` waiting or running at once."""

    def __init__(self, *, workers: int = 2, max_jobs: int = 8) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="detente-job")
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self.max_jobs = max_jobs

    def submit(self, kind: str, title: str, task: Callable[[Progress], int]) -> Job:
        """Queue ``task`` (which returns the id of the run it saved); refuse beyond the limit."""
        with self._lock:
            active = [
                j for j in self._jobs.values() if j.state in (JobState.QUEUED, JobState.RUNNING)
            ]
            if len(active) >= self.max_jobs:
                raise JobLimitError(
                    f"the server is already running {len(active)} jobs (limit {self.max_jobs}); "
                    "wait for one to finish"
                )
            job = Job(id=uuid.uuid4().hex[:12], kind=kind, title=title)
            self._jobs[job.id] = job
        self._pool.submit(self._run, job.id, task)
        return job

    def get(self, job_id: str) -> Job | None:
        """The job's current snapshot, or None if unknown."""
        with self._lock:
            return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        """Every job this server has seen, newest first."""
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.started or time.time(), reverse=True)

    def shutdown(self) -> None:
        """Stop taking jobs; wait for the running ones."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _run(self, job_id: str, task: Callable[[Progress], int]) -> None:
        self._update(job_id, state=JobState.RUNNING, started=time.time())

        def progress(done: int, total: int) -> None:
            self._update(job_id, done=int(done), total=int(total))

        try:
            run_id = task(progress)
        except DetenteError as exc:
            message = user_message(exc)
            self._update(job_id, state=JobState.FAILED, message=message, finished=time.time())
        except Exception as exc:  # a bug: keep the server up, say so, log the traceback
            traceback.print_exc()
            msg = f"internal error ({type(exc).__name__}); the server log has the details"
            self._update(job_id, state=JobState.FAILED, message=msg, finished=time.time())
        else:
            self._update(job_id, state=JobState.DONE, run_id=run_id, finished=time.time())
