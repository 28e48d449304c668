"""The records the store hands back: a stored scenario, a run, and a run's Parquet artifact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Artifact", "RunRecord", "ScenarioRecord"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioRecord:
    """A stored scenario version: content hash, its id and title, when and from what it came."""

    sha256: str
    scenario_id: str
    title: str
    created_at: str
    label: str | None = None
    parent_sha256: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Artifact:
    """A file of per-draw rows kept beside the database, with its content hash."""

    name: str
    path: Path
    sha256: str
    bytes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRecord:
    """One stored run of any kind, with its provenance and (when asked for) its full result."""

    id: int
    kind: str
    created_at: str
    command: str
    version: str
    scenario_sha256: str | None = None
    scenario_id: str | None = None
    model: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None
    label: str | None = None
    duration_s: float | None = None
    started_at: str | None = None
    summary: Mapping[str, Any] | None = None
    result: Mapping[str, Any] | None = None
    artifacts: tuple[Artifact, ...] = ()

    def __repr__(self) -> str:
        what = self.model or self.kind
        on = self.scenario_id or (self.scenario_sha256 or "")[:12] or "-"
        return f"<RunRecord #{self.id} {self.kind} {what} on {on} at {self.created_at}>"

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready): every field, artifacts with their paths as text."""
        return {
            "id": self.id,
            "kind": self.kind,
            "created_at": self.created_at,
            "command": self.command,
            "version": self.version,
            "scenario": {"sha256": self.scenario_sha256, "id": self.scenario_id},
            "model": self.model,
            "params": dict(self.params),
            "seed": self.seed,
            "label": self.label,
            "duration_s": self.duration_s,
            "started_at": self.started_at,
            "summary": None if self.summary is None else dict(self.summary),
            "result": None if self.result is None else dict(self.result),
            "artifacts": [
                {"name": a.name, "path": str(a.path), "sha256": a.sha256, "bytes": a.bytes}
                for a in self.artifacts
            ],
        }
