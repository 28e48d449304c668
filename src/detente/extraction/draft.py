"""A draft scenario in detente's native YAML (stage 9), with empty slots for the analyst.

Extraction can say *who* the parties are, *what* they demand, *when* things happened and which
deadlines and red lines were stated; it cannot judge capability, position or salience.  Those
slots are written as ``null`` (YAML ``~``) so that ``detente validate`` rejects the draft until an
analyst fills them; every slot carries the evidence that should inform it.  Claims, positions and
undated events go under ``extra.extraction``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from detente.extraction.types import DeadlineRecord, Extraction

__all__ = ["draft_scenario", "draft_yaml", "parties"]

HEADER = (
    "# Draft scenario drafted by detente from news text.  Fill every null (capability,\n"
    "# position, salience; optionally status_quo) before use; validation rejects it until then.\n"
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "issue"


def parties(x: Extraction) -> list[str]:
    """Actor codes that act or are acted upon (events, positions, deadlines, red lines)."""
    codes: list[str] = []
    for e in x.events:
        codes += [*e.source, *e.target]
    codes += [p.holder for p in x.positions] + [p.target for p in x.positions]
    codes += [d.set_by for d in x.deadlines] + [r.holder for r in x.red_lines]
    ordered = [a.id for a in x.actors if a.id in set(codes)]
    return ordered or [a.id for a in x.actors[:2]]


def _evidence(x: Extraction, span: tuple[int, int]) -> str:
    return f"chars {span[0]}-{span[1]}: {x.text[span[0] : span[1]]}"


def _issues(x: Extraction) -> list[dict[str, Any]]:
    labels = list(dict.fromkeys(p.issue for p in x.positions if p.issue))
    if not labels:
        labels = ["main issue (to be defined)"]
    out = []
    for label in labels:
        ev = [_evidence(x, p.char_span) for p in x.positions if p.issue == label]
        out.append(
            {
                "id": _slug(label),
                "label": label,
                "scale": {"min": 0, "max": 100},
                "low_label": "",
                "high_label": "",
                "status_quo": None,
                "status_quo_rationale": " | ".join(ev[:3]),
            }
        )
    return out


def _actor(x: Extraction, code: str, issue_ids: list[str], labels: list[str]) -> dict[str, Any]:
    rec = next((a for a in x.actors if a.id == code), None)
    stances = {}
    for iid, label in zip(issue_ids, labels, strict=True):
        ev = [
            _evidence(x, p.char_span) for p in x.positions if p.holder == code and p.issue == label
        ]
        stances[iid] = {
            "position": None,
            "salience": None,
            "position_rationale": " | ".join(ev[:3]),
            "salience_rationale": "",
        }
    return {
        "id": code,
        "name": rec.name if rec else code,
        "capability": None,
        "capability_rationale": "",
        "aliases": list(rec.aliases) if rec else [],
        "description": "",
        "positions": stances,
    }


def _events(x: Extraction) -> list[dict[str, Any]]:
    out = []
    for e in x.events:
        if e.date.date is None or e.same_as:  # one row per event, not per mention
            continue
        out.append(
            {
                "date": e.date.date,
                "actor": e.source[0],
                "target": e.target[0] if e.target else "",
                "type": e.plover,
                "mode": e.mode,
                "description": f"{e.plover} ({e.trigger}); date from '{e.date.text}' "
                f"({e.date.type}, {e.date.granularity})",
                "source": "article",
                "evidence": _evidence(x, e.char_span),
                "confidence": e.confidence,
            }
        )
    return out


def _plain(obj: Any) -> Any:
    return json.loads(json.dumps(obj))


def _deadline(d: DeadlineRecord) -> dict[str, Any]:
    return {
        "id": d.id,
        "date": d.date.date,
        "set_by": d.set_by,
        "description": d.description,
        "source": "article",
    }


def _extra(x: Extraction, codes: list[str]) -> dict[str, Any]:
    data = x.to_dict()
    return {
        "schema": data["schema"],
        "document": _plain(data["document"]),
        "stakeholders": [a.id for a in x.actors if a.id not in codes],
        "positions": _plain(data["positions"]),
        "claims": _plain(data["claims"]),
        "undated_events": _plain([e for e in data["events"] if not e["date"]["value"]]),
    }


def draft_scenario(x: Extraction, *, title: str = "", scenario_id: str = "") -> dict[str, Any]:
    """The draft as a native scenario mapping (``null`` where an analyst must judge)."""
    issues = _issues(x)
    codes = parties(x)
    ids, labels = [i["id"] for i in issues], [i["label"] for i in issues]
    return {
        "id": scenario_id or f"draft-{x.document.get('id', 'article')}",
        "title": title or f"Draft from an article of {x.pub_date.isoformat()}",
        "as_of": x.pub_date,
        "description": "Drafted by detente from one article; every null is an "
        "analyst's judgement still to be made.",
        "notes": "Unfilled slots: actors[*].capability, actors[*].positions[*].position and "
        ".salience (status_quo optional).  Evidence spans are character offsets into the "
        "cleaned article text.",
        "sources": [{"key": "article", "citation": f"article published {x.pub_date}", "url": ""}],
        "issues": issues,
        "actors": [_actor(x, c, ids, labels) for c in codes],
        "deadlines": [_deadline(d) for d in x.deadlines],
        "red_lines": [
            {"id": r.id, "holder": r.holder, "description": r.description, "source": "article"}
            for r in x.red_lines
        ],
        "events": _events(x),
        "extra": {"extraction": _extra(x, codes)},
    }


def draft_yaml(x: Extraction, *, title: str = "", scenario_id: str = "") -> str:
    """The draft scenario as YAML text, with a header naming the slots to fill."""
    body = yaml.safe_dump(
        draft_scenario(x, title=title, scenario_id=scenario_id),
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return HEADER + body
